// Reading and running pipeline files (see pipeline_file.h). yaml-cpp reads both YAML
// and JSON and keeps every node's line and column, so every error names its place.
#include "pipeline/pipeline_file.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <system_error>

#include "pipeline/cegis.h"
#include "pipeline/concolic.h"
#include "support/errors.h"
#include "support/file_io.h"
#include "symbolic/symex_report.h"

namespace c2w::pipeline {
namespace {

namespace fs = std::filesystem;

class FileReader {
 public:
  FileReader(const std::string& path, Pipeline& pipeline, const PipelineFileOptions& options)
      : path_(path), dir_(fs::path(path).parent_path()), p_(pipeline), options_(options) {}

  YAML::Node load() {
    try {
      return YAML::LoadFile(path_);
    } catch (const YAML::BadFile&) {
      throw UserError(path_ + ": error: cannot read the pipeline file");
    } catch (const YAML::ParserException& e) {
      fail(e.mark, e.msg);
    }
  }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    std::string where = path_;
    if (mark.line >= 0) where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
    throw UserError(where + ": error: " + message);
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    fail(node.Mark(), message);
  }

  // ---- typed field access ----
  YAML::Node field(const YAML::Node& step, const char* key) const {
    YAML::Node n = step[key];
    if (!n) fail(step, std::string("this step needs '") + key + "'");
    return n;
  }
  template <class T>
  T as(const YAML::Node& n, const char* what) const {
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      fail(n, std::string("'") + what + "' has the wrong type");
    }
  }
  template <class T>
  T get(const YAML::Node& step, const char* key, T fallback) const {
    YAML::Node n = step[key];
    return n ? as<T>(n, key) : fallback;
  }
  std::string path_of(const YAML::Node& n, const char* what) const {
    std::string p = as<std::string>(n, what);
    fs::path full = fs::path(p).is_absolute() ? fs::path(p) : dir_ / p;
    std::error_code error;  // a name the file system refuses (too long, ...) is the file's mistake too
    if (!fs::exists(full, error))
      fail(n, "'" + p + "' " + (error ? "is not a usable path: " + error.message() : "does not exist") +
                  " (paths are relative to the pipeline file)");
    return full.string();
  }
  const Value& value(const YAML::Node& n, const char* what) const {
    std::string name = as<std::string>(n, what);
    if (!p_.has(name)) fail(n, "no earlier step produced a value named '" + name + "'");
    return p_.get(name);
  }
  template <class T>
  const T& typed(const YAML::Node& n, const char* what) const {
    const Value& v = value(n, what);
    if (const T* t = std::get_if<T>(&v)) return *t;
    fail(n, "'" + as<std::string>(n, what) + "' is " + kind_name(v) + ", not " + kind_name(Value(T{})));
  }
  Engine engine(const YAML::Node& step) const {
    std::string name = get<std::string>(step, "engine", "hull");
    if (name != "reference" && name != "dense" && name != "hull")
      fail(step["engine"], "engine must be reference, dense or hull");
    return engine_named(name);
  }
  std::string key_of(const YAML::Node& key) const {
    if (!key.IsScalar()) fail(key, "a key must be a plain name");
    return key.Scalar();
  }
  void only_keys(const YAML::Node& step, std::initializer_list<const char*> allowed) const {
    for (const auto& item : step) {
      std::string key = key_of(item.first);
      bool ok = key == "id";
      for (const char* a : allowed) ok = ok || key == a;
      if (!ok) fail(item.first, "unknown key '" + key + "' for this kind of step");
    }
  }

  // With check_only, a step that would compile, run, solve or search checks its keys,
  // types, paths and value names, then stands in a value of the kind it would produce.
  bool dry() const { return options_.check_only; }
  void stand_in(const std::string& id, Value kind) { p_.set(id, std::move(kind)); }

  // ---- steps ----
  void run() {
    YAML::Node root = load();
    if (!root.IsMap()) fail(root, "a pipeline file is a mapping with 'pipeline' and 'steps'");
    for (const auto& item : root) {
      std::string key = key_of(item.first);
      if (key != "pipeline" && key != "description" && key != "steps")
        fail(item.first, "unknown key '" + key + "'");
    }
    YAML::Node steps = field(root, "steps");
    if (!steps.IsSequence() || steps.size() == 0) fail(steps, "'steps' must be a non-empty list");
    std::set<std::string> ids;
    for (const YAML::Node& step : steps) {
      if (!step.IsMap()) fail(step, "a step is a mapping with an 'id' and what it does");
      std::string id = as<std::string>(field(step, "id"), "id");
      if (!ids.insert(id).second) fail(step["id"], "a step named '" + id + "' already exists");
      if (!options_.quiet) std::cerr << "c2w pipeline: " << id << "\n";
      run_step(id, step);
    }
  }

  void run_step(const std::string& id, const YAML::Node& step) {
    if (step["bytes"] || step["integers"] || step["grid"] || step["file"]) return value_step(id, step);
    if (step["solve"]) return solve_step(id, step);
    if (step["run"]) return run_program_step(id, step);
    if (step["extract"]) return extract_step(id, step);
    if (step["improve"]) return improve_step(id, step);
    if (step["concolic"]) return concolic_step(id, step);
    if (step["cegis"]) return cegis_step(id, step);
    if (step["equal"]) return equal_step(id, step);
    fail(step,
         "a step must say what it does: bytes/integers/grid/file, solve, run, extract, improve, concolic, "
         "cegis or equal");
  }

  void value_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"bytes", "integers", "grid", "file", "kind"});
    if (step["file"]) {
      std::string file = path_of(step["file"], "file");
      p_.set(id, parse_value(get<std::string>(step, "kind", "bytes"), read_file_text(file), file));
    } else if (step["bytes"]) {
      p_.set(id, Bytes{as<std::string>(step["bytes"], "bytes")});
    } else if (step["integers"]) {
      YAML::Node n = step["integers"];
      p_.set(id, n.IsSequence() ? Integers{as<std::vector<int64_t>>(n, "integers")}
                                : parse_integers(as<std::string>(n, "integers"), path_));
    } else {
      YAML::Node n = step["grid"];
      p_.set(id, n.IsSequence() ? Grid{as<std::vector<std::vector<int64_t>>>(n, "grid")}
                                : parse_grid(as<std::string>(n, "grid"), path_));
    }
    p_.stage(id, "value", [&](StageRecord& r) { r.summary = describe(p_.get(id)); });
  }

  void solve_step(const std::string& id, const YAML::Node& step) {
    std::string problem = as<std::string>(step["solve"], "solve");
    SolveResult s;
    if (problem == "sudoku") {
      only_keys(step, {"solve", "puzzle"});
      const Grid& puzzle = typed<Grid>(field(step, "puzzle"), "puzzle");
      if (dry()) return stand_in(id, Grid{});
      s = p_.solve_sudoku(id, puzzle);
    } else if (problem == "nqueens") {
      only_keys(step, {"solve", "n"});
      int n = as<int>(field(step, "n"), "n");
      if (dry()) return stand_in(id, Integers{});
      s = p_.solve_nqueens(id, n);
    } else if (problem == "coloring") {
      only_keys(step, {"solve", "graph", "colors"});
      // graph: integers "n m u1 v1 u2 v2 ..." (the checker's input format)
      const Integers& g = typed<Integers>(field(step, "graph"), "graph");
      if (g.values.size() < 2 || g.values.size() != 2 + 2 * size_t(std::max<int64_t>(g.values[1], 0)))
        fail(step["graph"], "a graph is the integers n m, then m edges u v");
      Graph graph;
      graph.vertices = int(g.values[0]);
      for (int64_t e = 0; e < g.values[1]; ++e)
        graph.edges.push_back({int(g.values[2 + 2 * e]), int(g.values[3 + 2 * e])});
      int colors = as<int>(field(step, "colors"), "colors");
      if (dry()) return stand_in(id, Integers{});
      s = p_.solve_coloring(id, graph, colors);
    } else {
      fail(step["solve"], "unknown problem '" + problem + "' (sudoku, nqueens or coloring)");
    }
    if (!s.solved) p_.check(id + ".solved", false, s.unknown ? "Z3 gave up" : "Z3 found no solution");
  }

  void run_program_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"run", "engine", "input", "stdin", "max_tokens", "expect"});
    std::string program = path_of(step["run"], "run");
    std::vector<Value> inputs;  // stdin: the literal text first, then the values' text forms
    if (step["stdin"]) inputs.push_back(Bytes{as<std::string>(step["stdin"], "stdin")});
    if (YAML::Node in = step["input"]) {
      if (in.IsSequence())
        for (const YAML::Node& name : in) inputs.push_back(value(name, "input"));
      else
        inputs.push_back(value(in, "input"));
    }
    Engine on = engine(step);
    uint64_t max_tokens = get<uint64_t>(step, "max_tokens", 100'000'000);
    YAML::Node expect = step["expect"];
    if (expect && !expect.IsMap()) fail(expect, "'expect' is a mapping: exit, output, contains");
    if (dry()) {
      for (const auto& item : expect) {
        std::string key = key_of(item.first);
        if (key == "exit")
          as<int>(item.second, "exit");
        else if (key == "output" || key == "contains")
          as<std::string>(item.second, key.c_str());
        else
          fail(item.first, "unknown expectation '" + key + "' (exit, output, contains)");
      }
      return stand_in(id, Bytes{});
    }
    ProgramRunner& runner = p_.compile(program, on);
    RunOutcome out = p_.run(id, runner, inputs, max_tokens);
    if (expect) {
      for (const auto& item : expect) {
        std::string key = key_of(item.first);
        if (key == "exit") {
          int want = as<int>(item.second, "exit");
          p_.check(id + ".exit", out.exit_code == want,
                   "exit code " + std::to_string(out.exit_code) + (out.exit_code == want ? " == " : " != ") +
                       std::to_string(want));
        } else if (key == "output") {
          std::string want = as<std::string>(item.second, "output");
          p_.check(id + ".output", out.output == want,
                   "output " + std::string(out.output == want ? "is" : "is not") + " \"" +
                       symbolic::escape_bytes(want) + "\"");
        } else if (key == "contains") {
          std::string want = as<std::string>(item.second, "contains");
          bool holds = out.output.find(want) != std::string::npos;
          p_.check(id + ".output", holds,
                   std::string("output ") + (holds ? "contains" : "lacks") + " \"" +
                       symbolic::escape_bytes(want) + "\"");
        } else {
          fail(item.first, "unknown expectation '" + key + "' (exit, output, contains)");
        }
      }
    }
  }

  void extract_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"extract", "after"});
    const Bytes& text = typed<Bytes>(step["extract"], "extract");
    std::string keyword = as<std::string>(field(step, "after"), "after");
    if (dry()) return stand_in(id, Integers{});
    size_t at = std::string::npos;
    for (size_t pos = 0; pos < text.data.size();) {
      size_t end = text.data.find('\n', pos);
      std::string line = text.data.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      if (line.rfind(keyword, 0) == 0) {
        at = pos + keyword.size();
        p_.set(id, parse_integers(line.substr(keyword.size()), path_));
        break;
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    if (at == std::string::npos) p_.check(id, false, "no line starts with '" + keyword + "'");
    p_.stage(id, "extract",
             [&](StageRecord& r) { r.summary = describe(p_.get(id)) + " after '" + keyword + "'"; });
  }

  void improve_step(const std::string& id, const YAML::Node& step) {
    std::string problem = as<std::string>(step["improve"], "improve");
    if (problem == "assignment") {
      only_keys(step, {"improve", "cost", "start"});
      const Grid& cost = typed<Grid>(field(step, "cost"), "cost");
      const Integers& start = typed<Integers>(field(step, "start"), "start");
      if (dry()) return stand_in(id, Integers{});
      p_.improve_assignment(id, cost, start);
    } else if (problem == "schedule") {
      only_keys(step, {"improve", "machines", "times", "start"});
      int machines = as<int>(field(step, "machines"), "machines");
      const Integers& times = typed<Integers>(field(step, "times"), "times");
      const Integers& start = typed<Integers>(field(step, "start"), "start");
      if (dry()) return stand_in(id, Integers{});
      p_.improve_schedule(id, machines, times, start);
    } else {
      fail(step["improve"], "unknown problem '" + problem + "' (assignment or schedule)");
    }
  }

  void equal_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"equal"});
    YAML::Node pair = step["equal"];
    if (!pair.IsSequence() || pair.size() != 2) fail(pair, "'equal' takes two value names");
    const Value& a = value(pair[0], "equal");
    const Value& b = value(pair[1], "equal");
    if (dry()) return;
    p_.check(
        id, a == b,
        pair[0].as<std::string>() + (a == b ? " equals " : " differs from ") + pair[1].as<std::string>());
  }

  void concolic_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"concolic", "engine", "seconds", "input_bytes", "seeds", "max_runs"});
    ConcolicOptions o;
    o.max_seconds = get<double>(step, "seconds", o.max_seconds);
    o.input_bytes = get<unsigned>(step, "input_bytes", o.input_bytes);
    o.max_runs = get<uint64_t>(step, "max_runs", o.max_runs);
    if (step["seeds"]) o.seeds = as<std::vector<std::string>>(step["seeds"], "seeds");
    std::string program = path_of(step["concolic"], "concolic");
    Engine on = engine(step);
    if (dry()) return stand_in(id, Integers{});
    ProgramRunner& runner = p_.compile(program, on);
    p_.stage(id, "concolic", [&](StageRecord& r) {
      ConcolicResult c = explore_concolic(runner, o);
      r.runs = c.runs, r.tokens = runner.engine() == Engine::Reference ? 0 : c.tokens,
      r.solver_checks = c.solver_checks;
      r.summary = describe(c);
      Integers found;
      found.values = {int64_t(c.branches_covered), int64_t(c.branches_total), int64_t(c.bugs.size())};
      p_.set(id, found);
    });
  }

  void cegis_step(const std::string& id, const YAML::Node& step) {
    only_keys(step, {"cegis", "spec", "engine", "holes", "hole_range", "examples", "tests", "max_iterations",
                     "seconds", "expect"});
    // expect: found (the default) or none, when the pipeline is to prove that no holes exist
    const std::string expect = get<std::string>(step, "expect", "found");
    if (expect != "found" && expect != "none") fail(step["expect"], "'expect' is found or none");
    CegisOptions o;
    o.engine = engine(step);
    o.holes = get<int>(step, "holes", o.holes);
    if (YAML::Node range = step["hole_range"]) {
      auto r = as<std::vector<int64_t>>(range, "hole_range");
      if (r.size() != 2 || r[0] > r[1]) fail(range, "'hole_range' is [min, max]");
      o.hole_min = r[0], o.hole_max = r[1];
    }
    if (step["examples"]) o.examples = as<std::vector<std::string>>(step["examples"], "examples");
    if (step["tests"]) o.tests = as<std::vector<std::string>>(step["tests"], "tests");
    o.max_iterations = get<int>(step, "max_iterations", o.max_iterations);
    o.max_seconds = get<double>(step, "seconds", o.max_seconds);
    std::string sketch_path = path_of(step["cegis"], "cegis");
    std::string spec_path = path_of(field(step, "spec"), "spec");
    if (dry()) return stand_in(id, Integers{});
    ProgramRunner& sketch = p_.compile(sketch_path, o.engine);
    ProgramRunner& spec = p_.compile(spec_path, o.engine);
    CegisResult c;
    p_.stage(id, "cegis", [&](StageRecord& r) {
      c = synthesize(sketch, spec, o);
      r.runs = c.runs, r.tokens = o.engine == Engine::Reference ? 0 : c.tokens,
      r.solver_checks = c.solver_checks;
      r.summary = describe(c);
      p_.set(id, Integers{c.holes});
    });
    if (expect == "none") {
      p_.check(id + ".none", c.none_exists,
               c.none_exists ? "no program of the sketch's shape exists"
               : c.found     ? "holes were found, though none were expected"
                             : c.stop_reason);
    } else if (!c.found) {
      p_.check(id + ".found", false,
               c.none_exists ? "no program of the sketch's shape exists" : c.stop_reason);
    }
  }

 private:
  std::string path_;
  fs::path dir_;
  Pipeline& p_;
  PipelineFileOptions options_;
};

}  // namespace

std::string pipeline_file_name(const std::string& path) {
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (root.IsMap() && root["pipeline"]) return root["pipeline"].as<std::string>();
  } catch (const YAML::Exception&) {
  }
  return std::filesystem::path(path).stem().string();
}

void run_pipeline_file(const std::string& path, Pipeline& pipeline, const PipelineFileOptions& options) {
  FileReader(path, pipeline, options).run();
}

}  // namespace c2w::pipeline
