// Sound numeric bounds of a model, from its weights alone: for every quantity the
// forward pass computes (embedding, query, key, score, value, head output, gate, FFN
// value, product, FFN output, residual sum, logit) an interval and a *grain* g, such
// that at every position below `positions`, for EVERY token sequence (no well-formed
// trace is assumed: any token may follow any other), the quantity is an integer
// multiple of 2^g inside the interval, and so is every partial sum of a dot product,
// in any order of summation.
//
// The abstract domain is a box with grains per coordinate (interval arithmetic plus the
// lowest set bit of every weight), propagated block by block over the union of all
// positions: x0 = the embedding column of any token + (p, p², 1) for 0 <= p < positions;
// a hard-max head returns the value vector V·x_j of one earlier position j (`latest`) or
// a mean of tied ones (`average`: inside the box; its grain is kept only as far as the
// `average_heads` count says, which the margin obligations report); a ReGLU neuron is
// ReLU(gate)·value. Boxes alone lose every relation between coordinates, so the
// analysis (numeric_bounds.cpp) refines them with:
// * tables (case splitting on a discrete source): for a variable with finitely many
//   values — the position's own token, the token (or any tabled variable) at the winner
//   of a `latest` head, a coordinate or a gate with at most 512 values — a coordinate
//   keeps, per value of the source, an interval and a grain that hold whenever the
//   source has that value. Coordinates tabled on one source are added, multiplied and
//   ReLU'd value by value, so the op flags of one pc token stay exclusive (one write
//   address squared at a time, not four), a shift's 2^s and the bits it keeps stay
//   related (2^s·(bits below 32 - s) < 2^32), and 2^-s·(bits from s up) is an integer
//   at every s. A coordinate keeps its four most informative tables: the narrowest on
//   average, but always the source that tables most of its terms (the fetched op byte's
//   token, for a sum of op flags) and the one whose values show the coarsest grains (the
//   shift amount, for the kept bits from s up). A gate without tables that has at most
//   512 values is a source of its own, and a later gate λ times it (λ a power of two,
//   its coordinates not written since: -s and s) is a table of that source;
// * case splits: a gate that reads a coordinate with two values (a flag: valid, which
//   gates the op flags' is_zero tests of the fetched op byte) is computed once per
//   value, and its group's products are tabled as the join of the cases, each case
//   narrowed by the whole gate's table (a case that cannot happen at a value of a
//   source adds nothing there). One pass would read op + 1024·[0, 1] at every op byte
//   and find every op flag possible at every op;
// * piecewise forms: the outputs of neurons sharing a gate g and a constant value are
//   one piecewise linear function of g (a step ReLU(g + 1) - ReLU(g) stays in [0, 1]; a
//   one-hot sum of hats stays <= 1), and a row that also reads λ·g itself is f(g) =
//   λ·g + Σ w·ReLU(g + t) (the clamp min(a, c) = a - ReLU(a - c) stays below c);
// * definitions: a coordinate the linear neurons write as a sum of others (a compact
//   copy) lends its box and tables to every later row that reads λ times that sum,
//   for as long as the summed coordinates are not written again;
// * threshold counts: q = Σ_m (ReLU(u - m·v + 1) - ReLU(u - m·v)) over distinct m >= 1
//   (u, v integers, v >= 0) and P = ReLU(q)·v give u - P in [min(0, u), u] (the
//   remainder of a long-division digit is at most what was divided);
// * selections: for P = ReLU(f)·(V·x) with f in {0, 1}, a row reading λ·P is bounded by
//   the join of its two cases (f = 0, f = 1);
// * linear neurons (a constant gate) fold into the residual connection, so a slot
//   cleared by subtracting itself is exactly 0.
// Every such relation is a fact about all positions, kept only while the coordinates it
// names hold the same values (a version per coordinate). Interval ends are computed in
// long double, with the rounding bounded and the ends rounded outward, so the bounds are
// sound; tests/test_verify.cpp checks every quantity of real runs against them.
//
// A quantity of grain g and magnitude bound B is exact in a binary float format with p
// significand bits when B < 2^(p+g) (every value is then k·2^g with |k| < 2^p), g is
// above the format's smallest subnormal exponent and B below its largest finite number.
//
// What this proves, and what it cannot: the specialised models of hello, crc32, collatz
// and fibonacci are exact in float64 at their max_positions (2^25), for every token
// sequence (bench/verify_table.sh: shown below 83,886,080 positions for hello and
// crc32; p² alone passes 2^53 at 94,906,266). Two constructions had to change for it,
// both trace-identical:
// the write marks' big-M was 1024, so a token more than 1028 positions after its pc
// token turned all four marks on and four squared addresses near (2^25 + 2^24)^2 added
// up above 2^53 (write_marks.cpp now gates with 2^36); and divs took |b| from -b's bytes,
// which were dead by the time |b| was read, so the selection lost |b| <= 2^32
// (div_rem.cpp now selects between word_b and 2^32 - word_b). The universal model is
// exact in float64 at its max_positions (2^25) too, for every token sequence, prompt
// included (tests/test_verify.cpp; shown below 47,185,920 positions): its four write
// roles (destination, getc, store, ret) are exclusive through the fetched op byte, the
// token at the `prompt` head's winner, whose op flags are is_zero tests gated by valid.
// The tables keep that exclusivity through the case split on valid, the source kept for
// a sum of flags and a work budget that admits the 52 flags' group over the
// vocabulary's 9232 tokens; without it the memory heads' score bound added four
// addresses, 2·(2^25)·4·(2^25 + 2^20) > 2^53. The call's out is read from three bytes
// and the operand addresses and the write offset are clamped, so one address at a time
// fits (scores below 8.1e15). Its shifts count the amount's thresholds on -s and select
// 2^-s on s, one source through the gate sources. And one construction had to change,
// trace-identically: calli's entry flag passed the prompt's entry byte on (the encoder
// writes 0 or 1, but a byte of 255 made the bad-call trap -254 and gated the emitted pc
// by 2^36·254, whose logits passed 2^53), so call_ret.cpp now tests [entry byte >= 1].
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
  std::vector<Range> value;  // per value row, over every position (what a `latest` head returns)
  neural::TieMode tie = neural::TieMode::Latest;
  // How many quantities were checked up to the scores: the head's scores are exact in a
  // format when its first inexact quantity comes later (every input of the head was
  // checked before them, in the order of the forward pass).
  uint64_t recorded_at = 0;
};

// Per block: the residual after its attention and after its feed-forward, per
// coordinate; per neuron, its gate (unbounded for a neuron whose gate is not computed:
// a constant gate <= 0 or an empty value row) and its product ReLU(gate)·value.
struct BlockBounds {
  std::vector<Range> attention_residual, ffn_gate, ffn_product, ffn_residual;
};

struct NumericBounds {
  int64_t positions = 0;
  std::vector<std::vector<HeadBounds>> heads;  // per block, per head
  std::vector<BlockBounds> blocks;
  std::vector<Range> logits;          // per token
  std::vector<Range> final_residual;  // per coordinate
  int average_heads = 0;
  // For each format (float_formats() order): the first quantity that is not exact in
  // it, or empty `where` when all are exact.
  std::vector<QuantityRecord> first_inexact;
  uint64_t quantities = 0;  // how many were checked
};

// Bounds of every quantity over all positions below `positions` (>= 1).
NumericBounds bound_model(const neural::Model& model, int64_t positions);

// Per float format: a position count `proved` <= limit below which every quantity is
// shown exact (0 when not even one position is), and the smallest count `not_shown`
// found not shown exact (0 when the limit is shown). Being shown is monotone in n, so the
// counts come from doubling and then bisection over bound_model, one pass answering for
// every format, until not_shown - proved <= max(1, proved * precision): precision 0
// gives the largest count exactly. `known`, when given, is a pass already made.
struct ExactPositionCount {
  int64_t proved = 0, not_shown = 0;
};
std::vector<ExactPositionCount> exact_position_counts(const neural::Model& model, int64_t limit,
                                                      double precision, const NumericBounds* known = nullptr);

// The largest position count n <= limit such that every quantity is shown exact in
// `format` at all positions below n (exact_position_counts with precision 0).
int64_t largest_exact_positions(const neural::Model& model, const FloatFormat& format, int64_t limit);

}  // namespace c2w::verify
