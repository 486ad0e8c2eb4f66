// Symbolic execution against random testing on the planted-bug programs.
//
// For each tests/symex/bugs/*.c (or the files given): the time c2w's symbolic
// executor takes to find the planted bug (the BUG kind at the LINE of the file's
// header), the paths it explored, and — with the same time budget — whether random
// inputs of the same length bound find it on the reference interpreter. A program's
// `// INPUT-BYTES: n` header sets its own length bound.
//
//   bench_symex [--seconds S] [--input-bytes N] [files...]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/compile.h"
#include "runtime/reference_interpreter.h"
#include "symbolic/symbolic_executor.h"

using namespace c2w;
using Clock = std::chrono::steady_clock;

namespace {

struct Planted {
  std::string kind;  // assert, div0, mem, abort
  unsigned line = 0;
  unsigned input_bytes = 0;  // 0: the --input-bytes bound
};

Planted read_header(const std::string& file) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Planted p;
  std::smatch m;
  if (std::regex_search(text, m, std::regex("// BUG: (\\w+)"))) p.kind = m[1];
  if (std::regex_search(text, m, std::regex("// LINE: (\\d+)")))
    p.line = static_cast<unsigned>(std::stoul(m[1]));
  if (std::regex_search(text, m, std::regex("// INPUT-BYTES: (\\d+)")))
    p.input_bytes = static_cast<unsigned>(std::stoul(m[1]));
  return p;
}

bool symex_kind_matches(const std::string& kind, symbolic::FindingKind k) {
  std::string name = symbolic::finding_kind_name(k);
  return name == kind || (kind == "assert" && name == "assertion");
}

bool trap_matches(const std::string& kind, const runtime::RunResult& r) {
  if (r.status != runtime::RunStatus::Trapped) return false;
  if (kind == "assert" || kind == "abort") return r.trap == isa::TrapKind::Abort;
  if (kind == "div0") return r.trap == isa::TrapKind::DivideByZero;
  if (kind == "mem") return r.trap == isa::TrapKind::MemoryOutOfBounds;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 20;
  unsigned input_bytes = 8;
  std::vector<std::string> files;
  CLI::App app{
      "bench_symex: symbolic execution against random inputs on the planted-bug programs, same budget"};
  app.add_option("programs", files, "programs (default: tests/symex/bugs/*.c)");
  app.add_option("--seconds", seconds, "budget per program and method (default 20)")
      ->check(CLI::PositiveNumber);
  app.add_option("--input-bytes", input_bytes,
                 "inputs of at most N bytes (default 8; a program's INPUT-BYTES header wins)")
      ->check(CLI::Range(0, 4096));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // a usage error: 2, with the message on stderr
  }
  if (files.empty()) {
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(C2W_SOURCE_DIR) + "/tests/symex/bugs"))
      if (e.path().extension() == ".c") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
  }
  std::printf("budget %.0f s per program and method, inputs of at most %u bytes\n", seconds, input_bytes);
  // queries: feasibility questions the executor asked; Z3: the independent parts of
  // them that were not in the cache and went to Z3.
  std::printf("%-26s %-7s | %-9s %9s %8s %8s %8s | %-9s %9s %10s\n", "program", "bug", "symex", "seconds",
              "paths", "queries", "Z3", "random", "seconds", "runs");
  int symex_found = 0, random_found = 0;
  for (const std::string& file : files) {
    Planted planted = read_header(file);
    const unsigned bytes = planted.input_bytes ? planted.input_bytes : input_bytes;
    compiler::CompileOptions co;
    co.source_path = file;
    isa::Program program = compiler::compile_c_program(co).program;

    // Symbolic execution, stopping at the first finding: it counts only if it is the
    // planted bug (kind and line) and its input replays.
    symbolic::SymexOptions so;
    so.input_bytes = bytes;
    so.max_seconds = seconds;
    so.max_steps_per_path = 200000;
    so.stop_at_first_finding = true;
    auto start = Clock::now();
    symbolic::SymexResult sr = symbolic::run_symbolic(program, so);
    double spent = std::chrono::duration<double>(Clock::now() - start).count();
    bool found = false;
    double found_at = 0;
    for (const auto& f : sr.findings) {
      unsigned line = 0;
      auto colon = f.location.find(':');
      if (colon != std::string::npos) line = static_cast<unsigned>(std::stoul(f.location.substr(colon + 1)));
      if (symex_kind_matches(planted.kind, f.kind) && line == planted.line && f.replayed) {
        found = true;
        found_at = f.seconds;
      }
    }
    symex_found += found;
    std::string name = file.substr(file.find_last_of('/') + 1);
    std::printf("%-26s %-7s | %-9s %9.3f %8llu %8llu %8llu |", name.c_str(), planted.kind.c_str(),
                found ? "found" : "not found", found ? found_at : spent,
                (unsigned long long)sr.paths_completed, (unsigned long long)sr.solver_queries,
                (unsigned long long)sr.solver_checks);
    {  // Random inputs of at most input_bytes bytes, same budget.
      std::mt19937_64 rng(42);
      auto random_start = Clock::now();
      uint64_t runs = 0;
      bool random_hit = false;
      double elapsed = 0;
      runtime::RunOptions ro;
      ro.max_steps = 200000;
      while ((elapsed = std::chrono::duration<double>(Clock::now() - random_start).count()) < seconds) {
        size_t n = rng() % (bytes + 1);
        ro.input.clear();
        for (size_t i = 0; i < n; ++i) ro.input.push_back(static_cast<char>(rng() & 0xFF));
        runtime::RunResult r = runtime::run_reference(program, ro);
        ++runs;
        if (trap_matches(planted.kind, r) && program.source_map[r.stop_pc].line == planted.line) {
          random_hit = true;
          break;
        }
        // assert/abort trap inside the libc: the planted line is the caller's; accept the kind.
        if (trap_matches(planted.kind, r) && (planted.kind == "assert" || planted.kind == "abort")) {
          random_hit = true;
          break;
        }
      }
      random_found += random_hit;
      std::printf(" %-9s %9.3f %10llu\n", random_hit ? "found" : "not found", elapsed,
                  (unsigned long long)runs);
    }
  }
  std::printf("symex found %d of %zu planted bugs; random inputs found %d\n", symex_found, files.size(),
              random_found);
  return 0;
}
