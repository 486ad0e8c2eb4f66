// Hybrid neural-symbolic pipelines (DESIGN.md §7): stages that compile C into weights,
// run programs on any engine (the transformer among them), ask Z3, check answers and
// loop, composed in C++ with this API or declared in a pipeline file (pipeline_file.h,
// `c2w pipeline FILE`).
//
// A Pipeline holds the named values the stages produce (values.h) and a log: for every
// stage what it did, how long it took, how many tokens the transformer generated and
// how many solver queries it made. The log is the pipeline's report.
//
//   pipeline::Pipeline p("sudoku");
//   Grid puzzle = ...;
//   SolveResult solved = p.solve_sudoku("solution", puzzle);        // Z3
//   ProgramRunner& checker = p.compile("sudoku_check.c", Engine::Hull);
//   RunOutcome ok = p.run("certificate", checker, {puzzle, solved.solution});  // the transformer
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/problems.h"
#include "pipeline/program_runner.h"
#include "pipeline/values.h"

namespace c2w::pipeline {

struct StageRecord {
  std::string name;     // the stage's id
  std::string kind;     // "compile", "run", "solve", "improve", "concolic", "cegis", ...
  std::string summary;  // what it did, one line
  double seconds = 0;
  uint64_t runs = 0;           // program runs (any engine)
  uint64_t tokens = 0;         // tokens the transformer generated
  uint64_t solver_checks = 0;  // Z3 queries
  bool ok = true;              // false: the stage's check failed (the pipeline stops)
};

class Pipeline {
 public:
  explicit Pipeline(std::string name);

  // ---- values ----
  void set(const std::string& name, Value value);
  const Value& get(const std::string& name) const;  // UserError if absent
  bool has(const std::string& name) const;

  // ---- stages (each logs one record) ----
  // C into weights (cached), ready to run on `engine`; compiled once per path and engine.
  ProgramRunner& compile(const std::string& path, Engine engine,
                         const compiler::CompileOptions& options = {});
  // Runs a program with the text forms of `inputs` concatenated as stdin; stores stdout
  // (Bytes) under `name`.
  RunOutcome run(const std::string& name, ProgramRunner& program, const std::vector<Value>& inputs,
                 uint64_t max_tokens = 100'000'000);
  SolveResult solve_sudoku(const std::string& name, const Grid& puzzle);
  SolveResult solve_nqueens(const std::string& name, int n);
  SolveResult solve_coloring(const std::string& name, const Graph& graph, int colors);
  ImproveResult improve_assignment(const std::string& name, const Grid& cost, const Integers& start);
  ImproveResult improve_schedule(const std::string& name, int machines, const Integers& times,
                                 const Integers& start);
  // A check on values: logs it, and on failure marks the record and throws CheckFailed.
  void check(const std::string& name, bool holds, const std::string& what);
  // Any other stage: runs `body`, which fills in its record's summary and counts.
  void stage(const std::string& name, const std::string& kind, const std::function<void(StageRecord&)>& body);
  // Runs `body` until it returns true or `max_iterations` passes; returns the passes.
  int repeat_until(const std::string& name, int max_iterations,
                   const std::function<bool(int iteration)>& body);

  // ---- the report ----
  const std::vector<StageRecord>& log() const { return log_; }
  std::string report_table() const;  // one line per stage, and the totals
  std::string report_json() const;
  const std::string& name() const { return name_; }

 private:
  StageRecord& begin(const std::string& name, const std::string& kind);
  std::string name_;
  std::map<std::string, Value> values_;
  std::vector<StageRecord> log_;
  std::map<std::string, std::unique_ptr<ProgramRunner>> programs_;
};

// A pipeline's check failed (a certificate rejected, an expectation not met): the
// pipeline stops; the message says which stage and why.
class CheckFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace c2w::pipeline
