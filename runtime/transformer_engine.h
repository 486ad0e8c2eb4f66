// Running a compiled model: the decoding loop of the transformer engines.
//
// The loop feeds the prompt, then appends the argmax token until the model emits
// <halt> or a <trap:...> token, or the token budget runs out. The program's stdout
// and exit code are read off the generated tokens by their names in the model's
// vocabulary (out:XX, xNN <halt>) — the engine knows nothing about the program.
//
// check_teacher_forced is the other way to run a model: fed a known trace (the
// reference interpreter's) instead of its own predictions, and every prediction after
// the prompt compared with the trace. It is how the weights are tested and benchmarked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "neural/block_kernel.h"
#include "neural/fast_transformer.h"
#include "neural/model.h"
#include "neural/model_config.h"
#include "neural/model_file.h"
#include "neural/sparse_model.h"
#include "neural/transformer.h"

namespace c2w::runtime {

enum class TransformerStatus { Halted, Trapped, TokenLimit };

// The two transformer engines (DESIGN.md §5): `Dense` is the reference forward pass
// with every head scanning its whole KV cache; `Hull` is the fast forward pass
// (neural/fast_transformer.h) with the convex-hull KV cache.
enum class TransformerEngine { Dense, Hull };

// The hull engine compiles each block's fixed arithmetic into machine code with the
// block compiler set here, by default on x86-64 the runtime's own (runtime/block_x86.h);
// without one (another host, or C2W_NO_JIT set) it walks the same arithmetic in arrays:
// the same numbers, more slowly. The c2w_jit library (LLVM's ORC JIT,
// runtime/block_jit.h) sets itself on other hosts when it is linked in.
using BlockCompilerFactory = std::function<std::shared_ptr<neural::BlockKernelCompiler>()>;
void set_block_compiler(BlockCompilerFactory factory);

// The engine's forward pass over `model`, ready for its first token.
std::unique_ptr<neural::ForwardPass> make_forward_pass(const neural::Model& model, TransformerEngine engine);

struct TransformerRunOptions {
  uint64_t max_generated_tokens = 100'000'000;
  bool record_trace = true;
  TransformerEngine engine = TransformerEngine::Dense;
  // Called after every forward step with the position, the token fed there and the
  // positions each head attended to (for the readable trace).
  std::function<void(int64_t position, int token, const neural::StepTrace&)> on_step;
  // The process exits soon after this run (c2w-run): the engine built for it (the
  // model, its plan and KV caches: thousands of blocks) is left for the OS to reclaim at
  // exit instead of being freed block by block (~1.5 % of a short run's instructions).
  bool leave_engine_to_exit = false;
};

struct TransformerRunResult {
  TransformerStatus status = TransformerStatus::TokenLimit;
  int exit_code = 124;     // Halted: the byte before <halt>; Trapped: 134
  std::string trap;        // the trap token's name
  std::string output;      // bytes of out:XX tokens
  std::vector<int> trace;  // prompt + generated tokens (when recorded)
  uint64_t generated_tokens = 0;
  double seconds =
      0;  // decoding the prompt and the generated tokens, building the engine and kernels excluded
  double setup_seconds = 0;  // building the forward pass (the hull engine's plan and compiled kernels)
  // The hull engine's compiled block kernels (neural/block_kernel.h): whether they ran,
  // and what building them cost, so that a fallback to the array walk is never silent.
  struct Kernels {
    // "compiled": every block runs compiled code (built when the engine was, or
    // once its pass had taken C2W_JIT_AFTER steps); "deferred": the run ended before
    // C2W_JIT_AFTER, the arrays were walked; "disabled": C2W_NO_JIT is set, or there
    // is no compiler for the host; "failed": the compiler could not build them and the
    // arrays were walked; "none": the dense engine, which has no kernels.
    std::string status = "none";
    int64_t compiled_blocks = 0, blocks = 0;
    double build_seconds = 0;  // part of setup_seconds
  } kernels;
  // The hull engine's sums shared by gate rows: "factored" (out of the gate rows, once
  // the run reached C2W_SHARE_SUMS_AFTER tokens), "deferred" (the run ended before:
  // every gate row was walked whole), "none" on the dense engine.
  std::string shared_sums = "none";
  // The hull engine's prefilled positions (the prompt's tokens but the last): what
  // each computes of the model, the rest being dead there (neural/fast_plan.h,
  // plan_prefill); `computed` false on the dense engine and when no chunk of the
  // prompt was prefilled (a prompt shorter than half a chunk is stepped).
  struct Prefill {
    bool computed = false;
    neural::FastTransformer::Layout::Prefill counts;  // (each of all there is)
  } prefill;
};

// `prompt` holds token names; an unknown name is a UserError.
TransformerRunResult run_transformer(const neural::Model& model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options);
// The same on the hull engine for a model read straight into sparse form
// (neural::load_sparse_model); options.engine must be Hull.
TransformerRunResult run_transformer(neural::SparseModel model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options);

// A model as an engine runs it: the dense engine holds every matrix; the hull engine
// only the non-zeros (read straight into sparse form, so a run's memory is the KV
// cache, not the ~10^7 mostly-zero parameters).
struct LoadedModel {
  TransformerEngine engine = TransformerEngine::Hull;
  std::optional<neural::Model> dense;
  std::optional<neural::SparseModel> sparse;
  const std::vector<std::string>& vocabulary() const {
    return dense ? dense->vocabulary : sparse->vocabulary;
  }
  const std::string& config_json() const { return dense ? dense->config_json : sparse->config_json; }
  neural::ModelShape shape() const;
};
// The decoding loop over a forward pass ready for its first token (what the functions
// above run), for callers that build the pass themselves; `vocabulary` names its ids.
TransformerRunResult decode(neural::ForwardPass& transformer, const std::vector<std::string>& vocabulary,
                            const std::vector<std::string>& prompt, const TransformerRunOptions& options);
// The hull engine's forward pass over a sparse model (block kernels compiled once a
// run reaches C2W_JIT_AFTER tokens, default 0: when it is built, unless C2W_NO_JIT is
// set or there is no compiler for the host).
std::unique_ptr<neural::ForwardPass> make_hull_pass(neural::SparseModel model);

// Reads a model file in the form `engine` runs (throws neural::ModelFileError); with
// `config`, also its configuration (neural::ModelConfig::from_json of its config_json;
// the hull engine's model then keeps no config_json text: neural::load_sparse_model),
// with `fields` ForRun without its residual_slots (on either engine).
LoadedModel load_model_for(const std::string& path, TransformerEngine engine,
                           neural::ModelConfig* config = nullptr,
                           neural::ConfigFields fields = neural::ConfigFields::All);
// A model in memory, in the form `engine` runs.
LoadedModel prepare_model(neural::Model model, TransformerEngine engine);
// Runs a loaded model (consumed: the hull engine takes its sparse matrices over).
TransformerRunResult run_transformer(LoadedModel&& model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options);

struct TeacherForcedCheck {
  uint64_t matched = 0;   // predictions equal to the trace, before the mismatch if any
  bool mismatch = false;  // stopped at a prediction that differs from the trace
  size_t position = 0;    // on a mismatch: the trace position predicted wrongly
  int predicted = -1;     // on a mismatch: the token predicted there
};

// Teacher-forced check of `transformer` against `trace` (token ids of its model).
// `prediction` is its prediction after being fed trace[0, start) (the prompt, fed by
// the caller). From `start` on, each prediction is compared with the trace's token and
// the trace's token is fed, until the trace ends, `budget` predictions have matched or
// one differs. `on_match`, when set, is called with the count after every match (for
// timing); the last matched token is not fed, as no prediction after it is checked.
TeacherForcedCheck check_teacher_forced(neural::ForwardPass& transformer, int prediction,
                                        const std::vector<int>& trace, size_t start,
                                        uint64_t budget = UINT64_MAX,
                                        const std::function<void(uint64_t matched)>& on_match = {});

}  // namespace c2w::runtime
