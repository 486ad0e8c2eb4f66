// CEGIS over a sketch with holes (see cegis.h).
#include "pipeline/cegis.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "symbolic/solver.h"
#include "symbolic/symbolic_executor.h"
#include "symbolic/symex_report.h"

namespace c2w::pipeline {
namespace {

using symbolic::Expr;
using symbolic::ExprContext;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The holes as stdin bytes: 4 little-endian bytes each (c2w_sketch.h).
std::string hole_bytes(const std::vector<int64_t>& holes) {
  std::string s;
  for (int64_t h : holes)
    for (int b = 0; b < 4; ++b) s.push_back(static_cast<char>((uint32_t(h) >> (8 * b)) & 0xFF));
  return s;
}

struct Expected {
  std::string output;
  int exit_code = 0;
};

}  // namespace

CegisResult synthesize(ProgramRunner& sketch, ProgramRunner& spec, const CegisOptions& o) {
  auto start = Clock::now();
  CegisResult result;
  ExprContext ctx;
  symbolic::CountingSolver solver(symbolic::make_z3_solver(ctx));
  solver.set_timeout_ms(30000);

  // The holes: 4 symbolic bytes each, the word in [hole_min, hole_max] (signed).
  std::vector<Expr> hole_byte, hole_word;
  for (int k = 0; k < o.holes; ++k) {
    Expr word = nullptr;
    for (int b = 0; b < 4; ++b) {
      Expr byte = ctx.variable("hole" + std::to_string(k) + "_" + std::to_string(b), 8);
      hole_byte.push_back(byte);
      word = word ? ctx.concat(byte, word) : byte;
    }
    hole_word.push_back(word);
    solver.add(ctx.sle(ctx.constant(uint64_t(o.hole_min), 32), word));
    solver.add(ctx.sle(word, ctx.constant(uint64_t(o.hole_max), 32)));
  }

  // What the spec prints on an input (run on the transformer too), remembered.
  std::map<std::string, Expected> expected;
  auto spec_on = [&](const std::string& input) -> const Expected& {
    auto it = expected.find(input);
    if (it != expected.end()) return it->second;
    RunOutcome r = spec.run(input);
    ++result.runs, result.tokens += r.tokens;
    return expected[input] = {r.output, r.exit_code};
  };

  std::vector<std::string> examples = o.examples;
  if (examples.empty()) examples.push_back(o.tests.empty() ? "" : o.tests.front());
  size_t encoded = 0;  // examples already turned into constraints
  bool exhaustive = true;
  result.stop_reason = "iteration limit";
  while (result.iterations < o.max_iterations) {
    if (seconds_since(start) > o.max_seconds) {
      result.stop_reason = "time limit";
      break;
    }
    ++result.iterations;
    // 1. Every example's constraint: some path of the sketch, holes symbolic and the
    //    example's bytes concrete, prints what the spec prints and exits as it does.
    for (; encoded < examples.size(); ++encoded) {
      const std::string& e = examples[encoded];
      const Expected& want = spec_on(e);
      symbolic::SymbolicInput input;
      input.bytes = hole_byte;
      for (unsigned char c : e) input.bytes.push_back(ctx.constant(c, 8));
      input.length = ctx.constant(uint64_t(input.bytes.size()), 32);
      symbolic::SymexOptions so;
      so.input_bytes = unsigned(input.bytes.size());
      so.strategy = symbolic::SearchStrategy::DepthFirst;
      so.max_seconds = o.symex_seconds;
      so.summarise_output = false;  // the outputs must be exact for every value of the holes
      Expr some_path = ctx.boolean(false);
      symbolic::SymexResult sr =
          symbolic::run_symbolic(sketch.program(), so, ctx, input, [&](const symbolic::CompletedPath& p) {
            ++result.paths;
            if (!p.complete || p.output.size() != want.output.size()) return;
            Expr holds = ctx.eq(p.exit_code, ctx.constant(uint64_t(want.exit_code) & 0xFF, 8));
            for (Expr c : p.condition) holds = ctx.land(holds, c);
            for (size_t i = 0; i < p.output.size(); ++i)
              holds = ctx.land(holds, ctx.eq(p.output[i], ctx.constant(uint8_t(want.output[i]), 8)));
            some_path = ctx.lor(some_path, holds);
          });
      result.solver_checks += sr.solver_checks;
      exhaustive = exhaustive && sr.exhaustive;
      solver.add(some_path);
    }
    // 2. Z3 proposes holes.
    symbolic::CheckResult answer = solver.check();
    if (answer.result != symbolic::SatResult::Sat) {
      result.none_exists = answer.result == symbolic::SatResult::Unsat && exhaustive;
      result.stop_reason = answer.result == symbolic::SatResult::Unknown ? "the solver gave up"
                           : exhaustive                                  ? "no holes match the examples"
                                        : "no holes match the paths explored (the exploration was cut short)";
      break;
    }
    std::vector<int64_t> holes;
    for (Expr w : hole_word) holes.push_back(int64_t(int32_t(uint32_t(solver.model_value(w)))));
    // 3. The transformer checks the candidate on the examples and the tests.
    std::string counterexample;
    bool disagrees = false;
    std::vector<std::string> inputs = examples;
    inputs.insert(inputs.end(), o.tests.begin(), o.tests.end());
    for (const std::string& in : inputs) {
      const Expected& want = spec_on(in);
      RunOutcome got = sketch.run(hole_bytes(holes) + in);
      ++result.runs, result.tokens += got.tokens;
      if (got.output != want.output || got.exit_code != want.exit_code) {
        counterexample = in;
        disagrees = true;
        break;
      }
    }
    result.holes = holes;
    if (!disagrees) {
      result.found = true;
      result.stop_reason = "the candidate agrees with the spec on every example and test";
      break;
    }
    // The candidate fails an input Z3 already had: the symbolic model and the
    // transformer disagree (a bug): stop rather than loop.
    for (const std::string& e : examples)
      if (e == counterexample) {
        result.stop_reason =
            "the transformer and the symbolic model disagree on \"" + symbolic::escape_bytes(e) + "\"";
        result.solver_checks += solver.checks;
        result.seconds = seconds_since(start);
        return result;
      }
    examples.push_back(counterexample);
    result.counterexamples.push_back(counterexample);
  }
  result.solver_checks += solver.checks;
  result.seconds = seconds_since(start);
  return result;
}

std::string describe(const CegisResult& r) {
  std::string s;
  if (r.found) {
    s = "holes";
    for (int64_t h : r.holes) s += " " + std::to_string(h);
    s += " agree with the spec";
  } else {
    s = r.none_exists ? "no program of the sketch's shape agrees with the spec"
                      : "not found: " + r.stop_reason;
  }
  return s + " (" + std::to_string(r.iterations) + " rounds, " + std::to_string(r.counterexamples.size()) +
         " counterexamples from the transformer, " + std::to_string(r.runs) + " runs, " +
         std::to_string(r.paths) + " symbolic paths)";
}

std::string to_json(const CegisResult& r) {
  nlohmann::ordered_json j;
  j["found"] = r.found;
  j["none_exists"] = r.none_exists;
  j["holes"] = r.holes;
  j["iterations"] = r.iterations;
  nlohmann::ordered_json ce = nlohmann::ordered_json::array();
  for (const std::string& c : r.counterexamples) ce.push_back(symbolic::escape_bytes(c));
  j["counterexamples"] = ce;
  j["runs"] = r.runs;
  j["tokens"] = r.tokens;
  j["solver_checks"] = r.solver_checks;
  j["symbolic_paths"] = r.paths;
  j["seconds"] = r.seconds;
  j["stop_reason"] = r.stop_reason;
  return j.dump();
}

}  // namespace c2w::pipeline
