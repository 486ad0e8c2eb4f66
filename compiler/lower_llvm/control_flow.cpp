// Control flow (FunctionLowering, see lowering.h): branches, switches and phis.
//
// Blocks are laid out in the function's order, so a jump to the next block is
// dropped. A phi becomes copies on each incoming edge, sequentialised where they form
// a cycle: a jump does them before it jumps, a conditional branch or a switch case
// goes to an edge stub (emitted after the blocks) that does them and jumps on. A
// compare used only by its block's branch becomes a compare-and-branch. A switch is a
// chain of br_eq (64-bit: the high word, then the low).
//
// Computed goto (GNU C's `&&label` and `goto *p`): the address of a label (LLVM's
// blockaddress) is a small number, one per block whose address is taken, unique in the
// program (ProgramLowering::block_address), and `goto *p` (indirectbr) a chain of br_eq
// over the labels it may reach; an address that is none of them (undefined behaviour
// in C) traps.
#include "compiler/lower_llvm/lowering.h"

#include "compiler/peephole.h"

namespace c2w::compiler::lower_llvm {

namespace {

// The branch taken when the comparison `compare` holds.
Opcode branch_for(Opcode compare) {
  switch (compare) {
    case Opcode::Eq: return Opcode::BrEq;
    case Opcode::Ne: return Opcode::BrNe;
    case Opcode::LtS: return Opcode::BrLtS;
    case Opcode::LeS: return Opcode::BrLeS;
    case Opcode::LtU: return Opcode::BrLtU;
    default: return Opcode::BrLeU;
  }
}

}  // namespace

uint32_t FunctionLowering::edge_label(const llvm::BasicBlock* from, const llvm::BasicBlock* to) {
  if (!llvm::isa<llvm::PHINode>(to->front())) return block_label(to);
  uint32_t label = new_label();
  edge_stubs_.push_back({label, from, to});
  return label;
}

// The phi copies of one CFG edge, as a parallel copy sequentialised with a scratch
// word where the copies form a cycle.
void FunctionLowering::emit_phi_copies(const llvm::BasicBlock* from, const llvm::BasicBlock* to) {
  std::vector<std::pair<Operand, Operand>> copies;  // (dst, src)
  for (const llvm::PHINode& phi : to->phis()) {
    Words d = get(&phi), s = get(phi.getIncomingValueForBlock(from));
    for (size_t k = 0; k < d.size() && k < s.size(); ++k)
      if (d[k] != s[k]) copies.push_back({d[k], s[k]});
  }
  Operand scratch;
  while (!copies.empty()) {
    bool progressed = false;
    for (size_t k = 0; k < copies.size(); ++k) {
      bool dst_is_read = false;
      for (size_t j = 0; j < copies.size(); ++j)
        dst_is_read = dst_is_read || (j != k && copies[j].second == copies[k].first);
      if (dst_is_read) continue;
      emit(Opcode::Mov, copies[k].first, copies[k].second);
      copies.erase(copies.begin() + static_cast<long>(k));
      progressed = true;
      break;
    }
    if (progressed) continue;
    // Every destination is still to be read: save one and redirect its readers.
    if (scratch.is_none()) scratch = new_slot();
    Operand saved = copies.front().first;
    emit(Opcode::Mov, scratch, saved);
    for (auto& c : copies)
      if (c.second == saved) c.second = scratch;
  }
}

void FunctionLowering::jump_to(const llvm::BasicBlock* from, const llvm::BasicBlock* to,
                               const llvm::BasicBlock* next) {
  emit_phi_copies(from, to);
  if (to != next) emit(Opcode::Jmp, {}, {}, {}, {}, block_label(to));
}

void FunctionLowering::lower_branch(const llvm::BranchInst& br, const llvm::BasicBlock* next) {
  const llvm::BasicBlock* from = br.getParent();
  if (br.isUnconditional()) return jump_to(from, br.getSuccessor(0), next);
  Opcode op = Opcode::BrNe;
  Operand x, y = Operand::imm(0);
  const auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(br.getCondition());
  if (cmp && fused_compares_.count(cmp)) {
    llvm::Type* t = cmp->getOperand(0)->getType();
    Opcode compare;
    compare_operands(cmp->getPredicate(), t->isPointerTy() ? 32 : t->getIntegerBitWidth(),
                     word(cmp->getOperand(0)), word(cmp->getOperand(1)), compare, x, y);
    op = branch_for(compare);
  } else {
    x = word(br.getCondition());
  }
  const llvm::BasicBlock* yes = br.getSuccessor(0);
  const llvm::BasicBlock* no = br.getSuccessor(1);
  bool no_phis_yes = !llvm::isa<llvm::PHINode>(yes->front()),
       no_phis_no = !llvm::isa<llvm::PHINode>(no->front());
  if (yes == next && no_phis_yes) {
    op = inverted_branch(op, x, y);
    emit(op, {}, x, y, {}, edge_label(from, no));
    return;
  }
  emit(op, {}, x, y, {}, edge_label(from, yes));
  if (no_phis_no) {
    if (no != next) emit(Opcode::Jmp, {}, {}, {}, {}, block_label(no));
  } else {
    jump_to(from, no, next);
  }
}

void FunctionLowering::lower_switch(const llvm::SwitchInst& sw, const llvm::BasicBlock* next) {
  const llvm::BasicBlock* from = sw.getParent();
  if (sw.getCondition()->getType()->getIntegerBitWidth() > 64) {
    // Every word from the top down must match; the lowest then branches to the case.
    Words x = get(sw.getCondition());
    for (const auto& c : sw.cases()) {
      const llvm::APInt& v = c.getCaseValue()->getValue();
      auto word_of = [&](size_t k) {
        unsigned take = std::min(32u, v.getBitWidth() - 32 * static_cast<unsigned>(k));
        return Operand::imm(
            static_cast<uint32_t>(v.extractBitsAsZExtValue(take, 32 * static_cast<unsigned>(k))));
      };
      uint32_t skip = new_label();
      for (size_t k = x.size() - 1; k > 0; --k) emit(Opcode::BrNe, {}, x[k], word_of(k), {}, skip);
      emit(Opcode::BrEq, {}, x[0], word_of(0), {}, edge_label(from, c.getCaseSuccessor()));
      place_label(skip);
    }
    return jump_to(from, sw.getDefaultDest(), next);
  }
  if (sw.getCondition()->getType()->getIntegerBitWidth() > 32) {
    // Compare both words: a case matches when the high word matches and then the low.
    Words x = get(sw.getCondition());
    for (const auto& c : sw.cases()) {
      uint64_t v = c.getCaseValue()->getZExtValue();
      uint32_t skip = new_label();
      emit(Opcode::BrNe, {}, x[1], Operand::imm(static_cast<uint32_t>(v >> 32)), {}, skip);
      emit(Opcode::BrEq, {}, x[0], Operand::imm(static_cast<uint32_t>(v)), {},
           edge_label(from, c.getCaseSuccessor()));
      place_label(skip);
    }
    return jump_to(from, sw.getDefaultDest(), next);
  }
  Operand x = word(sw.getCondition());
  for (const auto& c : sw.cases())
    emit(Opcode::BrEq, {}, x, Operand::imm(static_cast<uint32_t>(c.getCaseValue()->getZExtValue())), {},
         edge_label(from, c.getCaseSuccessor()));
  jump_to(from, sw.getDefaultDest(), next);
}

void FunctionLowering::lower_indirect_branch(const llvm::IndirectBrInst& br) {
  const llvm::BasicBlock* from = br.getParent();
  Operand address = word(br.getAddress());
  std::vector<const llvm::BasicBlock*> seen;
  for (const llvm::BasicBlock* to : br.successors()) {
    if (std::find(seen.begin(), seen.end(), to) != seen.end()) continue;
    seen.push_back(to);
    emit(Opcode::BrEq, {}, address, Operand::imm(program_.block_address(to)), {}, edge_label(from, to));
  }
  emit(Opcode::Trap);
}

}  // namespace c2w::compiler::lower_llvm
