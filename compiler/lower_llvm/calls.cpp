// Calls (FunctionLowering, see lowering.h).
//
// Arguments are written into the caller's outgoing area in the i386 cdecl layout
// (by-value structs copied in, 4-byte aligned), whose slots are marked with
// kOutgoingMark until the frame is laid out; the callee's frame starts there. A
// direct call's target is a relocation. The libc's __c2w_getc, putc, halt and trap
// are the machine's own instructions, __c2w_heap_base and heap_end constants; the
// lowering calls libc routines itself (call_runtime) for what the machine lacks.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/InlineAsm.h>

#include "support/errors.h"

namespace c2w::compiler::lower_llvm {

void FunctionLowering::emit_call(const llvm::Function* callee, Operand indirect_target,
                                 const std::vector<Words>& args, const std::vector<uint32_t>& byval_sizes,
                                 Operand dst, bool variadic, uint32_t named_arguments) {
  uint32_t rel = 0, named_bytes = 0;
  for (size_t k = 0; k < args.size(); ++k) {
    if (k == named_arguments) named_bytes = rel;
    if (byval_sizes[k]) {
      // A by-value struct: copy its bytes into the parameter area (4-byte aligned).
      Pointer src = {Pointer::Register, args[k][0], 0};
      Pointer out = {Pointer::Frame, {}, kOutgoingMark + static_cast<int64_t>(rel)};
      uint64_t size = byval_sizes[k];
      for (uint64_t b = 0; b < size;) {
        unsigned n =
            size - b >= 4 ? 4 : 1;  // tail bytes one at a time; their zero padding is overwritten next
        Operand slot = Operand::slot(static_cast<int32_t>(out.offset + b));
        load_bytes(slot, src, static_cast<int64_t>(b), n);
        b += n;
      }
      rel += align_to(byval_sizes[k], 4);
      max_outgoing_ = std::max(max_outgoing_, rel + 4);
      continue;
    }
    for (const Operand& w : args[k]) {
      emit(Opcode::Mov, Operand::slot(kOutgoingMark + static_cast<int32_t>(rel)), w);
      rel += 4;
    }
  }
  max_outgoing_ = std::max(max_outgoing_, rel);
  if (named_arguments >= args.size()) named_bytes = rel;
  const uint32_t room = program_.variadic_argument_bytes();
  if (variadic && rel > named_bytes + room)
    error("too many variable arguments in one call (at most " + std::to_string(room / 4) +
          " words after the named parameters)");
  if (callee) {
    emit(Opcode::Call, dst, Operand::imm(kOutgoingMark));
    relocations_.push_back({static_cast<uint32_t>(code_.size() - 1), 4, program_.request(callee)});
  } else {
    emit(Opcode::CallI, dst, indirect_target, Operand::imm(kOutgoingMark));
  }
}

void FunctionLowering::call_runtime(const char* name, const std::vector<Words>& args, const Words& dst) {
  const llvm::Function* f = program_.module().getFunction(name);
  if (!f || f->isDeclaration()) {
    error(std::string("the c2w libc lacks the runtime routine '") + name + "'");
    return;
  }
  std::vector<uint32_t> no_byval(args.size(), 0);
  emit_call(f, {}, args, no_byval, dst.empty() ? Operand() : dst[0]);
  // A call's destination is consecutive words; copy when dst is not.
  if (dst.size() == 2 && !(dst[1].kind == OperandKind::Slot && dst[0].kind == OperandKind::Slot &&
                           dst[1].value == dst[0].value + 4))
    C2W_INTERNAL_ERROR("runtime call result words are not consecutive");
}

// An empty asm statement does nothing when it runs: a compiler barrier
// (asm volatile("" ::: "memory")), or one that hides a value from the optimiser
// (asm("" : "+r"(x)), asm("" :: "r"(x)), "+m" operands). A register output tied to an
// input keeps that input's value; any other output, or a non-empty template, is an error.
void FunctionLowering::lower_empty_asm(const llvm::CallBase& call) {
  const auto* code = llvm::cast<llvm::InlineAsm>(call.getCalledOperand());
  if (!llvm::StringRef(code->getAsmString()).trim().empty())
    return error("inline assembly is not supported by c2w (only an empty asm statement, a compiler barrier)");
  if (call.getType()->isVoidTy()) return;
  // Arguments are the indirect (memory) outputs and the inputs, in constraint order.
  llvm::InlineAsm::ConstraintInfoVector constraints = code->ParseConstraints();
  std::vector<int> argument_of(constraints.size(), -1);
  int arguments = 0, output = -1, outputs = 0;
  for (size_t i = 0; i < constraints.size(); ++i) {
    const llvm::InlineAsm::ConstraintInfo& c = constraints[i];
    if (c.Type == llvm::InlineAsm::isInput || (c.Type == llvm::InlineAsm::isOutput && c.isIndirect))
      argument_of[i] = arguments++;
    else if (c.Type == llvm::InlineAsm::isOutput)
      output = static_cast<int>(i), ++outputs;
  }
  if (outputs != 1 || call.getType()->isStructTy() || !constraints[output].hasMatchingInput() ||
      argument_of[constraints[output].MatchingInput] < 0)
    return error(
        "an empty asm statement's output must be tied to an input (\"+r\"): its value is otherwise "
        "undefined");
  Words from = get(call.getArgOperand(argument_of[constraints[output].MatchingInput]));
  Words to = get(&call);
  for (size_t k = 0; k < to.size() && k < from.size(); ++k) emit(Opcode::Mov, to[k], from[k]);
}

void FunctionLowering::lower_call(const llvm::CallBase& call) {
  if (call.isInlineAsm()) return lower_empty_asm(call);
  // A call through a cast of a function (an implicitly declared or unprototyped
  // function, called with other types than its definition's) is a direct call.
  const auto* callee = llvm::dyn_cast<llvm::Function>(call.getCalledOperand()->stripPointerCasts());
  if (callee && callee->isIntrinsic()) return lower_intrinsic(call, callee->getIntrinsicID());
  Words dst = call.getType()->isVoidTy() ? Words{} : get(&call);
  if (callee) {
    llvm::StringRef name = callee->getName();
    auto arg = [&](unsigned k) { return word(call.getArgOperand(k)); };
    if (name == "__c2w_getc") return emit(Opcode::GetC, dst[0]);
    if (name == "__c2w_putc") return emit(Opcode::PutC, {}, arg(0));
    if (name == "__c2w_halt") return emit(Opcode::Halt, {}, arg(0));
    if (name == "__c2w_trap") return emit(Opcode::Trap);
    if (name == "__c2w_heap_base") return emit(Opcode::Mov, dst[0], Operand::imm(program_.heap_base()));
    if (name == "__c2w_heap_end") return emit(Opcode::Mov, dst[0], Operand::imm(program_.memory_size()));
    if (is_setjmp_function(name)) return lower_setjmp(call, false);
    if (is_longjmp_function(name)) return lower_longjmp(call, false);
    if (callee->isDeclaration())
      return error("call to undefined function '" + name.str() +
                   "' (not defined in the program, and the c2w libc does not provide it)");
  }
  std::vector<Words> args;
  std::vector<uint32_t> byval;
  for (unsigned k = 0; k < call.arg_size(); ++k) {
    args.push_back(get(call.getArgOperand(k)));
    byval.push_back(
        call.isByValArgument(k) ? static_cast<uint32_t>(dl_.getTypeAllocSize(call.getParamByValType(k))) : 0);
  }
  Operand target = callee ? Operand() : word(call.getCalledOperand());
  Operand d = dst.empty() || call.use_empty() ? Operand() : dst[0];
  llvm::FunctionType* type = call.getFunctionType();
  emit_call(callee, target, args, byval, d, type->isVarArg(), type->getNumParams());
  check_unwinding_after_call();
}

}  // namespace c2w::compiler::lower_llvm
