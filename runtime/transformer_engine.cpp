// The decoding loop (see transformer_engine.h).
#include "runtime/transformer_engine.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "isa/semantics.h"
#include "neural/fast_transformer.h"
#include "neural/hull_head_cache.h"
#include "neural/model_file.h"
#include "runtime/block_x86.h"
#include "support/errors.h"

namespace c2w::runtime {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What each token id means to the loop, from its name alone.
struct TokenRoles {
  std::vector<int> output_byte;  // out:XX -> XX, else -1
  std::vector<int> value_byte;   // xXX -> XX, else -1
  std::vector<bool> halt, trap;

  explicit TokenRoles(const std::vector<std::string>& vocabulary) {
    size_t n = vocabulary.size();
    output_byte.assign(n, -1);
    value_byte.assign(n, -1);
    halt.assign(n, false);
    trap.assign(n, false);
    for (size_t i = 0; i < n; ++i) {
      const std::string& name = vocabulary[i];
      auto hex = [](const std::string& s) { return static_cast<int>(std::stoul(s, nullptr, 16)); };
      if (name.size() == 6 && name.rfind("out:", 0) == 0)
        output_byte[i] = hex(name.substr(4));
      else if (name.size() == 3 && name[0] == 'x' && std::isxdigit(name[1]) && std::isxdigit(name[2]))
        value_byte[i] = hex(name.substr(1));
      else if (name == "<halt>")
        halt[i] = true;
      else if (name.rfind("<trap:", 0) == 0)
        trap[i] = true;
    }
  }
};

// The decoding loop over any forward pass; `vocabulary` names its token ids.
// What the hull engine's forward pass says of its compiled kernels.
TransformerRunResult::Kernels kernels_of(const neural::ForwardPass& transformer) {
  TransformerRunResult::Kernels k;
  const auto* fast = dynamic_cast<const neural::FastTransformer*>(&transformer);
  if (!fast) return k;
  const neural::FastTransformer::Layout layout = fast->layout();
  k.compiled_blocks = layout.compiled_blocks;
  k.blocks = layout.blocks;
  k.build_seconds = layout.kernel_build_seconds;
  k.status = !layout.kernels_requested                 ? "disabled"
             : layout.kernels_deferred                 ? "deferred"
             : layout.compiled_blocks == layout.blocks ? "compiled"
                                                       : "failed";
  return k;
}

// The ids of the prompt's token names (a name's first id in the vocabulary). A short
// prompt (a specialised model's input: a few tokens) looks each name up in the
// vocabulary in place; a long one (the universal model's program) through a hash map
// built once, whose copies of the names cost a short run as many allocations as the
// vocabulary has tokens.
std::vector<int> prompt_token_ids(const std::vector<std::string>& vocabulary,
                                  const std::vector<std::string>& prompt) {
  std::vector<int> ids;
  ids.reserve(prompt.size());
  const auto unknown = [](const std::string& name) {
    return UserError("error: prompt token '" + name +
                     "' is not in the model's vocabulary (is this a model compiled by c2w?)");
  };
  constexpr size_t kShortPrompt = 64;
  if (prompt.size() <= kShortPrompt) {
    for (const std::string& name : prompt) {
      const auto found = std::find(vocabulary.begin(), vocabulary.end(), name);
      if (found == vocabulary.end()) throw unknown(name);
      ids.push_back(static_cast<int>(found - vocabulary.begin()));
    }
    return ids;
  }
  std::unordered_map<std::string_view, int> id_of;
  id_of.reserve(vocabulary.size());
  for (size_t i = 0; i < vocabulary.size(); ++i) id_of.emplace(vocabulary[i], static_cast<int>(i));
  for (const std::string& name : prompt) {
    const auto found = id_of.find(name);
    if (found == id_of.end()) throw unknown(name);
    ids.push_back(found->second);
  }
  return ids;
}

// The decoding loop over any forward pass; `vocabulary` names its token ids. The
// clock starts here: building the pass is the caller's setup time.
TransformerRunResult decode_from(neural::ForwardPass& transformer, const std::vector<std::string>& vocabulary,
                                 const std::vector<std::string>& prompt, const TransformerRunOptions& options,
                                 double setup_seconds) {
  const auto start = std::chrono::steady_clock::now();
  if (prompt.empty()) throw UserError("error: the prompt is empty");
  std::vector<int> prompt_ids = prompt_token_ids(vocabulary, prompt);
  TokenRoles roles(vocabulary);
  TransformerRunResult r;
  r.setup_seconds = setup_seconds;
  const bool kernels_deferred = kernels_of(transformer).status == "deferred";
  int next = 0;
  neural::StepTrace step_trace;
  auto step = [&](int id) {
    if (!options.on_step) return transformer.step(id);
    int64_t position = transformer.position();
    int predicted = transformer.step(id, &step_trace);
    options.on_step(position, id, step_trace);
    return predicted;
  };
  // The prompt: its tokens but the last without their predictions (a batched prefill
  // on the hull engine), unless each step is watched; the last one predicts.
  const size_t unread = options.on_step ? 0 : prompt_ids.size() - 1;
  transformer.prefill(prompt_ids.data(), unread);
  for (size_t i = unread; i < prompt_ids.size(); ++i) next = step(prompt_ids[i]);
  if (options.record_trace) r.trace = prompt_ids;
  int previous = prompt_ids.back();
  while (r.generated_tokens < options.max_generated_tokens) {
    int token = next;
    ++r.generated_tokens;
    if (options.record_trace) r.trace.push_back(token);
    size_t t = static_cast<size_t>(token);
    if (roles.output_byte[t] >= 0) r.output.push_back(static_cast<char>(roles.output_byte[t]));
    if (roles.halt[t]) {
      r.status = TransformerStatus::Halted;
      int code = roles.value_byte[static_cast<size_t>(previous)];
      r.exit_code = code >= 0 ? code : 0;
      break;
    }
    if (roles.trap[t]) {
      r.status = TransformerStatus::Trapped;
      r.trap = vocabulary[t];
      r.exit_code = isa::kExitTrap;
      break;
    }
    previous = token;
    next = step(token);
  }
  r.seconds = seconds_since(start);
  r.kernels = kernels_of(transformer);
  if (const auto* fast = dynamic_cast<const neural::FastTransformer*>(&transformer)) {
    const neural::FastTransformer::Layout layout = fast->layout();
    r.shared_sums = layout.shared_sums_deferred ? "deferred" : "factored";
    r.prefill = {!layout.prefill_blocks.empty(), layout.prefill};
  }
  // Kernels built in the middle of the run: their build is not decoding.
  if (kernels_deferred && r.kernels.status != "deferred") r.seconds -= r.kernels.build_seconds;
  return r;
}

BlockCompilerFactory& block_compiler_factory() {
  static BlockCompilerFactory factory;  // constructed on first use: set_block_compiler may run at start-up
  return factory;
}

// The hull engine's block compiler: the one set, else on x86-64 the runtime's own
// (block_x86.h); none elsewhere or when C2W_NO_JIT is set (to anything but "" or "0"):
// then the fast pass walks its arrays, the same numbers more slowly.
std::shared_ptr<neural::BlockKernelCompiler> block_compiler() {
  const char* off = std::getenv("C2W_NO_JIT");
  if (off && *off && std::string(off) != "0") return nullptr;
  const BlockCompilerFactory& factory = block_compiler_factory();
  if (factory) return factory();
  return x86_block_compiler_available() ? x86_block_compiler() : nullptr;
}

// The position at which the hull engine builds its kernels (fast_transformer.h), or
// C2W_JIT_AFTER tokens. Default 0, when the engine is built: the x86-64 compiler
// (block_x86.h) builds a model's kernels in ~0.3-0.9 ms of CPU and they save ~1.5 us
// a token on hello's model (19 blocks), so they pay after ~300 tokens; measured end
// to end on transformer-vm's examples compiled by c2w (c2w-run, perf stat task-clock,
// medians of 12 alternating rounds): built at once against walked, hello 3.39 vs
// 3.33 ms (216 tokens: the one that loses), addition 5.32 vs 5.88, fibonacci 7.38 vs
// 7.59, min_cost_matching 102 vs 130, sudoku 802 vs 990. Built after 300 tokens
// instead: hello 3.32, addition 5.72, fibonacci 7.98 (the build mid-run, a walk
// before it).
int64_t tokens_from_environment(const char* variable, int64_t fallback) {
  const char* text = std::getenv(variable);
  if (!text || !*text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(text, &end, 10);
  if (*end || errno || n < 0)
    throw UserError(std::string("error: ") + variable + " must be a number of tokens (0 or more), not '" +
                    text + "'");
  return n;
}
int64_t jit_after_tokens() { return tokens_from_environment("C2W_JIT_AFTER", 0); }

// The position at which the hull engine factors the sums shared by gate rows out
// (fast_transformer.h), by the rent-or-buy rule, or C2W_SHARE_SUMS_AFTER tokens (0:
// when the engine is built; the kernels are then built again from the new rows).
// Callgrind on transformer-vm's fibonacci compiled by c2w (38 blocks, 63 k
// non-zeros): the search takes 14.6 M instructions and saves 10.3 k a token walked,
// ~1,400 tokens; hello's model (19 blocks): 5.0 M for ~4 k a token, ~1,250 tokens.
// With the kernels it saves less a token but still pays on long runs: sudoku 737 ms
// against 782 without it; factored at once, hello costs 4.4 ms instead of 3.5.
int64_t share_sums_after_tokens() { return tokens_from_environment("C2W_SHARE_SUMS_AFTER", 1'500); }

// The hull engine's forward pass: the kernels built once the run reaches
// jit_after_tokens() (at once by default; never with C2W_NO_JIT or without a
// compiler: then the arrays are walked), the shared sums factored out once it reaches
// share_sums_after_tokens().
std::unique_ptr<neural::FastTransformer> hull_pass(neural::SparseModel model) {
  auto pass = std::make_unique<neural::FastTransformer>(std::move(model), neural::hull_cache_factory(),
                                                        nullptr, share_sums_after_tokens());
  if (auto compiler = block_compiler()) pass->compile_kernels_after(jit_after_tokens(), std::move(compiler));
  return pass;
}

}  // namespace

void set_block_compiler(BlockCompilerFactory factory) { block_compiler_factory() = std::move(factory); }

std::unique_ptr<neural::ForwardPass> make_forward_pass(const neural::Model& model, TransformerEngine engine) {
  if (engine == TransformerEngine::Hull) return hull_pass(neural::sparse_model(model));
  return std::make_unique<neural::Transformer>(model, neural::dense_cache_factory());
}

TransformerRunResult run_transformer(const neural::Model& model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<neural::ForwardPass> forward = make_forward_pass(model, options.engine);
  TransformerRunResult result =
      decode_from(*forward, model.vocabulary, prompt, options, seconds_since(start));
  if (options.leave_engine_to_exit) (void)forward.release();  // (to the OS at exit; see the option)
  return result;
}

TransformerRunResult run_transformer(neural::SparseModel model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options) {
  C2W_CHECK(options.engine == TransformerEngine::Hull, "a sparse model runs on the hull engine only");
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> vocabulary = model.vocabulary;
  std::unique_ptr<neural::FastTransformer> forward = hull_pass(std::move(model));
  TransformerRunResult result = decode_from(*forward, vocabulary, prompt, options, seconds_since(start));
  if (options.leave_engine_to_exit) (void)forward.release();  // (to the OS at exit; see the option)
  return result;
}

TransformerRunResult decode(neural::ForwardPass& transformer, const std::vector<std::string>& vocabulary,
                            const std::vector<std::string>& prompt, const TransformerRunOptions& options) {
  return decode_from(transformer, vocabulary, prompt, options, 0.0);
}

std::unique_ptr<neural::ForwardPass> make_hull_pass(neural::SparseModel model) {
  return hull_pass(std::move(model));
}

neural::ModelShape LoadedModel::shape() const {
  return dense ? neural::shape_of(*dense) : neural::shape_of(*sparse);
}

LoadedModel load_model_for(const std::string& path, TransformerEngine engine, neural::ModelConfig* config,
                           neural::ConfigFields fields) {
  LoadedModel m;
  m.engine = engine;
  if (engine == TransformerEngine::Hull) {
    m.sparse = neural::load_sparse_model(path, config, fields);
  } else {
    m.dense = neural::load_model(path);
    if (config) *config = neural::ModelConfig::from_json(m.dense->config_json, path);
    if (config && fields == neural::ConfigFields::ForRun) config->residual_slots.clear();  // (as the hull's)
  }
  return m;
}

LoadedModel prepare_model(neural::Model model, TransformerEngine engine) {
  LoadedModel m;
  m.engine = engine;
  if (engine == TransformerEngine::Hull)
    m.sparse = neural::sparse_model(model);
  else
    m.dense = std::move(model);
  return m;
}

TransformerRunResult run_transformer(LoadedModel&& model, const std::vector<std::string>& prompt,
                                     const TransformerRunOptions& options) {
  TransformerRunOptions o = options;
  o.engine = model.engine;
  return model.dense ? run_transformer(*model.dense, prompt, o)
                     : run_transformer(std::move(*model.sparse), prompt, o);
}

TeacherForcedCheck check_teacher_forced(neural::ForwardPass& transformer, int prediction,
                                        const std::vector<int>& trace, size_t start, uint64_t budget,
                                        const std::function<void(uint64_t matched)>& on_match) {
  TeacherForcedCheck r;
  for (size_t i = start; i < trace.size() && r.matched < budget; ++i) {
    if (prediction != trace[i]) {
      r.mismatch = true;
      r.position = i;
      r.predicted = prediction;
      return r;
    }
    ++r.matched;
    if (on_match) on_match(r.matched);
    if (i + 1 < trace.size() && r.matched < budget) prediction = transformer.step(trace[i]);
  }
  return r;
}

}  // namespace c2w::runtime
