// Reference forward pass (see transformer.h). Eigen, with the model's matrices held
// in compressed sparse form (the same numbers; exact values make the result
// independent of summation order), so the result is the same every run.
#include "neural/transformer.h"

#include "support/errors.h"

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
  if (tie_ == TieMode::Latest)
    out = values_[static_cast<size_t>(winner)];
  else if (count > 1)
    out /= static_cast<double>(count);
}

HeadCacheFactory dense_cache_factory() {
  return [](TieMode tie, int value_dim) { return std::make_unique<DenseHeadCache>(tie, value_dim); };
}

Transformer::Transformer(const Model& model, HeadCacheFactory caches)
    : model_(model), cache_factory_(caches) {
  auto sparse = [](const Eigen::MatrixXd& m) {
    Sparse s = m.sparseView(0.0, 0.0);  // keep every non-zero, however small
    s.makeCompressed();
    return s;
  };
  for (const Block& block : model.blocks) {
    caches_.emplace_back();
    SparseBlock sb;
    for (const AttentionHead& head : block.heads) {
      caches_.back().push_back(caches(head.tie, static_cast<int>(head.value.rows())));
      Eigen::MatrixXd qk(4, head.query.cols());
      qk << head.query, head.key;
      SparseCols output = head.output.sparseView(0.0, 0.0);
      output.makeCompressed();
      sb.heads.push_back({sparse(qk), sparse(head.value), std::move(output)});
    }
    sb.gate = sparse(block.ffn.gate);
    sb.value = sparse(block.ffn.value);
    sb.output = block.ffn.output.sparseView(0.0, 0.0);
    sb.output.makeCompressed();
    sparse_.push_back(std::move(sb));
  }
  unembedding_ = sparse(model.unembedding);
  x_.setZero(model.d_model);
  update_.setZero(model.d_model);
}

void Transformer::reset() {
  for (size_t l = 0; l < caches_.size(); ++l)
    for (size_t h = 0; h < caches_[l].size(); ++h) {
      const AttentionHead& head = model_.blocks[l].heads[h];
      caches_[l][h] = cache_factory_(head.tie, static_cast<int>(head.value.rows()));
    }
  position_ = 0;
}

int Transformer::step(int token, StepTrace* trace) {
  C2W_CHECK(token >= 0 && token < model_.vocab_size(), "token id out of the vocabulary");
  x_ = model_.embedding.col(token);
  const double p = static_cast<double>(position_);
  if (model_.positional.position >= 0) x_[model_.positional.position] += p;
  if (model_.positional.square >= 0) x_[model_.positional.square] += p * p;
  if (model_.positional.one >= 0) x_[model_.positional.one] += 1.0;
  if (trace) {
    trace->attended.assign(model_.blocks.size(), {});
    trace->query_key.assign(model_.blocks.size(), {});
    trace->residual.clear();
    trace->neurons_fired.clear();
    if (trace->record_detail) trace->residual.push_back(x_);
  }

  for (size_t l = 0; l < sparse_.size(); ++l) {
    const SparseBlock& block = sparse_[l];
    // Attention: every head reads the same residual; their outputs are summed.
    if (!block.heads.empty()) {
      if (head_out_.size() < block.heads.size()) head_out_.resize(block.heads.size());
      for (size_t h = 0; h < block.heads.size(); ++h) {
        const SparseHead& head = block.heads[h];
        qk_.noalias() = head.qk * x_;
        head_value_.noalias() = head.value * x_;
        caches_[l][h]->append(qk_.tail<2>(), head_value_);
        int64_t winner = -1;
        caches_[l][h]->lookup(qk_.head<2>(), head_out_[h], winner);
        if (trace) {
          trace->attended[l].push_back(winner);
          trace->query_key[l].push_back(qk_);
        }
      }
      for (size_t h = 0; h < block.heads.size(); ++h)
        for (Eigen::Index v = 0; v < block.heads[h].output.outerSize(); ++v)
          for (SparseCols::InnerIterator it(block.heads[h].output, v); it; ++it)
            x_[it.index()] += it.value() * head_out_[h][v];
    }
    if (trace && trace->record_detail) trace->residual.push_back(x_);
    // ReGLU feed-forward. A neuron whose gate is <= 0 outputs exactly 0, so its value
    // row and output column are skipped. Outputs are added once every neuron has read
    // the residual; the sums are exact, so their order does not matter.
    int fired = 0;
    if (block.gate.rows() > 0) {
      active_.clear();
      const Eigen::Index f = block.gate.rows();
      for (Eigen::Index i = 0; i < f; ++i) {
        double g = 0;
        for (Sparse::InnerIterator it(block.gate, i); it; ++it) g += it.value() * x_[it.index()];
        if (!(g > 0)) continue;
        ++fired;
        double v = 0;
        for (Sparse::InnerIterator it(block.value, i); it; ++it) v += it.value() * x_[it.index()];
        const double h = g * v;
        if (h != 0) active_.push_back({i, h});
      }
      for (const auto& [i, h] : active_)
        for (SparseCols::InnerIterator it(block.output, i); it; ++it) x_[it.index()] += it.value() * h;
    }
    if (trace && trace->record_detail) {
      trace->residual.push_back(x_);
      trace->neurons_fired.push_back(fired);
    }
  }
  logits_.noalias() = unembedding_ * x_;
  ++position_;
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < logits_.size(); ++i)
    if (logits_[i] > logits_[best]) best = i;
  return static_cast<int>(best);
}

}  // namespace c2w::neural
