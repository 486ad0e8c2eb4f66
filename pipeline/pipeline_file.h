// Pipeline files: a hybrid pipeline written without C++, in YAML or JSON (JSON is read
// as YAML), run by `c2w pipeline FILE`. A file names the pipeline and lists its steps;
// each step has an `id` (the name of the value it produces) and one key saying what it
// does:
//
//   pipeline: sudoku-certify
//   steps:
//     - id: puzzle                 # a value: bytes, integers, grid (or file: + kind:)
//       grid: |
//         530070000
//         ...
//     - id: solution               # Z3 solves: sudoku (puzzle:), nqueens (n:),
//       solve: sudoku              #   coloring (graph: vertices/edges, colors:)
//       puzzle: puzzle
//     - id: certificate            # a C program on an engine (hull by default); stdin
//       run: sudoku_check.c        #   is `stdin:` text, then the text forms of `input`
//       input: [puzzle, solution]
//       expect: {exit: 0, output: "valid\n"}
//     - id: jobs                   # integers after a keyword in a value's text
//       extract: out
//       after: assignment
//     - id: best                   # Z3 proves optimal or improves: assignment
//       improve: assignment        #   (cost:, start:), schedule (machines:, times:, start:)
//       cost: matrix
//       start: jobs
//     - id: explored               # concolic exploration (concolic.h)
//       concolic: expr_calc.c
//     - id: synthesized            # CEGIS (cegis.h)
//       cegis: sketch.c
//       spec: reference.c
//
// Paths are relative to the file. Every mistake in a file (unknown keys, a missing
// value, a wrong type) is a UserError naming FILE:LINE:COL.
#pragma once

#include <string>

#include "pipeline/pipeline.h"

namespace c2w::pipeline {

struct PipelineFileOptions {
  bool quiet = false;       // no progress lines on stderr
  bool check_only = false;  // check the file (keys, types, paths, value names); run nothing
};

// Reads and runs a pipeline file. Throws UserError for a malformed file (located) and
// CheckFailed when a step's expectation fails; the Pipeline holds the log either way.
void run_pipeline_file(const std::string& path, Pipeline& pipeline, const PipelineFileOptions& options = {});

// The pipeline's name as the file gives it (for the Pipeline's constructor).
std::string pipeline_file_name(const std::string& path);

}  // namespace c2w::pipeline
