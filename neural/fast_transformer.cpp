// The hull engine's forward pass (see fast_transformer.h).
#include "neural/fast_transformer.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace c2w::neural {

namespace {

// Families smaller than this are not worth a binary search; their neurons are
// evaluated one by one.
constexpr size_t kMinFamily = 8;
// Rows reading more coordinates than this are never family members (the compiled
// families read one to three).
constexpr Eigen::Index kMaxFamilySupport = 8;

using Entry = std::pair<int, double>;  // (residual coordinate, weight)

double dot(const std::vector<Entry>& row, const Eigen::VectorXd& x) {
  double s = 0;
  for (const auto& [j, w] : row) s += w * x[j];
  return s;
}

}  // namespace

// Neurons whose gate rows agree except in the coefficient of one coordinate v:
// gate_k = shared · x + coefficient[k] * x[v], sorted by coefficient.
struct FastTransformer::Family {
  std::vector<Entry> shared;
  int varying = 0;
  std::vector<double> coefficient;  // ascending
  std::vector<int> neuron;          // in the same order
};

struct FastTransformer::Block {
  struct Head {
    std::vector<Entry> query[2], key[2];
    SparseRows value;
    SparseCols output;
  };
  std::vector<Head> heads;
  std::vector<Family> families;
  std::vector<std::pair<int, std::vector<Entry>>> single;  // neurons evaluated one by one
  SparseRows value;
  SparseCols output;
};

namespace {

std::vector<Entry> row_entries(const SparseRows& m, Eigen::Index row) {
  std::vector<Entry> entries;
  for (SparseRows::InnerIterator it(m, row); it; ++it) entries.push_back({static_cast<int>(it.index()), it.value()});
  return entries;
}

}  // namespace

FastTransformer::FastTransformer(SparseModel sparse, HeadCacheFactory caches) : model_(std::move(sparse)) {
  const SparseModel& model = model_;
  for (const SparseBlock& block : model.blocks) {
    Block& b = blocks_.emplace_back();
    caches_.emplace_back();
    for (const SparseAttentionHead& head : block.heads) {
      caches_.back().push_back(caches(head.tie, static_cast<int>(head.value.rows())));
      Block::Head& h = b.heads.emplace_back();
      for (int r = 0; r < 2; ++r) {
        h.query[r] = row_entries(head.query, r);
        h.key[r] = row_entries(head.key, r);
      }
      h.value = head.value;
      h.output = head.output;
    }
    b.value = block.ffn.value;
    b.output = block.ffn.output;

    // Families: each row is a candidate member of one family per coordinate it reads
    // (that coordinate varying, the rest shared). The most populous candidate families
    // are formed first, each from the rows still free; small ones are dropped.
    const SparseRows& gate = block.ffn.gate;
    using Key = std::pair<int, std::vector<Entry>>;  // (varying coordinate, shared entries)
    std::map<Key, std::vector<int>> candidates;
    std::vector<std::vector<Entry>> rows(static_cast<size_t>(gate.rows()));
    for (Eigen::Index i = 0; i < gate.rows(); ++i) {
      rows[static_cast<size_t>(i)] = row_entries(gate, i);
      const auto& row = rows[static_cast<size_t>(i)];
      if (row.empty()) continue;  // gate 0: never fires
      ++layout_.neurons;
      if (static_cast<Eigen::Index>(row.size()) > kMaxFamilySupport) continue;
      for (size_t k = 0; k < row.size(); ++k) {
        Key key{row[k].first, {}};
        for (size_t m = 0; m < row.size(); ++m)
          if (m != k) key.second.push_back(row[m]);
        candidates[key].push_back(static_cast<int>(i));
      }
    }
    std::vector<std::pair<const Key*, const std::vector<int>*>> order;
    for (const auto& [key, members] : candidates)
      if (members.size() >= kMinFamily) order.push_back({&key, &members});
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second->size() > b.second->size(); });
    std::vector<char> taken(static_cast<size_t>(gate.rows()), 0);
    for (const auto& [key, members] : order) {
      std::vector<std::pair<double, int>> free;
      for (int i : *members) {
        if (taken[static_cast<size_t>(i)]) continue;
        for (const auto& [j, w] : rows[static_cast<size_t>(i)])
          if (j == key->first) free.push_back({w, i});
      }
      if (free.size() < kMinFamily) continue;
      std::sort(free.begin(), free.end());
      Family& f = b.families.emplace_back();
      f.shared = key->second;
      f.varying = key->first;
      for (const auto& [c, i] : free) {
        f.coefficient.push_back(c);
        f.neuron.push_back(i);
        taken[static_cast<size_t>(i)] = 1;
      }
      layout_.family_neurons += static_cast<int64_t>(free.size());
      ++layout_.families;
    }
    for (Eigen::Index i = 0; i < gate.rows(); ++i)
      if (!taken[static_cast<size_t>(i)] && !rows[static_cast<size_t>(i)].empty())
        b.single.push_back({static_cast<int>(i), std::move(rows[static_cast<size_t>(i)])});
  }
  for (Eigen::Index c = 0; c < model.unembedding.cols(); ++c) {
    Eigen::VectorXd column = model.unembedding.col(c);
    if (column.isZero(0.0)) continue;
    unembedding_columns_.push_back(static_cast<int>(c));
    unembedding_dense_.push_back(std::move(column));
  }
  x_.setZero(model.d_model);
  logits_.setZero(model.vocab_size());
}

FastTransformer::~FastTransformer() = default;

int FastTransformer::step(int token, StepTrace* trace) {
  if (token < 0 || token >= model_.vocab_size()) throw std::out_of_range("token id out of the vocabulary");
  x_.setZero();
  for (SparseCols::InnerIterator it(model_.embedding, token); it; ++it) x_[it.index()] = it.value();
  const double p = static_cast<double>(position_);
  if (model_.positional.position >= 0) x_[model_.positional.position] += p;
  if (model_.positional.square >= 0) x_[model_.positional.square] += p * p;
  if (model_.positional.one >= 0) x_[model_.positional.one] += 1.0;
  if (trace) trace->attended.assign(blocks_.size(), {});

  for (size_t l = 0; l < blocks_.size(); ++l) {
    const Block& block = blocks_[l];
    if (!block.heads.empty()) {
      if (head_out_.size() < block.heads.size()) head_out_.resize(block.heads.size());
      for (size_t h = 0; h < block.heads.size(); ++h) {
        const Block::Head& head = block.heads[h];
        query_ = {dot(head.query[0], x_), dot(head.query[1], x_)};
        key_ = {dot(head.key[0], x_), dot(head.key[1], x_)};
        head_value_.noalias() = head.value * x_;
        caches_[l][h]->append(key_, head_value_);
        int64_t winner = -1;
        caches_[l][h]->lookup(query_, head_out_[h], winner);
        if (trace) trace->attended[l].push_back(winner);
      }
      for (size_t h = 0; h < block.heads.size(); ++h)
        for (Eigen::Index v = 0; v < block.heads[h].output.outerSize(); ++v) {
          const double a = head_out_[h][v];
          if (a == 0) continue;
          for (SparseCols::InnerIterator it(block.heads[h].output, v); it; ++it) x_[it.index()] += it.value() * a;
        }
    }

    // Feed-forward: find the neurons with gate > 0, compute exactly those.
    active_.clear();
    auto fire = [&](int i, double g) {
      double v = 0;
      for (SparseRows::InnerIterator it(block.value, i); it; ++it) v += it.value() * x_[it.index()];
      const double out = g * v;
      if (out != 0) active_.push_back({i, out});
    };
    for (const Family& f : block.families) {
      const double a = dot(f.shared, x_), u = x_[f.varying];
      const size_t n = f.coefficient.size();
      auto gate = [&](size_t k) { return a + f.coefficient[k] * u; };
      if (u == 0) {
        if (a > 0)
          for (size_t k = 0; k < n; ++k) fire(f.neuron[k], a);
      } else if (u > 0) {  // gate rises with k: the firing neurons are a suffix
        size_t lo = 0, hi = n;
        while (lo < hi) {
          size_t mid = (lo + hi) / 2;
          if (gate(mid) > 0) hi = mid;
          else lo = mid + 1;
        }
        for (size_t k = lo; k < n; ++k) fire(f.neuron[k], gate(k));
      } else {  // gate falls with k: a prefix
        size_t lo = 0, hi = n;
        while (lo < hi) {
          size_t mid = (lo + hi) / 2;
          if (gate(mid) > 0) lo = mid + 1;
          else hi = mid;
        }
        for (size_t k = 0; k < lo; ++k) fire(f.neuron[k], gate(k));
      }
    }
    for (const auto& [i, row] : block.single) {
      const double g = dot(row, x_);
      if (g > 0) fire(i, g);
    }
    for (const auto& [i, h] : active_)
      for (SparseCols::InnerIterator it(block.output, i); it; ++it) x_[it.index()] += it.value() * h;
  }

  logits_.setZero();
  for (size_t c = 0; c < unembedding_columns_.size(); ++c) {
    const double a = x_[unembedding_columns_[c]];
    if (a != 0) logits_.noalias() += a * unembedding_dense_[c];
  }
  ++position_;
  const double* l = logits_.data();
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < logits_.size(); ++i)
    if (l[i] > l[best]) best = i;
  return static_cast<int>(best);
}

}  // namespace c2w::neural
