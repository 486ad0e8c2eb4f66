// A function (FunctionLowering::run, see lowering.h): its frame, prologue and blocks.
//
// Parameters sit where the caller wrote them (i386 cdecl; a variadic function
// reserves room after them for the variable arguments), then the static allocas at
// fixed offsets (the others go on the dynamic stack, dynamic_stack.cpp), then one word per value, handed out
// as instructions are lowered (lowered_program.h has the frame). The prologue takes the addresses of allocas
// and by-value parameters; the blocks follow in order, then the phi-copy edge stubs; last, branch labels
// become local pcs.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>

#include <algorithm>

#include "support/errors.h"

namespace c2w::compiler::lower_llvm {

void FunctionLowering::lower_instruction(const llvm::Instruction& i) {
  using llvm::Instruction;
  set_location(i);
  if (i.use_empty() && !i.mayHaveSideEffects() && !i.isTerminator() && !llvm::isa<llvm::CallBase>(i)) return;
  if (const auto* b = llvm::dyn_cast<llvm::BinaryOperator>(&i)) return lower_binary(*b);
  if (const auto* c = llvm::dyn_cast<llvm::ICmpInst>(&i)) return lower_icmp(*c);
  if (const auto* c = llvm::dyn_cast<llvm::CastInst>(&i)) return lower_cast(*c);
  switch (i.getOpcode()) {
    case Instruction::Load: return lower_load(llvm::cast<llvm::LoadInst>(i));
    case Instruction::Store: return lower_store(llvm::cast<llvm::StoreInst>(i));
    case Instruction::GetElementPtr: return lower_gep(llvm::cast<llvm::GetElementPtrInst>(i));
    case Instruction::Call: return lower_call(llvm::cast<llvm::CallBase>(i));
    case Instruction::Alloca:  // a static one's address is taken in the prologue
      if (!alloca_offsets_.count(&i)) return lower_dynamic_alloca(llvm::cast<llvm::AllocaInst>(i));
      return;
    case Instruction::PHI:
    case Instruction::ExtractValue:
    case Instruction::Freeze: return;  // phis get their values on the edges, the rest share words
    case Instruction::Select: {
      Words c = get(i.getOperand(0)), a = get(i.getOperand(1)), b = get(i.getOperand(2)), d = get(&i);
      for (size_t k = 0; k < d.size(); ++k) emit(Opcode::Select, d[k], c[0], a[k], b[k]);
      return;
    }
    case Instruction::Ret: {
      const auto& ret = llvm::cast<llvm::ReturnInst>(i);
      Words v = ret.getReturnValue() ? get(ret.getReturnValue()) : Words{};
      if (v.size() > 2)
        return error(
            "returning a value of more than 64 bits (an aggregate, or a wide integer) is not supported");
      restore_dynamic_stack_pointer();
      return emit(Opcode::Ret, {}, v.size() > 0 ? v[0] : Operand(), v.size() > 1 ? v[1] : Operand());
    }
    case Instruction::Unreachable: return emit(Opcode::Trap);
    case Instruction::Fence: return;  // one thread: nothing to order
    case Instruction::AtomicRMW: return lower_atomic_rmw(llvm::cast<llvm::AtomicRMWInst>(i));
    case Instruction::AtomicCmpXchg: return lower_cmpxchg(llvm::cast<llvm::AtomicCmpXchgInst>(i));
    case Instruction::FNeg:
    case Instruction::FCmp: return error("floating point is not supported by c2w");
    default: return error(std::string("unsupported LLVM instruction '") + i.getOpcodeName() + "'");
  }
}

void FunctionLowering::lower_block(const llvm::BasicBlock& bb, const llvm::BasicBlock* next) {
  place_label(block_label(&bb));
  for (const llvm::Instruction& i : bb) {
    if (i.isTerminator()) {
      set_location(i);
      if (const auto* br = llvm::dyn_cast<llvm::BranchInst>(&i))
        lower_branch(*br, next);
      else if (const auto* sw = llvm::dyn_cast<llvm::SwitchInst>(&i))
        lower_switch(*sw, next);
      else if (const auto* ib = llvm::dyn_cast<llvm::IndirectBrInst>(&i))
        lower_indirect_branch(*ib);
      else
        lower_instruction(i);
      continue;
    }
    lower_instruction(i);
  }
}

LoweredFunction FunctionLowering::run() {
  using namespace llvm;
  // Parameters, in the i386 cdecl layout.
  std::vector<std::pair<const Argument*, uint32_t>> byval_params;
  for (const Argument& a : f_.args()) {
    if (a.hasByValAttr()) {
      byval_params.push_back({&a, parameter_bytes_});
      parameter_bytes_ += align_to(static_cast<uint32_t>(dl_.getTypeAllocSize(a.getParamByValType())), 4);
      continue;
    }
    Words w;
    for (unsigned k = 0; k < word_count(a.getType()); ++k) {
      w.push_back(Operand::slot(static_cast<int32_t>(parameter_bytes_)));
      parameter_bytes_ += 4;
    }
    values_[&a] = w;
  }
  frame_top_ = parameter_bytes_ + (f_.isVarArg() ? program_.variadic_argument_bytes() : 0);
  // Static allocas get fixed frame offsets.
  for (const Instruction& i : f_.getEntryBlock()) {
    const auto* alloca = dyn_cast<AllocaInst>(&i);
    if (!alloca || !is_static_alloca(*alloca)) continue;
    const auto* count = cast<ConstantInt>(alloca->getArraySize());
    uint32_t align = std::max<uint32_t>(4, alloca->getAlign().value());
    frame_top_ = align_to(frame_top_, std::min<uint32_t>(align, 8));
    alloca_offsets_[alloca] = frame_top_;
    frame_top_ += align_to(
        static_cast<uint32_t>(dl_.getTypeAllocSize(alloca->getAllocatedType()) * count->getZExtValue()), 4);
  }
  // The word arrays of multiword_arithmetic.cpp's libc calls: three of the widest such
  // operation, reused by every call (the callee reads them through pointers, so they
  // stay out of the value words that allocate_frame_slots shares).
  unsigned scratch_words = 0;
  for (const BasicBlock& bb : f_)
    for (const Instruction& i : bb) scratch_words = std::max(scratch_words, multiword_routine_words(i));
  if (scratch_words) {
    multiword_scratch_ = frame_top_;
    multiword_scratch_words_ = scratch_words;
    frame_top_ += 3 * 4 * scratch_words;
  }
  const uint32_t values_base = align_to(frame_top_, 4);
  frame_top_ = values_base;
  // Compares used only by the branch that ends their block become compare-and-branch.
  for (const BasicBlock& bb : f_) {
    const auto* br = dyn_cast<BranchInst>(bb.getTerminator());
    if (!br || br->isUnconditional()) continue;
    const auto* cmp = dyn_cast<ICmpInst>(br->getCondition());
    if (!cmp || !cmp->hasOneUse() || cmp->getParent() != &bb) continue;
    Type* t = cmp->getOperand(0)->getType();
    if (t->isIntegerTy() && t->getIntegerBitWidth() > 32) continue;
    fused_compares_[cmp] = true;
  }
  for (const BasicBlock& bb : f_) block_labels_[&bb] = new_label();

  // Prologue: addresses of allocas and by-value parameters.
  if (!f_.empty()) set_location(*f_.getEntryBlock().getFirstNonPHIOrDbg());
  for (const auto& [a, offset] : byval_params) {
    Operand s = new_slot();
    values_[a] = {s};
    emit(Opcode::Lea, s, Operand::imm(offset));
    alloca_offsets_[a] = offset;
  }
  // Slots for the allocas' addresses, in frame-offset order (not the map's
  // pointer-hash order): the same program must always compile to the same code.
  std::vector<std::pair<uint32_t, const Value*>> allocas;
  for (const auto& [v, offset] : alloca_offsets_)
    if (!llvm::isa<Argument>(v)) allocas.push_back({offset, v});
  std::sort(allocas.begin(), allocas.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [offset, v] : allocas) {
    Operand s = new_slot();
    values_[v] = {s};
  }
  for (const Instruction& i : f_.getEntryBlock()) {  // deterministic order
    if (!llvm::isa<AllocaInst>(i) || !alloca_offsets_.count(&i) || i.use_empty()) continue;
    emit(Opcode::Lea, values_[&i][0], Operand::imm(alloca_offsets_[&i]));
  }
  if (uses_dynamic_stack(f_)) save_dynamic_stack_pointer();

  std::vector<const BasicBlock*> blocks;
  for (const BasicBlock& bb : f_) blocks.push_back(&bb);
  for (size_t k = 0; k < blocks.size(); ++k)
    lower_block(*blocks[k], k + 1 < blocks.size() ? blocks[k + 1] : nullptr);
  for (size_t k = 0; k < edge_stubs_.size(); ++k) {  // may grow? no: stubs only jump
    EdgeStub stub = edge_stubs_[k];
    set_location(*stub.from->getTerminator());
    place_label(stub.label);
    emit_phi_copies(stub.from, stub.to);
    emit(Opcode::Jmp, {}, {}, {}, {}, block_label(stub.to));
  }
  emit_unwind_path();

  // Branch labels become local pcs. The value words [values_base, frame_top_) are
  // shared and the outgoing area placed after them later (allocate_frame_slots.h).
  for (isa::Instruction& ins : code_) {
    if (ins.op == Opcode::Jmp || isa::is_branch(ins.op)) {
      C2W_CHECK(ins.target < label_pc_.size() && label_pc_[ins.target] >= 0, "unplaced label");
      ins.target = static_cast<uint32_t>(label_pc_[ins.target]);
    }
  }
  LoweredFunction lf;
  lf.name = f_.getName().str();
  lf.code = std::move(code_);
  lf.locations = std::move(locations_);
  lf.relocations = std::move(relocations_);
  lf.values_begin = values_base;
  lf.values_end = frame_top_;
  lf.outgoing_size = max_outgoing_;
  return lf;
}

}  // namespace c2w::compiler::lower_llvm
