// How the step ends: its final token (the next pc, <halt> or a trap) and the number of
// byte tokens before it.
//
// The traps, 0/1 each and at most one set (isa::TrapKind order): division by zero
// (div/rem with b == 0), memory out of bounds (loads_stores.cpp), stack overflow and
// bad call (call_ret.cpp), and the trap instruction. halt spells the exit code (a's low
// byte) as B1 and ends with <halt>. Any other step ends with its next pc:
// ends_with_pc = 1 - halt - [any trap].
//
// The byte count: the static count of the op (the ROM's or the record's n) plus ret's
// returned words, and 0 when the step traps (a big-M gate). A destination op that does
// not trap then drops its unchanged top bytes (delta_writes.cpp): byte k is dropped
// when it and every byte above it are unchanged, an and of up to five 0/1 values
// (go = [destination op] - [trap]) per k, one neuron each.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_step_end(MachineBuilder& m) {
  Circuit& c = m.circuit;
  LinExpr trap_divide_by_zero = 0;
  const LinExpr f_div = m.flags({Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS});
  if (!f_div.is_constant())
    trap_divide_by_zero = feature(c.all_of("div0", {f_div, feature(c.is_zero("b==0", m.word_b))}));
  const LinExpr halt = m.flag(Opcode::Halt);
  if (!halt.is_constant()) m.plan[0] += feature(c.relu_mul("halt.code", halt, m.a[0]));

  m.traps = {
      0, trap_divide_by_zero, m.trap_memory, m.trap_stack_overflow, m.trap_bad_call, m.flag(Opcode::Trap)};
  LinExpr trap_any = 0;
  for (int k = 1; k < 6; ++k) trap_any += m.traps[size_t(k)];
  m.byte_count = feature(c.gate_nonneg("n", 1 - trap_any, m.field("n") + m.return_byte_count, kSmall));
  const LinExpr f_dst_op = m.destination_op_flags();
  if (!f_dst_op
           .is_constant()) {  // the equal top bytes of a destination op that does not trap: one neuron layer
    const LinExpr go = f_dst_op - trap_any;  // 1 for a destination op that does not trap, <= 0 otherwise
    const Bytes& same = m.destination_unchanged;
    m.byte_count -= feature(c.all_of("dst.kept3", {go, same[3]})) +
                    feature(c.all_of("dst.kept2", {go, same[3], same[2]})) +
                    feature(c.all_of("dst.kept1", {go, same[3], same[2], same[1]})) +
                    feature(c.all_of("dst.kept0", {go, same[3], same[2], same[1], same[0]}));
  }
  m.ends_with_pc = 1 - halt - trap_any;
}

}  // namespace c2w::compiler::gadgets
