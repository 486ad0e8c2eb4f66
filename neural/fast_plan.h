// The fast pass's plan (internal to neural/: fast_transformer.cpp reads it,
// fast_plan.cpp builds it). plan_fast_pass analyses a SparseModel once, when the
// engine is built, and stores what it finds as the arrays FastTransformer::step walks
// at every token: the heads with their key groups, per block the neuron families, the
// fused linear map and its slot clears, the shared pair sums and the gate rows of the
// other neurons in runs of one length, the token groups of the unembedding, and the
// compiled kernels when a compiler builds them. The per-token pass reads this and the
// model's embedding, nothing else of the analysis.
//
// Conventions are fast_transformer.h's: an entry is (residual coordinate, weight); a
// row of entries times the residual x is the sum of weight * x[coordinate], in the
// order stored. Coordinates >= d_model name a block's shared sums (d_model + k is sum
// k), computed into the residual buffer past its d_model coordinates.
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "neural/block_kernel.h"
#include "neural/fast_transformer.h"
#include "neural/model.h"
#include "neural/sparse_model.h"

namespace c2w::neural {

// a * b and a + b, false when the result is not exactly a * b or a + b.
inline bool exact_product(double a, double b, double& p) {
  p = a * b;
  return std::isfinite(p) && std::fma(a, b, -p) == 0;
}
inline bool exact_sum(double a, double b, double& s) {
  s = a + b;
  const double bb = s - a;  // Knuth's two-sum: the rounding error of a + b
  return std::isfinite(s) && (a - (s - bb)) + (b - bb) == 0;
}

// Rows back to back, shortest first, in runs of one length: (length, number of
// rows), then every row's columns and weights.
struct RowRuns {
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  std::vector<int> column;
  std::vector<double> weight;
};

// What step() needs of one block.
struct BlockPlan {
  using Entry = std::pair<int, double>;  // (residual coordinate, weight)

  struct Head {
    std::vector<Entry> query[2], key[2];
    // Value row r is its key group's distinct row column[r]; output column r reads
    // output_entries[output_start[r] .. output_start[r + 1]).
    std::vector<uint32_t> column;
    std::vector<uint32_t> output_start;
    std::vector<Entry> output_entries;
  };
  // Heads with the same key weights and tie mode see the same keys at every
  // position: they share one KV cache (the memory heads reading the bytes of the
  // operands are such a group). Its values are the heads' value rows, each distinct
  // row once (the sixteen memory heads all read the same two coordinates). Each head
  // still makes its own lookup with its own query and takes its rows of the value at
  // its winner — which, keys being the same, is what its own cache would return (a
  // mean over tied keys too: equal rows give equal columns).
  struct KeyGroup {
    std::vector<int> heads;
    std::vector<std::vector<Entry>> rows;  // the distinct value rows
    TieMode tie = TieMode::Latest;
    // The heads' inputs (a buffer of head_inputs numbers) hold query h at [2h, 2h +
    // 1], then each key group's key and values from its slot.
    uint32_t slot = 0;
  };
  // Neurons whose gate rows agree except in the coefficient of one coordinate v:
  // gate_k = shared · x + coefficient[k] * x[v], sorted by coefficient.
  struct Family {
    std::vector<Entry> shared;
    int varying = 0;
    std::vector<double> coefficient;  // ascending
    std::vector<int> neuron;          // in the same order
    // When the varying coordinate is the constant 1 (so u = 1 and gate_k = a + c_k)
    // and the coefficients are integers spanning a short range: at_most[t - lowest] is
    // the number of them <= t, for lowest <= t < highest. The members firing, c_k > -a,
    // are those above floor(-a): one table read instead of a binary search.
    double lowest = 0, highest = 0;
    std::vector<uint32_t> at_most;
    // When every member writes one and the same residual coordinate (a table's
    // ramps summing into its result), the family's outputs are summed in a register
    // and added once: out_row, and each member's output weight.
    int out_row = -1;
    std::vector<double> out_weight;
    // When every member has the same value row: that row, computed once per token (a
    // zero value silences the whole family).
    bool same_value = false;
    std::vector<Entry> value_row;
    // When, besides, the outputs are summed, the sum over the firing members
    // [first, last) is value * (shared_sum * W + u * WC) with W and WC the sums of
    // out_weight[k] and out_weight[k] * coefficient[k] over the range: prefix sums,
    // kept only when every one of them is exact (else empty).
    std::vector<double> w_prefix, wc_prefix;  // n + 1 each
  };
  // Where a single neuron's output goes when its output column has one entry (most
  // do): coordinate row, times weight; row < 0 otherwise. When its value row reads
  // the constant coordinate alone (and that is 1 in every layer), `value` is its value.
  struct SingleOutput {
    int row = -1;
    bool constant = false;
    double weight = 0, value = 0;
  };

  std::vector<Head> heads;
  std::vector<KeyGroup> key_groups;
  uint32_t head_inputs = 0;  // 2 per head, then 2 + its rows per key group
  std::vector<Family> families;
  // The linear neurons (gate = c * the constant coordinate, c > 0: always firing with
  // gate c), fused into one sparse map: residual coordinate linear_row[k] receives
  // row k of `linear` times x, the sum over those neurons of output weight * c *
  // value row.
  // A row that is exactly -x[r] for its own coordinate r (the compiler freeing a slot
  // for reuse) sets it to 0 instead: `cleared`, applied before the block's other
  // outputs are added.
  std::vector<int> cleared;
  std::vector<int> linear_row;
  RowRuns linear;
  // Sums shared by the single neurons' gate rows, computed first: coordinate
  // d_model + k of the extended residual is x[pair[k].first] + pair_ratio[k] *
  // x[pair[k].second] (either may be an earlier shared sum).
  std::vector<std::pair<int, int>> pair;
  std::vector<double> pair_ratio;
  // Neurons evaluated one by one: neuron single[k] has gate row k of `single_gates`
  // and output single_output[k].
  std::vector<int> single;
  RowRuns single_gates;
  std::vector<SingleOutput> single_output;
  // Every neuron's value row and output column, back to back (CSR by neuron).
  std::vector<uint32_t> value_start, output_start;
  std::vector<Entry> value_entries, output_entries;
  // The compiled kernels (block_kernel.h), or none: walk the arrays.
  BlockKernels kernels;
};

// Tokens whose unembedding rows read the same residual coordinates.
struct VocabGroup {
  std::vector<int> columns;               // the coordinates whose weights differ between the tokens
  std::vector<int> tokens;                // ascending
  std::vector<Eigen::VectorXd> column;    // per coordinate: the tokens' weights
  std::vector<int> first_max, first_min;  // per coordinate: where its largest / smallest weight is first
  // Coordinates with one weight for every token of the group: they add the same
  // amount to each of its logits.
  std::vector<std::pair<int, double>> constant;
  // With exactly two coordinates: the tokens' weight pairs as points of the plane,
  // their upper and lower convex hulls (strictly convex, left to right; a vertex
  // names the first token at that point), empty when a weight is not an integer
  // below 2^53 in magnitude.
  std::vector<int> upper, lower;
};

struct FastPlan {
  std::vector<BlockPlan> blocks;
  std::vector<VocabGroup> vocab_groups;
  // The sizes of the evaluation's buffers, allocated once.
  size_t most_pairs = 0;    // the most shared sums in a block (after x's d_model coordinates)
  size_t most_heads = 0;    // the most heads in a block
  size_t scratch_rows = 0;  // a block's heads' inputs, or its linear map's rows (and the families' sums), + 1
  size_t kernel_outputs = 0;          // the kernels' appended neurons, + 1 (0 without kernels)
  Eigen::Index largest_group = 0;     // the most tokens in a group
  std::shared_ptr<void> kernel_code;  // owns the compiled kernels
  FastTransformer::Layout layout;
  int constant_one = -1;  // the coordinate that is 1 at every block's input, or -1 (for share_sums)
};

// What a prefilled position computes (FastTransformer::prefill). A position whose
// prediction is not read leaves later positions only what it appends to the KV
// caches: every key group's key and value rows, block by block. plan_prefill finds
// what reaches them by a backward liveness pass over the residual's coordinates
// (shared sums included): after the last block nothing is live (the unembedding is
// not computed); through a block's feed-forward part, then its attention part, a
// thing is needed iff it writes a live coordinate, and what it reads becomes live.
// The outputs add to the residual, so a coordinate written stays live; only a full
// overwrite (a slot cleared, a shared sum computed) takes one out. Key and value
// rows are always needed; a head's lookup and query rows iff an output of it is live.
// Everything else at such a position is dead: nothing that is ever looked up or
// predicted reads it, so skipping it changes no key, value, lookup or token.
struct PrefillBlock {
  std::vector<char> head;    // per head: its lookup (and query) is made
  std::vector<char> family;  // per family: its members are searched and computed
  // The linear rows computed: row k of `linear` is the block's linear row linear[k]
  // (adding to the coordinate linear_row[linear[k]]); the single neurons likewise.
  std::vector<uint32_t> linear, single;
  RowRuns linear_rows, single_gates;
  std::vector<uint32_t> pair;  // the shared sums computed, ascending
  // The coordinates the block's feed-forward part writes (its outputs are gathered
  // per coordinate and added at the end).
  std::vector<int> written;
  // The coordinates live at the block's input: what a position's residual must hold
  // when it reaches the block (at block 0: the embedding's zeros; the others' values
  // are never read, or overwritten first).
  std::vector<int> live_before;
  // What is computed of what there is (FastTransformer::Layout::Prefill).
  FastTransformer::Layout::Prefill counts;
};
std::vector<PrefillBlock> plan_prefill(const FastPlan& plan, int d_model);

// The plan of the fast pass over `model`. With a compiler, each block's fixed
// arithmetic is compiled into kernels (block_kernel.h); without one, or when it
// cannot compile, the blocks have none and step() walks the arrays. Without
// `share_sums`, no sums are factored out of the single neurons' gate rows (the
// search costs a short run more than it saves): each row is walked whole.
FastPlan plan_fast_pass(const SparseModel& model, BlockKernelCompiler* compiler, bool share_sums = true);
// The same plan, from a model the caller needs no more than its embedding, positional
// features, vocabulary and d_model: each block's matrices are freed as soon as the
// block is planned, and the unembedding once its token groups are found, so that the
// model and its plan (which holds the same rows again) are never held whole together
// (a short run's peak memory).
FastPlan plan_fast_pass_releasing(SparseModel& model, BlockKernelCompiler* compiler, bool share_sums = true);

// The kernel spec of the plan's block l: its arrays, in the order the walk reads them
// (block_kernel.h), so that the code computes what the walk computes, bit for bit;
// make_kernel_specs gives every block's.
BlockKernelSpec make_kernel_spec(const FastPlan& plan, size_t l, int d_model);
std::vector<BlockKernelSpec> make_kernel_specs(const FastPlan& plan, int d_model);

// Compiles the plan's blocks into kernels with `compiler` (its layout's
// kernels_requested set, the build time added to kernel_build_seconds); when the
// compiler cannot build them all, the blocks keep what they had (none: walked).
void compile_kernels(FastPlan& plan, int d_model, BlockKernelCompiler& compiler);

// Factors the shared sums out of a plan made without them: the same single neurons,
// gate rows and pairs as plan_fast_pass(model, nullptr) gives. It reads the plan only
// (the model's blocks may be gone: plan_fast_pass_releasing). Its kernels, if any,
// are dropped (they compute the whole rows): compile_kernels builds new ones.
void share_sums(FastPlan& plan, int d_model);

}  // namespace c2w::neural
