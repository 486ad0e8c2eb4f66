// The reference forward pass of a c2w Model, one token at a time (DESIGN.md §4-5).
//
// It computes every layer, every head and every neuron from the model's weights —
// nothing about the program or the machine it was compiled from is consulted. The KV
// cache is per head behind the HeadCache interface: `DenseHeadCache` scans every key
// (O(t) per lookup) and is the reference; faster caches (the convex-hull cache of
// the hull engine) implement the same interface and are tested against it.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "neural/model.h"

namespace c2w::neural {

// One attention head's keys and values, in position order.
class HeadCache {
 public:
  virtual ~HeadCache() = default;
  virtual void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) = 0;
  // The hard-max attention result for `query` over every appended key: the value at
  // the key maximising query·key; on exact ties the mean of the tied values
  // (Average) or the value of the latest tied key (Latest). Writes into `out`.
  // Also reports the winning position (the latest one for Average ties).
  virtual void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const = 0;
  // The same lookup, its result as value_dim numbers that stay valid until the next
  // append or lookup on this cache: a cache that holds the winning value returns it
  // in place, without a copy.
  virtual const double* lookup_view(const Eigen::Vector2d& query, int64_t& winner) const {
    lookup(query, view_, winner);
    return view_.data();
  }
  virtual int64_t size() const = 0;

 protected:
  mutable Eigen::VectorXd view_;
};

class DenseHeadCache : public HeadCache {
 public:
  DenseHeadCache(TieMode tie, int value_dim) : tie_(tie), value_dim_(value_dim) {}
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override;
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override;
  int64_t size() const override { return static_cast<int64_t>(keys_.size()); }
  // What was appended, in order (position by position).
  const std::vector<Eigen::Vector2d>& keys() const { return keys_; }
  const std::vector<Eigen::VectorXd>& values() const { return values_; }

 private:
  TieMode tie_;
  int value_dim_;
  std::vector<Eigen::Vector2d> keys_;
  std::vector<Eigen::VectorXd> values_;
};

using HeadCacheFactory = std::function<std::unique_ptr<HeadCache>(TieMode tie, int value_dim)>;
HeadCacheFactory dense_cache_factory();

// What one step computed, for the explain view and tests.
struct StepTrace {
  std::vector<std::vector<int64_t>> attended;  // [layer][head] -> winning position
  // Filled by the reference pass (Transformer) only, for the explorer page
  // (pipeline/explain_page.h): every head's query and key at this position, as
  // (q_x, q_y, k_x, k_y).
  std::vector<std::vector<Eigen::Vector4d>> query_key;  // [layer][head]
  // Set by the caller before the step to also record the residual stream and the
  // neurons that fired (more costly, so only at the positions the caller shows):
  bool record_detail = false;
  // The residual stream at stage boundaries: [0] the input of block 0 (embedding plus
  // positional features), [2l + 1] after block l's attention, [2l + 2] after its FFN.
  std::vector<Eigen::VectorXd> residual;
  std::vector<int> neurons_fired;  // per block: FFN neurons whose gate was > 0
};

// A forward pass fed one token at a time: the reference pass below, or the hull
// engine's fast pass (fast_transformer.h).
class ForwardPass {
 public:
  virtual ~ForwardPass() = default;
  // Feeds `token` at the next position and returns the predicted next token. A token
  // outside the vocabulary is an InternalError (C2W_CHECK).
  virtual int step(int token, StepTrace* trace = nullptr) = 0;
  // Feeds tokens[0 .. n) at the next n positions, as n steps would, without their
  // predictions (a prompt but its last token: nothing reads them). The same keys and
  // values enter the KV caches; a pass may compute them in a batch (the hull engine
  // does, fast_transformer.h), this one steps.
  virtual void prefill(const int* tokens, size_t n) {
    for (size_t i = 0; i < n; ++i) step(tokens[i]);
  }
  // Back to position 0 with empty KV caches, as newly built (the weights, and a hull
  // engine's compiled kernels, are kept): the next step feeds a new prompt.
  virtual void reset() = 0;
  virtual int64_t position() const = 0;
};

class Transformer final : public ForwardPass {
 public:
  Transformer(const Model& model, HeadCacheFactory caches);

  int step(int token, StepTrace* trace = nullptr) override;
  void reset() override;
  const Eigen::VectorXd& logits() const { return logits_; }
  const Eigen::VectorXd& residual() const { return x_; }
  // The KV cache of a head: what every position fed so far appended to it.
  const HeadCache& head_cache(size_t layer, size_t head) const { return *caches_.at(layer).at(head); }
  int64_t position() const override { return position_; }

 private:
  using Sparse = Eigen::SparseMatrix<double, Eigen::RowMajor>;
  using SparseCols = Eigen::SparseMatrix<double, Eigen::ColMajor>;
  struct SparseHead {
    Sparse qk;          // 4 x d: query rows then key rows
    Sparse value;       // d_v x d
    SparseCols output;  // d x d_v
  };
  struct SparseBlock {
    std::vector<SparseHead> heads;
    Sparse gate, value;  // f x d, a row per neuron
    SparseCols output;   // d x f, a column per neuron
  };
  const Model& model_;
  // The model's matrices in compressed form: the same numbers, zeros skipped. A
  // compiled model is very sparse (a neuron reads a handful of residual slots).
  std::vector<SparseBlock> sparse_;
  Sparse unembedding_;
  HeadCacheFactory cache_factory_;
  std::vector<std::vector<std::unique_ptr<HeadCache>>> caches_;  // [layer][head]
  Eigen::VectorXd x_, logits_, attended_value_, update_, head_value_;
  Eigen::Vector4d qk_;
  std::vector<Eigen::VectorXd> head_out_;                // per head of the current block
  std::vector<std::pair<Eigen::Index, double>> active_;  // FFN neurons with a non-zero output
  int64_t position_ = 0;
};

}  // namespace c2w::neural
