// Shifts (shl, shr_u, shr_s) by masks and powers of two, on the bits of a.
//
// The amount is s = b & 31: the low five bits of b's first byte, b_0 - 32 [count of
// b_0 >= 32, 64, ..., 224]. Per bit i of a two keep flags: [i <= 31 - s] (bit i
// survives a left shift) and [i >= s] (it survives a right shift). The kept bits'
// values, sum of 2^i ReLU(bit_i + keep_i - 1), are then scaled by a table over s:
//   shl    2^s * (the low 32 - s bits of a)          < 2^32
//   shr_u  2^-s * (the bits of a from s up)          an integer: a multiple of 2^s scaled
//   shr_s  shr_u + [a < 0] (2^32 - 2^(32 - s))       the s top bits filled with the sign
// Each product is one ReLU(gate) * value neuron with a gate >= 0. The results are
// integers gated by their flags and cut into bytes with those of mul and rem
// (word_results.cpp).
#include <cmath>

#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_shifts(MachineBuilder& m) {
  Circuit& c = m.circuit;
  if (m.flags({Opcode::Shl, Opcode::ShrU, Opcode::ShrS}).is_constant()) return;
  // s = b & 31: the low five bits of b's first byte.
  const LinExpr s = m.b[0] - 32 * feature(c.count_thresholds("shift.high", m.b[0], 32, 7));
  std::vector<circuit::Neuron> low, high;
  for (int i = 0; i < 32; ++i) {
    LinExpr bit = m.a_bits[size_t(i / 8)][size_t(i % 8)];
    LinExpr keep_low = feature(c.is_nonneg("shl.keep" + std::to_string(i), 31 - i - s));
    LinExpr keep_high = feature(c.is_nonneg("shr.keep" + std::to_string(i), i - s));
    low.push_back({bit + keep_low - 1, 1, std::ldexp(1.0, i)});
    high.push_back({bit + keep_high - 1, 1, std::ldexp(1.0, i)});
  }
  LinExpr low_bits = feature(c.ffn("shl.low", low)), high_bits = feature(c.ffn("shr.high", high));
  std::vector<double> power(32), inverse_power(32), fill(32);
  for (int i = 0; i < 32; ++i) {
    power[size_t(i)] = std::ldexp(1.0, i);
    inverse_power[size_t(i)] = std::ldexp(1.0, -i);
    fill[size_t(i)] = 4294967296.0 - std::ldexp(1.0, 32 - i);
  }
  LinExpr shl = feature(c.relu_mul("shl", feature(c.table("2^s", s, power)), low_bits));
  LinExpr shr = feature(c.relu_mul("shr_u", feature(c.table("2^-s", s, inverse_power)), high_bits));
  LinExpr sra = shr + feature(c.relu_mul("shr_s.fill", m.sign_a, feature(c.table("fill(s)", s, fill))));
  m.word_to_cut += feature(c.relu_mul("ext.shl", m.flag(Opcode::Shl), shl));
  m.word_to_cut += feature(c.relu_mul("ext.shr_u", m.flag(Opcode::ShrU), shr));
  m.word_to_cut += feature(c.relu_mul("ext.shr_s", m.flag(Opcode::ShrS), sra));
}

}  // namespace c2w::compiler::gadgets
