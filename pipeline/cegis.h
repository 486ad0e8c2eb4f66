// Synthesis by counterexample-guided inductive synthesis (CEGIS, DESIGN.md §7): a C
// sketch with holes; Z3 proposes hole values, the compiled transformer checks them,
// counterexamples go back to Z3, until a program matches every example or none can.
//
// A sketch reads its holes first: `#include <c2w_sketch.h>` and `HOLE(k)` is hole k,
// an int read (as 4 little-endian bytes) from the start of stdin before the program's
// own input; the example input follows. So one compiled model checks every candidate.
//
// The specification is a reference C program (its output on an input is the wanted
// output) run on the transformer too. Each round:
//  1. Z3 proposes holes: symbolic execution of the sketch (holes symbolic, each example's
//     bytes concrete) gives every path's output as a term over the holes; Z3 asks for
//     holes in range whose output equals the spec's on every example so far. Unsat: no
//     program of the sketch's shape exists (within the bounds).
//  2. The transformer checks the candidate against the spec on the examples and on a
//     fixed set of test inputs; the first disagreement becomes a new example.
//  3. No disagreement: the candidate is the answer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/program_runner.h"

namespace c2w::pipeline {

struct CegisOptions {
  int holes = 1;                            // HOLE(0) .. HOLE(holes - 1)
  int64_t hole_min = -256, hole_max = 255;  // the range of every hole
  std::vector<std::string> examples;        // inputs to start from (may be empty)
  std::vector<std::string> tests;           // inputs the transformer checks each candidate on
  Engine engine = Engine::Hull;
  int max_iterations = 32;
  double max_seconds = 120;
  unsigned symex_seconds = 30;  // per example's exploration
};

struct CegisResult {
  bool found = false;        // holes that agree with the spec on every example and test
  bool none_exists = false;  // Z3 proved no holes agree with the examples
  std::vector<int64_t> holes;
  int iterations = 0;
  std::vector<std::string> counterexamples;  // the examples the transformer found
  uint64_t runs = 0, tokens = 0, solver_checks = 0, paths = 0;
  double seconds = 0;
  std::string stop_reason;
};

// `sketch` and `spec` are ready programs (ProgramRunner) of the same engine; `sketch_program`
// is the sketch's ISA (its symbolic execution).
CegisResult synthesize(ProgramRunner& sketch, ProgramRunner& spec, const CegisOptions& options);

std::string describe(const CegisResult& r);
std::string to_json(const CegisResult& r);

}  // namespace c2w::pipeline
