// Findings replayed on the transformer (see replay_findings.h).
#include "pipeline/replay_findings.h"

#include <algorithm>

#include "pipeline/program_runner.h"
#include "runtime/reference_interpreter.h"

namespace c2w::pipeline {
namespace {

const char* trap_of(symbolic::FindingKind kind) {
  switch (kind) {
    case symbolic::FindingKind::AssertionFailure:
    case symbolic::FindingKind::Abort: return "abort";
    case symbolic::FindingKind::DivideByZero: return "div0";
    case symbolic::FindingKind::MemoryOutOfBounds: return "mem";
    case symbolic::FindingKind::StackOverflow: return "stack";
    case symbolic::FindingKind::BadCall: return "call";
    default: return "";
  }
}

}  // namespace

void replay_on_transformer(const isa::Program& program, const std::string& source,
                           symbolic::SymexResult& result, Engine engine) {
  if (result.findings.empty()) return;
  ProgramRunner runner(program, source, engine);
  for (symbolic::Finding& f : result.findings) {
    runtime::RunOptions ro;
    ro.input = f.input;
    runtime::RunResult ref = runtime::run_reference(program, ro);
    RunOutcome got = runner.run(f.input, 100'000'000, f.kind == symbolic::FindingKind::Reached);
    bool same = got.exit_code == ref.exit_code && got.output == ref.output;
    const std::string trap = trap_of(f.kind);
    if (!trap.empty()) same = same && got.status == RunOutcome::Status::Trapped && got.trap == trap;
    if (f.kind == symbolic::FindingKind::Reached)
      same = same && std::find(got.path.begin(), got.path.end(), f.pc) != got.path.end();
    f.transformer_checked = true;
    f.transformer_replayed = same;
    f.transformer_replay =
        std::string(engine_name(engine)) + " engine: exit " + std::to_string(got.exit_code) +
        (got.trap.empty() ? "" : " (trap " + got.trap + ")") + ", " + std::to_string(got.tokens) + " tokens";
  }
}

void replay_on_transformer(const isa::Program& a, const std::string& source_a, const isa::Program& b,
                           const std::string& source_b, symbolic::EquivalenceResult& result, Engine engine) {
  if (result.verdict != symbolic::EquivalenceVerdict::Different) return;
  ProgramRunner ra(a, source_a, engine), rb(b, source_b, engine);
  RunOutcome x = ra.run(result.counterexample), y = rb.run(result.counterexample);
  result.transformer_checked = true;
  result.transformer_confirmed = x.output == result.output_a && x.exit_code == result.exit_a &&
                                 y.output == result.output_b && y.exit_code == result.exit_b &&
                                 (x.output != y.output || x.exit_code != y.exit_code);
  result.transformer_replay = std::string(engine_name(engine)) + " engine: exits " +
                              std::to_string(x.exit_code) + " and " + std::to_string(y.exit_code) + ", " +
                              std::to_string(x.tokens + y.tokens) + " tokens";
}

}  // namespace c2w::pipeline
