// The argmax margin inside each family of generated tokens, read off the unembedding.
//
// The tokens a step emits come in families whose member is chosen by a number: the
// bytes x00..xff (a byte to write), out:00..out:ff (a byte to print) and the pc tokens
// @0, @1, ... (the next pc). The weights choose the member by a parabola: token j's
// logit is 2j·X − j² (+ what the whole family shares), so at X = j it beats token i by
// (j − i)² >= 1. This check reads that from the rows alone, not from the circuit: per
// family, X is the residual coordinate (other than the constant 1 of the positional
// features) on which the rows differ most, and for every token j whose number lies in
// X's range (numeric_bounds.h: the final residual's bounds) and every other member i,
// the logit difference (row_j − row_i)·x at X = j, the constant coordinate 1, the
// family's bonus coordinates (those every member on the parabola reads with one weight:
// the kind of token to emit) at their highest value, as when the family is the one
// chosen, and every other coordinate anywhere in its range, is bounded below and above:
//   min >= 1 for every pair   the family is proved: at X = j, j wins by >= 1;
//   max < 1 for some pair     refuted: whatever the other coordinates hold, at X = j
//                             token i ties or beats j (a counterexample of the weights,
//                             not replayed on an engine);
//   otherwise                 unknown (the margin depends on other coordinates).
// What is not covered: that X holds the number the machine means to emit (the op
// proofs' business), and the choice between families (the kind bonus).
#pragma once

#include <string>
#include <vector>

#include "neural/model.h"
#include "verify/numeric_bounds.h"
#include "verify/verify_model.h"

namespace c2w::verify {

struct FamilyMargins {
  Status status = Status::Proved;
  std::string detail;          // per family: its coordinate, tokens and smallest margin
  std::string counterexample;  // refuted: the value of X, the two tokens and their logits
};

// The families of `model`'s vocabulary (bytes, out:XX, pcs) checked against the bounds
// of the final residual (`final_residual`, one Range per coordinate).
FamilyMargins check_family_margins(const neural::Model& model, const std::vector<Range>& final_residual);

}  // namespace c2w::verify
