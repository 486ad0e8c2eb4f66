// Bounded equivalence by pairing completed paths (see equivalence.h).
#include "symbolic/equivalence.h"

#include <chrono>

#include "runtime/reference_interpreter.h"
#include "symbolic/solver.h"

namespace c2w::symbolic {
namespace {

// The observable results of two paths differ: different output lengths, a byte, the
// exit code, or one trapped and the other did not.
Expr results_differ(ExprContext& ctx, const CompletedPath& x, const CompletedPath& y) {
  if (x.output.size() != y.output.size() || x.trapped != y.trapped) return ctx.boolean(true);
  Expr differ = ctx.lnot(ctx.eq(x.exit_code, y.exit_code));
  for (size_t i = 0; i < x.output.size(); ++i)
    differ = ctx.lor(differ, ctx.lnot(ctx.eq(x.output[i], y.output[i])));
  return differ;
}

}  // namespace

EquivalenceResult check_equivalence(const isa::Program& a, const isa::Program& b, const SymexOptions& given) {
  auto start = std::chrono::steady_clock::now();
  // Outputs are compared path by path, so every byte printed must be exact: no
  // summarised output formatting.
  SymexOptions options = given;
  options.summarise_output = false;
  ExprContext ctx;
  SymbolicInput input = SymbolicInput::make(ctx, options.input_bytes);
  std::vector<CompletedPath> paths_a, paths_b;
  SymexResult ra =
      run_symbolic(a, options, ctx, input, [&](const CompletedPath& p) { paths_a.push_back(p); });
  SymexResult rb =
      run_symbolic(b, options, ctx, input, [&](const CompletedPath& p) { paths_b.push_back(p); });

  EquivalenceResult result;
  result.paths_a = paths_a.size();
  result.paths_b = paths_b.size();
  auto solver = make_z3_solver(ctx);
  solver->set_timeout_ms(options.solver_timeout_ms);
  bool unknown = false;
  for (const CompletedPath& x : paths_a) {
    if (!x.complete) continue;
    for (const CompletedPath& y : paths_b) {
      if (!y.complete) continue;
      std::vector<Expr> query = x.condition;
      query.insert(query.end(), y.condition.begin(), y.condition.end());
      query.push_back(results_differ(ctx, x, y));
      ++result.pairs_checked;
      CheckResult r = solver->check(query);
      if (r.result == SatResult::Unknown) unknown = true;
      if (r.result != SatResult::Sat) continue;
      uint64_t n = std::min<uint64_t>(solver->model_value(input.length), input.bytes.size());
      for (uint64_t i = 0; i < n; ++i)
        result.counterexample.push_back(static_cast<char>(solver->model_value(input.bytes[i])));
      runtime::RunOptions run;
      run.input = result.counterexample;
      run.max_steps = options.max_steps_per_path * 2;
      runtime::RunResult ya = runtime::run_reference(a, run), yb = runtime::run_reference(b, run);
      result.output_a = ya.output;
      result.output_b = yb.output;
      result.exit_a = ya.exit_code;
      result.exit_b = yb.exit_code;
      result.confirmed = ya.output != yb.output || ya.exit_code != yb.exit_code;
      result.verdict = EquivalenceVerdict::Different;
      result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return result;
    }
  }
  if (!ra.exhaustive || !rb.exhaustive) {
    result.why_unknown =
        "exploration did not cover every path (" + ra.stop_reason + " / " + rb.stop_reason +
        (ra.paths_cut + rb.paths_cut ? ", paths cut by the step bound" : "") +
        (ra.concretised_addresses + rb.concretised_addresses ? ", addresses concretised" : "") + ")";
  } else if (unknown) {
    result.why_unknown = "the solver answered unknown on some path pair";
  }
  result.verdict = result.why_unknown.empty() ? EquivalenceVerdict::Equivalent : EquivalenceVerdict::Unknown;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace c2w::symbolic
