// mul, mulhu, mulhs: byte products, column sums and one carry count.
//
// The 64-bit product of A and B is the sum of the 16 byte products a_i b_j * 256^(i+j)
// (one ReLU(a_i) * b_j neuron each, a_i >= 0). Summing them by column i + j gives
// column_k <= 4 * 255^2 < 2^18, so the low half's columns add up to
// low = column_0 + 256 column_1 + 256^2 column_2 + 256^3 column_3 < 2^42, and
//   carry = floor(low / 2^32)                      a count of at most 1023 thresholds
//   mul   = low - 2^32 carry                       the low word
//   mulhu = carry + column_4 + 256 column_5 + 256^2 column_6   the high word
// The signed high word is mulhu - [a < 0] B - [b < 0] A mod 2^32: adding 2^33 makes it
// t in (0, 3 * 2^32), and t - 2^32 [count of t >= 2^32, 2^33] is mulhs. The three
// results are gated by their flags and cut into bytes with the shifts' and rem's
// (word_results.cpp).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_mul(MachineBuilder& m) {
  Circuit& c = m.circuit;
  if (m.flags({Opcode::Mul, Opcode::MulHU, Opcode::MulHS}).is_constant()) return;
  std::array<LinExpr, 7> column;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      column[size_t(i + j)] += feature(
          c.relu_mul("mul.p" + std::to_string(i) + std::to_string(j), m.a[size_t(i)], m.b[size_t(j)]));
  LinExpr low = column[0] + pow256(1) * column[1] + pow256(2) * column[2] + pow256(3) * column[3];
  LinExpr carry = feature(c.count_thresholds("mul.carry", low, 4294967296.0, 1023));
  LinExpr mul = low - 4294967296.0 * carry;
  LinExpr mulhu = carry + column[4] + pow256(1) * column[5] + pow256(2) * column[6];
  LinExpr t = mulhu - feature(c.relu_mul("mulhs.a", m.sign_a, m.word_b)) -
              feature(c.relu_mul("mulhs.b", m.sign_b, m.word_a)) + 8589934592.0;
  LinExpr mulhs = t - 4294967296.0 * feature(c.count_thresholds("mulhs.wrap", t, 4294967296.0, 2));
  m.word_to_cut += feature(c.relu_mul("ext.mul", m.flag(Opcode::Mul), mul));
  m.word_to_cut += feature(c.relu_mul("ext.mulhu", m.flag(Opcode::MulHU), mulhu));
  m.word_to_cut += feature(c.relu_mul("ext.mulhs", m.flag(Opcode::MulHS), mulhs));
}

}  // namespace c2w::compiler::gadgets
