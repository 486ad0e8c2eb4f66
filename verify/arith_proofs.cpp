// The multiplications' word from the operands' product (see arith_proofs.h).
#include "verify/arith_proofs.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "isa/semantics.h"
#include "support/errors.h"
#include "symbolic/real_solver.h"
#include "symbolic/solver.h"

namespace c2w::verify {

bool is_product_op(isa::Opcode op) {
  return op == isa::Opcode::Mul || op == isa::Opcode::MulHU || op == isa::Opcode::MulHS;
}

symbolic::Expr product_word(symbolic::ExprContext& x, isa::Opcode op, symbolic::Expr product,
                            symbolic::Expr a, symbolic::Expr b) {
  C2W_CHECK(product->width == 64 && a->width == 32 && b->width == 32,
            "product_word: a 64-bit product of words");
  if (op == isa::Opcode::Mul) return x.extract(product, 31, 0);
  symbolic::Expr high = x.extract(product, 63, 32);
  if (op == isa::Opcode::MulHU) return high;
  C2W_CHECK(op == isa::Opcode::MulHS, "product_word: not a multiplication");
  // (A B >> 32) - [a < 0] B - [b < 0] A  mod 2^32
  symbolic::Expr zero = x.constant(0, 32);
  symbolic::Expr a_negative = x.slt(a, zero), b_negative = x.slt(b, zero);
  return x.sub(x.sub(high, x.ite(a_negative, b, zero)), x.ite(b_negative, a, zero));
}

symbolic::Expr product_word_of_parts(symbolic::ExprContext& x, isa::Opcode op, const ProductParts& parts,
                                     symbolic::Expr a, symbolic::Expr b) {
  const unsigned width = parts.low->width;
  C2W_CHECK(width >= 44 && parts.high->width == width, "product_word_of_parts: parts of 44 bits or more");
  if (op == isa::Opcode::Mul) return x.extract(parts.low, 31, 0);
  symbolic::Expr carry = x.zero_extend(x.extract(parts.low, width - 1, 32), 32);
  symbolic::Expr high = x.add(carry, x.extract(parts.high, 31, 0));
  if (op == isa::Opcode::MulHU) return high;
  C2W_CHECK(op == isa::Opcode::MulHS, "product_word_of_parts: not a multiplication");
  symbolic::Expr zero = x.constant(0, 32);
  return x.sub(x.sub(high, x.ite(x.slt(a, zero), b, zero)), x.ite(x.slt(b, zero), a, zero));
}

std::string parts_lemma(isa::Opcode op, unsigned width, double timeout_seconds) {
  if (width < 44 || width > 64) return "the schoolbook parts are not between 44 and 64 bits wide";
  symbolic::ExprContext x;
  symbolic::Expr a = x.variable("a", 32), b = x.variable("b", 32);
  ProductParts parts{x.variable("low", width), x.variable("high", width)};
  symbolic::Expr whole =
      x.add(x.zero_extend(parts.low, 64), x.shl(x.zero_extend(parts.high, 64), x.constant(32, 64)));
  std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
  solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
  solver->add(x.ult(parts.low, x.constant(uint64_t(1) << 43, width)));
  solver->add(x.ult(parts.high, x.constant(uint64_t(1) << 40, width)));
  solver->add(x.lnot(x.eq(product_word_of_parts(x, op, parts, a, b), product_word(x, op, whole, a, b))));
  symbolic::CheckResult r = solver->check();
  if (r.result == symbolic::SatResult::Unsat) return "";
  return r.result == symbolic::SatResult::Sat ? "the parts' word differs from the product's (a bug in verify)"
                                              : "Z3 did not finish the parts' lemma";
}

namespace {

// "" when Z3 proves `claim` for every value of its variables, else why not.
std::string prove_lemma(symbolic::ExprContext& x, symbolic::Expr claim, bool polynomial,
                        double timeout_seconds, const std::string& name) {
  std::unique_ptr<symbolic::Solver> solver =
      polynomial ? symbolic::make_z3_polynomial_solver(x) : symbolic::make_z3_solver(x);
  solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
  solver->add(x.lnot(claim));
  symbolic::CheckResult r = solver->check();
  if (r.result == symbolic::SatResult::Unsat) return "";
  C2W_CHECK(r.result != symbolic::SatResult::Sat, "the lemma " + name + " is false: a bug in verify");
  return "Z3 did not finish the lemma " + name;
}

symbolic::Expr byte_of(symbolic::ExprContext& x, symbolic::Expr word, int i) {
  return x.extract(word, unsigned(8 * i + 7), unsigned(8 * i));
}

// sum_i 256^i zext(byte i of word), at `width` bits.
symbolic::Expr sum_of_bytes(symbolic::ExprContext& x, symbolic::Expr word, unsigned width) {
  symbolic::Expr sum = x.constant(0, width);
  for (int i = 0; i < 4; ++i)
    sum = x.add(sum,
                x.mul(x.constant(uint64_t(1) << (8 * i), width), x.zero_extend(byte_of(x, word, i), width)));
  return sum;
}

}  // namespace

std::string schoolbook_lemma(unsigned width, double timeout_seconds) {
  if (width < 44 || width > 64) return "the schoolbook parts are not between 44 and 64 bits wide";
  symbolic::ExprContext x;
  symbolic::Expr a = x.variable("a", 32), b = x.variable("b", 32);
  symbolic::Expr word_a = x.zero_extend(a, 64), word_b = x.zero_extend(b, 64);
  // (3a) A = sum_i 256^i a_i, B likewise.
  std::string failure =
      prove_lemma(x, x.land(x.eq(word_a, sum_of_bytes(x, a, 64)), x.eq(word_b, sum_of_bytes(x, b, 64))),
                  false, timeout_seconds, "A = sum_i 256^i a_i");
  if (!failure.empty()) return failure;
  // (3b) the byte products as the weights' 16-bit p_ij are the 64-bit a_i b_j.
  auto p16 = [&](int i, int j) {
    return x.mul(x.zero_extend(byte_of(x, a, i), 16), x.zero_extend(byte_of(x, b, j), 16));
  };
  auto p64 = [&](int i, int j) {
    return x.mul(x.zero_extend(byte_of(x, a, i), 64), x.zero_extend(byte_of(x, b, j), 64));
  };
  symbolic::Expr same = x.boolean(true);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) same = x.land(same, x.eq(x.zero_extend(p16(i, j), 64), p64(i, j)));
  failure = prove_lemma(x, same, false, timeout_seconds, "p_ij = a_i b_j at 16 and 64 bits");
  if (!failure.empty()) return failure;
  // (3c) the parts at `width` bits of any p_ij <= 255^2 are their 64-bit sums (no wrap).
  symbolic::ExprContext y;
  std::vector<symbolic::Expr> p;
  symbolic::Expr bounded = y.boolean(true);
  for (int k = 0; k < 16; ++k) {
    p.push_back(y.variable("p" + std::to_string(k), 16));
    bounded = y.land(bounded, y.ule(p.back(), y.constant(255 * 255, 16)));
  }
  ProductParts narrow = schoolbook_product(
      y, [&](int i, int j) { return p[size_t(4 * i + j)]; }, width);
  ProductParts wide = schoolbook_product(
      y, [&](int i, int j) { return p[size_t(4 * i + j)]; }, 64);
  failure =
      prove_lemma(y,
                  y.lor(y.lnot(bounded), y.land(y.eq(y.zero_extend(narrow.low, 64), wide.low),
                                                y.eq(y.zero_extend(narrow.high, 64), wide.high))),
                  false, timeout_seconds, "the parts do not wrap at " + std::to_string(width) + " bits");
  if (!failure.empty()) return failure;
  // (3d) the distributive law: (sum_i 256^i a_i)(sum_j 256^j b_j) = low + 2^32 high of the a_i b_j.
  ProductParts parts{x.constant(0, 64), x.constant(0, 64)};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      symbolic::Expr& sum = i + j <= 3 ? parts.low : parts.high;
      int shift = 8 * (i + j <= 3 ? i + j : i + j - 4);
      sum = x.add(sum, x.mul(x.constant(uint64_t(1) << shift, 64), p64(i, j)));
    }
  return prove_lemma(x,
                     x.eq(x.mul(sum_of_bytes(x, a, 64), sum_of_bytes(x, b, 64)),
                          x.add(parts.low, x.mul(x.constant(uint64_t(1) << 32, 64), parts.high))),
                     true, timeout_seconds, "the distributive law");
}

std::string prove_product_lemma(isa::Opcode op, double timeout_seconds) {
  symbolic::ExprContext x;
  symbolic::Expr a = x.variable("a", 32), b = x.variable("b", 32);
  symbolic::Expr word_a = x.zero_extend(a, 64), word_b = x.zero_extend(b, 64);
  symbolic::Expr product = x.mul(word_a, word_b);
  symbolic::Expr mine = product_word(x, op, product, a, b);
  symbolic::Expr isa_word = isa::apply_binary(x, op, a, b);
  if (mine == isa_word) return "";  // the same expression (hash-consed): mulhu
  if (op != isa::Opcode::MulHS) {
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    solver->add(x.lnot(x.eq(mine, isa_word)));
    symbolic::CheckResult r = solver->check();
    if (r.result == symbolic::SatResult::Unsat) return "";
    C2W_CHECK(r.result != symbolic::SatResult::Sat,
              "product_word disagrees with isa/semantics.h: a bug in verify");
    return product_lemma_statement(op);
  }
  // mulhs: the ISA's word is bits 32..63 of sext(a) sext(b) (isa/semantics.h, checked
  // here as the same expression); four lemmas carry it to product_word's.
  const symbolic::Expr two32 = x.constant(uint64_t(1) << 32, 64);
  if (isa_word != x.extract(x.mul(x.sign_extend(a, 64), x.sign_extend(b, 64)), 63, 32))
    return product_lemma_statement(op);
  symbolic::Expr zero = x.constant(0, 32);
  symbolic::Expr sign_a = x.zero_extend(x.extract(a, 31, 31), 64),
                 sign_b = x.zero_extend(x.extract(b, 31, 31), 64);
  // (4a) sext(a) = A - 2^32 [a < 0].
  std::string failure = prove_lemma(x,
                                    x.land(x.eq(x.sign_extend(a, 64), x.sub(word_a, x.mul(two32, sign_a))),
                                           x.eq(x.sign_extend(b, 64), x.sub(word_b, x.mul(two32, sign_b)))),
                                    false, timeout_seconds, "sext(a) = A - 2^32 [a < 0]");
  if (!failure.empty()) return failure;
  // (4b) (A - 2^32 s)(B - 2^32 t) = A B - 2^32 (s B + t A) mod 2^64, for all A, B and bits s, t.
  symbolic::Expr big_a = x.variable("A", 64), big_b = x.variable("B", 64);
  symbolic::Expr s = x.zero_extend(x.variable("s", 1), 64), t = x.zero_extend(x.variable("t", 1), 64);
  failure =
      prove_lemma(x,
                  x.eq(x.mul(x.sub(big_a, x.mul(two32, s)), x.sub(big_b, x.mul(two32, t))),
                       x.sub(x.mul(big_a, big_b), x.mul(two32, x.add(x.mul(s, big_b), x.mul(t, big_a))))),
                  true, timeout_seconds, "(A - 2^32 s)(B - 2^32 t) = A B - 2^32 (s B + t A)");
  if (!failure.empty()) return failure;
  // (4c) bits 32..63 of P - 2^32 X are P's minus X's low word, for all P, X.
  symbolic::Expr big_p = x.variable("P", 64), big_x = x.variable("X", 64);
  failure = prove_lemma(x,
                        x.eq(x.extract(x.sub(big_p, x.mul(two32, big_x)), 63, 32),
                             x.sub(x.extract(big_p, 63, 32), x.extract(big_x, 31, 0))),
                        false, timeout_seconds, "the high word of P - 2^32 X");
  if (!failure.empty()) return failure;
  // (4d) X = [a < 0] B + [b < 0] A has the low word [a < 0] b + [b < 0] a.
  return prove_lemma(x,
                     x.eq(x.extract(x.add(x.mul(sign_a, word_b), x.mul(sign_b, word_a)), 31, 0),
                          x.add(x.ite(x.slt(a, zero), b, zero), x.ite(x.slt(b, zero), a, zero))),
                     false, timeout_seconds, "the low word of [a < 0] B + [b < 0] A");
}

std::string product_lemma_statement(isa::Opcode op) {
  if (op == isa::Opcode::Mul) return "the low word of A B is the ISA's 32-bit a * b (mod 2^32)";
  if (op == isa::Opcode::MulHU) return "the high word of A B is the ISA's mulhu";
  return "sext(a) = A - 2^32 [a < 0] gives sext(a) sext(b) = A B - 2^32 ([a < 0] B + [b < 0] A) + 2^64 [a < "
         "0][b < "
         "0], whose high word is (A B >> 32) - [a < 0] B - [b < 0] A mod 2^32, the ISA's mulhs";
}

namespace {

std::string prove_long_division_lemmas(double timeout_seconds) {
  // (5a) a threshold pair of an integer z: ReLU(z + 1) - ReLU(z) = [z >= 0] (48-bit
  // two's complement, |z| < 2^46 so z + 1 does not wrap).
  {
    symbolic::ExprContext x;
    const unsigned w = 48;
    symbolic::Expr z = x.variable("z", w), zero = x.constant(0, w), one = x.constant(1, w);
    auto relu = [&](symbolic::Expr v) { return x.ite(x.slt(zero, v), v, zero); };
    symbolic::Expr small =
        x.land(x.slt(z, x.constant(uint64_t(1) << 46, w)), x.slt(x.neg(x.constant(uint64_t(1) << 46, w)), z));
    std::string failure = prove_lemma(
        x, x.lor(x.lnot(small), x.eq(x.sub(relu(x.add(z, one)), relu(z)), x.ite(x.sle(zero, z), one, zero))),
        false, timeout_seconds, "ReLU(z + 1) - ReLU(z) = [z >= 0]");
    if (!failure.empty()) return failure;
  }
  // (5b) the digit, by induction on m over the reals (so for the integers): for r >= 0,
  // d >= 1, S_k = sum over m = 1..k of [r >= m d] d keeps I_k (below); I_0 holds (S_0 =
  // 0 <= r) and Z3 shows I_k => I_(k+1) for each k < 255, one linear query each; with
  // r < 256 d, I_255 gives S_255 <= r < S_255 + d.
  {
    std::unique_ptr<symbolic::RealSolver> z3 = symbolic::make_z3_real_solver();
    z3->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    using Term = symbolic::RealSolver::Term;
    Term r = z3->real("r"), d = z3->real("d"), sum = z3->real("S");
    z3->assert_true(z3->less_equal(z3->number(0), r));
    z3->assert_true(z3->less_equal(z3->number(1), d));
    // I_k: r >= k d and S_k = k d, or r < k d and S_k <= r < S_k + d.
    auto invariant = [&](Term s, int k) {
      Term kd = z3->linear({{double(k), d}}, 0);
      return z3->any({z3->all({z3->less_equal(kd, r), z3->equal(s, kd)}),
                      z3->all({z3->less(r, kd), z3->less_equal(s, r), z3->less(r, z3->add(s, d))})});
    };
    z3->push();
    z3->assert_true(z3->negate(invariant(z3->number(0), 0)));
    symbolic::CheckResult base = z3->check();
    z3->pop();
    if (base.result != symbolic::SatResult::Unsat) return "Z3 did not show the digit's induction base";
    for (int k = 0; k < 255; ++k) {
      Term next =
          z3->add(sum, z3->ite(z3->less_equal(z3->linear({{double(k + 1), d}}, 0), r), d, z3->number(0)));
      z3->push();
      z3->assert_true(invariant(sum, k));
      z3->assert_true(z3->negate(invariant(next, k + 1)));
      symbolic::CheckResult step = z3->check();
      z3->pop();
      if (step.result != symbolic::SatResult::Unsat)
        return "Z3 did not show the digit's induction step at m = " + std::to_string(k + 1);
    }
    z3->push();
    z3->assert_true(invariant(sum, 255));
    z3->assert_true(z3->less(r, z3->linear({{256.0, d}}, 0)));
    z3->assert_true(z3->negate(z3->all({z3->less_equal(sum, r), z3->less(r, z3->add(sum, d))})));
    symbolic::CheckResult end = z3->check();
    z3->pop();
    if (end.result != symbolic::SatResult::Unsat) return "Z3 did not show the digit's last step";
  }
  // (5c) the next remainder stays below 256 d: 256 R + a < 256 d for integers
  // 0 <= R < d < 2^32 and a <= 255.
  {
    symbolic::ExprContext x;
    const unsigned w = 48;
    symbolic::Expr big_r = x.zero_extend(x.variable("R", 32), w), d = x.zero_extend(x.variable("d", 32), w),
                   a = x.zero_extend(x.variable("a", 8), w), k256 = x.constant(256, w);
    std::string failure =
        prove_lemma(x, x.lor(x.lnot(x.ult(big_r, d)), x.ult(x.add(x.mul(k256, big_r), a), x.mul(k256, d))),
                    false, timeout_seconds, "256 R + a < 256 d for R < d");
    if (!failure.empty()) return failure;
  }
  // (5d) the telescoping identity: with r_3 = a_3 and r_(k-1) = 256 (r_k - q_k d) +
  // a_(k-1), A = d Q + (r_0 - q_0 d) for Q = sum_k 256^k q_k, A = sum_k 256^k a_k (a
  // polynomial identity, mod 2^64; every term is below 2^64).
  symbolic::ExprContext x;
  symbolic::Expr d = x.zero_extend(x.variable("d", 32), 64);
  std::vector<symbolic::Expr> a, q;
  for (int k = 0; k < 4; ++k) {
    a.push_back(x.zero_extend(x.variable("a" + std::to_string(k), 8), 64));
    q.push_back(x.zero_extend(x.variable("q" + std::to_string(k), 8), 64));
  }
  symbolic::Expr r = a[3], big_a = x.constant(0, 64), big_q = x.constant(0, 64);
  for (int k = 3; k >= 1; --k)
    r = x.add(x.mul(x.constant(256, 64), x.sub(r, x.mul(q[size_t(k)], d))), a[size_t(k - 1)]);
  for (int k = 0; k < 4; ++k) {
    big_a = x.add(big_a, x.mul(x.constant(uint64_t(1) << (8 * k), 64), a[size_t(k)]));
    big_q = x.add(big_q, x.mul(x.constant(uint64_t(1) << (8 * k), 64), q[size_t(k)]));
  }
  return prove_lemma(x, x.eq(big_a, x.add(x.mul(d, big_q), x.sub(r, x.mul(q[0], d)))), true, timeout_seconds,
                     "A = d Q + (r_0 - q_0 d)");
}

}  // namespace

std::string long_division_lemmas(double timeout_seconds) {
  static std::mutex mutex;
  static bool proved = false;  // the lemmas do not depend on the model
  std::lock_guard<std::mutex> lock(mutex);
  if (proved) return "";
  std::string failure = prove_long_division_lemmas(timeout_seconds);
  proved = failure.empty();
  return failure;
}

std::string long_division_statement(bool remainder) {
  return std::string(
             "then by the long division's induction, each step a lemma Z3 proves (arith_proofs.h: a "
             "threshold "
             "pair of integers is [r_k >= m d]; q_k d = sum over m <= 255 of [r_k >= m d] d satisfies q_k d "
             "<= r_k < q_k d + d while r_k < 256 d, by induction on m, one query per m; r_3 = A's top byte < "
             "256 d starts it and r_(k-1) = 256 (r_k - q_k d) + A's byte k-1 < 256 d keeps it; A = d Q + "
             "(r_0 "
             "- q_0 d) for Q = sum_k 256^k q_k, a polynomial identity; the lemmas joined by substituting "
             "equals), so Q and r_0 - q_0 d < d are Euclid's quotient and remainder of A by d, ") +
         (remainder ? "A mod B" : "the digits q3..q0 the bytes of A / B") +
         " (SMT-LIB's definition of bvudiv and bvurem)";
}

std::string signed_division_statement(isa::Opcode op) {
  const bool remainder = op == isa::Opcode::RemS;
  C2W_CHECK(remainder || op == isa::Opcode::DivS, "signed_division_statement: not a signed division");
  return std::string("; for the signed op, on A = |a| and B = |b|: isa/semantics.h's ") +
         (remainder ? "rems is |a| mod |b| negated when a < 0"
                    : "divs is |a| / |b| negated when a < 0 xor b < 0") +
         " (SMT-LIB's definition of " + (remainder ? "bvsrem" : "bvsdiv") +
         ", which the ISA's symbolic domain uses; not given to Z3, which does not finish it in 20 s)";
}

}  // namespace c2w::verify
