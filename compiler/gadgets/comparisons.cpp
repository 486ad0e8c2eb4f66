// Comparisons of a and b, shared by the compare ops (moves.cpp) and the branches
// (branches.cpp).
//
// On integers, [d >= 0] is ReLU(d + 1) - ReLU(d) and [d == 0] is
// ReLU(d + 1) - 2 ReLU(d) + ReLU(d - 1), exact on integers. So with A and B the
// unsigned words: a == b is [A - B == 0], a < b is [B - A - 1 >= 0], a <= b is
// [B - A >= 0]. For the signed order each word is mapped monotonically onto
// [0, 2^32) first: s = A + 2^31 - 2^32 [sign of a] (the signed value plus 2^31).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

void make_comparisons(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr& A = m.word_a;
  const LinExpr& B = m.word_b;
  const LinExpr sa = A + 2147483648.0 - 4294967296.0 * m.sign_a,
                sb = B + 2147483648.0 - 4294967296.0 * m.sign_b;
  m.compare.equal = feature(c.is_zero("eq", A - B));
  m.compare.less_unsigned = feature(c.is_nonneg("lt_u", B - A - 1));
  m.compare.less_equal_unsigned = feature(c.is_nonneg("le_u", B - A));
  m.compare.less_signed = feature(c.is_nonneg("lt_s", sb - sa - 1));
  m.compare.less_equal_signed = feature(c.is_nonneg("le_s", sb - sa));
}

}  // namespace c2w::compiler::gadgets
