// Puzzle and optimisation encodings for Z3 (see problems.h).
#include "pipeline/problems.h"

#include <algorithm>
#include <chrono>

#include "support/errors.h"
#include "symbolic/solver.h"

namespace c2w::pipeline {
namespace {

using symbolic::Expr;
using symbolic::ExprContext;
using symbolic::SatResult;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A solver session: a context, a counting Z3 solver, helpers for small integer domains.
struct Session {
  ExprContext ctx;
  symbolic::CountingSolver solver{symbolic::make_z3_solver(ctx)};
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();

  explicit Session(unsigned timeout_ms) { solver.set_timeout_ms(timeout_ms); }
  Expr number(int64_t v, unsigned width) { return ctx.constant(static_cast<uint64_t>(v), width); }
  // A variable in [lo, hi] (unsigned, `width` bits).
  Expr ranged(const std::string& name, int64_t lo, int64_t hi, unsigned width) {
    Expr v = ctx.variable(name, width);
    solver.add(ctx.ule(number(lo, width), v));
    solver.add(ctx.ule(v, number(hi, width)));
    return v;
  }
  void all_different(const std::vector<Expr>& xs) {
    for (size_t a = 0; a < xs.size(); ++a)
      for (size_t b = a + 1; b < xs.size(); ++b) solver.add(ctx.lnot(ctx.eq(xs[a], xs[b])));
  }
  // table[x] for x in [0, table.size()), as a chain of ite (32-bit result).
  Expr select(Expr x, const std::vector<int64_t>& table, unsigned width) {
    Expr out = number(table.back(), 32);
    for (size_t i = table.size() - 1; i-- > 0;)
      out = ctx.ite(ctx.eq(x, number(int64_t(i), width)), number(table[i], 32), out);
    return out;
  }
  SatResult check() { return solver.check().result; }
  int64_t value(Expr e) { return static_cast<int64_t>(solver.model_value(e)); }
  void finish(SolveResult& r) {
    r.solver_checks = solver.checks;
    r.seconds = seconds_since(start);
  }
};

}  // namespace

SolveResult solve_sudoku(const Grid& puzzle, unsigned timeout_ms) {
  if (puzzle.rows.size() != 9)
    throw UserError("error: a Sudoku grid has 9 rows, this one " + std::to_string(puzzle.rows.size()));
  for (const auto& row : puzzle.rows)
    for (int64_t v : row)
      if (row.size() != 9 || v < 0 || v > 9)
        throw UserError("error: a Sudoku grid has 9 cells of 0..9 per row");
  Session s(timeout_ms);
  std::vector<Expr> cell(81);
  for (int i = 0; i < 81; ++i) {
    cell[size_t(i)] = s.ranged("r" + std::to_string(i / 9) + "c" + std::to_string(i % 9), 1, 9, 8);
    int64_t given = puzzle.rows[size_t(i / 9)][size_t(i % 9)];
    if (given) s.solver.add(s.ctx.eq(cell[size_t(i)], s.number(given, 8)));
  }
  for (int u = 0; u < 9; ++u) {
    std::vector<Expr> row, col, box;
    for (int k = 0; k < 9; ++k) {
      row.push_back(cell[size_t(u * 9 + k)]);
      col.push_back(cell[size_t(k * 9 + u)]);
      box.push_back(cell[size_t((u / 3 * 3 + k / 3) * 9 + u % 3 * 3 + k % 3)]);
    }
    s.all_different(row), s.all_different(col), s.all_different(box);
  }
  SolveResult r;
  SatResult answer = s.check();
  r.unknown = answer == SatResult::Unknown;
  if (answer == SatResult::Sat) {
    Grid g;
    for (int i = 0; i < 9; ++i) {
      g.rows.emplace_back();
      for (int k = 0; k < 9; ++k) g.rows.back().push_back(s.value(cell[size_t(i * 9 + k)]));
    }
    r.solved = true;
    r.solution = g;
  }
  s.finish(r);
  return r;
}

SolveResult solve_nqueens(int n, unsigned timeout_ms) {
  if (n < 1 || n > 64) throw UserError("error: N-Queens takes N in 1..64");
  Session s(timeout_ms);
  std::vector<Expr> col, up, down;
  for (int r = 0; r < n; ++r) {
    Expr c = s.ranged("q" + std::to_string(r), 0, n - 1, 16);
    col.push_back(c);
    up.push_back(s.ctx.add(c, s.number(r, 16)));                                 // col + row
    down.push_back(s.ctx.sub(s.ctx.add(c, s.number(64, 16)), s.number(r, 16)));  // col - row, kept positive
  }
  s.all_different(col), s.all_different(up), s.all_different(down);
  SolveResult r;
  SatResult answer = s.check();
  r.unknown = answer == SatResult::Unknown;
  if (answer == SatResult::Sat) {
    Integers q;
    for (Expr c : col) q.values.push_back(s.value(c));
    r.solved = true;
    r.solution = q;
  }
  s.finish(r);
  return r;
}

SolveResult solve_coloring(const Graph& graph, int colors, unsigned timeout_ms) {
  if (graph.vertices < 1 || colors < 1 || colors > 255)
    throw UserError("error: a colouring needs vertices and 1..255 colours");
  Session s(timeout_ms);
  std::vector<Expr> color;
  for (int v = 0; v < graph.vertices; ++v)
    color.push_back(s.ranged("v" + std::to_string(v), 0, colors - 1, 8));
  for (const auto& [a, b] : graph.edges) {
    if (a < 0 || b < 0 || a >= graph.vertices || b >= graph.vertices)
      throw UserError("error: edge " + std::to_string(a) + "-" + std::to_string(b) +
                      " names a vertex that does not exist");
    s.solver.add(s.ctx.lnot(s.ctx.eq(color[size_t(a)], color[size_t(b)])));
  }
  if (graph.vertices > 0)
    s.solver.add(s.ctx.eq(color[0], s.number(0, 8)));  // symmetry: vertex 0 has colour 0
  SolveResult r;
  SatResult answer = s.check();
  r.unknown = answer == SatResult::Unknown;
  if (answer == SatResult::Sat) {
    Integers c;
    for (Expr e : color) c.values.push_back(s.value(e));
    r.solved = true;
    r.solution = c;
  }
  s.finish(r);
  return r;
}

int64_t assignment_cost(const Grid& cost, const Integers& jobs) {
  const size_t n = cost.rows.size();
  if (jobs.values.size() != n)
    throw UserError("error: the assignment names " + std::to_string(jobs.values.size()) + " jobs for " +
                    std::to_string(n) + " workers");
  std::vector<bool> taken(n, false);
  int64_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    int64_t j = jobs.values[i];
    if (cost.rows[i].size() != n) throw UserError("error: the cost matrix is not square");
    if (j < 0 || size_t(j) >= n || taken[size_t(j)])
      throw UserError("error: the assignment is not a permutation");
    taken[size_t(j)] = true;
    total += cost.rows[i][size_t(j)];
  }
  return total;
}

int64_t schedule_makespan(int machines, const Integers& times, const Integers& assignment) {
  if (assignment.values.size() != times.values.size())
    throw UserError("error: the schedule names a machine per job");
  std::vector<int64_t> load(size_t(std::max(machines, 1)), 0);
  for (size_t j = 0; j < times.values.size(); ++j) {
    int64_t m = assignment.values[j];
    if (m < 0 || m >= machines)
      throw UserError("error: job " + std::to_string(j) + " is on no machine 0.." +
                      std::to_string(machines - 1));
    load[size_t(m)] += times.values[j];
  }
  return *std::max_element(load.begin(), load.end());
}

ImproveResult improve_assignment(const Grid& cost, const Integers& start, unsigned timeout_ms) {
  ImproveResult r;
  r.start_cost = r.best_cost = assignment_cost(cost, start);
  r.best = start;
  const int n = int(cost.rows.size());
  Session s(timeout_ms);
  std::vector<Expr> job;
  for (int i = 0; i < n; ++i) job.push_back(s.ranged("w" + std::to_string(i), 0, n - 1, 8));
  s.all_different(job);
  Expr total = s.number(0, 32);
  for (int i = 0; i < n; ++i) total = s.ctx.add(total, s.select(job[size_t(i)], cost.rows[size_t(i)], 8));
  while (true) {  // a strictly cheaper assignment, until there is none
    SatResult answer = s.solver.check({s.ctx.ult(total, s.number(r.best_cost, 32))}).result;
    if (answer == SatResult::Unsat) {
      r.proved_optimal = true;
      break;
    }
    if (answer == SatResult::Unknown) break;
    Integers better;
    for (Expr e : job) better.values.push_back(s.value(e));
    r.best_cost = assignment_cost(cost, better);
    r.best = better;
    ++r.improvements;
  }
  r.solver_checks = s.solver.checks;
  r.seconds = seconds_since(s.start);
  return r;
}

ImproveResult improve_schedule(int machines, const Integers& times, const Integers& start,
                               unsigned timeout_ms) {
  if (machines < 1 || machines > 64) throw UserError("error: 1..64 machines");
  ImproveResult r;
  r.start_cost = r.best_cost = schedule_makespan(machines, times, start);
  r.best = start;
  Session s(timeout_ms);
  std::vector<Expr> machine;
  for (size_t j = 0; j < times.values.size(); ++j)
    machine.push_back(s.ranged("j" + std::to_string(j), 0, machines - 1, 8));
  if (!machine.empty()) s.solver.add(s.ctx.eq(machine[0], s.number(0, 8)));  // symmetry: job 0 on machine 0
  std::vector<Expr> load;
  for (int q = 0; q < machines; ++q) {
    Expr l = s.number(0, 32);
    for (size_t j = 0; j < machine.size(); ++j)
      l = s.ctx.add(
          l, s.ctx.ite(s.ctx.eq(machine[j], s.number(q, 8)), s.number(times.values[j], 32), s.number(0, 32)));
    load.push_back(l);
  }
  while (true) {
    std::vector<Expr> shorter;
    for (Expr l : load) shorter.push_back(s.ctx.ult(l, s.number(r.best_cost, 32)));
    SatResult answer = s.solver.check(shorter).result;
    if (answer == SatResult::Unsat) {
      r.proved_optimal = true;
      break;
    }
    if (answer == SatResult::Unknown) break;
    Integers better;
    for (Expr e : machine) better.values.push_back(s.value(e));
    r.best_cost = schedule_makespan(machines, times, better);
    r.best = better;
    ++r.improvements;
  }
  r.solver_checks = s.solver.checks;
  r.seconds = seconds_since(s.start);
  return r;
}

}  // namespace c2w::pipeline
