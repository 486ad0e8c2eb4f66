// Ops whose value is operand bytes moved, extended or chosen: mov, sext8, sext16, the
// compare ops and select.
//
//   mov        a
//   sext8      a_0, then 255 s three times, s = [a_0 >= 128] the sign of the low byte
//   sext16     a_0, a_1, then 255 s twice, s = [a_1 >= 128]
//   eq .. le_s the 0/1 comparison (comparisons.cpp) as the low byte, zeros above
//   select     a != 0 ? b : c, per byte c_k + ReLU([a != 0]) * (b_k - c_k)
// Each is offered to the destination value gated by its flag (offer_value).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_moves(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const Bytes& a = m.a;
  m.offer_value("mov", m.flag(Opcode::Mov), a);
  {
    LinExpr s8 = feature(c.is_nonneg("sext8.sign", a[0] - 128)),
            s16 = feature(c.is_nonneg("sext16.sign", a[1] - 128));
    m.offer_value("sext8", m.flag(Opcode::SExt8), {a[0], 255 * s8, 255 * s8, 255 * s8});
    m.offer_value("sext16", m.flag(Opcode::SExt16), {a[0], a[1], 255 * s16, 255 * s16});
  }
  auto bool_bytes = [](const LinExpr& v) { return Bytes{v, 0, 0, 0}; };
  const Comparisons& compare = m.compare;
  m.offer_value("eq", m.flag(Opcode::Eq), bool_bytes(compare.equal));
  m.offer_value("ne", m.flag(Opcode::Ne), bool_bytes(1 - compare.equal));
  m.offer_value("lt_u", m.flag(Opcode::LtU), bool_bytes(compare.less_unsigned));
  m.offer_value("le_u", m.flag(Opcode::LeU), bool_bytes(compare.less_equal_unsigned));
  m.offer_value("lt_s", m.flag(Opcode::LtS), bool_bytes(compare.less_signed));
  m.offer_value("le_s", m.flag(Opcode::LeS), bool_bytes(compare.less_equal_signed));
  if (!m.flag(Opcode::Select).is_constant()) {
    LinExpr nonzero = 1 - feature(c.is_zero("select.zero", m.word_a));
    Bytes chosen;
    for (int k = 0; k < 4; ++k)
      chosen[size_t(k)] = m.c[size_t(k)] + feature(c.relu_mul("select" + std::to_string(k), nonzero,
                                                              m.b[size_t(k)] - m.c[size_t(k)]));
    m.offer_value("select", m.flag(Opcode::Select), chosen);
  }
}

}  // namespace c2w::compiler::gadgets
