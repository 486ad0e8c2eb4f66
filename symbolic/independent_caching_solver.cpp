// IndependentCachingSolver (see solver.h): a query is split into independent parts
// by a union-find over variable indices (two conjuncts sharing a variable join its
// part), each part is answered from the cache or by the inner solver, and the model
// is the witness (or all zeros) overwritten by each solved part's values.
//
// Determinism: a part's conjuncts go to the inner solver in the order they appear in
// the query (the path order), never in pointer order, so the same run asks the same
// questions; the cache key is the sorted set of pointers, which only decides whether
// two parts are the same set.
#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "support/errors.h"
#include "symbolic/solver.h"

namespace c2w::symbolic {

IndependentCachingSolver::IndependentCachingSolver(ExprContext& context, std::unique_ptr<Solver> inner)
    : context_(context), inner_(std::move(inner)) {}

IndependentCachingSolver::~IndependentCachingSolver() = default;

size_t IndependentCachingSolver::KeyHash::operator()(const std::vector<Expr>& key) const {
  size_t h = key.size();
  for (Expr e : key) h ^= e->hash + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

void IndependentCachingSolver::add(Expr boolean) {
  C2W_CHECK(boolean != nullptr && boolean->is_bool(), "Solver::add: the assertion is not a boolean");
  assertions_.push_back(boolean);
}

void IndependentCachingSolver::push() { scopes_.push_back(assertions_.size()); }

void IndependentCachingSolver::pop() {
  C2W_CHECK(!scopes_.empty(), "Solver::pop without a matching push");
  assertions_.resize(scopes_.back());
  scopes_.pop_back();
}

CheckResult IndependentCachingSolver::check(const std::vector<Expr>& assumptions) {
  std::vector<Expr> conjuncts = assertions_;
  conjuncts.insert(conjuncts.end(), assumptions.begin(), assumptions.end());
  return check_parts(conjuncts, nullptr, std::vector<uint64_t>(context_.variable_count(), 0));
}

CheckResult IndependentCachingSolver::check(const std::vector<Expr>& known, const std::vector<Expr>& extra,
                                            const std::vector<uint64_t>& witness) {
  C2W_CHECK(witness.size() == context_.variable_count(),
            "IndependentCachingSolver: the witness misses variables");
  bool witness_satisfies = true;
  for (Expr e : extra) {
    C2W_CHECK(e != nullptr && e->is_bool(), "Solver::check: an assumption is not a boolean");
    witness_satisfies = witness_satisfies && context_.evaluate(e, witness) != 0;
  }
  if (witness_satisfies) {
    ++queries;
    ++witness_answers;
    model_ = witness;
    has_model_ = true;
    return {SatResult::Sat, ""};
  }
  std::vector<Expr> conjuncts = assertions_;
  conjuncts.insert(conjuncts.end(), known.begin(), known.end());
  conjuncts.insert(conjuncts.end(), extra.begin(), extra.end());
  return check_parts(conjuncts, &extra, witness);
}

const std::vector<uint32_t>& IndependentCachingSolver::variables_of(Expr conjunct) {
  auto found = variables_.find(conjunct);
  if (found != variables_.end()) return found->second;
  std::vector<uint32_t> indices;
  std::unordered_set<Expr> seen{conjunct};
  std::vector<Expr> stack{conjunct};
  while (!stack.empty()) {
    Expr node = stack.back();
    stack.pop_back();
    if (node->kind == ExprKind::Variable) {
      uint32_t index = static_cast<uint32_t>(node->value);
      indices.push_back(index);
      if (variable_exprs_.size() <= index) variable_exprs_.resize(index + 1, nullptr);
      variable_exprs_[index] = node;
    }
    for (unsigned i = 0; i < node->operand_count; ++i)
      if (seen.insert(node->ops[i]).second) stack.push_back(node->ops[i]);
  }
  std::sort(indices.begin(), indices.end());
  return variables_.emplace(conjunct, std::move(indices)).first->second;
}

CheckResult IndependentCachingSolver::check_parts(const std::vector<Expr>& conjuncts,
                                                  const std::vector<Expr>* focus,
                                                  std::vector<uint64_t> base) {
  ++queries;
  has_model_ = false;
  const size_t n = context_.variable_count();
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  auto root = [&](uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };

  // Join the variables of each conjunct; a false conjunct without variables decides
  // at once (builders fold constants, so that is a constant).
  for (Expr c : conjuncts) {
    C2W_CHECK(c != nullptr && c->is_bool(), "Solver::check: an assumption is not a boolean");
    const std::vector<uint32_t>& vars = variables_of(c);
    if (vars.empty() && context_.evaluate(c, {}) == 0) return {SatResult::Unsat, ""};
    for (size_t i = 1; i < vars.size(); ++i) parent[root(vars[i])] = root(vars[0]);
  }

  // The parts to solve: those holding a conjunct of `focus` (all, without a focus).
  std::vector<char> wanted(n, focus == nullptr);
  if (focus)
    for (Expr c : *focus)
      if (!variables_of(c).empty()) wanted[root(variables_of(c)[0])] = 1;

  // Group the wanted conjuncts by part, in order of appearance, each once.
  std::vector<int> part_of_root(n, -1);
  std::vector<std::vector<Expr>> parts;
  std::vector<std::vector<uint32_t>> part_variables;
  std::unordered_set<Expr> seen;
  std::vector<char> variable_seen(n, 0);
  for (Expr c : conjuncts) {
    const std::vector<uint32_t>& vars = variables_of(c);
    if (vars.empty()) continue;
    uint32_t r = root(vars[0]);
    if (!wanted[r] || !seen.insert(c).second) continue;
    if (part_of_root[r] < 0) {
      part_of_root[r] = static_cast<int>(parts.size());
      parts.emplace_back();
      part_variables.emplace_back();
    }
    size_t p = static_cast<size_t>(part_of_root[r]);
    parts[p].push_back(c);
    for (uint32_t v : vars)
      if (!variable_seen[v]) {
        variable_seen[v] = 1;
        part_variables[p].push_back(v);
      }
  }

  // Unsat if any part is; Unknown if none is but some part went unanswered.
  CheckResult unknown;
  bool any_unknown = false;
  for (size_t p = 0; p < parts.size(); ++p) {
    std::sort(part_variables[p].begin(), part_variables[p].end());
    std::vector<Expr> key = parts[p];
    std::sort(key.begin(), key.end());
    auto hit = cache_.find(key);
    if (hit != cache_.end()) {
      ++cache_hits;
    } else {
      CachedAnswer answer;
      CheckResult r = solve_part(parts[p], part_variables[p], answer);
      if (r.result == SatResult::Unknown) {
        if (!any_unknown) unknown = r;
        any_unknown = true;
        continue;
      }
      if (cache_.size() >= max_cache_entries) cache_.clear();
      hit = cache_.emplace(std::move(key), std::move(answer)).first;
    }
    if (hit->second.result == SatResult::Unsat) return {SatResult::Unsat, ""};
    for (auto [v, value] : hit->second.values) base[v] = value;
  }
  if (any_unknown) return unknown;
  model_ = std::move(base);
  has_model_ = true;
  return {SatResult::Sat, ""};
}

CheckResult IndependentCachingSolver::solve_part(const std::vector<Expr>& conjuncts,
                                                 const std::vector<uint32_t>& variables,
                                                 CachedAnswer& answer) {
  ++parts_solved;
  CheckResult r = inner_->check(conjuncts);
  answer = {r.result, {}};
  if (r.result == SatResult::Sat)
    for (uint32_t v : variables) answer.values.emplace_back(v, inner_->model_value(variable_exprs_[v]));
  return r;
}

uint64_t IndependentCachingSolver::model_value(Expr e) {
  C2W_CHECK(e != nullptr, "Solver::model_value: null expression");
  C2W_CHECK(has_model_, "Solver::model_value: no model (the last check was not Sat)");
  return context_.evaluate(e, model_);
}

const std::vector<uint64_t>& IndependentCachingSolver::model() const {
  C2W_CHECK(has_model_, "Solver::model: no model (the last check was not Sat)");
  return model_;
}

}  // namespace c2w::symbolic
