// Hybrid pipelines, measured: what the transformer and Z3 do together.
//
// Concolic exploration (the transformer executes, Z3 negates the branch decisions read
// off its token trace) against random inputs run on the same transformer and against
// pure symbolic execution (c2w symex), each with the same budget per program: the
// planted bug found or not and when, branch directions and pcs covered, runs and
// tokens. Programs: tests/symex/bugs/*.c (planted bugs, `// BUG:` and `// LINE:`
// headers), the calculator of examples/pipelines/concolic, and the brainfuck
// interpreter (coverage only). Then every other example pipeline file (certify,
// optimize, cegis) once, with its times, tokens and solver calls.
//
//   bench_pipelines [--seconds S] [--json FILE] [--curves FILE] [programs...]
// Results: a table on stdout; --json the figures (coverage over time included);
// --curves "program method seconds branches" lines for gnuplot.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "pipeline/concolic.h"
#include "pipeline/pipeline_file.h"
#include "support/file_io.h"
#include "symbolic/symbolic_executor.h"

using namespace c2w;
using namespace c2w::pipeline;
namespace fs = std::filesystem;

namespace {

struct Planted {
  std::string kind;  // assert, div0, mem, abort; "" for none
  unsigned line = 0;
  unsigned input_bytes = 8;
};

Planted read_header(const std::string& file) {
  std::string text = read_file_text(file);
  Planted p;
  std::smatch m;
  if (std::regex_search(text, m, std::regex("// BUG: (\\w+)"))) p.kind = m[1];
  if (std::regex_search(text, m, std::regex("// LINE: (\\d+)"))) p.line = unsigned(std::stoul(m[1]));
  if (std::regex_search(text, m, std::regex("// INPUT-BYTES: (\\d+)")))
    p.input_bytes = unsigned(std::stoul(m[1]));
  if (file.find("brainfuck") != std::string::npos) p.input_bytes = 16;
  return p;
}

unsigned line_of(const std::string& location) {
  auto colon = location.find(':');
  return colon == std::string::npos ? 0 : unsigned(std::stoul(location.substr(colon + 1)));
}

bool kind_matches(const std::string& planted, const std::string& found) {
  return planted == found || (planted == "assert" && found == "assertion");
}

// The first report of the planted bug: seconds, or -1.
double planted_at(const Planted& p, const ConcolicResult& r) {
  for (const ConcolicBug& b : r.bugs)
    if (kind_matches(p.kind, b.kind) && line_of(b.location) == p.line && b.replayed) return b.seconds;
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 20;
  std::string json_path, curves_path;
  std::vector<std::string> files;
  CLI::App app{"bench_pipelines: concolic exploration on the transformer against random inputs and symex"};
  app.add_option("programs", files, "programs (default: tests/symex/bugs/*.c, the calculator, brainfuck)");
  app.add_option("--seconds", seconds, "budget per program and method (default 20)")
      ->check(CLI::PositiveNumber);
  app.add_option("--json", json_path, "write the figures as JSON");
  app.add_option("--curves", curves_path, "write branch coverage over time for gnuplot");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const std::string root = C2W_SOURCE_DIR;
  if (files.empty()) {
    for (const auto& e : fs::directory_iterator(root + "/tests/symex/bugs"))
      if (e.path().extension() == ".c") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    files.push_back(root + "/examples/pipelines/concolic/expr_calc.c");
    files.push_back(root + "/examples/brainfuck.c");
  }
  nlohmann::ordered_json doc;
  doc["seconds_per_method"] = seconds;
  doc["concolic"] = nlohmann::ordered_json::array();
  std::string curves = "# program method seconds branches_covered\n";
  std::printf(
      "budget %.0f s per program and method; bug: the planted bug's first report (s), '-' not found\n",
      seconds);
  std::printf("%-24s %-6s | %-8s %9s %7s %8s | %-8s %9s %7s | %-8s %7s %8s\n", "program", "bug", "concolic",
              "branches", "runs", "tokens", "random", "branches", "runs", "symex", "pcs", "paths");
  int found[3] = {0, 0, 0}, planted_total = 0;
  for (const std::string& file : files) {
    Planted planted = read_header(file);
    ProgramRunner runner(file, Engine::Hull);
    ConcolicOptions o;
    o.input_bytes = planted.input_bytes;
    o.max_seconds = seconds;
    o.max_tokens_per_run = 2'000'000;
    ConcolicResult concolic = explore_concolic(runner, o);
    ConcolicResult random = explore_random(runner, o);
    symbolic::SymexOptions so;
    so.input_bytes = planted.input_bytes;
    so.max_seconds = seconds;
    so.max_steps_per_path = 2'000'000;
    symbolic::SymexResult symex = symbolic::run_symbolic(runner.program(), so);
    double symex_at = -1;
    for (const auto& f : symex.findings)
      if (kind_matches(planted.kind, symbolic::finding_kind_name(f.kind)) &&
          line_of(f.location) == planted.line && f.replayed && symex_at < 0)
        symex_at = f.seconds;
    const double at[3] = {planted_at(planted, concolic), planted_at(planted, random), symex_at};
    if (!planted.kind.empty()) {
      ++planted_total;
      for (int m = 0; m < 3; ++m) found[m] += at[m] >= 0;
    }
    auto shown = [&](double t) {
      char b[32];
      if (planted.kind.empty()) return std::string("n/a");
      if (t < 0) return std::string("-");
      std::snprintf(b, sizeof b, "%.2f", t);
      return std::string(b);
    };
    const std::string name = fs::path(file).filename().string();
    std::printf("%-24s %-6s | %-8s %4zu/%-4zu %7llu %8llu | %-8s %4zu/%-4zu %7llu | %-8s %7zu %8llu\n",
                name.c_str(), planted.kind.empty() ? "-" : planted.kind.c_str(), shown(at[0]).c_str(),
                concolic.branches_covered, concolic.branches_total, (unsigned long long)concolic.runs,
                (unsigned long long)concolic.tokens, shown(at[1]).c_str(), random.branches_covered,
                random.branches_total, (unsigned long long)random.runs, shown(at[2]).c_str(),
                symex.covered_pcs, (unsigned long long)symex.paths_completed);
    std::fflush(stdout);
    nlohmann::ordered_json j;
    j["program"] = name;
    j["bug"] = planted.kind;
    j["input_bytes"] = planted.input_bytes;
    j["concolic"] = nlohmann::ordered_json::parse(to_json(concolic));
    j["concolic"]["planted_bug_seconds"] = at[0];
    j["random"] = nlohmann::ordered_json::parse(to_json(random));
    j["random"]["planted_bug_seconds"] = at[1];
    j["symex"] = {{"planted_bug_seconds", at[2]},         {"covered_pcs", symex.covered_pcs},
                  {"total_pcs", symex.total_pcs},         {"paths", symex.paths_completed},
                  {"solver_checks", symex.solver_checks}, {"findings", symex.findings.size()}};
    doc["concolic"].push_back(j);
    for (const auto& [method, r] :
         {std::pair<const char*, const ConcolicResult*>{"concolic", &concolic}, {"random", &random}})
      for (const CoveragePoint& c : r->coverage)
        curves +=
            name + " " + method + " " + std::to_string(c.seconds) + " " + std::to_string(c.branches) + "\n";
  }
  std::printf("planted bugs found: concolic %d, random %d, symex %d of %d\n\n", found[0], found[1], found[2],
              planted_total);
  doc["planted_found"] = {
      {"concolic", found[0]}, {"random", found[1]}, {"symex", found[2]}, {"of", planted_total}};

  // The other pipelines, once each.
  doc["pipelines"] = nlohmann::ordered_json::array();
  std::printf("%-26s %-6s %9s %6s %9s %7s  %s\n", "pipeline", "result", "seconds", "runs", "tokens", "solver",
              "");
  for (const char* dir : {"certify", "optimize", "cegis"}) {
    std::vector<std::string> yamls;
    for (const auto& e : fs::directory_iterator(root + "/examples/pipelines/" + dir))
      if (e.path().extension() == ".yaml") yamls.push_back(e.path().string());
    std::sort(yamls.begin(), yamls.end());
    for (const std::string& y : yamls) {
      Pipeline p(pipeline_file_name(y));
      std::string result = "ok";
      try {
        run_pipeline_file(y, p, {true});
      } catch (const CheckFailed&) {
        result = "check failed";
      }
      double secs = 0;
      uint64_t runs = 0, tokens = 0, checks = 0;
      std::string what;
      for (const StageRecord& r : p.log()) {
        secs += r.seconds, runs += r.runs, tokens += r.tokens, checks += r.solver_checks;
        if (r.kind == "improve" || r.kind == "cegis" || r.kind == "solve")
          what += (what.empty() ? "" : "; ") + r.summary;
      }
      std::printf("%-26s %-6s %9.2f %6llu %9llu %7llu  %s\n", p.name().c_str(),
                  result == "ok" ? "ok" : "FAIL", secs, (unsigned long long)runs, (unsigned long long)tokens,
                  (unsigned long long)checks, what.c_str());
      doc["pipelines"].push_back({{"pipeline", p.name()},
                                  {"file", fs::relative(y, root).string()},
                                  {"result", result},
                                  {"seconds", secs},
                                  {"runs", runs},
                                  {"tokens", tokens},
                                  {"solver_checks", checks},
                                  {"summary", what},
                                  {"report", nlohmann::ordered_json::parse(p.report_json())}});
    }
  }
  if (!json_path.empty()) write_file_atomically(json_path, doc.dump(1) + "\n");
  if (!curves_path.empty()) write_file_atomically(curves_path, curves);
  return 0;
}
