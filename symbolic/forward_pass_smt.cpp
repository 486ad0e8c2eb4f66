// One forward pass as exact real arithmetic (see forward_pass_smt.h).
#include "symbolic/forward_pass_smt.h"

#include <chrono>

#include "neural/transformer.h"
#include "support/errors.h"
#include "symbolic/real_solver.h"

namespace c2w::symbolic {

using Term = RealSolver::Term;

// The encoding of one step into a RealSolver (see the header).
class StepEncoder {
 public:
  StepEncoder(RealSolver& s, const neural::Model& m, const std::vector<int>& prefix)
      : s_(s), m_(m), prefix_(m, neural::dense_cache_factory()), position_(int64_t(prefix.size())) {
    for (int t : prefix) {
      C2W_CHECK(t >= 0 && t < m.vocab_size(), "a prefix token outside the vocabulary");
      prefix_.step(t);
    }
  }

  // The encoding of the step; returns the variable holding the fed token's id. The
  // logits are kept for `emits`.
  Term encode(const std::vector<int>& candidates) {
    Term token = s_.real("token");
    std::vector<Term> is_candidate;
    for (int c : candidates) {
      C2W_CHECK(c >= 0 && c < m_.vocab_size(), "a candidate token outside the vocabulary");
      is_candidate.push_back(s_.equal(token, s_.number(c)));
    }
    s_.assert_true(s_.any(is_candidate));
    // The embedding: for each coordinate, the chosen candidate's entry, plus the
    // positional features of this position.
    const double p = double(position_);
    std::vector<Term> x(size_t(m_.d_model));
    for (int i = 0; i < m_.d_model; ++i) {
      double positional = (i == m_.positional.position ? p : 0) + (i == m_.positional.square ? p * p : 0) +
                          (i == m_.positional.one ? 1 : 0);
      Term e = s_.number(positional);
      for (size_t k = 0; k < candidates.size(); ++k) {
        double w = m_.embedding(i, candidates[k]);
        if (w != 0) e = s_.add(e, s_.ite(is_candidate[k], s_.number(w), s_.number(0)));
      }
      x[size_t(i)] = fresh("x0_" + std::to_string(i), e);
    }
    for (size_t b = 0; b < m_.blocks.size(); ++b) {
      const neural::Block& block = m_.blocks[b];
      std::vector<std::vector<std::pair<double, Term>>> added(size_t(m_.d_model));
      for (size_t h = 0; h < block.heads.size(); ++h) attention(b, h, x, added);
      x = sum_into("a" + std::to_string(b), x, added);
      for (auto& a : added) a.clear();
      feed_forward(b, x, added);
      x = sum_into("f" + std::to_string(b), x, added);
    }
    for (int t = 0; t < m_.vocab_size(); ++t)
      logits_.push_back(fresh("logit" + std::to_string(t), row_times(m_.unembedding.row(t), x)));
    return token;
  }

  // The next token is `target`: its logit beats every lower index and ties no higher
  // one (the argmax takes the lowest index on a tie).
  Term emits(int target) {
    std::vector<Term> beats;
    for (int t = 0; t < m_.vocab_size(); ++t) {
      if (t == target) continue;
      beats.push_back(t < target ? s_.less(logits_[size_t(t)], logits_[size_t(target)])
                                 : s_.less_equal(logits_[size_t(t)], logits_[size_t(target)]));
    }
    return s_.all(beats);
  }

 private:
  Term fresh(const std::string& name, Term value) {
    Term v = s_.real(name);
    s_.assert_true(s_.equal(v, value));
    return v;
  }
  template <class Row>
  Term row_times(const Row& row, const std::vector<Term>& x) {
    std::vector<std::pair<double, Term>> terms;
    for (Eigen::Index j = 0; j < row.size(); ++j)
      if (row[j] != 0) terms.push_back({row[j], x[size_t(j)]});
    return s_.linear(terms, 0);
  }
  std::vector<Term> sum_into(const std::string& name, const std::vector<Term>& x,
                             const std::vector<std::vector<std::pair<double, Term>>>& added) {
    std::vector<Term> out(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      if (added[i].empty()) {
        out[i] = x[i];
        continue;
      }
      auto terms = added[i];
      terms.push_back({1, x[i]});
      out[i] = fresh(name + "_" + std::to_string(i), s_.linear(terms, 0));
    }
    return out;
  }

  // A head over the prefix's cached keys and values and this position's own.
  void attention(size_t b, size_t h, const std::vector<Term>& x,
                 std::vector<std::vector<std::pair<double, Term>>>& added) {
    const neural::AttentionHead& head = m_.blocks[b].heads[h];
    const std::string n = "b" + std::to_string(b) + "h" + std::to_string(h);
    const auto& cache = dynamic_cast<const neural::DenseHeadCache&>(prefix_.head_cache(b, h));
    Term q[2], k[2];
    for (int r = 0; r < 2; ++r) {
      q[r] = fresh(n + "q" + std::to_string(r), row_times(head.query.row(r), x));
      k[r] = fresh(n + "k" + std::to_string(r), row_times(head.key.row(r), x));
    }
    const Eigen::Index dv = head.value.rows();
    std::vector<Term> v(static_cast<size_t>(dv));
    for (Eigen::Index r = 0; r < dv; ++r)
      v[size_t(r)] = fresh(n + "v" + std::to_string(r), row_times(head.value.row(r), x));
    // Scores: the cached positions' are linear in the query, this position's a product.
    std::vector<Term> score;
    for (const Eigen::Vector2d& key : cache.keys())
      score.push_back(s_.linear({{key[0], q[0]}, {key[1], q[1]}}, 0));
    score.push_back(s_.add(s_.multiply(q[0], k[0]), s_.multiply(q[1], k[1])));
    Term best = s_.real(n + "max");
    std::vector<Term> is_max, reached;
    for (Term sc : score) {
      s_.assert_true(s_.less_equal(sc, best));
      is_max.push_back(s_.equal(sc, best));
    }
    s_.assert_true(s_.any(is_max));
    const auto& values = cache.values();
    std::vector<Term> out(static_cast<size_t>(dv));
    if (head.tie == neural::TieMode::Latest) {
      // The latest maximal position: this one first, then back through the prefix.
      for (Eigen::Index r = 0; r < dv; ++r) {
        Term o = s_.number(0);
        for (size_t j = 0; j < values.size(); ++j) o = s_.ite(is_max[j], s_.number(values[j][r]), o);
        out[size_t(r)] = fresh(n + "o" + std::to_string(r), s_.ite(is_max.back(), v[size_t(r)], o));
      }
    } else {
      // The mean over the maximal positions: o * count == sum.
      std::vector<std::pair<double, Term>> count_terms;
      Term count = s_.number(0);
      for (Term m : is_max) count = s_.add(count, s_.ite(m, s_.number(1), s_.number(0)));
      for (Eigen::Index r = 0; r < dv; ++r) {
        Term sum = s_.ite(is_max.back(), v[size_t(r)], s_.number(0));
        for (size_t j = 0; j < values.size(); ++j)
          sum = s_.add(sum, s_.ite(is_max[j], s_.number(values[j][r]), s_.number(0)));
        Term o = s_.real(n + "o" + std::to_string(r));
        s_.assert_true(s_.equal(s_.multiply(o, count), sum));
        out[size_t(r)] = o;
      }
    }
    for (Eigen::Index i = 0; i < head.output.rows(); ++i)
      for (Eigen::Index r = 0; r < dv; ++r)
        if (head.output(i, r) != 0) added[size_t(i)].push_back({head.output(i, r), out[size_t(r)]});
  }

  // ReGLU neurons: ite(gate > 0, gate * value, 0), added through the output columns.
  void feed_forward(size_t b, const std::vector<Term>& x,
                    std::vector<std::vector<std::pair<double, Term>>>& added) {
    const neural::FeedForward& f = m_.blocks[b].ffn;
    for (Eigen::Index k = 0; k < f.gate.rows(); ++k) {
      bool used = false;
      for (Eigen::Index i = 0; i < f.output.rows(); ++i) used = used || f.output(i, k) != 0;
      if (!used) continue;
      const std::string n = "b" + std::to_string(b) + "n" + std::to_string(k);
      Term g = fresh(n + "g", row_times(f.gate.row(k), x));
      Term v = fresh(n + "v", row_times(f.value.row(k), x));
      Term h = fresh(n + "h", s_.ite(s_.less(s_.number(0), g), s_.multiply(g, v), s_.number(0)));
      for (Eigen::Index i = 0; i < f.output.rows(); ++i)
        if (f.output(i, k) != 0) added[size_t(i)].push_back({f.output(i, k), h});
    }
  }

  RealSolver& s_;
  const neural::Model& m_;
  neural::Transformer prefix_;
  int64_t position_;
  std::vector<Term> logits_;
};

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

NextTokenAnswer which_token_emits(const neural::Model& model, const std::vector<int>& prefix,
                                  const std::vector<int>& candidates, int target, unsigned timeout_ms) {
  AllTokensAnswer all = all_tokens_emitting(model, prefix, candidates, target, timeout_ms, 1);
  NextTokenAnswer a;
  a.result = !all.complete ? SatResult::Unknown : all.tokens.empty() ? SatResult::Unsat : SatResult::Sat;
  if (!all.tokens.empty()) a.token = all.tokens.front();
  a.terms = all.terms;
  a.seconds = all.seconds;
  a.why_unknown = all.why_unknown;
  return a;
}

AllTokensAnswer all_tokens_emitting(const neural::Model& model, const std::vector<int>& prefix,
                                    const std::vector<int>& candidates, int target, unsigned timeout_ms,
                                    size_t at_most) {
  StepQuestion q(model, prefix, candidates, timeout_ms);
  return q.tokens_emitting(target, at_most);
}

StepQuestion::StepQuestion(const neural::Model& model, const std::vector<int>& prefix,
                           const std::vector<int>& candidates, unsigned timeout_ms)
    : model_(model), solver_(make_z3_real_solver()) {
  auto start = std::chrono::steady_clock::now();
  solver_->set_timeout_ms(timeout_ms);
  encoder_ = std::make_unique<StepEncoder>(*solver_, model, prefix);
  if (!candidates.empty()) token_ = encoder_->encode(candidates);
  empty_ = candidates.empty();
  encode_seconds_ = seconds_since(start);
}

StepQuestion::~StepQuestion() = default;

AllTokensAnswer StepQuestion::tokens_emitting(int target, size_t at_most) {
  auto start = std::chrono::steady_clock::now();
  C2W_CHECK(target >= 0 && target < model_.vocab_size(), "the target token is outside the vocabulary");
  AllTokensAnswer all;
  all.seconds = encode_seconds_;
  if (empty_) return all;
  solver_->push();
  solver_->assert_true(encoder_->emits(target));
  while (all.tokens.size() < at_most) {
    CheckResult r = solver_->check();
    ++all.queries;
    if (r.result == SatResult::Unknown) {
      all.complete = false;
      all.why_unknown = r.reason_unknown;
      break;
    }
    if (r.result == SatResult::Unsat) break;
    int token = int(solver_->value(token_));
    all.tokens.push_back(token);
    solver_->assert_true(
        solver_->negate(solver_->equal(token_, solver_->number(token))));  // the next answer is another
  }
  solver_->pop();
  std::sort(all.tokens.begin(), all.tokens.end());
  all.terms = solver_->term_count();
  all.seconds += seconds_since(start);
  return all;
}

}  // namespace c2w::symbolic
