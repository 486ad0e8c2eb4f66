// Concolic exploration, the transformer and Z3 together (DESIGN.md §7): the compiled
// transformer executes the program on a concrete input; the path it took is read off
// the tokens it generated (program_runner.h) and replayed symbolically over the ISA,
// which gives the path condition (every branch decision as a condition on the input
// bytes); Z3 negates one decision at a time (after the ones before it) and proposes
// the input that takes the other way; that input runs on the transformer next.
//
// Which decision to flip (SAGE's generational search, with a coverage heuristic): a
// run's decisions from its bound on (those after the one its parent flipped) become
// flip tasks, and each hazard (a division by a symbolic divisor, a symbolic address) a
// task to hit it. Tasks whose branch direction no run has taken yet go first, in the
// order found; the others wait on a stack, the newest run's earliest decision on top,
// so that a byte-by-byte comparison is matched one byte per run. Every proposed input
// runs on the transformer at once. A run that traps is a bug: its input, kind and
// place are reported and replayed on the reference interpreter.
//
// For comparison, the same budget spent on random inputs (explore_random), and the
// result of pure symbolic execution is what `c2w symex` reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/program_runner.h"

namespace c2w::pipeline {

struct ConcolicOptions {
  unsigned input_bytes = 8;  // inputs of at most this many bytes
  double max_seconds = 30;   // the budget
  uint64_t max_runs = 100'000;
  uint64_t max_tokens_per_run = 10'000'000;
  std::vector<std::string> seeds = {""};  // the first inputs
  unsigned solver_timeout_ms = 5000;
  uint64_t random_seed = 1;  // explore_random's generator
};

struct ConcolicBug {
  std::string kind;      // the trap: "div0", "mem", "stack", "call", "abort", "assertion"
  std::string location;  // file:line of the trapping instruction, or "pc N"
  std::string input;
  uint64_t run = 0;       // the run that found it (1-based)
  double seconds = 0;     // when, from the start
  bool replayed = false;  // the reference interpreter traps the same way on the input
};

struct CoveragePoint {
  double seconds = 0;
  uint64_t runs = 0;
  size_t branches = 0;  // (pc, direction) pairs taken so far
};

struct ConcolicResult {
  uint64_t runs = 0, tokens = 0, solver_checks = 0, inputs_proposed = 0;
  size_t branches_covered = 0;  // (pc, direction) pairs taken
  size_t branches_total = 0;    // 2 per conditional branch instruction of the program
  size_t pcs_covered = 0, pcs_total = 0;
  std::vector<ConcolicBug> bugs;        // one per (kind, location)
  std::vector<CoveragePoint> coverage;  // whenever coverage grew
  double seconds = 0;
  std::string stop_reason;  // "time limit", "run limit", "every decision flipped"
};

ConcolicResult explore_concolic(ProgramRunner& program, const ConcolicOptions& options);
// Random inputs (lengths and bytes uniform, a seeded generator) with the same budget.
ConcolicResult explore_random(ProgramRunner& program, const ConcolicOptions& options);

std::string describe(const ConcolicResult& r);  // a readable summary
std::string to_json(const ConcolicResult& r);

}  // namespace c2w::pipeline
