// Branches: br_eq, br_ne, br_lt_s, br_le_s, br_lt_u, br_le_u go to their target when
// the comparison of a and b (comparisons.cpp) holds.
//
// taken = sum over the branch ops the program has of ReLU(flag + condition - 1), the
// and of two 0/1 values, one neuron each (the flags are exclusive, so at most one
// fires). The next pc gets taken * (target - static next pc).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_branches(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr f_branch =
      m.flags({Opcode::BrEq, Opcode::BrNe, Opcode::BrLtS, Opcode::BrLeS, Opcode::BrLtU, Opcode::BrLeU});
  if (f_branch.is_constant()) return;
  const Comparisons& compare = m.compare;
  std::vector<circuit::Neuron> taken;
  auto when = [&](Opcode op, const LinExpr& condition) {
    if (!m.flag(op).is_constant()) taken.push_back({m.flag(op) + condition - 1, 1, 1});
  };
  when(Opcode::BrEq, compare.equal);
  when(Opcode::BrNe, 1 - compare.equal);
  when(Opcode::BrLtS, compare.less_signed);
  when(Opcode::BrLeS, compare.less_equal_signed);
  when(Opcode::BrLtU, compare.less_unsigned);
  when(Opcode::BrLeU, compare.less_equal_unsigned);
  LinExpr t = feature(c.ffn("branch.taken", taken));
  m.next_pc += feature(c.relu_mul("next.branch", t, m.field("target") - m.field("next")));
}

}  // namespace c2w::compiler::gadgets
