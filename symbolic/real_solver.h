// Exact rational arithmetic behind a small interface, for questions about a
// transformer's weights (forward_pass_smt.h): every weight and activation of a c2w
// model is an integer or a dyadic rational (neural/model.h), so a double converts to an
// exact rational and the solver reasons with no rounding at all. The implementation
// is Z3's real arithmetic (solver_z3.cpp, the one file that includes z3++.h); products
// of two unknowns make the problem nonlinear, which Z3 decides (nlsat) on small ones.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "symbolic/solver.h"

namespace c2w::symbolic {

class RealSolver {
 public:
  using Term = uint32_t;  // a handle to a term of this solver
  virtual ~RealSolver() = default;

  virtual Term number(double value) = 0;  // exactly the double's value
  virtual Term real(const std::string& name) = 0;
  virtual Term boolean(const std::string& name) = 0;
  virtual Term truth(bool value) = 0;
  // sum of coefficient * term, plus a constant; the empty sum is the constant
  virtual Term linear(const std::vector<std::pair<double, Term>>& terms, double constant) = 0;
  virtual Term add(Term a, Term b) = 0;
  virtual Term multiply(Term a, Term b) = 0;
  virtual Term ite(Term condition, Term a, Term b) = 0;
  virtual Term less(Term a, Term b) = 0;
  virtual Term less_equal(Term a, Term b) = 0;
  virtual Term equal(Term a, Term b) = 0;
  virtual Term all(const std::vector<Term>& booleans) = 0;
  virtual Term any(const std::vector<Term>& booleans) = 0;
  virtual Term negate(Term boolean) = 0;

  virtual void assert_true(Term boolean) = 0;
  virtual void push() = 0;
  virtual void pop() = 0;
  virtual CheckResult check(const std::vector<Term>& assumptions = {}) = 0;
  // After Sat: a term's value (a boolean's as 0/1), exact when the rational is a
  // double (it always is for c2w's models), else the nearest double.
  virtual double value(Term t) = 0;
  virtual void set_timeout_ms(unsigned milliseconds) = 0;
  virtual size_t term_count() const = 0;
};

std::unique_ptr<RealSolver> make_z3_real_solver();

}  // namespace c2w::symbolic
