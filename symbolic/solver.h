// The solver interface: the only way c2w talks to an SMT solver.
//
// Small on purpose (assert, check under assumptions, model values, push/pop,
// timeout); Z3 sits behind it in solver_z3.cpp, the only file that includes z3++.h.
// Caching, logging or statistics are added by wrapping a Solver (CountingSolver,
// IndependentCachingSolver), never by editing an implementation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
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

// A solver for identities between polynomials over bit-vectors (sums of products of
// variables, e.g. (sum_i 256^i a_i)(sum_j 256^j b_j) against the sum of the a_i b_j):
// Z3's simplifier first brings every term to a sum of monomials (its `som` option), so
// equal polynomials meet as one term, then the bit-blaster decides what is left. The
// plain solver bit-blasts the products first, the multiplier equivalence that SAT does
// not finish. For verify/arith_proofs.h's algebra; check() takes no assumptions.
std::unique_ptr<Solver> make_z3_polynomial_solver(ExprContext& context);

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

// KLEE's independence and caching optimisations, by wrapping. A query (the
// assertions and the assumptions, a conjunction) splits into independent parts:
// conjuncts that share no variable, even transitively, constrain disjoint sets of
// variables, so the conjunction is satisfiable iff every part is, and a model is
// the union of the parts' models. Each part goes to the inner solver on its own
// and its answer (with the values of its variables) is cached under its set of
// conjuncts — hash-consing makes a conjunct's pointer its identity, so the key is a
// set of pointers. A symbolic executor asks the same small parts again and again
// (the path prefix is shared, each branch adds one conjunct over a byte or two), so
// most parts are cache hits and the rest are small.
//
// check(known, extra, witness) is the executor's form: `witness` (an assignment of
// every variable, by index) is known to satisfy the assertions and `known` (a path
// condition), so only the parts that contain a conjunct of `extra` need solving; the
// model takes the other variables from the witness. If the witness already
// satisfies `extra`, it is the model and no solver is asked.
//
// Assertions (add, push, pop) are kept here, not in the inner solver: they are
// conjuncts of every query, split and cached like the assumptions. Unknown answers
// are not cached. Model values come from the merged assignment (ExprContext::
// evaluate), a variable no part constrains reading as the witness's value, or 0.
class IndependentCachingSolver : public Solver {
 public:
  IndependentCachingSolver(ExprContext& context, std::unique_ptr<Solver> inner);
  ~IndependentCachingSolver() override;
  using Solver::check;
  void add(Expr boolean) override;
  void push() override;
  void pop() override;
  CheckResult check(const std::vector<Expr>& assumptions) override;
  // Requires: `witness` satisfies the assertions and every conjunct of `known`.
  CheckResult check(const std::vector<Expr>& known, const std::vector<Expr>& extra,
                    const std::vector<uint64_t>& witness);
  uint64_t model_value(Expr e) override;
  // After a Sat check: the value of every variable, by index.
  const std::vector<uint64_t>& model() const;
  void set_timeout_ms(unsigned ms) override { inner_->set_timeout_ms(ms); }

  uint64_t queries = 0;                // checks asked of this solver
  uint64_t witness_answers = 0;        // answered by the witness alone
  uint64_t cache_hits = 0;             // parts answered from the cache
  uint64_t parts_solved = 0;           // parts sent to the inner solver
  size_t max_cache_entries = 1 << 18;  // the cache is emptied when it grows past this

 private:
  struct CachedAnswer {
    SatResult result;
    std::vector<std::pair<uint32_t, uint64_t>> values;  // of the part's variables, when Sat
  };
  struct KeyHash {
    size_t operator()(const std::vector<Expr>& key) const;
  };
  // Splits `conjuncts`, solves the parts that hold a conjunct of `focus` (every part
  // when `focus` is null) and completes the model from `base`.
  CheckResult check_parts(const std::vector<Expr>& conjuncts, const std::vector<Expr>* focus,
                          std::vector<uint64_t> base);
  const std::vector<uint32_t>& variables_of(Expr conjunct);  // sorted variable indices
  CheckResult solve_part(const std::vector<Expr>& conjuncts, const std::vector<uint32_t>& variables,
                         CachedAnswer& answer);

  ExprContext& context_;
  std::unique_ptr<Solver> inner_;
  std::vector<Expr> assertions_;
  std::vector<size_t> scopes_;  // assertions_.size() at each push
  std::unordered_map<Expr, std::vector<uint32_t>> variables_;
  std::vector<Expr> variable_exprs_;                                    // by index, as met in conjuncts
  std::unordered_map<std::vector<Expr>, CachedAnswer, KeyHash> cache_;  // key: the part's conjuncts, sorted
  std::vector<uint64_t> model_;
  bool has_model_ = false;
};

}  // namespace c2w::symbolic
