// The c2w command-line driver: parses flags and calls the pipeline's libraries.
//
//   c2w compile prog.c [--emit=ast|llvm|isa|bin|graph|layers|weights] [-o FILE] [-O2]
//   c2w compile prog.c -o prog.c2w        (the program compiled into transformer weights)
//   c2w run prog.c|prog.isa|prog.bin|prog.c2w [--engine=reference|dense|hull] [--trace FILE] [--stats]
//           [--explain] [--max-steps N]
//   c2w symex prog.c [--input-bytes N] [--strategy S] [--reach FILE:LINE] [--want-output STR] [-o DIR]
//   c2w equiv a.c b.c [--input-bytes N]
//   c2w inspect model.c2w      c2w bench [--max-tokens N] [--dense-tokens N] [programs]
//
// Exit codes: compile: 0 ok, 1 user error, 70 internal error. run: the program's exit
// code; 134 when it traps, 124 at the step limit, 1/70 for errors before it runs.
// symex: 0 no finding, 1 findings, 2 error. equiv: 0 equivalent, 1 different,
// 3 unknown within the bounds, 2 error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cctype>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <sstream>

#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "compiler/universal_prompt.h"
#include "support/errors.h"
#include "support/file_io.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "compiler/load_program.h"
#include "isa/trace_format.h"
#include "neural/sparse_model.h"
#include "neural/model_file.h"
#include "runtime/reference_interpreter.h"
#include "runtime/explain.h"
#include "runtime/transformer_engine.h"
#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"
#include "weights_source_hash.h"  // generated: C2W_WEIGHTS_SOURCE_HASH

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unistd.h>

namespace {

using namespace c2w;

struct CommonOptions {
  int opt_level = 2;
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;

  compiler::CompileOptions compile_options() const {
    compiler::CompileOptions o;
    o.opt_level = opt_level;
    o.memory_size = memory_size;
    o.stack_size = stack_size;
    return o;
  }
};

void add_common(CLI::App* app, CommonOptions& o) {
  app->add_option("-O", o.opt_level, "LLVM optimisation level 0..3 (default 2)")->check(CLI::Range(0, 3));
  app->add_option("--memory", o.memory_size, "machine memory in bytes (default 8 MiB, at most 16 MiB)")
      ->check(CLI::Range(1u << 16, isa::kMaxMemorySize));
  app->add_option("--stack", o.stack_size, "stack size in bytes (default 1 MiB)")->check(CLI::Range(1u << 12, 1u << 25));
}

bool is_model_file(const std::string& path);

// A program compiled into weights: CompiledWeights with the errors a user can act on.
compiler::CompiledWeights weights_for(const isa::Program& program, const std::string& source) {
  try {
    return compiler::compile_weights(program);
  } catch (const compiler::MachineCircuitError& e) {
    throw UserError(source + ": error: the weight compiler cannot express this program: " + e.what());
  }
}


// --emit=graph|layers|weights: the weight compiler's forms.
int compile_weights_command(const std::string& input, const std::string& emit, const std::string& output,
                            const CommonOptions& common, bool universal) {
  isa::Program program;
  compiler::CompiledWeights w;
  if (universal) {
    if (!input.empty()) throw UserError("error: --universal compiles one model for every program: give no input file");
    compiler::UniversalLayout layout;
    layout.memory_size = common.memory_size;
    w = compiler::compile_universal_weights(layout);
  } else {
    if (input.empty()) throw UserError("error: compile needs an input program (or --universal)");
    program = compiler::load_program(input, common.compile_options());
    w = weights_for(program, input);
  }
  if (emit == "graph" || emit == "layers") {
    std::string text = emit == "graph" ? compiler::circuit::print_circuit(w.machine.circuit)
                                       : compiler::print_layers(w.machine.circuit, w.schedule);
    if (output.empty() || output == "-") std::cout << text;
    else write_file_atomically(output, text);
    return 0;
  }
  if (output.empty()) throw UserError("error: --emit=weights needs -o FILE.c2w");
  neural::save_model(w.model, output);
  neural::ModelShape s = neural::shape_of(w.model);
  std::cerr << "c2w: " << (universal ? std::string("universal model") : input + " (" + std::to_string(program.code.size()) + " instructions)")
            << " -> " << output << ": " << s.layers
            << " layers, d_model " << s.d_model << ", " << s.heads << " heads, FFN width " << s.max_ffn_width << ", "
            << s.parameters << " parameters, " << s.non_zeros << " non-zeros (" << std::fixed << std::setprecision(2)
            << w.seconds << " s)\n";
  return 0;
}

int compile_command(const std::string& input, std::string emit, const std::string& output,
                    const CommonOptions& common, bool universal) {
  if (emit.empty()) emit = is_model_file(output) || universal ? "weights" : "isa";
  if (emit == "graph" || emit == "layers" || emit == "weights")
    return compile_weights_command(input, emit, output, common, universal);
  if (universal) throw UserError("error: --universal makes a model: use --emit=graph, layers or weights");
  if (input.empty()) throw UserError("error: compile needs an input program");
  compiler::CompileOptions o = common.compile_options();
  o.source_path = input;
  o.stop_after = emit == "ast" ? compiler::EmitStage::Ast : emit == "llvm" ? compiler::EmitStage::Llvm
                                                                            : compiler::EmitStage::Isa;
  compiler::CompileOutput out = compiler::compile_c_program(o);
  if (!out.warnings.empty()) std::cerr << out.warnings;
  std::string text;
  if (emit == "ast" || emit == "llvm") text = out.dump;
  else if (emit == "isa") text = isa::print_assembly(out.program);
  if (emit == "bin") {
    if (output.empty()) throw UserError("error: --emit=bin needs -o FILE");
    std::vector<uint8_t> bytes = isa::encode_program(out.program);
    write_file_atomically(output, bytes.data(), bytes.size());
    return 0;
  }
  if (output.empty() || output == "-") std::cout << text;
  else write_file_atomically(output, text);
  return 0;
}

void write_trace(const std::string& path, const std::vector<trace::Token>& tokens) {
  std::string text;
  text.reserve(tokens.size() * 4);
  for (trace::Token t : tokens) {
    text += trace::token_name(t);
    text += '\n';
  }
  write_file_atomically(path, text);
}

bool is_model_file(const std::string& path) { return path.size() > 4 && path.compare(path.size() - 4, 4, ".c2w") == 0; }

// `c2w run prog.c --engine=dense|hull` compiles the program into weights once and
// keeps the model in a cache keyed by the program's binary image and the weight
// compiler (its version and a hash of its sources) in $C2W_CACHE_DIR, else
// $XDG_CACHE_HOME/c2w or ~/.cache/c2w; at most $C2W_CACHE_MAX_MB megabytes.
std::string cache_path_for(const isa::Program& program) {
  std::vector<uint8_t> bytes = isa::encode_program(program);
  uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  auto mix = [&](uint8_t b) { h = (h ^ b) * 1099511628211ull; };
  for (uint8_t b : bytes) mix(b);
  for (const char* p = compiler::kWeightCompilerVersion; *p; ++p) mix(uint8_t(*p));
  for (const char* p = C2W_WEIGHTS_SOURCE_HASH; *p; ++p) mix(uint8_t(*p));  // generated by the build
  std::string dir;
  if (const char* d = std::getenv("C2W_CACHE_DIR"); d && *d) dir = d;
  else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) dir = std::string(x) + "/c2w";
  else if (const char* home = std::getenv("HOME"); home && *home) dir = std::string(home) + "/.cache/c2w";
  else dir = "/tmp/c2w-cache";
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.c2w", (unsigned long long)h);
  return dir + "/" + name;
}

// A model as the chosen engine runs it: the dense engine holds every matrix; the
// hull engine only the non-zeros (read straight into sparse form, so a run's memory
// is the KV cache, not the ~10^7 mostly-zero parameters).
struct EngineModel {
  std::optional<neural::Model> dense;
  std::optional<neural::SparseModel> sparse;
  const std::vector<std::string>& vocabulary() const { return dense ? dense->vocabulary : sparse->vocabulary; }
  const std::string& config_json() const { return dense ? dense->config_json : sparse->config_json; }
  neural::ModelShape shape() const { return dense ? neural::shape_of(*dense) : neural::shape_of(*sparse); }
};

EngineModel load_engine_model(const std::string& path, const std::string& engine) {
  EngineModel m;
  if (engine == "hull") m.sparse = neural::load_sparse_model(path);
  else m.dense = neural::load_model(path);
  return m;
}

EngineModel engine_model(neural::Model model, const std::string& engine) {
  EngineModel m;
  if (engine == "hull") m.sparse = neural::sparse_model(model);
  else m.dense = std::move(model);
  return m;
}

// A file the cache made: 16 hex digits and ".c2w" (cache_path_for).
bool is_cache_file(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return name.size() == 20 && name.compare(16, 4, ".c2w") == 0 &&
         std::all_of(name.begin(), name.begin() + 16, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// Keeps the cache's own models within $C2W_CACHE_MAX_MB megabytes (default 2048): the
// least recently used go first, never `keep` (the one just written). Other files in
// the directory are never touched.
void trim_cache(const std::string& keep) {
  namespace fs = std::filesystem;
  uint64_t limit_mb = 2048;
  if (const char* m = std::getenv("C2W_CACHE_MAX_MB"); m && *m) {
    const std::string text = m;
    if (text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      limit_mb = std::stoull(text);
    else
      std::cerr << "c2w: warning: C2W_CACHE_MAX_MB=" << text << " is not a number of megabytes; using 2048\n";
  }
  const uint64_t limit = limit_mb << 20;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> models;
  fs::directory_iterator it(fs::path(keep).parent_path(), ec), end;
  for (; !ec && it != end; it.increment(ec))
    if (is_cache_file(it->path()) && it->path() != fs::path(keep)) models.push_back({it->last_write_time(ec), it->path()});
  std::sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  uint64_t total = fs::file_size(keep, ec);
  for (const auto& [time, path] : models) {
    total += fs::file_size(path, ec);
    if (total > limit) fs::remove(path, ec);
  }
}

EngineModel cached_model(const isa::Program& program, const std::string& source, bool use_cache,
                         const std::string& engine) {
  std::string path = use_cache ? cache_path_for(program) : "";
  if (use_cache && std::filesystem::exists(path)) {
    try {
      std::error_code ec;  // a hit counts as a use: the least recently used models are trimmed first
      std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
      return load_engine_model(path, engine);
    } catch (const neural::ModelFileError& e) {
      std::cerr << "c2w: the cached model " << path << " is unreadable (" << e.what() << "); recompiling\n";
    }
  }
  compiler::CompiledWeights w = weights_for(program, source);
  if (use_cache) {
    try {
      std::filesystem::create_directories(std::filesystem::path(path).parent_path());
      neural::save_model(w.model, path);
      trim_cache(path);
    } catch (const std::exception& e) {
      std::cerr << "c2w: warning: could not cache the model at " << path << ": " << e.what() << "\n";
    }
  }
  return engine_model(std::move(w.model), engine);
}

struct ModelRunFlags {
  std::string engine, trace_path;
  bool stats = false, explain = false;
  uint64_t max_steps = 0;
  std::optional<isa::Program> program;  // universal model: the program for the prompt
};

// A compiled model on a transformer engine: the prompt is built from stdin,
// everything else comes from the model's weights and vocabulary.
int run_loaded_model(EngineModel& model, const ModelRunFlags& f) {
  const std::string& engine = f.engine;
  const std::string& trace_path = f.trace_path;
  const bool stats = f.stats;
  const uint64_t max_steps = f.max_steps;
  const std::string path = "the model";
  std::string input(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>{});
  std::vector<std::string> prompt;
  if (f.program) {
    try {
      prompt = compiler::universal_prompt(*f.program, input);
    } catch (const compiler::MachineCircuitError& e) {
      throw UserError(std::string("error: ") + e.what());
    }
  } else {
    for (trace::Token t : runtime::prompt_tokens(input)) prompt.push_back(trace::token_name(t));
  }
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = max_steps;
  options.record_trace = !trace_path.empty() || f.explain;
  if (engine == "hull") options.engine = runtime::TransformerEngine::Hull;
  const std::vector<std::string> vocabulary = model.vocabulary();
  const neural::ModelShape shape = model.shape();
  runtime::ExplainRecorder explain(vocabulary, model.config_json());
  if (f.explain)
    options.on_step = [&](int64_t position, int token, const neural::StepTrace& t) { explain.on_step(position, token, t); };
  runtime::TransformerRunResult r;
  try {
    r = model.dense ? runtime::run_transformer(*model.dense, prompt, options)
                    : runtime::run_transformer(std::move(*model.sparse), prompt, options);
  } catch (const std::invalid_argument& e) {
    throw UserError(path + ": error: " + e.what() + " (is this a model compiled by c2w?)");
  }
  std::cout << r.output << std::flush;
  if (f.explain) explain.print(std::cerr, r.trace);
  if (!trace_path.empty()) {
    std::string text;
    for (int t : r.trace) text += vocabulary[static_cast<size_t>(t)] + "\n";
    write_file_atomically(trace_path, text);
  }
  if (r.status == runtime::TransformerStatus::Trapped) std::cerr << "c2w: trap: the model emitted " << r.trap << "\n";
  if (r.status == runtime::TransformerStatus::TokenLimit)
    std::cerr << "c2w: token limit of " << max_steps << " generated tokens reached (raise it with --max-steps)\n";
  if (stats) {
    nlohmann::json j;
    j["engine"] = engine;
    j["tokens"] = r.generated_tokens + prompt.size();
    j["prompt_tokens"] = prompt.size();
    j["generated_tokens"] = r.generated_tokens;
    j["seconds"] = r.seconds;
    j["tokens_per_second"] = r.seconds > 0 ? double(r.generated_tokens) / r.seconds : 0.0;
    j["exit_code"] = r.exit_code;
    j["model"] = {{"vocab", shape.vocab}, {"d_model", shape.d_model}, {"layers", shape.layers}, {"heads", shape.heads},
                  {"ffn_width", shape.max_ffn_width}, {"parameters", shape.parameters}, {"non_zeros", shape.non_zeros}};
    std::cerr << j.dump() << "\n";
  }
  return r.exit_code;
}

int inspect_command(const std::string& path) {
  neural::SparseModel model;
  try {
    model = neural::load_sparse_model(path);
  } catch (const neural::ModelFileError& e) {
    throw UserError(e.what());
  }
  neural::ModelShape s = neural::shape_of(model);
  std::cout << path << ": vocabulary " << s.vocab << ", d_model " << s.d_model << ", layers " << s.layers
            << ", heads " << s.heads << ", FFN width " << s.max_ffn_width << ", parameters " << s.parameters
            << ", non-zeros " << s.non_zeros << "\n";
  return 0;
}

int run_command(const std::string& input, const std::string& engine, const std::string& trace_path, bool stats,
                uint64_t max_steps, const CommonOptions& common, bool explain, bool use_cache,
                const std::string& universal_model) {
  ModelRunFlags flags{engine, trace_path, stats, explain, max_steps};
  if (!universal_model.empty()) {
    if (engine != "dense" && engine != "hull") throw UserError("error: --model runs on --engine=dense or --engine=hull");
    if (is_model_file(input)) throw UserError("error: --model takes a program (.c, .isa or binary), not a model");
    EngineModel model;
    try {
      model = load_engine_model(universal_model, engine);
    } catch (const neural::ModelFileError& e) {
      throw UserError(e.what());
    }
    if (model.config_json().find("\"mode\":\"universal\"") == std::string::npos)
      throw UserError("error: " + universal_model + " is not a universal model (make one with c2w compile --universal)");
    flags.program = compiler::load_program(input, common.compile_options());
    return run_loaded_model(model, flags);
  }
  if (is_model_file(input)) {
    if (engine != "dense" && engine != "hull")
      throw UserError("error: " + input + " is a compiled model: run it with --engine=dense or --engine=hull (the "
                      "reference engine runs programs: .c, .isa or binary)");
    EngineModel model;
    try {
      model = load_engine_model(input, engine);
    } catch (const neural::ModelFileError& e) {
      throw UserError(e.what());
    }
    return run_loaded_model(model, flags);
  }
  if (engine == "dense" || engine == "hull") {
    isa::Program program = compiler::load_program(input, common.compile_options());
    EngineModel model = cached_model(program, input, use_cache, engine);
    return run_loaded_model(model, flags);
  }
  if (explain) throw UserError("error: --explain shows the transformer's lookups: use --engine=dense or --engine=hull");
  if (engine != "reference")
    throw UserError("error: unknown engine '" + engine + "' (available: reference for programs, dense and hull for "
                    "models)");
  isa::Program program = compiler::load_program(input, common.compile_options());
  runtime::RunOptions options;
  options.input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  options.max_steps = max_steps;
  options.record_trace = !trace_path.empty();
  auto start = std::chrono::steady_clock::now();
  runtime::RunResult result = runtime::run_reference(program, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << result.output << std::flush;
  if (!trace_path.empty()) write_trace(trace_path, result.trace);
  if (!result.message.empty()) std::cerr << "c2w: " << result.message << "\n";
  if (stats) {
    nlohmann::json j;
    j["engine"] = engine;
    j["program_instructions"] = program.code.size();
    j["instructions"] = result.instructions;
    j["tokens"] = result.tokens;
    j["prompt_tokens"] = result.prompt_tokens;
    uint64_t generated = result.tokens - result.prompt_tokens;
    j["generated_tokens"] = generated;
    j["tokens_per_instruction"] = result.instructions ? double(generated) / double(result.instructions) : 0.0;
    j["seconds"] = seconds;
    j["tokens_per_second"] = seconds > 0 ? double(generated) / seconds : 0.0;
    j["instructions_per_second"] = seconds > 0 ? double(result.instructions) / seconds : 0.0;
    j["exit_code"] = result.exit_code;
    j["status"] = result.status == runtime::RunStatus::Halted    ? "halted"
                  : result.status == runtime::RunStatus::Trapped ? "trapped"
                                                                 : "step_limit";
    std::cerr << j.dump() << "\n";
  }
  return result.exit_code;
}

struct SymexCommand {
  CommonOptions common;
  std::string input, output_dir, reach, want_output, strategy = "coverage";
  symbolic::SymexOptions options;
};

void add_symex_options(CLI::App* app, SymexCommand& c) {
  app->add_option("--input-bytes", c.options.input_bytes, "symbolic stdin: every input of at most N bytes (default 8)")
      ->check(CLI::Range(0, 4096));
  app->add_option("--strategy", c.strategy, "path search: dfs, bfs or coverage (default)")
      ->check(CLI::IsMember({"dfs", "bfs", "coverage"}));
  app->add_option("--max-steps", c.options.max_steps_per_path, "instructions per path before it is cut");
  app->add_option("--max-paths", c.options.max_paths, "completed paths before stopping");
  app->add_option("--max-states", c.options.max_live_states, "live states kept (bounds memory)");
  app->add_option("--max-seconds", c.options.max_seconds, "time budget in seconds (default 60)");
  app->add_option("--solver-timeout", c.options.solver_timeout_ms, "milliseconds per solver query (default 10000)");
  app->add_flag("--stop-at-first", c.options.stop_at_first_finding, "stop at the first finding");
  add_common(app, c.common);
}

symbolic::SearchStrategy strategy_named(const std::string& name) {
  if (name == "dfs") return symbolic::SearchStrategy::DepthFirst;
  if (name == "bfs") return symbolic::SearchStrategy::BreadthFirst;
  return symbolic::SearchStrategy::Coverage;
}

// Progress on stderr: once a second on one line on a terminal, else every ten seconds.
void print_progress(const symbolic::SymexProgress& p) {
  bool tty = ::isatty(2);
  static double last = 0;
  if (!tty && p.seconds - last < 10) return;
  last = p.seconds;
  std::fprintf(stderr, "%s[symex %.0fs] %llu paths, %llu live, %llu findings, coverage %zu/%zu pcs, %llu solver checks%s",
               tty ? "\r" : "", p.seconds, (unsigned long long)p.paths_completed, (unsigned long long)p.live_states,
               (unsigned long long)p.findings, p.covered_pcs, p.total_pcs, (unsigned long long)p.solver_checks,
               tty ? "" : "\n");
}

std::string escaped(const std::string& bytes) {
  std::string out;
  char buf[8];
  for (unsigned char c : bytes) {
    if (c == '\\' || c == '"') { out += '\\'; out += char(c); }
    else if (c >= 32 && c < 127) out += char(c);
    else { std::snprintf(buf, sizeof buf, "\\x%02x", c); out += buf; }
  }
  return out;
}

int symex_command(SymexCommand& c) {
  isa::Program program = compiler::load_program(c.input, c.common.compile_options());
  c.options.strategy = strategy_named(c.strategy);
  if (!c.reach.empty()) {
    auto colon = c.reach.rfind(':');
    if (colon == std::string::npos) throw UserError("error: --reach wants FILE:LINE, got '" + c.reach + "'");
    std::string file = c.reach.substr(0, colon);
    unsigned line = 0;
    try { line = static_cast<unsigned>(std::stoul(c.reach.substr(colon + 1))); } catch (...) {}
    c.options.reach_pcs = symbolic::pcs_at_line(program, file, line);
    if (c.options.reach_pcs.empty())
      throw UserError("error: --reach " + c.reach + ": no code at that line (is it a blank line, a comment or a "
                      "declaration, or optimised away? try -O0)");
  }
  if (!c.want_output.empty()) c.options.want_output = c.want_output;
  c.options.progress = print_progress;
  symbolic::SymexResult r = symbolic::run_symbolic(program, c.options);

  nlohmann::json report;
  report["program"] = c.input;
  report["input_bytes"] = c.options.input_bytes;
  report["strategy"] = c.strategy;
  report["stop_reason"] = r.stop_reason;
  report["exhaustive"] = r.exhaustive;
  report["seconds"] = r.seconds;
  report["instructions"] = r.instructions;
  report["paths_completed"] = r.paths_completed;
  report["paths_cut"] = r.paths_cut;
  report["states_dropped"] = r.states_dropped;
  report["concretised_addresses"] = r.concretised_addresses;
  report["solver_checks"] = r.solver_checks;
  report["solver_unknown"] = r.solver_unknown;
  report["solver_seconds"] = r.solver_seconds;
  report["covered_pcs"] = r.covered_pcs;
  report["total_pcs"] = r.total_pcs;
  report["findings"] = nlohmann::json::array();
  std::cout << "symex " << c.input << ": " << r.findings.size() << " finding(s), " << r.paths_completed
            << " paths completed in " << std::fixed << std::setprecision(2) << r.seconds << " s (" << r.stop_reason
            << (r.exhaustive ? ", exhaustive within the bounds" : "") << "), coverage " << r.covered_pcs << "/"
            << r.total_pcs << " pcs\n";
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const symbolic::Finding& f = r.findings[i];
    nlohmann::json j;
    j["id"] = i + 1;
    j["kind"] = symbolic::finding_kind_name(f.kind);
    j["pc"] = f.pc;
    j["function"] = f.function;
    j["location"] = f.location;
    j["message"] = f.message;
    j["input"] = escaped(f.input);  // C-style escapes: the bytes need not be UTF-8
    j["input_file"] = std::to_string(i + 1) + ".in";
    j["path_length"] = f.path_length;
    j["branch_depth"] = f.branch_depth;
    j["seconds"] = f.seconds;
    j["replayed"] = f.replayed;
    j["replay"] = f.replay;
    report["findings"].push_back(j);
    std::string where = f.location.empty() ? "pc " + std::to_string(f.pc) : f.location;
    if (!f.function.empty()) where += " in " + f.function;
    std::cout << "  #" << i + 1 << " " << symbolic::finding_kind_name(f.kind) << " at " << where << ": "
              << f.message << "\n      input \"" << escaped(f.input) << "\", path " << f.path_length
              << " instructions, " << f.branch_depth << " branches, found after " << std::setprecision(3)
              << f.seconds << " s; replay: " << (f.replayed ? "confirmed" : "NOT confirmed") << " (" << f.replay
              << ")\n";
  }
  if (!c.output_dir.empty()) {
    std::filesystem::create_directories(c.output_dir);
    for (size_t i = 0; i < r.findings.size(); ++i)
      write_file_atomically(c.output_dir + "/" + std::to_string(i + 1) + ".in", r.findings[i].input);
    write_file_atomically(c.output_dir + "/report.json", report.dump(2) + "\n");
  }
  return r.findings.empty() ? 0 : 1;
}

int equiv_command(SymexCommand& c, const std::string& second) {
  isa::Program a = compiler::load_program(c.input, c.common.compile_options());
  isa::Program b = compiler::load_program(second, c.common.compile_options());
  c.options.strategy = strategy_named(c.strategy);
  symbolic::EquivalenceResult r = symbolic::check_equivalence(a, b, c.options);
  std::cout << std::fixed << std::setprecision(2);
  switch (r.verdict) {
    case symbolic::EquivalenceVerdict::Equivalent:
      std::cout << "equivalent for every input of at most " << c.options.input_bytes << " bytes (" << r.paths_a
                << " x " << r.paths_b << " paths, " << r.pairs_checked << " pairs checked, " << r.seconds << " s)\n";
      return 0;
    case symbolic::EquivalenceVerdict::Different:
      std::cout << "different: input \"" << escaped(r.counterexample) << "\"\n  " << c.input << ": exit "
                << r.exit_a << ", output \"" << escaped(r.output_a) << "\"\n  " << second << ": exit " << r.exit_b
                << ", output \"" << escaped(r.output_b) << "\"\n  replay: "
                << (r.confirmed ? "confirmed" : "NOT confirmed") << " (" << r.seconds << " s)\n";
      return 1;
    default:
      std::cout << "unknown: no difference found, but " << r.why_unknown << "\n";
      return 3;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"c2w: compile C programs into the c2w machine and into transformer weights, run them, reason about them"};
  app.require_subcommand(1);

  CommonOptions compile_common;
  std::string compile_input, emit, compile_output;
  CLI::App* compile = app.add_subcommand("compile", "compile a C program; print or write one of its forms");
  bool universal = false;
  compile->add_option("input", compile_input, "C source file (.c, or .isa / binary program)");
  compile->add_flag("--universal", universal, "compile the universal model (one model for every program, which "
                                               "reads the program from its prompt) instead of a program's own");
  compile->add_option("--emit", emit, "form to output: ast, llvm, isa (text assembly), bin (binary program), graph "
                                      "(the weight compiler's circuit), layers (its schedule) or weights (a .c2w "
                                      "model); default: weights for -o FILE.c2w, else isa")
      ->check(CLI::IsMember({"ast", "llvm", "isa", "bin", "graph", "layers", "weights"}));
  compile->add_option("-o", compile_output, "output file (default: standard output)");
  add_common(compile, compile_common);

  CommonOptions run_common;
  std::string run_input, engine = "reference", trace_path;
  bool stats = false, explain = false, no_cache = false;
  uint64_t max_steps = 2'000'000'000;
  CLI::App* run = app.add_subcommand("run", "run a program (C source, .isa text or binary); stdin is its input");
  run->add_option("input", run_input, "program: .c, .isa or binary image")->required();
  run->add_option("--engine", engine, "reference (the ISA interpreter); dense or hull (the transformer compiled from "
                                      "the program, or a .c2w model, with an O(t) or O(log t) KV cache)");
  run->add_flag("--explain", explain, "print a readable per-instruction trace on stderr (transformer engines)");
  run->add_flag("--no-cache", no_cache, "compile the weights afresh instead of using the model cache");
  std::string universal_model;
  run->add_option("--model", universal_model, "run the program on this universal model (c2w compile --universal), "
                                              "the program in its prompt");
  run->add_option("--trace", trace_path, "write the token trace to FILE, one token per line");
  run->add_flag("--stats", stats, "print statistics as JSON on stderr");
  run->add_option("--max-steps", max_steps, "stop after N instructions, or N generated tokens on a model (exit 124)");
  add_common(run, run_common);

  std::string inspect_input;
  CLI::App* inspect = app.add_subcommand("inspect", "print a model's shape: vocabulary, d_model, layers, heads, FFN "
                                                    "width, parameters, non-zeros");
  inspect->add_option("model", inspect_input, "model file (.c2w)")->required();

  SymexCommand symex_options;
  CLI::App* symex = app.add_subcommand("symex", "explore a program symbolically: assertion failures, traps, "
                                                "reachability, wanted outputs; inputs that trigger them");
  symex->add_option("input", symex_options.input, "program: .c, .isa or binary image")->required();
  symex->add_option("--reach", symex_options.reach, "report an input reaching FILE:LINE");
  symex->add_option("--want-output", symex_options.want_output, "report an input whose stdout contains STR");
  symex->add_option("-o", symex_options.output_dir, "write each finding's stdin to DIR/<n>.in and DIR/report.json");
  add_symex_options(symex, symex_options);

  CLI::App* bench = app.add_subcommand("bench", "benchmark the engines: reference, dense and hull tokens/s on the "
                                                "examples, every token checked; JSON and a PNG plot in bench/results "
                                                "(runs bench/run_engines.sh; its options: --max-tokens N "
                                                "--dense-tokens N --separate-rss, program names)");
  bench->allow_extras();
  bench->prefix_command();

  SymexCommand equiv_options;
  std::string equiv_second;
  CLI::App* equiv = app.add_subcommand("equiv", "bounded equivalence of two programs' outputs and exit codes");
  equiv->add_option("first", equiv_options.input, "first program")->required();
  equiv->add_option("second", equiv_second, "second program")->required();
  add_symex_options(equiv, equiv_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*compile) return compile_command(compile_input, emit, compile_output, compile_common, universal);
    if (*symex) return symex_command(symex_options);
    if (*inspect) return inspect_command(inspect_input);
    if (*equiv) return equiv_command(equiv_options, equiv_second);
    if (*bench) {
      std::string script = std::string(C2W_SOURCE_DIR) + "/bench/run_engines.sh";
      std::vector<std::string> extras = bench->remaining();
      std::vector<char*> args{script.data()};
      for (std::string& a : extras) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(script.c_str(), args.data());
      throw UserError("error: cannot run " + script + " (" + std::strerror(errno) + ")");
    }
    return run_command(run_input, engine, trace_path, stats, max_steps, run_common, explain, !no_cache, universal_model);
  } catch (const UserError& e) {
    std::string text = e.what();
    std::cerr << text << (text.empty() || text.back() != '\n' ? "\n" : "");
    return (*symex || *equiv) ? 2 : 1;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return 70;
  } catch (const std::bad_alloc&) {
    std::cerr << "c2w: error: out of memory\n";
    return (*symex || *equiv) ? 2 : 1;
  } catch (const std::exception& e) {  // e.g. the solver failed
    std::cerr << "c2w: error: " << e.what() << "\n";
    return (*symex || *equiv) ? 2 : 70;
  }
}
