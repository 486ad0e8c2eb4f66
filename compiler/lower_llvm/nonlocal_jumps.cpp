// setjmp and longjmp (FunctionLowering, see lowering.h), and GCC's __builtin_setjmp /
// __builtin_longjmp (llvm.eh.sjlj.*), with no new machine instruction.
//
// The machine keeps its call stack in the trace, not in memory: only `ret` leaves a
// frame, and it resumes right after the call. So longjmp unwinds frame by frame, as
// an exception would: it records its target in data words (the target frame's fp,
// the setjmp site, the value setjmp is to return, the dynamic stack pointer) and
// starts the *unwind path* of its own function. In a program that calls longjmp, every
// call is followed by `br_ne [target fp], #0, unwind` (one instruction), so a caller
// that a longjmp passes through takes its unwind path too. A function's unwind path
// compares its own fp with the target's: another frame restores its dynamic stack
// pointer and returns (no result words); the target clears the target word, restores
// the dynamic stack pointer and dispatches on the site to the code after that setjmp,
// where setjmp's result is the longjmp value (1 for a value of 0).
//
// setjmp itself stores into the jmp_buf its frame's fp (word 0), a site number unique
// in the program (word 1) and, when the program has a dynamic stack, its pointer
// (word 2), and returns 0. __builtin_setjmp's buffer has the same layout: Clang stores
// the frame address (fp) in word 0 and stacksave (the dynamic stack pointer) in word
// 2 itself. Values that live across a setjmp stay intact because every call's edge to
// the unwind path, and the unwind path's edges to the sites, are control flow that
// frame-slot allocation sees; as C says, a non-volatile local changed between setjmp
// and longjmp is indeterminate, a volatile one (in memory) keeps its value. A longjmp
// to a frame that has returned is undefined behaviour in C: it unwinds through main
// and halts.
#include "compiler/lower_llvm/lowering.h"

namespace c2w::compiler::lower_llvm {

bool is_setjmp_function(llvm::StringRef name) {
  return name == "setjmp" || name == "_setjmp" || name == "sigsetjmp" || name == "__sigsetjmp";
}
bool is_longjmp_function(llvm::StringRef name) {
  return name == "longjmp" || name == "_longjmp" || name == "siglongjmp";
}

bool calls_longjmp(const llvm::Module& m) {
  for (const llvm::Function& f : m)
    if (!f.use_empty() && (is_longjmp_function(f.getName()) ||
                           (f.isIntrinsic() && f.getIntrinsicID() == llvm::Intrinsic::eh_sjlj_longjmp)))
      return true;
  return false;
}

uint32_t FunctionLowering::unwind_label() {
  if (unwind_label_ < 0) unwind_label_ = static_cast<int32_t>(new_label());
  return static_cast<uint32_t>(unwind_label_);
}

void FunctionLowering::check_unwinding_after_call() {
  const NonLocalJumps& jumps = program_.non_local_jumps();
  if (jumps.used())
    emit(Opcode::BrNe, {}, Operand::abs(jumps.target_fp_address), Operand::imm(0), {}, unwind_label());
}

void FunctionLowering::lower_setjmp(const llvm::CallBase& call, bool builtin) {
  const NonLocalJumps& jumps = program_.non_local_jumps();
  Pointer buffer = pointer_of(call.getArgOperand(0));
  Words result = call.getType()->isVoidTy() ? Words{} : get(&call);
  uint32_t site = program_.new_setjmp_site();
  if (!builtin) {  // __builtin_setjmp's caller stored fp and the stack pointer already
    Operand t = new_slot();
    emit(Opcode::Lea, t, Operand::imm(0));
    store_bytes(t, buffer, 0, 4);
    if (program_.dynamic_stack().used()) {
      emit(Opcode::Mov, t, Operand::abs(program_.dynamic_stack().pointer_address));
      store_bytes(t, buffer, 8, 4);
    }
  }
  store_bytes(Operand::imm(site), buffer, 4, 4);
  if (!result.empty()) emit(Opcode::Mov, result[0], Operand::imm(0));
  if (!jumps.used()) return;  // nothing jumps back
  uint32_t after = new_label();
  place_label(after);
  setjmp_sites_.push_back({site, new_label(), after, result.empty() ? Operand() : result[0]});
}

void FunctionLowering::lower_longjmp(const llvm::CallBase& call, bool builtin) {
  const NonLocalJumps& jumps = program_.non_local_jumps();
  Pointer buffer = pointer_of(call.getArgOperand(0));
  load_bytes(Operand::abs(jumps.site_address), buffer, 4, 4);
  if (program_.dynamic_stack().used()) load_bytes(Operand::abs(jumps.dynamic_stack_address), buffer, 8, 4);
  if (builtin) {
    emit(Opcode::Mov, Operand::abs(jumps.value_address), Operand::imm(1));
  } else {  // longjmp(env, 0) makes setjmp return 1
    Operand v = word(call.getArgOperand(1)), zero = new_slot();
    emit(Opcode::Eq, zero, v, Operand::imm(0));
    emit(Opcode::Add, Operand::abs(jumps.value_address), v, zero);
  }
  load_bytes(Operand::abs(jumps.target_fp_address), buffer, 0, 4);  // last: this word starts the unwinding
  emit(Opcode::Jmp, {}, {}, {}, {}, unwind_label());
}

void FunctionLowering::emit_unwind_path() {
  if (unwind_label_ < 0) return;
  const NonLocalJumps& jumps = program_.non_local_jumps();
  place_label(static_cast<uint32_t>(unwind_label_));
  if (!setjmp_sites_.empty()) {
    Operand fp = new_slot();
    uint32_t leave = new_label();
    emit(Opcode::Lea, fp, Operand::imm(0));
    emit(Opcode::BrNe, {}, fp, Operand::abs(jumps.target_fp_address), {}, leave);
    emit(Opcode::Mov, Operand::abs(jumps.target_fp_address), Operand::imm(0));
    if (program_.dynamic_stack().used())
      emit(Opcode::Mov, Operand::abs(program_.dynamic_stack().pointer_address),
           Operand::abs(jumps.dynamic_stack_address));
    for (const SetjmpSite& s : setjmp_sites_)
      emit(Opcode::BrEq, {}, Operand::abs(jumps.site_address), Operand::imm(s.site), {}, s.resume);
    emit(Opcode::Trap);  // a site of another function at this fp: a frame that has returned
    place_label(leave);
  }
  restore_dynamic_stack_pointer();
  emit(Opcode::Ret);
  for (const SetjmpSite& s : setjmp_sites_) {
    place_label(s.resume);
    if (!s.result.is_none()) emit(Opcode::Mov, s.result, Operand::abs(jumps.value_address));
    emit(Opcode::Jmp, {}, {}, {}, {}, s.after);
  }
}

}  // namespace c2w::compiler::lower_llvm
