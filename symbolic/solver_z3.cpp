// The Solver interface implemented with Z3 — the only file of c2w that includes z3++.h.
//
// Expressions translate node by node into Z3 terms of the same meaning: each
// ExprKind maps to the SMT-LIB operator of the same name (bvadd, bvudiv, extract,
// ...), booleans (width 0) to Z3's Bool sort, and width-1 bit-vectors stay
// bit-vectors. Translations are cached by Expr pointer — hash-consing makes the
// pointer a complete key — and live as long as the solver: a Z3 term does not belong
// to a push/pop scope, only assertions do.
//
// Assumptions go to Z3's check(assumptions), which accepts arbitrary boolean terms
// (Z3 names non-literal ones with fresh proxies internally) and leaves no trace in
// the assertion stack. The model of the latest Sat check is kept and queried with
// model completion, so a variable the model leaves free reads as 0.
//
// Errors: Z3 reports them as z3::exception, which never leaves this file. A failure
// while translating or asserting (a malformed term: our bug, or an exhausted
// resource) becomes a SolverError (solver.h) naming the operation; a failure inside the
// satisfiability check itself becomes an Unknown result whose reason carries Z3's
// message, since a caller treats both the same way: the query went unanswered.
#include <z3++.h>

#include <climits>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "support/errors.h"
#include "symbolic/real_solver.h"
#include "symbolic/solver.h"

namespace c2w::symbolic {
namespace {

[[noreturn]] void rethrow(const char* operation, const z3::exception& error) {
  throw SolverError(std::string("error: z3 ") + operation + " failed: " + error.msg());
}

class Z3Solver : public Solver {
 public:
  explicit Z3Solver(ExprContext& context, bool polynomial = false)
      : context_(context), solver_(polynomial ? polynomial_solver(z3_) : z3::solver(z3_)) {}

  void add(Expr boolean) override {
    C2W_CHECK(boolean != nullptr && boolean->is_bool(), "Solver::add: the assertion is not a boolean");
    try {
      solver_.add(translate(boolean));
    } catch (const z3::exception& error) {
      rethrow("add", error);
    }
  }

  void push() override {
    try {
      solver_.push();
      ++scopes_;
    } catch (const z3::exception& error) {
      rethrow("push", error);
    }
  }

  void pop() override {
    C2W_CHECK(scopes_ > 0, "Solver::pop without a matching push");
    try {
      solver_.pop();
      --scopes_;
    } catch (const z3::exception& error) {
      rethrow("pop", error);
    }
  }

  CheckResult check(const std::vector<Expr>& assumptions) override {
    model_.reset();
    z3::expr_vector literals(z3_);
    try {
      for (Expr assumption : assumptions) {
        C2W_CHECK(assumption != nullptr && assumption->is_bool(),
                  "Solver::check: an assumption is not a boolean");
        literals.push_back(translate(assumption));
      }
    } catch (const z3::exception& error) {
      rethrow("check (translating assumptions)", error);
    }

    CheckResult result;
    try {
      switch (solver_.check(literals)) {
        case z3::sat:
          result.result = SatResult::Sat;
          model_.emplace(solver_.get_model());
          break;
        case z3::unsat: result.result = SatResult::Unsat; break;
        case z3::unknown:
          result.result = SatResult::Unknown;
          result.reason_unknown = solver_.reason_unknown();
          break;
      }
    } catch (const z3::exception& error) {
      model_.reset();
      result.result = SatResult::Unknown;
      result.reason_unknown = std::string("z3 error: ") + error.msg();
    }
    return result;
  }

  uint64_t model_value(Expr e) override {
    C2W_CHECK(e != nullptr, "Solver::model_value: null expression");
    C2W_CHECK(model_.has_value(), "Solver::model_value: no model (the last check was not Sat)");
    try {
      z3::expr value = model_->eval(translate(e), /*model_completion=*/true);
      if (e->is_bool()) {
        if (value.is_true()) return 1;
        if (value.is_false()) return 0;
      } else if (value.is_numeral()) {
        return value.get_numeral_uint64();
      }
      C2W_INTERNAL_ERROR("Solver::model_value: the model gives no constant for " + context_.to_string(e) +
                         " (got " + value.to_string() + ")");
    } catch (const z3::exception& error) {
      rethrow("model evaluation", error);
    }
  }

  // 0 means no limit (Z3's own "no limit" is UINT_MAX).
  void set_timeout_ms(unsigned milliseconds) override {
    try {
      z3::params parameters(z3_);
      parameters.set("timeout", milliseconds == 0 ? UINT_MAX : milliseconds);
      solver_.set(parameters);
    } catch (const z3::exception& error) {
      rethrow("set timeout", error);
    }
  }

 private:
  // simplify with sums of monomials, then what the default tactic does to bit-vectors.
  static z3::solver polynomial_solver(z3::context& z3) {
    z3::params som(z3);
    som.set("som", true);
    z3::tactic tactic = z3::with(z3::tactic(z3, "simplify"), som) & z3::tactic(z3, "solve-eqs") &
                        z3::tactic(z3, "bit-blast") & z3::tactic(z3, "sat");
    return tactic.mk_solver();
  }

  // Z3 term of `e`, translating (without recursion: terms can be very deep) every
  // node not yet in the cache, operands first.
  z3::expr translate(Expr root) {
    std::vector<std::pair<Expr, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [node, expanded] = stack.back();
      if (cache_.count(node)) {
        stack.pop_back();
      } else if (!expanded) {
        stack.back().second = true;
        for (unsigned i = 0; i < node->operand_count; ++i)
          if (!cache_.count(node->ops[i])) stack.push_back({node->ops[i], false});
      } else {
        stack.pop_back();
        cache_.emplace(node, translate_node(node));
      }
    }
    return cache_.at(root);
  }

  // One node, its operands already translated.
  z3::expr translate_node(Expr e) {
    if (e->kind == ExprKind::Constant)
      return e->is_bool() ? z3_.bool_val(e->value != 0) : z3_.bv_val(e->value, e->width);
    if (e->kind == ExprKind::Variable) return z3_.bv_const(context_.variable_name(e).c_str(), e->width);

    Z3_context c = z3_;
    Z3_ast a[3] = {nullptr, nullptr, nullptr};
    for (unsigned i = 0; i < e->operand_count; ++i) a[i] = cache_.at(e->ops[i]);
    const unsigned high = static_cast<unsigned>(e->value >> 8), low = static_cast<unsigned>(e->value & 255);
    Z3_ast r = nullptr;
    switch (e->kind) {
      case ExprKind::Add: r = Z3_mk_bvadd(c, a[0], a[1]); break;
      case ExprKind::Sub: r = Z3_mk_bvsub(c, a[0], a[1]); break;
      case ExprKind::Mul: r = Z3_mk_bvmul(c, a[0], a[1]); break;
      case ExprKind::UDiv: r = Z3_mk_bvudiv(c, a[0], a[1]); break;
      case ExprKind::SDiv: r = Z3_mk_bvsdiv(c, a[0], a[1]); break;
      case ExprKind::URem: r = Z3_mk_bvurem(c, a[0], a[1]); break;
      case ExprKind::SRem: r = Z3_mk_bvsrem(c, a[0], a[1]); break;
      case ExprKind::And: r = Z3_mk_bvand(c, a[0], a[1]); break;
      case ExprKind::Or: r = Z3_mk_bvor(c, a[0], a[1]); break;
      case ExprKind::Xor: r = Z3_mk_bvxor(c, a[0], a[1]); break;
      case ExprKind::Shl: r = Z3_mk_bvshl(c, a[0], a[1]); break;
      case ExprKind::LShr: r = Z3_mk_bvlshr(c, a[0], a[1]); break;
      case ExprKind::AShr: r = Z3_mk_bvashr(c, a[0], a[1]); break;
      case ExprKind::Not: r = Z3_mk_bvnot(c, a[0]); break;
      case ExprKind::Neg: r = Z3_mk_bvneg(c, a[0]); break;
      case ExprKind::Equal: r = Z3_mk_eq(c, a[0], a[1]); break;
      case ExprKind::ULess: r = Z3_mk_bvult(c, a[0], a[1]); break;
      case ExprKind::ULessEqual: r = Z3_mk_bvule(c, a[0], a[1]); break;
      case ExprKind::SLess: r = Z3_mk_bvslt(c, a[0], a[1]); break;
      case ExprKind::SLessEqual: r = Z3_mk_bvsle(c, a[0], a[1]); break;
      case ExprKind::BoolAnd: r = Z3_mk_and(c, 2, a); break;
      case ExprKind::BoolOr: r = Z3_mk_or(c, 2, a); break;
      case ExprKind::BoolNot: r = Z3_mk_not(c, a[0]); break;
      case ExprKind::Ite: r = Z3_mk_ite(c, a[0], a[1], a[2]); break;
      case ExprKind::Extract: r = Z3_mk_extract(c, high, low, a[0]); break;
      case ExprKind::Concat: r = Z3_mk_concat(c, a[0], a[1]); break;
      case ExprKind::ZeroExtend: r = Z3_mk_zero_ext(c, e->width - e->ops[0]->width, a[0]); break;
      case ExprKind::SignExtend: r = Z3_mk_sign_ext(c, e->width - e->ops[0]->width, a[0]); break;
      default: C2W_INTERNAL_ERROR("translate: unexpected expression kind");
    }
    z3_.check_error();
    return z3::expr(z3_, r);
  }

  ExprContext& context_;
  z3::context z3_;  // declared before everything holding Z3 terms, so destroyed last
  z3::solver solver_;
  unsigned scopes_ = 0;
  std::unordered_map<Expr, z3::expr> cache_;
  std::optional<z3::model> model_;  // of the latest check, when it was Sat
};

}  // namespace

std::unique_ptr<Solver> make_z3_solver(ExprContext& context) {
  try {
    return std::make_unique<Z3Solver>(context);
  } catch (const z3::exception& error) {
    rethrow("initialisation", error);
  }
}

std::unique_ptr<Solver> make_z3_polynomial_solver(ExprContext& context) {
  try {
    return std::make_unique<Z3Solver>(context, /*polynomial=*/true);
  } catch (const z3::exception& error) {
    rethrow("initialisation", error);
  }
}

// ---- exact real arithmetic (real_solver.h) ----

namespace {

class Z3RealSolver : public RealSolver {
 public:
  Z3RealSolver() : solver_(z3_) {}

  Term number(double value) override {
    C2W_CHECK(std::isfinite(value), "RealSolver::number: not a finite number");
    // value = mantissa * 2^exponent with an integer mantissa below 2^53: an exact rational.
    int exponent = 0;
    double fraction = std::frexp(value, &exponent);
    int64_t mantissa = static_cast<int64_t>(std::ldexp(fraction, 53));
    exponent -= 53;
    while (mantissa != 0 && mantissa % 2 == 0) mantissa /= 2, ++exponent;
    z3::expr m = z3_.real_val(std::to_string(mantissa).c_str());
    if (exponent == 0 || mantissa == 0) return keep(m);
    std::string power = "1";
    for (int i = 0; i < std::abs(exponent); ++i) power = times_two(power);
    z3::expr p = z3_.real_val(power.c_str());
    return keep(exponent > 0 ? m * p : m / p);
  }
  Term real(const std::string& name) override { return keep(z3_.real_const(name.c_str())); }
  Term boolean(const std::string& name) override { return keep(z3_.bool_const(name.c_str())); }
  Term truth(bool value) override { return keep(z3_.bool_val(value)); }
  Term linear(const std::vector<std::pair<double, Term>>& terms, double constant) override {
    z3::expr_vector parts(z3_);
    for (const auto& [k, t] : terms) {
      if (k == 0) continue;
      // number() grows terms_ first: at() references taken before it would dangle
      const Term coefficient = k == 1 ? t : number(k);
      parts.push_back(k == 1 ? at(t) : at(coefficient) * at(t));
    }
    if (constant != 0 || parts.empty()) {
      const Term c = number(constant);
      parts.push_back(at(c));
    }
    return keep(parts.size() == 1 ? parts[0] : z3::sum(parts));
  }
  Term add(Term a, Term b) override { return keep(at(a) + at(b)); }
  Term multiply(Term a, Term b) override { return keep(at(a) * at(b)); }
  Term ite(Term c, Term a, Term b) override { return keep(z3::ite(at(c), at(a), at(b))); }
  Term less(Term a, Term b) override { return keep(at(a) < at(b)); }
  Term less_equal(Term a, Term b) override { return keep(at(a) <= at(b)); }
  Term equal(Term a, Term b) override { return keep(at(a) == at(b)); }
  Term all(const std::vector<Term>& bs) override {
    z3::expr_vector v(z3_);
    for (Term b : bs) v.push_back(at(b));
    return keep(v.empty() ? z3_.bool_val(true) : z3::mk_and(v));
  }
  Term any(const std::vector<Term>& bs) override {
    z3::expr_vector v(z3_);
    for (Term b : bs) v.push_back(at(b));
    return keep(v.empty() ? z3_.bool_val(false) : z3::mk_or(v));
  }
  Term negate(Term b) override { return keep(!at(b)); }

  void assert_true(Term b) override {
    guarded("add", [&] { solver_.add(at(b)); });
  }
  void push() override {
    guarded("push", [&] { solver_.push(); });
  }
  void pop() override {
    guarded("pop", [&] { solver_.pop(); });
  }
  CheckResult check(const std::vector<Term>& assumptions) override {
    model_.reset();
    CheckResult result;
    try {
      z3::expr_vector literals(z3_);
      for (Term t : assumptions) literals.push_back(at(t));
      switch (solver_.check(literals)) {
        case z3::sat: result.result = SatResult::Sat, model_.emplace(solver_.get_model()); break;
        case z3::unsat: result.result = SatResult::Unsat; break;
        case z3::unknown:
          result.result = SatResult::Unknown, result.reason_unknown = solver_.reason_unknown();
          break;
      }
    } catch (const z3::exception& error) {
      result.result = SatResult::Unknown;
      result.reason_unknown = std::string("z3 error: ") + error.msg();
    }
    return result;
  }
  double value(Term t) override {
    C2W_CHECK(model_.has_value(), "RealSolver::value: no model (the last check was not Sat)");
    try {
      z3::expr v = model_->eval(at(t), true);
      if (v.is_bool()) return v.is_true() ? 1 : 0;
      if (v.is_numeral()) {
        std::string n = Z3_get_numeral_string(z3_, v.numerator()),
                    d = Z3_get_numeral_string(z3_, v.denominator());
        return std::stod(n) / std::stod(d);
      }
      if (v.is_algebraic()) return std::stod(Z3_get_numeral_decimal_string(z3_, v, 20));
      C2W_INTERNAL_ERROR("RealSolver::value: the model gives no number (got " + v.to_string() + ")");
    } catch (const z3::exception& error) {
      rethrow("model evaluation", error);
    }
  }
  void set_timeout_ms(unsigned ms) override {
    guarded("set timeout", [&] {
      z3::params p(z3_);
      p.set("timeout", ms == 0 ? UINT_MAX : ms);
      solver_.set(p);
    });
  }
  size_t term_count() const override { return terms_.size(); }

 private:
  static std::string times_two(const std::string& decimal) {
    std::string out;
    int carry = 0;
    for (size_t i = decimal.size(); i-- > 0;) {
      int d = (decimal[i] - '0') * 2 + carry;
      out.push_back(char('0' + d % 10));
      carry = d / 10;
    }
    if (carry) out.push_back(char('0' + carry));
    return std::string(out.rbegin(), out.rend());
  }
  Term keep(const z3::expr& e) {
    terms_.push_back(e);
    return static_cast<Term>(terms_.size() - 1);
  }
  const z3::expr& at(Term t) const {
    C2W_CHECK(t < terms_.size(), "RealSolver: a term of another solver");
    return terms_[t];
  }
  template <class F>
  void guarded(const char* what, F&& f) {
    try {
      f();
    } catch (const z3::exception& error) {
      rethrow(what, error);
    }
  }

  z3::context z3_;
  z3::solver solver_;
  std::vector<z3::expr> terms_;
  std::optional<z3::model> model_;
};

}  // namespace

std::unique_ptr<RealSolver> make_z3_real_solver() {
  try {
    return std::make_unique<Z3RealSolver>();
  } catch (const z3::exception& error) {
    rethrow("initialisation", error);
  }
}

}  // namespace c2w::symbolic
