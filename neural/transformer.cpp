// Reference forward pass (see transformer.h). Plain Eigen, dense matrices, fixed
// summation order, so the result is the same every run.
#include "neural/transformer.h"

#include <stdexcept>

namespace c2w::neural {

void DenseHeadCache::append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) {
  keys_.push_back(key);
  values_.push_back(value);
}

void DenseHeadCache::lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const {
  out.setZero(value_dim_);
  winner = -1;
  if (keys_.empty()) return;
  double best = 0;
  int64_t count = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    double score = query[0] * keys_[i][0] + query[1] * keys_[i][1];
    if (winner < 0 || score > best) {
      best = score;
      winner = static_cast<int64_t>(i);
      count = 1;
      if (tie_ == TieMode::Average) out = values_[i];
    } else if (score == best) {
      winner = static_cast<int64_t>(i);
      ++count;
      if (tie_ == TieMode::Average) out += values_[i];
    }
  }
  if (tie_ == TieMode::Latest) out = values_[static_cast<size_t>(winner)];
  else if (count > 1) out /= static_cast<double>(count);
}

HeadCacheFactory dense_cache_factory() {
  return [](TieMode tie, int value_dim) { return std::make_unique<DenseHeadCache>(tie, value_dim); };
}

Transformer::Transformer(const Model& model, HeadCacheFactory caches) : model_(model) {
  for (const Block& block : model.blocks) {
    caches_.emplace_back();
    for (const AttentionHead& head : block.heads)
      caches_.back().push_back(caches(head.tie, static_cast<int>(head.value.rows())));
  }
  x_.setZero(model.d_model);
}

int Transformer::step(int token, StepTrace* trace) {
  if (token < 0 || token >= model_.vocab_size()) throw std::out_of_range("token id out of the vocabulary");
  x_ = model_.embedding.col(token);
  const double p = static_cast<double>(position_);
  if (model_.positional.position >= 0) x_[model_.positional.position] += p;
  if (model_.positional.square >= 0) x_[model_.positional.square] += p * p;
  if (model_.positional.one >= 0) x_[model_.positional.one] += 1.0;
  if (trace) trace->attended.assign(model_.blocks.size(), {});

  for (size_t l = 0; l < model_.blocks.size(); ++l) {
    const Block& block = model_.blocks[l];
    // Attention: every head reads the same residual; their outputs are summed.
    Eigen::VectorXd update = Eigen::VectorXd::Zero(model_.d_model);
    for (size_t h = 0; h < block.heads.size(); ++h) {
      const AttentionHead& head = block.heads[h];
      Eigen::Vector2d q = head.query * x_, k = head.key * x_;
      caches_[l][h]->append(k, head.value * x_);
      int64_t winner = -1;
      caches_[l][h]->lookup(q, attended_value_, winner);
      update.noalias() += head.output * attended_value_;
      if (trace) trace->attended[l].push_back(winner);
    }
    x_ += update;
    // ReGLU feed-forward.
    if (block.ffn.gate.rows() > 0) {
      gate_.noalias() = block.ffn.gate * x_;
      value_.noalias() = block.ffn.value * x_;
      gate_ = gate_.cwiseMax(0.0).cwiseProduct(value_);
      x_.noalias() += block.ffn.output * gate_;
    }
  }
  logits_.noalias() = model_.unembedding * x_;
  ++position_;
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < logits_.size(); ++i)
    if (logits_[i] > logits_[best]) best = i;
  return static_cast<int>(best);
}

}  // namespace c2w::neural
