// Problems Z3 solves in the solve-and-certify pipelines, each encoded over bit-vectors
// through the solver interface (symbolic/solver.h): Sudoku, N-Queens and graph
// colouring (Z3 solves; a C checker compiled into weights certifies the answer on the
// transformer), and two optimisation problems where a C heuristic runs on the
// transformer and Z3 proves its answer optimal or finds a better one (the assignment
// problem and makespan scheduling on identical machines).
//
// An improvement query asks for a solution strictly better than a bound: unsat proves
// the bound optimal, sat gives a better solution, and the search repeats from it until
// unsat, so the last answer is optimal and proved so.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/values.h"

namespace c2w::pipeline {

struct SolveResult {
  bool solved = false;   // a solution was found (false: none exists, or `unknown`)
  bool unknown = false;  // the solver gave up (timeout)
  Value solution;        // Grid (Sudoku) or Integers (N-Queens columns, colours)
  uint64_t solver_checks = 0;
  double seconds = 0;
};

SolveResult solve_sudoku(const Grid& puzzle, unsigned timeout_ms = 60000);
SolveResult solve_nqueens(int n, unsigned timeout_ms = 60000);
struct Graph {
  int vertices = 0;
  std::vector<std::pair<int, int>> edges;
};
SolveResult solve_coloring(const Graph& graph, int colors, unsigned timeout_ms = 60000);

struct ImproveResult {
  int64_t start_cost = 0;       // the heuristic's cost
  int64_t best_cost = 0;        // the best cost found (== start_cost when it was optimal)
  Integers best;                // the best solution (job of each worker / machine of each job)
  bool proved_optimal = false;  // the last query was unsat
  int improvements = 0;         // sat answers: better solutions found
  uint64_t solver_checks = 0;
  double seconds = 0;
};

// Minimum-cost assignment: cost is n x n (worker x job); `start` the heuristic's jobs.
ImproveResult improve_assignment(const Grid& cost, const Integers& start, unsigned timeout_ms = 60000);
// Minimum makespan: `times` of the jobs, `machines` identical machines; `start` the
// heuristic's machine for each job.
ImproveResult improve_schedule(int machines, const Integers& times, const Integers& start,
                               unsigned timeout_ms = 60000);

// The costs of solutions (checked: a malformed solution is a UserError).
int64_t assignment_cost(const Grid& cost, const Integers& jobs);
int64_t schedule_makespan(int machines, const Integers& times, const Integers& assignment);

}  // namespace c2w::pipeline
