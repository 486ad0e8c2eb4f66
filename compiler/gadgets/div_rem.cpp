// div_u, div_s, rem_u, rem_s: radix-256 long division, signed variants by sign fix-ups.
//
// Signed ops divide magnitudes: n = |a| (a's bytes, or those of -a when a < 0) and
// d = |b| (b's word, or 2^32 minus it when b < 0). Then four digit steps, high byte first, with r = 0 before
// the first:
//   r_k = 256 r + n_k                    < 256 d, as r < d
//   q_k = #{m in 1..255 : r_k >= m d}    255 thresholds of two neurons each,
//                                        ReLU(r_k - m d + 1) - ReLU(r_k - m d)
//   r   = r_k - q_k d                    one ReLU(q_k) * d neuron
// The quotient bytes are the digits q_k, negated when exactly one of a and b is
// negative (div_s), and offered as the value. The remainder r is an integer word, cut
// into bytes with the shifts' and mul's results (word_results.cpp); rem_s of a
// negative dividend negates it after the cut. A zero divisor gives digits of 255 but
// traps (step_end.cpp), so its value is never spelled.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_div_rem(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const Bytes& a = m.a;
  const LinExpr f_div = m.flags({Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS});
  if (f_div.is_constant()) return;
  LinExpr f_signed = m.flags({Opcode::DivS, Opcode::RemS});
  LinExpr neg_a = feature(c.all_of("div.neg_a", {f_signed, m.sign_a})),
          neg_b = feature(c.all_of("div.neg_b", {f_signed, m.sign_b}));
  Bytes minus_a = negate_bytes(c, "div.-a", a);
  Bytes n;
  for (int k = 0; k < 4; ++k)
    n[size_t(k)] = a[size_t(k)] +
                   feature(c.relu_mul("div.n" + std::to_string(k), neg_a, minus_a[size_t(k)] - a[size_t(k)]));
  // |b| of a negative b is 2^32 - word_b (word_b >= 2^31, so never 2^32): a selection
  // between word_b and 2^32 - word_b, both read off b's bytes, which stay in [0, 2^32].
  LinExpr d = c.compact("div.d", m.word_b + feature(c.relu_mul("div.d", neg_b, 4294967296.0 - 2 * m.word_b)));
  LinExpr r = 0;
  Bytes q;
  for (int k = 3; k >= 0; --k) {
    LinExpr rk = c.compact("div.r" + std::to_string(k), 256 * r + n[size_t(k)]);
    std::vector<circuit::Neuron> steps;
    for (int multiple = 1; multiple <= 255; ++multiple) {
      steps.push_back({rk - multiple * d + 1, 1, 1});
      steps.push_back({rk - multiple * d, 1, -1});
    }
    LinExpr digit = feature(c.ffn("div.q" + std::to_string(k), steps));
    q[size_t(k)] = digit;
    r = rk - feature(c.relu_mul("div.qd" + std::to_string(k), digit, d));
  }
  LinExpr neg_q = neg_a + neg_b - 2 * feature(c.all_of("div.both", {neg_a, neg_b}));
  Bytes minus_q = negate_bytes(c, "div.-q", q);
  Bytes quotient;
  for (int k = 0; k < 4; ++k)
    quotient[size_t(k)] = q[size_t(k)] + feature(c.relu_mul("div.sq" + std::to_string(k), neg_q,
                                                            minus_q[size_t(k)] - q[size_t(k)]));
  m.offer_value("div", m.flags({Opcode::DivU, Opcode::DivS}), quotient);
  m.word_to_cut += feature(c.relu_mul("ext.rem", m.flags({Opcode::RemU, Opcode::RemS}), r));
  m.negate_remainder = feature(c.all_of("rems.neg", {m.flag(Opcode::RemS), neg_a}));
}

}  // namespace c2w::compiler::gadgets
