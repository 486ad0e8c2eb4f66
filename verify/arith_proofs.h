// The arithmetic side of the op proofs (verify/op_proofs.h): mul, mulhu and mulhs as
// functions of the operands' exact product, and the algebraic steps that link the
// weights' byte products to the ISA's 32-bit multiplication; the long division's
// induction that links the divisions' digit steps (long_division_statement).
//
// Why split: a 32 x 32-bit multiplication against a sum of 16 byte products is the
// multiplier-equivalence problem that bit-blasting SAT solvers do not finish (Z3 did
// not in 60 s on the universal model). The proof is composed of four steps:
// 1. From the weights (op_proofs.cpp): every neuron ReLU(c x) * (c' y + k) of two operand
//    bytes x, y (x >= 0, so ReLU(c x) = c x) is c c' p_xy + c k x for the byte product
//    p_xy = x * y; Z3 shows the weights' word equals product_word_of_parts(op, low,
//    high, a, b) for the schoolbook parts low, high of the p's, for EVERY p_xy in
//    [0, 255^2] and every a, b: sums of shifted p's, comparisons and the weights' carry
//    counts, no product of two unknowns, which Z3 decides in seconds.
// 2. parts_lemma (Z3): that word of the parts is product_word(op, low + 2^32 high).
// 3. The schoolbook identity, for p_ij = a_i b_j: low + 2^32 high = sum_ij 256^(i+j)
//    a_i b_j = (sum_i 256^i a_i)(sum_j 256^j b_j) = A B, the operands' unsigned values
//    (below 2^64, so exact in 64 bits): schoolbook_lemma() proves it with Z3 in four
//    lemmas, none of them a multiplier equivalence: A = sum_i 256^i a_i (bit-blasting);
//    the 16-bit p_ij = a_i b_j is the 64-bit product of the bytes (8 x 8-bit products);
//    the parts at the weights' width do not wrap (sums of bounded terms); and the
//    distributive law, a polynomial identity that Z3's simplifier settles by bringing
//    both sides to sums of monomials (symbolic::make_z3_polynomial_solver).
// 4. product_word(op, A B, a, b) is isa/semantics.h's op: prove_product_lemma() asks Z3
//    with A B = zext(a) * zext(b) (mul's and mulhu's are Z3's or the same expression);
//    mulhs's, a multiplier equivalence as one query, in four lemmas:
//    sext(a) = A - 2^32 [a < 0]; (A - 2^32 s)(B - 2^32 t) = A B - 2^32 (s B + t A)
//    mod 2^64 for all A, B and bits s, t (a polynomial identity); bits 32..63 of
//    P - 2^32 X are P's minus X's low word; and X = [a < 0] B + [b < 0] A has the low
//    word [a < 0] b + [b < 0] a. So the ISA's mulhs, bits 32..63 of sext(a) sext(b), is
//    (A B >> 32) - [a < 0] b - [b < 0] a mod 2^32.
// The steps and lemmas are joined by substituting equals (each lemma holds for every
// value of its variables); that joining is the one part not given to Z3.
#pragma once

#include <string>

#include "isa/isa.h"
#include "symbolic/expr.h"

namespace c2w::verify {

// mul, mulhu, mulhs (the ops whose word is assembled from byte products).
bool is_product_op(isa::Opcode op);

// The ISA's result of `op` (32 bits) from `product`, the 64-bit unsigned product of the
// operands' values, and the operand words a and b (32 bits each).
symbolic::Expr product_word(symbolic::ExprContext& x, isa::Opcode op, symbolic::Expr product,
                            symbolic::Expr a, symbolic::Expr b);

// The schoolbook product of byte products p(i, j) (16-bit bit-vectors standing for
// a_i * b_j), in two parts of `width` bits (44 <= width <= 64): low = sum over i + j <= 3
// of 256^(i+j) p(i, j), the columns below 2^32 (< 2^42), and high = sum over i + j >= 4
// of 256^(i+j-4) p(i, j) (< 2^33), so that the product is low + 2^32 high. Split, and as
// wide as the weights' encoding, so that Z3 meets the same sums (its rewriter orders
// them) and compares the weights' carry with low's bits 32 and up, as the weights
// compute it.
struct ProductParts {
  symbolic::Expr low, high;
};
template <class Product>
ProductParts schoolbook_product(symbolic::ExprContext& x, Product p, unsigned width) {
  ProductParts parts{x.constant(0, width), x.constant(0, width)};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      symbolic::Expr& sum = i + j <= 3 ? parts.low : parts.high;
      int shift = 8 * (i + j <= 3 ? i + j : i + j - 4);
      sum = x.add(sum, x.mul(x.constant(uint64_t(1) << shift, width), x.zero_extend(p(i, j), width)));
    }
  return parts;
}

// product_word(op, low + 2^32 high, a, b) from the parts, in their own terms: mul is
// low's bits 0..31, mulhu low's bits from 32 up plus high (mod 2^32), mulhs that minus
// the sign terms. parts_lemma() shows with Z3 that it equals product_word for every
// low < 2^43 and high < 2^40 (the schoolbook parts are below 2^42 and 2^33).
symbolic::Expr product_word_of_parts(symbolic::ExprContext& x, isa::Opcode op, const ProductParts& parts,
                                     symbolic::Expr a, symbolic::Expr b);
// "" when Z3 proves the parts' word equals the product's, at parts of `width` bits.
std::string parts_lemma(isa::Opcode op, unsigned width, double timeout_seconds);

// Step 3: "" when Z3 proves its four lemmas for parts of `width` bits (as
// schoolbook_product builds them from 16-bit p_ij), else the first it does not.
std::string schoolbook_lemma(unsigned width, double timeout_seconds);

// Step 4 for `op`: "" when Z3 shows product_word(op, zext(a) * zext(b), a, b) equals
// isa::apply_binary(op, a, b) for every a, b within the timeout (mulhs: its four
// lemmas), else the lemma Z3 did not finish or the algebra that carries the step (to be
// written into the obligation's detail).
std::string prove_product_lemma(isa::Opcode op, double timeout_seconds);

// The statement of step 4, for the obligation's detail.
std::string product_lemma_statement(isa::Opcode op);

// The long division of divu and remu: op_proofs.cpp proves the step facts from the
// weights (with d = B >= 1, r_3 = a_3 and, for each k, a digit q_k = sum over m = 1..255
// of ReLU(r_k - m d + 1) - ReLU(r_k - m d), r_(k-1) = 256 (r_k - q_k d) + a_(k-1), given
// q_k d <= r_k < q_k d + d and r_k < 256 d). long_division_lemmas() proves with Z3 the
// induction that links them to A / d and A % d, in four lemmas: (5a) a threshold pair
// ReLU(z + 1) - ReLU(z) of an integer z is [z >= 0]; (5b) q_k d = sum_m [r_k >= m d] d
// satisfies q_k d <= r_k < q_k d + d when r_k < 256 d (by induction on m: one linear
// query per m, over the reals, so for the integers); (5c) 256 R + a < 256 d for integers
// R < d and a <= 255, so r_3 = a_3 < 256 d and each r_(k-1) < 256 d; (5d) the
// telescoping identity A = d Q + (r_0 - q_0 d), Q = sum_k 256^k q_k (a polynomial
// identity). So Q and R = r_0 - q_0 d, 0 <= R < d, are Euclid's quotient and remainder:
// A / B and A % B by SMT-LIB's definition of bvudiv and bvurem. "" when all are proved,
// else the first that is not. The same for every model (no weights): computed once.
std::string long_division_lemmas(double timeout_seconds);
// The text of that argument, for the obligation's detail.
std::string long_division_statement(bool remainder);
// For divs and rems, whose long division runs on |a| and |b|: the ISA's result is
// |a| / |b| negated when exactly one of a, b is negative (divs), |a| % |b| negated when
// a is (rems) — SMT-LIB's definition of bvsdiv and bvsrem, which the ISA's symbolic
// domain uses (Z3 does not finish it in 20 s against the bit-blasted dividers). The
// text for the obligation's detail.
std::string signed_division_statement(isa::Opcode op);

}  // namespace c2w::verify
