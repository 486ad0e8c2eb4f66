// The convex-hull KV cache on real head streams: compiled programs run on the
// transformer with every head's cache doubled — a dense cache and a hull cache fed
// the same keys and values — and every lookup of every head at every position must
// agree exactly (value and winning position). The streams are those of the machine
// circuit: memory keys (2A, -A^2) with rewrites, frame records, marker keys, the
// universal model's prompt parabola.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "neural/hull_head_cache.h"
#include "neural/transformer.h"
#include "runtime/reference_interpreter.h"

using namespace c2w;

namespace {

struct Tally {
  uint64_t lookups = 0, mismatches = 0;
  std::string first;
};

class CheckingCache : public neural::HeadCache {
 public:
  CheckingCache(neural::TieMode tie, int dim, Tally& tally)
      : dense_(tie, dim), hull_(tie, dim), tally_(tally) {}
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override {
    dense_.append(key, value);
    hull_.append(key, value);
  }
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override {
    Eigen::VectorXd other;
    int64_t other_winner = -1;
    dense_.lookup(query, out, winner);
    hull_.lookup(query, other, other_winner);
    ++tally_.lookups;
    if (other_winner != winner || other != out) {
      if (tally_.mismatches++ == 0)
        tally_.first = "query (" + std::to_string(query[0]) + ", " + std::to_string(query[1]) +
                       ") at t=" + std::to_string(size()) + ": dense winner " + std::to_string(winner) +
                       ", hull winner " + std::to_string(other_winner);
    }
  }
  int64_t size() const override { return dense_.size(); }

 private:
  neural::DenseHeadCache dense_;
  neural::HullHeadCache hull_;
  Tally& tally_;
};

// Runs `tokens` generated tokens of the program on `model` (teacher-forced on the
// reference trace) with checking caches.
Tally run_checked(const neural::Model& model, const std::vector<int>& prompt,
                  const std::vector<trace::Token>& trace, size_t prompt_in_trace, size_t tokens) {
  Tally tally;
  neural::Transformer t(
      model, [&](neural::TieMode tie, int dim) { return std::make_unique<CheckingCache>(tie, dim, tally); });
  for (int id : prompt) t.step(id);
  for (size_t i = prompt_in_trace; i < trace.size() && i < prompt_in_trace + tokens; ++i)
    t.step(int(trace[i]));
  return tally;
}

}  // namespace

TEST_CASE("hull cache: real head streams of compiled programs agree with the dense cache",
          "[hull][weights]") {
  for (const char* name :
       {"examples/quicksort.c", "examples/brainfuck.c", "tests/programs/deep_recursion.c"}) {
    std::string path = std::string(C2W_SOURCE_DIR) + "/" + name;
    isa::Program program = compiler::load_program(path, compiler::CompileOptions{});
    runtime::RunOptions ro;
    ro.record_trace = true;
    ro.max_steps = 4000;
    if (std::string(name).find("brainfuck") != std::string::npos) ro.input = "++++++++[>++++<-]>+.";
    runtime::RunResult ref = runtime::run_reference(program, ro);
    compiler::CompiledWeights w = compiler::compile_weights(program);
    std::vector<int> prompt(ref.trace.begin(), ref.trace.begin() + long(ref.prompt_tokens));
    Tally tally = run_checked(w.model, prompt, ref.trace, ref.prompt_tokens, 4000);
    INFO(name << ": " << tally.first);
    CHECK(tally.lookups > 4000 * 20);
    CHECK(tally.mismatches == 0);
  }
}

TEST_CASE("hull cache: the universal model's streams (prompt parabola, fetches) agree with the dense cache",
          "[hull][weights]") {
  // A small program (no printf), so the dense cache's O(t) scans of the prompt stay quick.
  std::string path = (std::filesystem::temp_directory_path() / "c2w_hull_streams.c").string();
  {
    std::ofstream f(path);
    f << "#include <stdio.h>\nint fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
         "int main(void) { int s = 0; for (int i = 0; i < 8; i++) s += fib(i) * (i + 1);\n"
         "  putchar('0' + s % 10); putchar('\\n'); return s & 15; }\n";
  }
  isa::Program program = compiler::load_program(path, compiler::CompileOptions{});
  std::filesystem::remove(path);
  runtime::RunOptions ro;
  ro.record_trace = true;
  runtime::RunResult ref = runtime::run_reference(program, ro);
  compiler::CompiledWeights w = compiler::compile_universal_weights();
  std::map<std::string, int> ids;
  for (size_t i = 0; i < w.model.vocabulary.size(); ++i) ids[w.model.vocabulary[i]] = int(i);
  std::vector<int> prompt;
  for (const std::string& n : compiler::universal_prompt(program, "")) prompt.push_back(ids.at(n));
  // The reference trace's token ids equal the universal vocabulary's for generated tokens.
  Tally tally = run_checked(w.model, prompt, ref.trace, ref.prompt_tokens, 3000);
  INFO(tally.first);
  CHECK(tally.lookups > prompt.size() * 60);
  CHECK(tally.mismatches == 0);
}
