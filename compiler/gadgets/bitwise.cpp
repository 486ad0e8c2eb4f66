// Bitwise ops (and, or, xor) and bit counts (popcnt, clz, ctz), on the bits of the
// operands.
//
// Bits: a byte's high nibble is a count of 15 thresholds (x >= 16, 32, ..., 240), the
// low nibble the rest, and each nibble's four bits are tables over its 16 values
// (bytes.h, bits_of). The bits of a are kept for the shifts (shifts.cpp).
//
// and/or/xor per byte: and = sum over j of 2^j ReLU(a_j + b_j - 1), the and of two
// bits being 1 exactly when their sum is 2; then or = a + b - and and
// xor = a + b - 2 and, with no more neurons.
//
// Bit counts: popcnt is the sum of the 32 bits (a linear expression). clz counts the
// k whose bits k..31 are all 0, ctz the k whose bits 0..k are all 0: with s the number
// of set bits among them, ReLU(1 - s) is 1 for s = 0 and 0 for any other count, one
// neuron per k.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_bitwise(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr f_bitwise = m.flags({Opcode::And, Opcode::Or, Opcode::Xor});
  const LinExpr f_shift = m.flags({Opcode::Shl, Opcode::ShrU, Opcode::ShrS});
  const LinExpr f_count = m.flags({Opcode::Popcnt, Opcode::Clz, Opcode::Ctz});
  if (f_bitwise.is_constant() && f_shift.is_constant() && f_count.is_constant()) return;
  std::array<std::array<LinExpr, 8>, 4>& a_bits = m.a_bits;
  for (int k = 0; k < 4; ++k) a_bits[size_t(k)] = bits_of(c, "a.bits" + std::to_string(k), m.a[size_t(k)]);
  if (!f_count.is_constant()) {
    auto bit = [&](int i) { return a_bits[size_t(i / 8)][size_t(i % 8)]; };
    LinExpr ones, suffix, prefix;
    std::vector<circuit::Neuron> leading, trailing;
    for (int i = 0; i < 32; ++i) {
      ones += bit(i);
      suffix += bit(31 - i);
      prefix += bit(i);
      leading.push_back({1 - suffix, 1, 1});
      trailing.push_back({1 - prefix, 1, 1});
    }
    m.offer_value("popcnt", m.flag(Opcode::Popcnt), {ones, 0, 0, 0});
    if (!m.flag(Opcode::Clz).is_constant())
      m.offer_value("clz", m.flag(Opcode::Clz), {feature(c.ffn("clz", leading)), 0, 0, 0});
    if (!m.flag(Opcode::Ctz).is_constant())
      m.offer_value("ctz", m.flag(Opcode::Ctz), {feature(c.ffn("ctz", trailing)), 0, 0, 0});
  }
  if (!f_bitwise.is_constant()) {
    Bytes bitwise_and, bitwise_or, bitwise_xor;
    for (int k = 0; k < 4; ++k) {
      auto b_bits = bits_of(c, "b.bits" + std::to_string(k), m.b[size_t(k)]);
      std::vector<circuit::Neuron> n;
      for (int j = 0; j < 8; ++j)
        n.push_back({a_bits[size_t(k)][size_t(j)] + b_bits[size_t(j)] - 1, 1, double(1 << j)});
      LinExpr both = feature(c.ffn("and" + std::to_string(k), n));
      bitwise_and[size_t(k)] = both;
      bitwise_or[size_t(k)] = m.a[size_t(k)] + m.b[size_t(k)] - both;
      bitwise_xor[size_t(k)] = m.a[size_t(k)] + m.b[size_t(k)] - 2 * both;
    }
    m.offer_value("and", m.flag(Opcode::And), bitwise_and);
    m.offer_value("or", m.flag(Opcode::Or), bitwise_or);
    m.offer_value("xor", m.flag(Opcode::Xor), bitwise_xor);
  }
}

}  // namespace c2w::compiler::gadgets
