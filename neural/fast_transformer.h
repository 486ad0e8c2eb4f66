// The fast forward pass of the hull engine (DESIGN.md §5, item 4): the same
// transformer as transformer.h's reference pass, computed from the same weights, with
// the work a token does brought down to the neurons that fire.
//
// What makes it fast, and why each is still the same computation:
// * Neuron families. A compiled FFN holds large families of neurons whose gates
//   differ in one coefficient only (thresholds of a piecewise-linear table, a ROM's
//   comparators): gate_k = A(x) + c_k * x_v, with A shared. For a given x the gate is
//   monotone in c_k, so after sorting a family by c_k the neurons with gate > 0 are a
//   prefix or a suffix, found by binary search on the exact gate. Neurons outside it
//   have gate <= 0 and output exactly 0 (a ReGLU neuron with a non-positive gate);
//   every neuron inside it is computed from its weights. The family structure is
//   found in the weights when the engine is built, not taken from the compiler.
// * Heads whose key weights are the same share one KV cache, which stores each
//   distinct value row of theirs once (the memory heads all read the same two
//   coordinates); each makes its own lookup. Keys equal at every position, so each
//   head's winner and value are what a cache of its own would give. A head's result is read in
//   place in the cache (HeadCache::lookup_view), once every head has read the
//   residual.
// * Sparse rows and columns, outputs added after every neuron has read the residual.
//   The other neurons' gate rows are evaluated in runs of one length (straight-line
//   sums the CPU overlaps), after factoring out the sums that many of them share:
//   a pair of terms w_a x_a + w_b x_b with w_b = r w_a (r an integer) held by three
//   rows or more becomes one coordinate x_a + r x_b computed first (the bytes of a
//   32-bit word, weighed 1, 256, 65536, 2^24, recur in every comparison of words).
// * The unembedding by token groups: tokens whose rows read the same coordinates
//   (the bytes, the pcs, ...) are a group; a group whose coordinates are zero but one
//   has its argmax at that column's precomputed extreme (its logits are that column
//   times one number); one that reads two (a pc's 2*pc and -pc^2) has it on the
//   convex hull of its tokens' weight pairs, found by binary search; coordinates a
//   group's tokens all weigh alike only add an offset. The other groups' logits are
//   computed in full.
// * A family whose members share their value row computes it once, and skips every
//   member when it is 0.
// * Linear neurons. When no token's embedding and no layer's output writes the
//   constant coordinate, it is 1 at every layer, and a neuron whose gate row reads
//   it alone, with weight c > 0, always fires with gate c: its output is linear in x.
//   A block's linear neurons (the compiler's copies and the clearing of residual
//   slots it reuses) are fused into one sparse map, the sum over them of output
//   column * c * value row, built when every entry of it is exact; with c <= 0 such
//   a neuron never fires. A row of that map that is exactly -x_r for its own
//   coordinate r (a slot cleared) sets x_r to 0, before the block's other outputs
//   are added to it.
// * Compiled kernels (optional, block_kernel.h): the arithmetic above that is fixed
//   per block (the heads' query, key and value rows, the linear map, the families'
//   shared sums, the shared pair sums, the single neurons' gates and their firing,
//   the clears and the additions of the outputs) compiled from the weights into
//   straight-line machine code (runtime/block_x86.h writes it for x86-64; on other
//   hosts runtime/block_jit.h builds it with LLVM): every weight a constant, the same
//   operations in the same order as the walk over the arrays, which remains the
//   fallback and the reference for it. The runtime builds them when the engine is
//   built, or defers it (compile_kernels_after) to a position: a run walks the arrays
//   until then. When the shared sums are factored out later, the kernels are built
//   again from the new rows. Switching mid-run changes no number: both compute the same.
// * Prefill in batches (prefill()): a prompt's tokens but its last are fed without
//   their predictions (nothing reads them), kChunk positions at a time, block by
//   block: the residual of the chunk held coordinate-major (x[c * kChunk + p]), every
//   head's query, key and value rows and every linear and single gate row evaluated
//   over the chunk's positions at once (one pass over a row's weights for kChunk
//   positions, the positions' sums side by side), then the positions in order for what
//   is sequential: each appends its keys and values and makes its lookups (so a
//   position sees the keys of every position up to itself, as step() by step), the
//   families' searches, the firing neurons. What such a position leaves to later
//   ones is only what it appends to the KV caches, so it computes only what reaches
//   a key or a value row (plan_prefill, fast_plan.h: a backward liveness pass over the
//   residual's coordinates, found from the weights at the first chunk): every key group's
//   keys and values are appended, as by step(); a head's query and lookup, a neuron,
//   a linear row or a shared sum whose output no later key or value reads is skipped,
//   and so is the unembedding (its argmax is what the loop ignores). Every append and
//   every lookup still made is step()'s, bit for bit (the lookups a position skips
//   change nothing a later lookup finds: a hull cache builds its hulls on demand, the
//   same ones whenever). On the universal model little is dead there: 67 of 68 heads,
//   7,588 of 7,616 neurons and all 53 linear rows are computed (what is skipped is
//   the last three blocks' work and one neuron of block 0; everything else reaches a
//   value that a later fetch or read may look up). The last prompt token goes
//   through step(), which predicts the first generated one; so do the positions of a
//   chunk that would be less than half full (cheaper stepped).
// Every weight and activation is an exactly representable number (model.h), so the
// order of summation does not change any result: the logits, and so the trace, are
// bit-identical to the reference pass's. The fused linear map and the shared sums
// also regroup products (w * (x_a + r x_b), (o c v) * x): they rely on the same
// promise, that the compiled weights and activations are integers or dyadic
// rationals far below 2^53, where every such product and sum is exact (values near
// 2^53 would break it). Tests compare the two passes token for token.
// The structure is found once, when the engine is built, by plan_fast_pass
// (fast_plan.h, internal to neural/): a short list of named steps, each stating what
// it finds and why using it is exact. step() walks the plan it returns.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "neural/block_kernel.h"
#include "neural/sparse_model.h"
#include "neural/transformer.h"

namespace c2w::neural {

struct FastPlan;  // fast_plan.h
struct BlockPlan;
struct PrefillBlock;

class FastTransformer final : public ForwardPass {
 public:
  // With a kernel compiler, each block's fixed arithmetic runs as compiled code
  // (block_kernel.h); without one, or when it cannot compile, the arrays are walked.
  // Both compute the same numbers. With `share_sums_after` > 0, the sums shared by
  // gate rows are factored out only once the pass has taken that many steps (over
  // all its runs): the search for them costs what they save over some 10^3 tokens,
  // so a short run walks each gate row whole. The numbers are the same either way.
  FastTransformer(SparseModel model, HeadCacheFactory caches, BlockKernelCompiler* compiler = nullptr,
                  int64_t share_sums_after = 0);
  ~FastTransformer() override;

  int step(int token, StepTrace* trace = nullptr) override;
  // Batched (see above): the same keys and values, residuals and caches as n steps.
  void prefill(const int* tokens, size_t n) override;
  void reset() override;
  // Positions a prefill batch holds.
  static constexpr int kChunk = 32;
  int64_t position() const override { return position_; }

  // How the feed-forward layers were organised (for statistics and tests).
  struct Layout {
    int64_t neurons = 0;         // neurons with a non-zero gate row
    int64_t family_neurons = 0;  // ... of which in families
    int64_t families = 0;
    int64_t summed_families = 0;     // ... whose outputs are summed from prefix sums
    int64_t linear_neurons = 0;      // ... fused into a linear map (gate: a positive constant)
    int64_t shared_sums = 0;         // sums factored out of the other neurons' gate rows
    int64_t compiled_blocks = 0;     // blocks running as compiled kernels
    int64_t blocks = 0;              // all blocks: compiled_blocks < blocks means the arrays are walked
    bool kernels_requested = false;  // a kernel compiler was given (else the arrays are walked by choice)
    bool kernels_deferred = false;   // ... to build the kernels later (compile_kernels_after), not yet done
    bool shared_sums_deferred = false;  // the shared sums are to be factored out later, not yet done
    double plan_seconds = 0;            // analysing the model, kernels included
    // What a prefilled position computes (prefill(): the rest is dead there), of all
    // there is: the heads' lookups, the neurons (in families or single: the linear
    // ones are fused into the linear map's rows), the linear map's rows. Found at the
    // first prefill of a chunk (and again when the plan changes): until then empty.
    struct Prefill {
      int64_t heads = 0, all_heads = 0, neurons = 0, all_neurons = 0, linear_rows = 0, all_linear_rows = 0;
      Prefill& operator+=(const Prefill& o) {
        heads += o.heads, all_heads += o.all_heads, neurons += o.neurons, all_neurons += o.all_neurons;
        linear_rows += o.linear_rows, all_linear_rows += o.all_linear_rows;
        return *this;
      }
    };
    Prefill prefill;                      // over the whole model
    std::vector<Prefill> prefill_blocks;  // block by block
    double kernel_build_seconds = 0;      // building the kernels (0 without a compiler)
  };
  Layout layout() const;

  // Builds the kernels with `compiler` once the pass has taken `tokens` steps, over
  // all its runs (reset() does not restart the count: a pass reused for many short
  // runs builds them too), instead of when it is built (at once for 0); the pass
  // walks the arrays until then, and builds them again with `compiler` when it
  // factors the shared sums out after them. Needs a pass built without a compiler.
  void compile_kernels_after(int64_t tokens, std::shared_ptr<BlockKernelCompiler> compiler);

 private:
  void size_buffers();
  void change_plan();
  void build_deferred_kernels();
  void share_sums();
  void prefill_chunk(const int* tokens, int n);
  void prefill_feed_forward(const BlockPlan& block, const PrefillBlock& live, int n);
  // The model: its blocks and unembedding are freed once planned
  // (plan_fast_pass_releasing), its vocabulary once counted (vocab_size_); step()
  // reads its embedding and positional features.
  SparseModel model_;
  // What the analysis of the model found (fast_plan.h): step() reads it and the
  // model's embedding, nothing else of the analysis.
  std::unique_ptr<FastPlan> plan_;
  HeadCacheFactory cache_factory_;
  int vocab_size_ = 0;
  std::vector<std::vector<std::unique_ptr<HeadCache>>> caches_;  // [layer][key group]
  // [layer][key group]: the values appended, sized once (groups differ in width, so
  // one shared buffer would be reallocated at every token)
  std::vector<std::vector<Eigen::VectorXd>> values_;
  Eigen::VectorXd x_, logits_;
  Eigen::Vector2d key_;
  std::vector<Eigen::Vector2d> queries_;  // per head of a block
  std::vector<double> linear_;  // a block's heads' inputs, then its linear map (and family sums) times x
  std::vector<std::pair<int, double>> active_;  // FFN neurons with a non-zero output
  std::vector<int32_t> kernel_rows_;            // a kernel's appended (row, amount), (neuron, gate)
  std::vector<double> kernel_amounts_, kernel_gates_;
  std::vector<uint32_t> kernel_others_;
  std::vector<std::pair<int, double>>
      summed_;  // (coordinate, amount): a family's summed output, or a neuron's one output
  int64_t position_ = 0;
  // Prefill: a chunk's residual, the changes its feed-forward part adds, its heads'
  // inputs (then its linear rows), all coordinate-major (c * kChunk + p); per block,
  // what a prefilled position computes of it (plan_prefill: found at the first chunk
  // prefilled, and again when the plan changes).
  std::vector<double> chunk_x_, chunk_delta_, chunk_rows_;
  std::vector<PrefillBlock> prefill_;
  std::shared_ptr<BlockKernelCompiler> deferred_compiler_;  // set until the deferred kernels are built
  std::shared_ptr<BlockKernelCompiler> kernel_compiler_;    // ... then here (to build them again)
  int64_t compile_at_ = 0;                                  // ... when steps_ reaches this
  int64_t steps_ = 0;                                       // steps taken over all runs
  bool sums_shared_ = true;  // the plan has the shared sums (else: factor them out when steps_ reaches ...)
  int64_t share_sums_at_ = 0;
};

}  // namespace c2w::neural
