// The choice of states: distances to uncovered code on a hand-written program, the
// tree of forks that random-path walks, and the executor's strategies against each
// other (the same paths when exhaustive, and reproducible with a seed).
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "compiler/compile.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "symbolic/coverage_distance.h"
#include "symbolic/state_search.h"
#include "symbolic/symbolic_executor.h"

using namespace c2w;
using namespace c2w::symbolic;

namespace {

// _start calls f and branches on its result; f branches on its argument.
//   0: call f      1: br_eq -> 3      2: halt 0      3: halt 1
//   4: br_eq -> 7  5: mov             6: ret         7: ret
isa::Program two_functions() {
  std::string text =
      ".layout data_base=0x1000 stack_base=0x2000 stack_size=4096 heap_base=0x3000 memory_size=65536\n"
      ".datasize 16\n"
      ".func _start entry=0 end=4 frame=16\n"
      "     0: call %0, #8, @4\n"
      "     1: br_eq %0, #0, @3\n"
      "     2: halt #0\n"
      "     3: halt #1\n"
      ".func f entry=4 end=8 frame=16\n"
      "     4: br_eq %0, #1, @7\n"
      "     5: mov %0, #3\n"
      "     6: ret %0, _\n"
      "     7: ret #2, _\n";
  isa::Program p = isa::parse_assembly(text, "test.isa");
  isa::validate_program(p, "test.isa");
  return p;
}

std::vector<uint64_t> covered_except(size_t size, std::set<uint32_t> uncovered) {
  std::vector<uint64_t> visits(size, 1);
  for (uint32_t pc : uncovered) visits[pc] = 0;
  return visits;
}

constexpr uint32_t kFar = CoverageDistance::kUnreachable;

isa::Program compile_test_program(const std::string& relative_path) {
  compiler::CompileOptions co;
  co.source_path = std::string(C2W_SOURCE_DIR) + "/" + relative_path;
  return compiler::compile_c_program(co).program;
}

}  // namespace

TEST_CASE("distances to uncovered code follow branches, calls and the call stack", "[search]") {
  isa::Program p = two_functions();
  CoverageDistance d(p);
  // To a ret of the own function: f's pcs only.
  CHECK(std::vector<uint32_t>{d.to_return(4), d.to_return(5), d.to_return(6), d.to_return(7)} ==
        std::vector<uint32_t>{1, 1, 0, 0});
  CHECK(d.to_return(0) == kFar);

  d.update(covered_except(p.code.size(), {3}));  // only `halt 1` is new
  CHECK(std::vector<uint32_t>{d.local(0), d.local(1), d.local(2), d.local(3)} ==
        std::vector<uint32_t>{2, 1, kFar, 0});
  CHECK(d.local(5) == kFar);               // inside f, pc 3 is reached only by returning
  CHECK(d.distance(5, {1}) == 1 + 1 + 1);  // to ret, return to pc 1, branch to 3
  CHECK(d.distance(4, {1}) == 3);
  CHECK(d.distance(5, {}) == kFar);  // no caller to return to

  d.update(covered_except(p.code.size(), {7}));  // only f's second ret is new
  CHECK(d.local(4) == 1);
  CHECK(d.local(0) == 2);  // through the call into f
  CHECK(d.local(1) == kFar);
  CHECK(d.distance(6, {1}) == kFar);

  d.update(covered_except(p.code.size(), {}));  // everything covered
  for (uint32_t pc = 0; pc < p.code.size(); ++pc) CHECK(d.distance(pc, {1}) == kFar);
}

TEST_CASE("the coverage-guided search keeps every live state and random path favours shallow ones",
          "[search]") {
  isa::Program p = two_functions();
  std::vector<uint64_t> visits(p.code.size(), 1);  // all covered: the distance draws are uniform
  size_t covered = p.code.size();
  auto search = make_coverage_guided_search(p, visits, covered, 5);

  // A tree: the root forks into `shallow` and a chain that forks 8 more times.
  auto root = std::make_unique<SearchState>();
  SearchState* running = root.get();
  search->add(std::move(root));
  REQUIRE(search->pick().release() == running);
  std::unique_ptr<SearchState> owner(running);
  auto shallow_owner = std::make_unique<SearchState>();
  SearchState* shallow = shallow_owner.get();
  search->forked(*running, *shallow);
  search->add(std::move(shallow_owner));
  std::set<SearchState*> live{running, shallow};
  for (int i = 0; i < 8; ++i) {
    auto child = std::make_unique<SearchState>();
    live.insert(child.get());
    search->forked(*running, *child);
    search->add(std::move(child));
  }
  search->add(std::move(owner));
  REQUIRE(search->size() == 10);

  // Pick and put back: every pick is live; `shallow` is drawn by random path half
  // the time (one turn in three) and by the two weighted draws 1/10 of the time.
  std::map<SearchState*, int> picks;
  const int rounds = 6000;
  for (int i = 0; i < rounds; ++i) {
    std::unique_ptr<SearchState> s = search->pick();
    REQUIRE(live.count(s.get()) == 1);
    ++picks[s.get()];
    search->add(std::move(s));
  }
  CHECK(picks.size() == 10);
  double expected = (1.0 / 3) * 0.5 + (2.0 / 3) * 0.1;
  CHECK(picks[shallow] > rounds * (expected - 0.03));
  CHECK(picks[shallow] < rounds * (expected + 0.03));

  // Ending states cuts the tree; the others are still all reachable.
  for (int ended = 0; ended < 9; ++ended) {
    std::unique_ptr<SearchState> s = search->pick();
    live.erase(s.get());
    search->ended(*s);
  }
  REQUIRE(search->size() == 1);
  std::unique_ptr<SearchState> last = search->pick();
  CHECK(live.count(last.get()) == 1);
  CHECK(search->size() == 0);
}

TEST_CASE("every strategy explores the same paths of a small program", "[search]") {
  isa::Program program = compile_test_program("tests/symex/correct/tag_parser_ok.c");
  std::map<std::string, SearchStrategy> strategies = {{"dfs", SearchStrategy::DepthFirst},
                                                      {"bfs", SearchStrategy::BreadthFirst},
                                                      {"coverage", SearchStrategy::Coverage}};
  std::map<std::string, uint64_t> paths;
  for (auto [name, strategy] : strategies) {
    SymexOptions o;
    o.input_bytes = 3;
    o.strategy = strategy;
    o.max_seconds = 120;
    SymexResult r = run_symbolic(program, o);
    INFO(name);
    CHECK(r.exhaustive);
    CHECK(r.findings.empty());
    paths[name] = r.paths_completed;
  }
  CHECK(paths["dfs"] > 10);
  CHECK(paths["bfs"] == paths["dfs"]);
  CHECK(paths["coverage"] == paths["dfs"]);
}

TEST_CASE("a coverage-guided run is reproducible with its seed", "[search]") {
  isa::Program program = compile_test_program("tests/symex/bugs/parser_state.c");
  auto run = [&](uint64_t seed) {
    SymexOptions o;
    o.input_bytes = 6;
    o.max_paths = 150;
    o.max_seconds = 120;
    o.seed = seed;
    return run_symbolic(program, o);
  };
  SymexResult a = run(7), b = run(7);
  CHECK(a.stop_reason == "path limit");
  CHECK(a.instructions == b.instructions);
  CHECK(a.forks == b.forks);
  CHECK(a.solver_queries == b.solver_queries);
  CHECK(a.covered_pcs == b.covered_pcs);
  REQUIRE(a.findings.size() == b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) CHECK(a.findings[i].input == b.findings[i].input);
}
