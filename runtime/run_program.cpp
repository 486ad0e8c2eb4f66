// Running a program or a model file on any engine (see run_program.h).
#include "runtime/run_program.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "compiler/universal_prompt.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "isa/trace_format.h"
#include "neural/model_config.h"
#include "runtime/explain.h"
#include "runtime/reference_interpreter.h"
#include "support/errors.h"
#include "support/file_io.h"

namespace c2w::runtime {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

nlohmann::json shape_json(const neural::ModelShape& s) {
  return {{"vocab", s.vocab},        {"d_model", s.d_model},         {"layers", s.layers},
          {"heads", s.heads},        {"ffn_width", s.max_ffn_width}, {"parameters", s.parameters},
          {"non_zeros", s.non_zeros}};
}

RunReport run_reference_engine(const isa::Program& program, const RunRequest& request) {
  RunOptions options;
  options.input = request.input;
  options.max_steps = request.max_steps;
  options.record_trace = request.record_trace;
  auto start = std::chrono::steady_clock::now();
  RunResult result = run_reference(program, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RunReport report;
  report.output = std::move(result.output);
  report.exit_code = result.exit_code;
  report.message = result.message;
  if (request.record_trace) {
    report.trace_text.reserve(result.trace.size() * 4);
    for (trace::Token t : result.trace) report.trace_text += trace::token_name(t) + "\n";
  }
  nlohmann::json j;
  j["engine"] = "reference";
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
  j["status"] = result.status == RunStatus::Halted    ? "halted"
                : result.status == RunStatus::Trapped ? "trapped"
                                                      : "step_limit";
  report.stats_json = j.dump();
  return report;
}

// A compiled model on a transformer engine: the prompt is built from the input (and,
// for the universal model, the program); everything else comes from the weights.
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// `config` is the model's, read once by the caller; `load_seconds`: reading the model
// file (or compiling the model), for the statistics.
RunReport run_model(LoadedModel model, const neural::ModelConfig& config, const RunRequest& request,
                    const std::optional<isa::Program>& program, double load_seconds) {
  // A model is exact only up to its max_positions (its scores stay integers below
  // 2^53 there): a longer prompt is refused, and generation stops at the limit.
  const uint64_t max_positions = config.max_positions > 0 ? uint64_t(config.max_positions) : UINT64_MAX;
  if (!program && request.input.size() + 3 > max_positions)
    throw UserError("error: the input has " + std::to_string(request.input.size()) +
                    " bytes, but the model is exact " + "only up to " + std::to_string(max_positions) +
                    " positions (prompt and generated tokens)");
  std::vector<std::string> prompt;
  if (program) {
    prompt = compiler::universal_prompt(*program, request.input);
  } else {
    for (trace::Token t : prompt_tokens(request.input)) prompt.push_back(trace::token_name(t));
  }
  if (prompt.size() > max_positions)
    throw UserError("error: the prompt has " + std::to_string(prompt.size()) +
                    " tokens, but the model is exact only " + "up to " + std::to_string(max_positions) +
                    " positions");
  const uint64_t position_budget = max_positions - prompt.size();
  TransformerRunOptions options;
  options.max_generated_tokens = std::min<uint64_t>(request.max_steps, position_budget);
  options.record_trace = request.record_trace || request.explain;
  options.leave_engine_to_exit = request.process_exits_after;
  const std::vector<std::string> vocabulary = model.vocabulary();
  const neural::ModelShape shape = model.shape();
  ExplainRecorder explain(vocabulary, config);
  if (request.explain)
    options.on_step = [&](int64_t position, int token, const neural::StepTrace& t) {
      explain.on_step(position, token, t);
    };
  TransformerRunResult r = run_transformer(std::move(model), prompt, options);

  RunReport report;
  report.output = std::move(r.output);
  report.exit_code = r.exit_code;
  if (request.explain) {
    std::ostringstream text;
    explain.print(text, r.trace);
    report.explain_text = text.str();
  }
  if (request.record_trace)
    for (int t : r.trace) report.trace_text += vocabulary[static_cast<size_t>(t)] + "\n";
  if (r.status == TransformerStatus::Trapped) report.message = "trap: the model emitted " + r.trap;
  if (r.kernels.status == "failed")
    report.warning = "the hull engine's block kernels could not be JIT-compiled (" +
                     std::to_string(r.kernels.compiled_blocks) + " of " + std::to_string(r.kernels.blocks) +
                     " blocks); the slower array walk computed the same tokens";
  if (r.status == TransformerStatus::TokenLimit)
    report.message = request.max_steps <= position_budget
                         ? "token limit of " + std::to_string(request.max_steps) +
                               " generated tokens reached (raise it with --max-steps)"
                         : "the model's exact range of " + std::to_string(max_positions) +
                               " positions is used up (the trace cannot go on exactly)";
  nlohmann::json j;
  j["engine"] = engine_name(request.engine);
  j["tokens"] = r.generated_tokens + prompt.size();
  j["prompt_tokens"] = prompt.size();
  j["generated_tokens"] = r.generated_tokens;
  // `seconds` is the decoding; building the engine (the hull engine's plan and its
  // JIT-compiled kernels) is `setup_seconds`, of which `kernels.build_seconds`.
  j["seconds"] = r.seconds;
  j["tokens_per_second"] = r.seconds > 0 ? double(r.generated_tokens) / r.seconds : 0.0;
  j["setup_seconds"] = r.setup_seconds;
  j["load_seconds"] = load_seconds;
  j["kernels"] = {{"status", r.kernels.status},
                  {"compiled_blocks", r.kernels.compiled_blocks},
                  {"blocks", r.kernels.blocks},
                  {"build_seconds", r.kernels.build_seconds}};
  j["shared_sums"] = r.shared_sums;
  if (r.prefill.computed) {  // what a prefilled prompt position computes, of all there is
    auto of = [](int64_t a, int64_t b) { return std::to_string(a) + "/" + std::to_string(b); };
    const auto& c = r.prefill.counts;
    j["prefill"] = {{"heads", of(c.heads, c.all_heads)},
                    {"neurons", of(c.neurons, c.all_neurons)},
                    {"linear_rows", of(c.linear_rows, c.all_linear_rows)}};
  }
  j["exit_code"] = r.exit_code;
  j["model"] = shape_json(shape);
  report.stats_json = j.dump();
  return report;
}

}  // namespace

Engine engine_named(const std::string& name) {
  if (name == "reference") return Engine::Reference;
  if (name == "dense") return Engine::Dense;
  if (name == "hull") return Engine::Hull;
  throw UserError("error: unknown engine '" + name +
                  "' (available: reference for programs, dense and hull for "
                  "models)");
}

const char* engine_name(Engine engine) {
  switch (engine) {
    case Engine::Reference: return "reference";
    case Engine::Dense: return "dense";
    case Engine::Hull: return "hull";
  }
  return "?";
}

TransformerEngine transformer_engine(Engine engine) {
  C2W_CHECK(engine != Engine::Reference, "the reference engine is not a transformer");
  return engine == Engine::Hull ? TransformerEngine::Hull : TransformerEngine::Dense;
}

bool is_model_path(const std::string& path) {
  if (ends_with(path, ".c2w")) return true;
  std::ifstream in(path, std::ios::binary);
  char head[4096];
  in.read(head, sizeof head);
  const std::string text(head, static_cast<size_t>(in.gcount()));
  // safetensors: an 8-byte header length, then the JSON header; c2w's metadata names
  // its format near the start.
  return text.size() > 9 && text[8] == '{' && text.find("c2w-model") != std::string::npos;
}

isa::Program load_machine_program(const std::string& path) {
  if (ends_with(path, ".c"))
    throw UserError("error: " + path + " is C source: compile it with c2w (c2w compile " + path +
                    " -o PROGRAM.c2w for its model, " +
                    "--emit=isa or --emit=bin for the program), or run it with c2w run");
  if (ends_with(path, ".isa") || ends_with(path, ".s")) {
    isa::Program p = isa::parse_assembly(read_file_text(path), path);
    isa::validate_program(p, path);
    return p;
  }
  return isa::decode_program(read_file_bytes(path), path);
}

RunReport run_program(const RunRequest& request, const ProgramSource& source) {
  const bool transformer = request.engine != Engine::Reference;
  if (!request.universal_model.empty()) {
    if (!transformer) throw UserError("error: --model runs on --engine=dense or --engine=hull");
    if (is_model_path(request.path))
      throw UserError("error: --model takes a program (.c, .isa or binary), not a model");
    const auto start = std::chrono::steady_clock::now();
    neural::ModelConfig config;
    LoadedModel model = load_model_for(request.universal_model, transformer_engine(request.engine), &config,
                                       neural::ConfigFields::ForRun);
    const double load_seconds = seconds_since(start);
    if (config.mode != neural::ModelMode::Universal)
      throw UserError("error: " + request.universal_model +
                      " is not a universal model (make one with c2w compile --universal)");
    isa::Program program = source.load(request.path);
    return run_model(std::move(model), config, request, program, load_seconds);
  }
  if (is_model_path(request.path)) {
    if (!transformer)
      throw UserError("error: " + request.path +
                      " is a compiled model: run it with --engine=dense or --engine=hull (the "
                      "reference engine runs programs: .c, .isa or binary)");
    const auto start = std::chrono::steady_clock::now();
    neural::ModelConfig config;
    LoadedModel model = load_model_for(request.path, transformer_engine(request.engine), &config,
                                       neural::ConfigFields::ForRun);
    const double load_seconds = seconds_since(start);
    if (config.mode == neural::ModelMode::Universal)
      throw UserError("error: " + request.path +
                      " is the universal model: give it a program with "
                      "c2w run PROGRAM --model " +
                      request.path);
    return run_model(std::move(model), config, request, std::nullopt, load_seconds);
  }
  if (transformer) {
    isa::Program program = source.load(request.path);
    if (!source.compile)
      throw UserError("error: " + request.path + " is a program, and the " + engine_name(request.engine) +
                      " engine runs a model: compile it into weights first (c2w compile " + request.path +
                      " -o PROGRAM.c2w), or give a universal model with --model");
    const auto start = std::chrono::steady_clock::now();
    LoadedModel model = source.compile(program, request.path, transformer_engine(request.engine));
    const double load_seconds = seconds_since(start);
    const neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json(), request.path);
    return run_model(std::move(model), config, request, std::nullopt, load_seconds);
  }
  if (request.explain)
    throw UserError("error: --explain shows the transformer's lookups: use --engine=dense or --engine=hull");
  return run_reference_engine(source.load(request.path), request);
}

}  // namespace c2w::runtime
