// pipeline/: the transformer and Z3 together. Every test runs the programs on the
// hull engine (the transformer compiled from the C), never on the reference alone.
#include <catch2/catch.hpp>

#include "pipeline/cegis.h"
#include "pipeline/concolic.h"
#include "pipeline/pipeline.h"
#include "symbolic/path_replay.h"
#include "symbolic/symbolic_executor.h"

using namespace c2w;
using namespace c2w::pipeline;

namespace {
std::string source(const std::string& relative) { return std::string(C2W_SOURCE_DIR) + "/" + relative; }
}  // namespace

TEST_CASE("pipeline: Z3 solves a Sudoku, the transformer certifies it and rejects a tampered one",
          "[pipeline]") {
  Pipeline p("sudoku");
  Grid puzzle = parse_grid(
      "530070000\n600195000\n098000060\n800060003\n400803001\n700020006\n060000280\n"
      "000419005\n000080079\n",
      "puzzle");
  SolveResult s = p.solve_sudoku("solution", puzzle);
  REQUIRE(s.solved);
  ProgramRunner& checker = p.compile(source("examples/pipelines/certify/sudoku_check.c"), Engine::Hull);
  RunOutcome ok = p.run("certificate", checker, {puzzle, s.solution});
  CHECK(ok.exit_code == 0);
  CHECK(ok.output == "valid\n");
  CHECK(ok.tokens > 1000);  // the transformer did the work
  Grid tampered = std::get<Grid>(s.solution);
  std::swap(tampered.rows[8][0], tampered.rows[8][1]);  // a row still a permutation, columns broken
  RunOutcome bad = p.run("tampered", checker, {puzzle, tampered});
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.rfind("invalid", 0) == 0);
  CHECK(p.log().size() == 4);  // solve, compile, two runs
}

TEST_CASE("pipeline: Z3 improves a greedy schedule the transformer ran, to a proved optimum", "[pipeline]") {
  Pipeline p("schedule");
  ProgramRunner& lpt = p.compile(source("examples/pipelines/optimize/lpt_schedule.c"), Engine::Hull);
  Integers times{{5, 5, 4, 4, 3, 3, 3}};
  RunOutcome out = p.run("lpt", lpt, {Bytes{"3 7\n"}, times});
  REQUIRE(out.exit_code == 0);
  REQUIRE(out.output.find("makespan 11") != std::string::npos);
  Integers start = parse_integers(out.output.substr(8, out.output.find('\n') - 8), "lpt");
  ImproveResult i = p.improve_schedule("best", 3, times, start);
  CHECK(i.start_cost == 11);
  CHECK(i.best_cost == 9);
  CHECK(i.proved_optimal);
  CHECK(schedule_makespan(3, times, i.best) == 9);
}

TEST_CASE("replay: the path the transformer took replays on the ISA, and a changed path does not",
          "[pipeline]") {
  ProgramRunner calc(source("examples/pipelines/concolic/expr_calc.c"), Engine::Hull);
  const std::string in = "7*(3+4)\n";
  RunOutcome out = calc.run(in, 1'000'000, true);
  REQUIRE(out.output == "49\n");
  symbolic::ExprContext ctx;
  symbolic::SymbolicInput input = symbolic::SymbolicInput::make(ctx, 8);
  symbolic::ReplayedPath path = symbolic::replay_path(calc.program(), ctx, input, in, out.path);
  CHECK(path.consistent);
  CHECK(path.steps == out.path.size());
  CHECK(path.decisions.size() > 8);  // at least one per input byte
  std::vector<uint64_t> witness(ctx.variable_count(), 0);
  witness[input.length->value] = in.size();
  for (size_t i = 0; i < in.size(); ++i) witness[input.bytes[i]->value] = uint8_t(in[i]);
  for (const auto& d : path.decisions)
    CHECK(ctx.evaluate(d.condition, witness) == 1);  // the input satisfies them
  std::vector<uint32_t> changed = out.path;
  changed[changed.size() / 2] += 1;
  CHECK_FALSE(symbolic::replay_path(calc.program(), ctx, input, in, changed).consistent);
}

TEST_CASE("concolic: the transformer and Z3 find the calculator's division by zero", "[pipeline]") {
  ProgramRunner calc(source("examples/pipelines/concolic/expr_calc.c"), Engine::Hull);
  ConcolicOptions o;
  o.input_bytes = 8;
  o.max_seconds = 60;
  o.seeds = {"1+2"};
  o.max_runs = 400;
  ConcolicResult r = explore_concolic(calc, o);
  REQUIRE(r.bugs.size() >= 1);
  CHECK(r.bugs[0].kind == "div0");
  CHECK(r.bugs[0].replayed);
  CHECK(r.bugs[0].location.find("expr_calc.c:59") != std::string::npos);
  CHECK(r.branches_covered > 60);
  CHECK(r.tokens > 0);
}

TEST_CASE("concolic: reaches the assertion behind a printed checksum", "[pipeline]") {
  ProgramRunner gate(source("tests/symex/bugs/checksum_gate.c"), Engine::Hull);
  ConcolicOptions o;
  o.input_bytes = 8;
  o.max_seconds = 60;
  ConcolicResult r = explore_concolic(gate, o);
  REQUIRE(r.bugs.size() == 1);
  CHECK(r.bugs[0].kind == "assertion");
  CHECK(r.bugs[0].replayed);
  CHECK(r.bugs[0].location.find("checksum_gate.c:21") != std::string::npos);
}

TEST_CASE("cegis: Z3 and the transformer synthesise the shifts of a branch-free abs", "[pipeline]") {
  ProgramRunner sketch(source("examples/pipelines/cegis/abs_sketch.c"), Engine::Hull);
  ProgramRunner spec(source("examples/pipelines/cegis/abs_spec.c"), Engine::Hull);
  CegisOptions o;
  o.holes = 2;
  o.hole_min = 0, o.hole_max = 31;
  o.examples = {"5\n"};
  o.tests = {"0\n", "-1\n", "-7\n", "123456\n", "-123456\n", "2147483647\n"};
  CegisResult r = synthesize(sketch, spec, o);
  REQUIRE(r.found);
  CHECK(r.holes == std::vector<int64_t>{31, 31});
  CHECK(!r.counterexamples.empty());  // the transformer refuted at least one candidate
}

TEST_CASE("cegis: no holes make a linear sketch square its input, and Z3 proves it", "[pipeline]") {
  ProgramRunner sketch(source("examples/pipelines/cegis/square_sketch.c"), Engine::Hull);
  ProgramRunner spec(source("examples/pipelines/cegis/square_spec.c"), Engine::Hull);
  CegisOptions o;
  o.holes = 2;
  o.hole_min = -1000, o.hole_max = 1000;
  o.examples = {"0\n"};
  o.tests = {"1\n", "2\n", "3\n", "-4\n"};
  CegisResult r = synthesize(sketch, spec, o);
  CHECK_FALSE(r.found);
  CHECK(r.none_exists);
}

TEST_CASE("program runner: a reused engine gives the reference's outputs on every input", "[pipeline]") {
  ProgramRunner hull(source("examples/pipelines/concolic/expr_calc.c"), Engine::Hull);
  ProgramRunner reference(source("examples/pipelines/concolic/expr_calc.c"), Engine::Reference);
  for (const std::string in : {"1+2\n", "6*7\n", "(1\n", "9/3-2\n", "", "2*(3+4)*5\n"}) {
    RunOutcome a = hull.run(in, 1'000'000, true), b = reference.run(in, 1'000'000, true);
    CHECK(a.output == b.output);
    CHECK(a.exit_code == b.exit_code);
    CHECK(a.path == b.path);
    CHECK(a.tokens == b.tokens);
  }
}
