// The multiplications' word from the operands' product (see arith_proofs.h).
#include "verify/arith_proofs.h"

#include <memory>

#include "isa/semantics.h"
#include "support/errors.h"
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

std::string prove_product_lemma(isa::Opcode op, double timeout_seconds) {
  symbolic::ExprContext x;
  symbolic::Expr a = x.variable("a", 32), b = x.variable("b", 32);
  symbolic::Expr mine = product_word(x, op, x.mul(x.zero_extend(a, 64), x.zero_extend(b, 64)), a, b);
  symbolic::Expr isa_word = isa::apply_binary(x, op, a, b);
  if (mine == isa_word) return "";  // the same expression (hash-consed): mulhu
  std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
  solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
  solver->add(x.lnot(x.eq(mine, isa_word)));
  symbolic::CheckResult r = solver->check();
  if (r.result == symbolic::SatResult::Unsat) return "";
  C2W_CHECK(r.result != symbolic::SatResult::Sat,
            "product_word disagrees with isa/semantics.h: a bug in verify");
  return product_lemma_statement(op);
}

std::string product_lemma_statement(isa::Opcode op) {
  if (op == isa::Opcode::Mul) return "the low word of A B is the ISA's 32-bit a * b (mod 2^32)";
  if (op == isa::Opcode::MulHU) return "the high word of A B is the ISA's mulhu";
  return "sext(a) = A - 2^32 [a < 0] gives sext(a) sext(b) = A B - 2^32 ([a < 0] B + [b < 0] A) + 2^64 [a < "
         "0][b < "
         "0], whose high word is (A B >> 32) - [a < 0] B - [b < 0] A mod 2^32, the ISA's mulhs";
}

std::string long_division_statement(bool remainder) {
  return std::string(
             "then by the long division's induction (arith_proofs.h, not given to Z3): a threshold pair "
             "of integers is [r_k >= m d], so q_k = #{m <= 255 : r_k >= m d} = floor(r_k / d) while r_k < "
             "256 d, which r_3 = A's top byte starts and r_(k-1) = 256 (r_k - q_k d) + A's byte k-1 < 256 d "
             "keeps; so r_k - q_k d = (A >> 8k) mod d and ") +
         (remainder ? "the remainder r0 - q0 d is A mod B" : "the digits q3..q0 are the bytes of A / B") +
         " (Z3 does not finish this induction against isa/semantics.h's division in 120 s)";
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
