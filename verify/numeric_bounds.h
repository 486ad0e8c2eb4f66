// Sound numeric bounds of a model, from its weights alone: for every quantity the
// forward pass computes (embedding, query, key, score, value, head output, gate, FFN
// value, product, FFN output, residual sum, logit) an interval and a *grain* g, such
// that at every position below `positions`, for every token sequence, the quantity is
// an integer multiple of 2^g inside the interval.
//
// The abstract domain is a box with grains (interval arithmetic plus the lowest set
// bit of every weight), propagated block by block over the union of all positions:
// * x0 = embedding column of any token + (p, p², 1) for 0 <= p < positions;
// * a hard-max head returns the value vector V·x_j of some earlier position j (or the
//   mean of tied ones), so its output lies in the box of V·X where X is the residual's
//   box at that block, whatever the winner is. A mean of k tied values stays in the
//   box, but its grain is only kept when k is a power of two: `average_heads` counts
//   the heads with tie `average`, whose exactness the box cannot establish;
// * a ReGLU neuron: ReLU(gate) ⊙ value, products of boxes;
// * every dot product is bounded by the sum of the magnitudes of its terms, which
//   bounds every partial sum too, in any order of summation.
// Boxes alone lose every correlation, so two refinements (numeric_bounds.cpp, `Form`):
// the outputs of neurons sharing a gate and a constant value are kept as one piecewise
// linear function of that gate (a step ReLU(g + 1) − ReLU(g) stays in [0, 1]; a one-hot
// sum of hats stays <= 1), and a coordinate that depends on one token only (an embedding
// coordinate; what one `latest` head fetches of its winner's embedding) is kept as a
// table over the vocabulary, so the ROM fields of one pc token are read together.
// Linear neurons (a constant gate) fold into the residual connection, so a slot cleared
// by subtracting itself is exactly 0. Nothing relates two different neuron groups.
// Interval ends are computed in long double and rounded outward after every
// operation, so the bounds are sound. A quantity of grain g and magnitude bound B is
// exact in a binary float format with p significand bits when B < 2^(p+g) (every
// value is then k·2^g with |k| < 2^p), g is above the format's smallest subnormal
// exponent and B below its largest finite number.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "neural/model.h"

namespace c2w::verify {

// A set of numbers: integer multiples of 2^grain inside [low, high]. The set {0} has
// grain kZeroGrain.
struct Range {
  static constexpr int kZeroGrain = 1 << 20;
  long double low = 0, high = 0;
  int grain = kZeroGrain;

  long double magnitude() const;
  bool is_zero() const { return low == 0 && high == 0; }
  bool integral() const { return grain >= 0; }
  std::string to_string() const;
};

// A binary floating-point format.
struct FloatFormat {
  std::string name;
  int significand_bits;  // with the implicit bit: 11 for binary16, 53 for binary64
  int min_exponent;      // of the smallest subnormal: -24 for binary16
  int max_exponent;      // the largest finite number is below 2^(max_exponent + 1)
};
const std::vector<FloatFormat>& float_formats();  // bfloat16, binary16, binary32, binary64

// The first quantity of the pass that is not shown to fit a format.
struct QuantityRecord {
  std::string where;   // "block 3 ffn gate 17", "block 0 head 2 score", ...
  Range range;         // for a dot product: its partial-sum bound
  uint64_t index = 0;  // its place in the analysis order (every quantity before it fits)
};

struct HeadBounds {
  Range query[2], key[2], score;
  neural::TieMode tie = neural::TieMode::Latest;
  // How many quantities were checked up to the scores: the head's scores are exact in a
  // format when its first inexact quantity comes later (every input of the head was
  // checked before them, in the order of the forward pass).
  uint64_t recorded_at = 0;
};

struct NumericBounds {
  int64_t positions = 0;
  std::vector<std::vector<HeadBounds>> heads;  // per block, per head
  std::vector<Range> logits;                   // per token
  std::vector<Range> final_residual;           // per coordinate
  int average_heads = 0;
  // For each format (float_formats() order): the first quantity that is not exact in
  // it, or empty `where` when all are exact.
  std::vector<QuantityRecord> first_inexact;
  uint64_t quantities = 0;  // how many were checked
};

// Bounds of every quantity over all positions below `positions` (>= 1).
NumericBounds bound_model(const neural::Model& model, int64_t positions);

// The largest position count n <= limit such that every quantity is exact in `format`
// at all positions below n (0 when even one position is not provably exact). Monotone
// in n, so found by bisection over bound_model.
int64_t largest_exact_positions(const neural::Model& model, const FloatFormat& format, int64_t limit);

}  // namespace c2w::verify
