// Running one program on many inputs (see program_runner.h).
#include "pipeline/program_runner.h"

#include <chrono>

#include "compiler/load_program.h"
#include "isa/trace_format.h"
#include "neural/transformer.h"
#include "pipeline/model_cache.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"

namespace c2w::pipeline {

struct ProgramRunner::State {
  std::string source;
  Engine engine = Engine::Reference;
  isa::Program program;
  runtime::LoadedModel model;
  std::unique_ptr<neural::ForwardPass> pass;  // built once, reset before every run
  std::vector<int> pc_of_token;               // token id -> pc for pc tokens, else -1
  double setup_seconds = 0;
};

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ProgramRunner::ProgramRunner(const std::string& path, Engine engine, const compiler::CompileOptions& options,
                             bool use_model_cache)
    : ProgramRunner(compiler::load_program(path, options), path, engine, use_model_cache) {}

ProgramRunner::ProgramRunner(isa::Program program, const std::string& source, Engine engine,
                             bool use_model_cache)
    : state_(std::make_unique<State>()) {
  auto start = std::chrono::steady_clock::now();
  State& s = *state_;
  s.source = source;
  s.engine = engine;
  s.program = std::move(program);
  if (engine != Engine::Reference) {
    s.model = cached_model(s.program, source, use_model_cache, transformer_engine(engine));
    s.pass = s.model.dense ? runtime::make_forward_pass(*s.model.dense, runtime::TransformerEngine::Dense)
                           : runtime::make_hull_pass(*s.model.sparse);
    const std::vector<std::string>& vocabulary = s.model.vocabulary();
    s.pc_of_token.assign(vocabulary.size(), -1);
    for (size_t t = 0; t < vocabulary.size(); ++t) {
      trace::Token token = 0;
      if (trace::parse_token_name(vocabulary[t], token) && trace::is_pc(token))
        s.pc_of_token[t] = int(token - trace::kPcBase);
    }
  }
  s.setup_seconds = seconds_since(start);
}

ProgramRunner::~ProgramRunner() = default;
ProgramRunner::ProgramRunner(ProgramRunner&&) noexcept = default;

const isa::Program& ProgramRunner::program() const { return state_->program; }
const std::string& ProgramRunner::source() const { return state_->source; }
Engine ProgramRunner::engine() const { return state_->engine; }
double ProgramRunner::setup_seconds() const { return state_->setup_seconds; }

RunOutcome ProgramRunner::run(const std::string& input, uint64_t max_tokens, bool want_path) {
  State& s = *state_;
  RunOutcome out;
  auto start = std::chrono::steady_clock::now();
  if (s.engine == Engine::Reference) {
    runtime::RunOptions options;
    options.input = input;
    options.max_steps = max_tokens;  // at least one token per instruction: never fewer steps than tokens
    options.record_trace = want_path;
    runtime::RunResult r = runtime::run_reference(s.program, options);
    out.output = std::move(r.output);
    out.exit_code = r.exit_code;
    out.status = r.status == runtime::RunStatus::Halted    ? RunOutcome::Status::Halted
                 : r.status == runtime::RunStatus::Trapped ? RunOutcome::Status::Trapped
                                                           : RunOutcome::Status::Limit;
    if (r.status == runtime::RunStatus::Trapped) out.trap = isa::trap_name(r.trap);
    out.tokens = r.tokens - r.prompt_tokens;
    out.instructions = r.instructions;
    if (want_path)
      for (size_t i = r.prompt_tokens - 1; i < r.trace.size(); ++i)
        if (trace::is_pc(r.trace[i])) out.path.push_back(r.trace[i] - trace::kPcBase);
    out.seconds = seconds_since(start);
    return out;
  }
  std::vector<std::string> prompt;
  for (trace::Token t : runtime::prompt_tokens(input)) prompt.push_back(trace::token_name(t));
  s.pass->reset();
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = max_tokens;
  options.record_trace = want_path;
  runtime::TransformerRunResult r = runtime::decode(*s.pass, s.model.vocabulary(), prompt, options);
  out.output = std::move(r.output);
  out.exit_code = r.exit_code;
  out.status = r.status == runtime::TransformerStatus::Halted    ? RunOutcome::Status::Halted
               : r.status == runtime::TransformerStatus::Trapped ? RunOutcome::Status::Trapped
                                                                 : RunOutcome::Status::Limit;
  if (r.status == runtime::TransformerStatus::Trapped && r.trap.size() > 7)
    out.trap = r.trap.substr(6, r.trap.size() - 7);  // "<trap:div0>" -> "div0"
  out.tokens = r.generated_tokens;
  if (want_path) {
    // The prompt's last token is the first pc; every generated pc token starts a step.
    for (size_t i = prompt.size() - 1; i < r.trace.size(); ++i)
      if (int pc = s.pc_of_token[size_t(r.trace[i])]; pc >= 0) out.path.push_back(uint32_t(pc));
  }
  out.instructions = out.path.empty() ? 0 : out.path.size();
  out.seconds = seconds_since(start);
  return out;
}

}  // namespace c2w::pipeline
