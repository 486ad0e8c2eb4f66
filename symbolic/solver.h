// The solver interface: the only way c2w talks to an SMT solver.
//
// Small on purpose (assert, check under assumptions, model values, push/pop,
// timeout); Z3 sits behind it in solver_z3.cpp, the only file that includes z3++.h.
// Caching, logging or statistics are added by wrapping a Solver (see
// CountingSolver), never by editing an implementation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/errors.h"
#include "symbolic/expr.h"

namespace c2w::symbolic {

// The solver itself failed (out of memory, a Z3 error while building a query): a user
// error, since the query was the user's and it went unanswered (the message names
// the operation; raising --solver-timeout or a smaller bound is what to try).
class SolverError : public UserError {
 public:
  using UserError::UserError;
};

enum class SatResult { Sat, Unsat, Unknown };

struct CheckResult {
  SatResult result = SatResult::Unknown;
  std::string reason_unknown;  // set when Unknown: "timeout", "canceled", ...
};

class Solver {
 public:
  virtual ~Solver() = default;
  virtual void add(Expr boolean) = 0;  // asserted until the matching pop
  virtual void push() = 0;
  virtual void pop() = 0;
  // Satisfiability of the assertions together with the boolean `assumptions`.
  virtual CheckResult check(const std::vector<Expr>& assumptions) = 0;
  CheckResult check() { return check({}); }
  // After a Sat check: the value of a bit-vector (or boolean: 0/1) expression in the
  // model, with unconstrained variables completed to 0.
  virtual uint64_t model_value(Expr e) = 0;
  virtual void set_timeout_ms(unsigned milliseconds) = 0;
};

std::unique_ptr<Solver> make_z3_solver(ExprContext& context);

// Counts checks and their results and total time; forwards everything else.
class CountingSolver : public Solver {
 public:
  explicit CountingSolver(std::unique_ptr<Solver> inner) : inner_(std::move(inner)) {}
  using Solver::check;  // keep check() visible beside the override
  void add(Expr e) override { inner_->add(e); }
  void push() override { inner_->push(); }
  void pop() override { inner_->pop(); }
  CheckResult check(const std::vector<Expr>& assumptions) override;
  uint64_t model_value(Expr e) override { return inner_->model_value(e); }
  void set_timeout_ms(unsigned ms) override { inner_->set_timeout_ms(ms); }

  uint64_t checks = 0, sat = 0, unsat = 0, unknown = 0;
  double seconds = 0;

 private:
  std::unique_ptr<Solver> inner_;
};

}  // namespace c2w::symbolic
