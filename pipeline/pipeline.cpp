// The pipeline API (see pipeline.h).
#include "pipeline/pipeline.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "support/errors.h"

namespace c2w::pipeline {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Times a stage into its record, also when it throws.
class Timed {
 public:
  explicit Timed(StageRecord& r) : record_(r), start_(Clock::now()) {}
  ~Timed() { record_.seconds = seconds_since(start_); }

 private:
  StageRecord& record_;
  Clock::time_point start_;
};

}  // namespace

Pipeline::Pipeline(std::string name) : name_(std::move(name)) {}

void Pipeline::set(const std::string& name, Value value) { values_[name] = std::move(value); }
bool Pipeline::has(const std::string& name) const { return values_.count(name) > 0; }
const Value& Pipeline::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw UserError("error: the pipeline has no value named '" + name + "'");
  return it->second;
}

StageRecord& Pipeline::begin(const std::string& name, const std::string& kind) {
  StageRecord& record = log_.emplace_back();
  record.name = name;
  record.kind = kind;
  return record;
}

ProgramRunner& Pipeline::compile(const std::string& path, Engine engine,
                                 const compiler::CompileOptions& options) {
  const std::string key = path + "@" + engine_name(engine);
  auto it = programs_.find(key);
  if (it != programs_.end()) return *it->second;
  StageRecord& r = begin(std::filesystem::path(path).filename().string(), "compile");
  {
    Timed t(r);
    programs_[key] = std::make_unique<ProgramRunner>(path, engine, options);
  }
  const ProgramRunner& p = *programs_[key];
  r.summary =
      std::to_string(p.program().code.size()) + " instructions" +
      (engine == Engine::Reference ? ""
                                   : std::string(", weights for the ") + engine_name(engine) + " engine");
  return *programs_[key];
}

RunOutcome Pipeline::run(const std::string& name, ProgramRunner& program, const std::vector<Value>& inputs,
                         uint64_t max_tokens) {
  std::string input;
  for (const Value& v : inputs) input += to_text(v);
  StageRecord& r = begin(name, "run");
  RunOutcome out;
  {
    Timed t(r);
    out = program.run(input, max_tokens);
  }
  r.runs = 1;
  if (program.engine() != Engine::Reference) r.tokens = out.tokens;
  std::string shown = out.output.substr(0, 60);
  for (char& c : shown)
    if (c == '\n') c = ' ';
  r.summary = std::filesystem::path(program.source()).filename().string() + " on " +
              engine_name(program.engine()) + ": exit " + std::to_string(out.exit_code) +
              (out.trap.empty() ? "" : " (trap " + out.trap + ")") + ", output \"" + shown +
              (out.output.size() > 60 ? "..." : "") + "\"";
  set(name, Bytes{out.output});
  return out;
}

SolveResult Pipeline::solve_sudoku(const std::string& name, const Grid& puzzle) {
  StageRecord& r = begin(name, "solve");
  SolveResult s;
  {
    Timed t(r);
    s = pipeline::solve_sudoku(puzzle);
  }
  r.solver_checks = s.solver_checks;
  r.summary = s.solved    ? "Z3 solved the Sudoku"
              : s.unknown ? "Z3 gave up (timeout)"
                          : "Z3: the Sudoku has no solution";
  if (s.solved) set(name, s.solution);
  return s;
}

SolveResult Pipeline::solve_nqueens(const std::string& name, int n) {
  StageRecord& r = begin(name, "solve");
  SolveResult s;
  {
    Timed t(r);
    s = pipeline::solve_nqueens(n);
  }
  r.solver_checks = s.solver_checks;
  r.summary = s.solved ? "Z3 placed " + std::to_string(n) + " queens"
                       : "Z3 found no placement of " + std::to_string(n) + " queens";
  if (s.solved) set(name, s.solution);
  return s;
}

SolveResult Pipeline::solve_coloring(const std::string& name, const Graph& graph, int colors) {
  StageRecord& r = begin(name, "solve");
  SolveResult s;
  {
    Timed t(r);
    s = pipeline::solve_coloring(graph, colors);
  }
  r.solver_checks = s.solver_checks;
  r.summary = (s.solved ? "Z3 coloured " : "Z3 found no colouring of ") + std::to_string(graph.vertices) +
              " vertices, " + std::to_string(graph.edges.size()) + " edges with " + std::to_string(colors) +
              " colours";
  if (s.solved) set(name, s.solution);
  return s;
}

namespace {
std::string improvement_summary(const ImproveResult& i, const char* what) {
  std::string s = std::string(what) + " " + std::to_string(i.start_cost);
  if (i.improvements == 0)
    return s + (i.proved_optimal ? ": Z3 proved it optimal" : ": Z3 gave up (timeout)");
  return s + ": Z3 found " + std::to_string(i.improvements) + " better, down to " +
         std::to_string(i.best_cost) +
         (i.proved_optimal ? ", proved optimal" : " (not proved optimal: timeout)");
}
}  // namespace

ImproveResult Pipeline::improve_assignment(const std::string& name, const Grid& cost, const Integers& start) {
  StageRecord& r = begin(name, "improve");
  ImproveResult i;
  {
    Timed t(r);
    i = pipeline::improve_assignment(cost, start);
  }
  r.solver_checks = i.solver_checks;
  r.summary = improvement_summary(i, "assignment cost");
  set(name, i.best);
  return i;
}

ImproveResult Pipeline::improve_schedule(const std::string& name, int machines, const Integers& times,
                                         const Integers& start) {
  StageRecord& r = begin(name, "improve");
  ImproveResult i;
  {
    Timed t(r);
    i = pipeline::improve_schedule(machines, times, start);
  }
  r.solver_checks = i.solver_checks;
  r.summary = improvement_summary(i, "makespan");
  set(name, i.best);
  return i;
}

void Pipeline::check(const std::string& name, bool holds, const std::string& what) {
  StageRecord& r = begin(name, "check");
  r.summary = (holds ? "holds: " : "") + what;
  r.ok = holds;
  if (!holds) throw CheckFailed("stage '" + name + "': " + what);
}

void Pipeline::stage(const std::string& name, const std::string& kind,
                     const std::function<void(StageRecord&)>& body) {
  StageRecord& r = begin(name, kind);
  size_t index = log_.size() - 1;
  auto start = Clock::now();
  try {
    body(r);
  } catch (...) {
    log_[index].seconds = seconds_since(start);
    throw;
  }
  log_[index].seconds = seconds_since(start);  // `r` may have moved if body logged stages of its own
}

int Pipeline::repeat_until(const std::string& name, int max_iterations,
                           const std::function<bool(int)>& body) {
  StageRecord& r = begin(name, "loop");
  size_t index = log_.size() - 1;
  auto start = Clock::now();
  int passes = 0;
  bool done = false;
  while (passes < max_iterations && !done) done = body(passes++);
  log_[index].seconds = seconds_since(start);
  log_[index].summary =
      std::to_string(passes) + (done ? " passes until done" : " passes, stopped at the limit");
  (void)r;
  return passes;
}

std::string Pipeline::report_table() const {
  std::string out = "pipeline " + name_ + "\n";
  int width = 16;  // the stage column fits the longest name
  for (const StageRecord& r : log_) width = std::max(width, static_cast<int>(r.name.size()));
  char line[512];
  std::snprintf(line, sizeof line, "  %-*s %-9s %9s %6s %10s %7s  %s\n", width, "stage", "kind", "seconds",
                "runs", "tokens", "solver", "what");
  out += line;
  double seconds = 0;
  uint64_t runs = 0, tokens = 0, checks = 0;
  for (const StageRecord& r : log_) {
    std::snprintf(line, sizeof line, "  %-*s %-9s %9.3f %6llu %10llu %7llu  ", width, r.name.c_str(),
                  r.kind.c_str(), r.seconds, (unsigned long long)r.runs, (unsigned long long)r.tokens,
                  (unsigned long long)r.solver_checks);
    out += line + std::string(r.ok ? "" : "FAILED: ") + r.summary + "\n";
    if (r.kind != "loop") seconds += r.seconds;
    runs += r.runs, tokens += r.tokens, checks += r.solver_checks;
  }
  std::snprintf(line, sizeof line, "  %-*s %-9s %9.3f %6llu %10llu %7llu\n", width, "total", "", seconds,
                (unsigned long long)runs, (unsigned long long)tokens, (unsigned long long)checks);
  return out + line;
}

std::string Pipeline::report_json() const {
  nlohmann::ordered_json j;
  j["pipeline"] = name_;
  j["stages"] = nlohmann::ordered_json::array();
  for (const StageRecord& r : log_)
    j["stages"].push_back({{"name", r.name},
                           {"kind", r.kind},
                           {"summary", r.summary},
                           {"seconds", r.seconds},
                           {"runs", r.runs},
                           {"tokens", r.tokens},
                           {"solver_checks", r.solver_checks},
                           {"ok", r.ok}});
  return j.dump(2) + "\n";
}

}  // namespace c2w::pipeline
