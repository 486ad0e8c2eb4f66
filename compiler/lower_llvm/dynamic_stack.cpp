// Dynamic stack allocation (FunctionLowering, see lowering.h): alloca with a run-time
// size (C's alloca, __builtin_alloca, variable-length arrays) and llvm.stacksave /
// llvm.stackrestore, with no new machine instruction.
//
// The machine's frames have sizes fixed at compile time: fp moves only at call and
// ret, and a call's outgoing area is an immediate. So memory whose size is known only
// at run time cannot live in a frame. A program that allocates so gets a second stack
// of --stack bytes right above the machine's one, the *dynamic stack*, and its heap
// starts above that:
//
//   stack_base              + --stack                  + 2 × --stack
//   | frames (call, ret) →   | dynamic allocations →    | heap ...
//
// Its top is one word in the data, the dynamic stack pointer (DSP), always a multiple
// of 16. A function that allocates saves the DSP in a frame word at entry and writes
// it back before every ret, so whatever it allocated is freed when it returns, as on
// a native stack (recursion with alloca in a loop does not leak); a function that
// does not allocate leaves the DSP alone, so the DSP is the same after a call as
// before it. stacksave reads the DSP, stackrestore writes it (a VLA in a loop is
// freed at the end of each iteration).
//
// An allocation of n elements of E bytes, aligned to A (at least 16):
//   p = DSP rounded up to A;  trap unless n·E <= end - p;  DSP = p + round16(n·E)
// n is first compared with (end - begin) / E, a constant, so that n·E does not wrap. An
// allocation that does not fit is a stack overflow: the machine's own trap, raised by
// a call into a frame beyond the machine's stack (the function itself, with its
// outgoing area at --stack bytes: the callee's fp is at least stack_base + --stack,
// past the highest fp any frame may have), so every engine reports <trap:stack> at
// the line of the allocation, exit code 134.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>

namespace c2w::compiler::lower_llvm {

bool is_static_alloca(const llvm::AllocaInst& a) {
  return a.getParent() == &a.getFunction()->getEntryBlock() && llvm::isa<llvm::ConstantInt>(a.getArraySize());
}

bool uses_dynamic_stack(const llvm::Function& f) {
  for (const llvm::BasicBlock& bb : f)
    for (const llvm::Instruction& i : bb) {
      if (const auto* a = llvm::dyn_cast<llvm::AllocaInst>(&i); a && !is_static_alloca(*a)) return true;
      if (const auto* ii = llvm::dyn_cast<llvm::IntrinsicInst>(&i);
          ii && (ii->getIntrinsicID() == llvm::Intrinsic::stacksave ||
                 ii->getIntrinsicID() == llvm::Intrinsic::stackrestore))
        return true;
    }
  return false;
}

void FunctionLowering::save_dynamic_stack_pointer() {
  dynamic_stack_saved_ = new_slot();
  emit(Opcode::Mov, dynamic_stack_saved_, Operand::abs(program_.dynamic_stack().pointer_address));
}

void FunctionLowering::restore_dynamic_stack_pointer() {
  if (!dynamic_stack_saved_.is_none())
    emit(Opcode::Mov, Operand::abs(program_.dynamic_stack().pointer_address), dynamic_stack_saved_);
}

void FunctionLowering::lower_dynamic_alloca(const llvm::AllocaInst& a) {
  const DynamicStack& stack = program_.dynamic_stack();
  const uint32_t align =
      std::max<uint32_t>(DynamicStack::kAlign, static_cast<uint32_t>(a.getAlign().value()));
  const uint64_t element = dl_.getTypeAllocSize(a.getAllocatedType());
  const Operand dsp = Operand::abs(stack.pointer_address);
  const Operand p = get(&a)[0];
  const uint32_t ok = new_label(), overflow = new_label();

  emit(Opcode::Mov, p, dsp);
  if (align > DynamicStack::kAlign) {  // p = (DSP + A - 1) & -A; DSP < 2^24, so no wrap
    emit(Opcode::Add, p, p, Operand::imm(align - 1));
    emit(Opcode::And, p, p, Operand::imm(~(align - 1)));
  }
  // room = end - p, which wraps to a huge value if rounding p up passed the end.
  Operand room = new_slot();
  emit(Opcode::Sub, room, Operand::imm(stack.end), p);
  if (align > DynamicStack::kAlign) emit(Opcode::BrLtU, {}, Operand::imm(stack.end), p, {}, overflow);

  const uint32_t capacity = stack.end - stack.begin;
  Operand size;
  if (const auto* n = llvm::dyn_cast<llvm::ConstantInt>(a.getArraySize())) {  // outside the entry block
    uint64_t bytes = n->getLimitedValue(capacity + uint64_t(1)) * element;
    if (bytes > capacity) emit(Opcode::Jmp, {}, {}, {}, {}, overflow);
    size = Operand::imm(static_cast<uint32_t>(std::min<uint64_t>(bytes, capacity)));
  } else {
    Words count = get(a.getArraySize());
    if (count.size() > 1) emit(Opcode::BrNe, {}, count[1], Operand::imm(0), {}, overflow);
    size = count[0];
    if (element == 0) {
      size = Operand::imm(0);
    } else if (element > 1) {
      // n <= capacity / E first, so that size = n·E does not wrap.
      emit(Opcode::BrLtU, {}, Operand::imm(static_cast<uint32_t>(capacity / element)), count[0], {},
           overflow);
      size = new_slot();
      emit(Opcode::Mul, size, count[0], Operand::imm(static_cast<uint32_t>(element)));
    }
  }
  // size <= room (a multiple of 16), so rounding size up to 16 stays <= room.
  emit(Opcode::BrLeU, {}, size, room, {}, ok);
  place_label(overflow);
  emit(Opcode::Call, {}, Operand::imm(stack.frames_size));
  relocations_.push_back({static_cast<uint32_t>(code_.size() - 1), 4, program_.request(&f_)});
  emit(Opcode::Trap);  // not reached: the call traps
  place_label(ok);
  if (size.kind == OperandKind::Imm)
    return emit(Opcode::Add, dsp, p,
                Operand::imm(align_to(static_cast<uint32_t>(size.value), DynamicStack::kAlign)));
  Operand rounded = new_slot();
  emit(Opcode::Add, rounded, size, Operand::imm(DynamicStack::kAlign - 1));
  emit(Opcode::And, rounded, rounded, Operand::imm(~(DynamicStack::kAlign - 1)));
  emit(Opcode::Add, dsp, p, rounded);
}

void FunctionLowering::lower_stack_save(const llvm::CallBase& call) {
  emit(Opcode::Mov, get(&call)[0], Operand::abs(program_.dynamic_stack().pointer_address));
}

void FunctionLowering::lower_stack_restore(const llvm::CallBase& call) {
  emit(Opcode::Mov, Operand::abs(program_.dynamic_stack().pointer_address), word(call.getArgOperand(0)));
}

}  // namespace c2w::compiler::lower_llvm
