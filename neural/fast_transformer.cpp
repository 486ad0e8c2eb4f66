// The hull engine's forward pass (see fast_transformer.h).
#include "neural/fast_transformer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <type_traits>
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

// a * b and a + b, false when the result is not exactly a * b or a + b.
bool exact_product(double a, double b, double& p) {
  p = a * b;
  return std::isfinite(p) && std::fma(a, b, -p) == 0;
}
bool exact_sum(double a, double b, double& s) {
  s = a + b;
  const double bb = s - a;  // Knuth's two-sum: the rounding error of a + b
  return std::isfinite(s) && (a - (s - bb)) + (b - bb) == 0;
}

// Calls f(r, row r · x) for each of `rows` rows of `length` entries, back to back.
// A fixed length unrolls each row into straight-line code, so that the rows' sums
// overlap in the CPU.
template <uint32_t kLength, typename F>
void for_each_row_of(uint32_t rows, const int* column, const double* weight, const double* x, F& f) {
  for (uint32_t r = 0; r < rows; ++r, column += kLength, weight += kLength) {
    double g = -0.0;  // (-0 + p = p: the sum starts at the first product, as a kernel's)
    for (uint32_t e = 0; e < kLength; ++e) g += weight[e] * x[column[e]];
    f(r, g);
  }
}
template <typename F>
void for_each_row(uint32_t length, uint32_t rows, const int* column, const double* weight, const double* x, F& f) {
  switch (length) {
    case 1: return for_each_row_of<1>(rows, column, weight, x, f);
    case 2: return for_each_row_of<2>(rows, column, weight, x, f);
    case 3: return for_each_row_of<3>(rows, column, weight, x, f);
    case 4: return for_each_row_of<4>(rows, column, weight, x, f);
    default:
      for (uint32_t r = 0; r < rows; ++r, column += length, weight += length) {
        double g = -0.0;
        for (uint32_t e = 0; e < length; ++e) g += weight[e] * x[column[e]];
        f(r, g);
      }
  }
}

// Rows back to back, shortest first, in runs of one length: (length, number of
// rows), then every row's columns and weights.
struct RowRuns {
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  std::vector<int> column;
  std::vector<double> weight;
};

// Stores the tagged rows in `runs`, shortest first; returns their tags in that order.
std::vector<int> store_by_length(std::vector<std::pair<int, std::vector<Entry>>> rows, RowRuns& runs) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& p, const auto& q) { return p.second.size() < q.second.size(); });
  std::vector<int> tags;
  for (const auto& [tag, row] : rows) {
    tags.push_back(tag);
    for (const auto& [j, w] : row) {
      runs.column.push_back(j);
      runs.weight.push_back(w);
    }
    const auto length = static_cast<uint32_t>(row.size());
    if (runs.runs.empty() || runs.runs.back().first != length) runs.runs.push_back({length, 0});
    ++runs.runs.back().second;
  }
  return tags;
}

// f(k, row k · x) for every row of `rows`, k counting from the first.
template <typename F>
void for_each_row_of_runs(const RowRuns& rows, const double* x, F&& f) {
  const int* column = rows.column.data();
  const double* weight = rows.weight.data();
  uint32_t first = 0;
  auto shifted = [&](uint32_t r, double g) { f(first + r, g); };
  for (const auto& [length, count] : rows.runs) {
    for_each_row(length, count, column, weight, x, shifted);
    column += size_t(length) * count;
    weight += size_t(length) * count;
    first += count;
  }
}

double dot(const std::vector<Entry>& row, const Eigen::VectorXd& x) {
  double s = -0.0;  // (the first product exactly, as a kernel starts)
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
  // When the varying coordinate is the constant 1 (so u = 1 and gate_k = a + c_k)
  // and the coefficients are integers spanning a short range: at_most[t - lowest] is
  // the number of them <= t, for lowest <= t < highest. The members firing, c_k > -a,
  // are those above floor(-a): one table read instead of a binary search.
  double lowest = 0, highest = 0;
  std::vector<uint32_t> at_most;
  // When every member writes one and the same residual coordinate (a table's
  // ramps summing into its result), the family's outputs are summed in a register
  // and added once: out_row, and each member's output weight.
  int out_row = -1;
  std::vector<double> out_weight;
  // When every member has the same value row: that row, computed once per token (a
  // zero value silences the whole family).
  bool same_value = false;
  std::vector<Entry> value_row;
  // When, besides, the outputs are summed, the sum over the firing members
  // [first, last) is value * (shared_sum * W + u * WC) with W and WC the sums of
  // out_weight[k] and out_weight[k] * coefficient[k] over the range: prefix sums,
  // kept only when every one of them is exact (else empty).
  std::vector<double> w_prefix, wc_prefix;  // n + 1 each
};

struct FastTransformer::Block {
  struct Head {
    std::vector<Entry> query[2], key[2];
    // Value row r is its key group's distinct row column[r]; output column r reads
    // output_entries[output_start[r] .. output_start[r + 1]).
    std::vector<uint32_t> column;
    std::vector<uint32_t> output_start;
    std::vector<Entry> output_entries;
  };
  // Heads with the same key weights and tie mode see the same keys at every
  // position: they share one KV cache (the memory heads reading the bytes of the
  // operands are such a group). Its values are the heads' value rows, each distinct
  // row once (the sixteen memory heads all read the same two coordinates). Each head
  // still makes its own lookup with its own query and takes its rows of the value at
  // its winner — which, keys being the same, is what its own cache would return (a
  // mean over tied keys too: equal rows give equal columns).
  struct KeyGroup {
    std::vector<int> heads;
    std::vector<std::vector<Entry>> rows;  // the distinct value rows
    // The heads' inputs (inputs_ below) hold query h at [2h, 2h + 1], then each key
    // group's key and values from its slot.
    uint32_t slot = 0;
  };

  std::vector<Head> heads;
  std::vector<KeyGroup> key_groups;
  std::vector<Family> families;
  // The linear neurons (gate = c * the constant coordinate, c > 0: always firing with
  // gate c), fused into one sparse map: residual coordinate linear_row[k] receives
  // row k of `linear` times x, the sum over those neurons of output weight * c *
  // value row.
  // A row that is exactly -x[r] for its own coordinate r (the compiler freeing a slot
  // for reuse) sets it to 0 instead: `cleared`, applied before the block's other
  // outputs are added.
  std::vector<int> cleared;
  std::vector<int> linear_row;
  RowRuns linear;
  // Sums shared by the single neurons' gate rows, computed first: coordinate
  // d_model + k of the extended residual is x[pair[k].first] + pair_ratio[k] *
  // x[pair[k].second] (either may be an earlier shared sum).
  std::vector<std::pair<int, int>> pair;
  std::vector<double> pair_ratio;
  // Neurons evaluated one by one: neuron single[k] has gate row k of `single_gates`.
  std::vector<int> single;
  RowRuns single_gates;
  // The compiled kernels (block_kernel.h), or none: walk the arrays.
  BlockKernels kernels;
  // Where single[k]'s output goes when its output column has one entry (most do):
  // coordinate row, times weight; row < 0 otherwise. When its value row reads the
  // constant coordinate alone (and that is 1 in every layer), `value` is its value.
  struct SingleOutput {
    int row = -1;
    bool constant = false;
    double weight = 0, value = 0;
  };
  std::vector<SingleOutput> single_output;
  // Every neuron's value row and output column, back to back (CSR by neuron).
  std::vector<uint32_t> value_start, output_start;
  std::vector<Entry> value_entries, output_entries;
};

namespace {

// Factors sums that many rows share out of them, one pair of terms at a time: the
// pair (a, b) with w_b = r * w_a for an integer r that the most rows hold becomes a new
// coordinate v = x_a + r * x_b (numbered from `next`), and those rows read w_a * v
// instead. (The bytes of a word, 1, 256, 65536, 2^24, recur in many comparisons.) A
// pair must be held by at least three rows: each saves one term, v costs two.
// Returns the pairs with their ratios, in the order they must be computed.
std::vector<std::pair<std::pair<int, int>, double>> factor_shared_pairs(std::vector<std::vector<Entry>>& rows, int next) {
  std::vector<std::pair<std::pair<int, int>, double>> pairs;
  struct Key {
    int a, b;
    double r;
    bool operator<(const Key& o) const { return std::tie(a, b, r) < std::tie(o.a, o.b, o.r); }
  };
  // (a, b, r) for two terms of a row, oriented so that |r| >= 1; false when r is not
  // an integer of magnitude below 2^31.
  auto key_of = [](const Entry& p, const Entry& q, Key& key) {
    const bool swap = std::abs(p.second) > std::abs(q.second);
    const Entry& a = swap ? q : p;
    const Entry& b = swap ? p : q;
    const double r = b.second / a.second;
    double check = 0;
    if (!(std::abs(r) < 2147483648.0) || r != std::floor(r) || !exact_product(r, a.second, check) || check != b.second)
      return false;
    key = {a.first, b.first, r};
    return true;
  };
  for (;;) {
    std::map<Key, int> count;
    for (const auto& row : rows) {
      if (row.size() < 3) continue;
      for (size_t i = 0; i < row.size(); ++i)
        for (size_t j = i + 1; j < row.size(); ++j) {
          Key key{};
          if (key_of(row[i], row[j], key)) ++count[key];
        }
    }
    const Key* best = nullptr;
    int most = 2;
    for (const auto& [key, n] : count)
      if (n > most) {
        most = n;
        best = &key;
      }
    if (!best) return pairs;
    const Key chosen = *best;
    const int v = next++;
    pairs.push_back({{chosen.a, chosen.b}, chosen.r});
    for (auto& row : rows) {
      auto a = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.first == chosen.a; });
      auto b = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.first == chosen.b; });
      Key key{};
      if (a == row.end() || b == row.end() || !key_of(*a, *b, key) || key.a != chosen.a || key.r != chosen.r) continue;
      const double w = a->second;
      row.erase(std::max(a, b));
      row.erase(std::min(a, b));
      row.push_back({v, w});
    }
  }
}

std::vector<Entry> row_entries(const SparseRows& m, Eigen::Index row) {
  std::vector<Entry> entries;
  for (SparseRows::InnerIterator it(m, row); it; ++it) entries.push_back({static_cast<int>(it.index()), it.value()});
  return entries;
}

// The upper and lower convex hulls of the points (x[k], y[k]), strictly convex, left
// to right, each vertex the first k at its point. Cross products are exact in 128
// bits: the coordinates must be integers below 2^53 in magnitude, or both hulls stay
// empty.
void build_plane_hulls(const Eigen::VectorXd& x, const Eigen::VectorXd& y, std::vector<int>& upper, std::vector<int>& lower) {
  constexpr double kLimit = 9007199254740992.0;
  struct Point {
    int64_t x, y;
    int k;
  };
  std::vector<Point> points;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    if (!(std::abs(x[k]) < kLimit && std::abs(y[k]) < kLimit) || x[k] != std::floor(x[k]) || y[k] != std::floor(y[k])) return;
    points.push_back({static_cast<int64_t>(x[k]), static_cast<int64_t>(y[k]), static_cast<int>(k)});
  }
  auto cross = [](const Point& o, const Point& a, const Point& b) {
    return static_cast<__int128>(a.x - o.x) * (b.y - o.y) - static_cast<__int128>(a.y - o.y) * (b.x - o.x);
  };
  // One chain: by x ascending and, at equal x, the wanted extreme of y first (the
  // first token on ties); a vertex that does not turn the right way is dropped.
  auto chain = [&](bool top) {
    std::vector<Point> sorted = points;
    std::sort(sorted.begin(), sorted.end(), [&](const Point& a, const Point& b) {
      if (a.x != b.x) return a.x < b.x;
      if (a.y != b.y) return top ? a.y > b.y : a.y < b.y;
      return a.k < b.k;
    });
    std::vector<Point> h;
    for (const Point& p : sorted) {
      if (!h.empty() && h.back().x == p.x) continue;  // same x: not more extreme
      while (h.size() >= 2 && (top ? cross(h[h.size() - 2], h.back(), p) >= 0 : cross(h[h.size() - 2], h.back(), p) <= 0))
        h.pop_back();
      h.push_back(p);
    }
    std::vector<int> out;
    for (const Point& p : h) out.push_back(p.k);
    return out;
  };
  upper = chain(true);
  lower = chain(false);
}

}  // namespace

namespace {

// True when the constant coordinate is 1 at the input of every block: no token's
// embedding, no head and no feed-forward layer writes it.
bool constant_stays_one(const SparseModel& model) {
  const int one = model.positional.one;
  if (one < 0 || one == model.positional.position || one == model.positional.square) return false;
  auto writes_one = [one](const SparseCols& m) {
    for (Eigen::Index c = 0; c < m.outerSize(); ++c)
      for (SparseCols::InnerIterator it(m, c); it; ++it)
        if (it.index() == one) return true;
    return false;
  };
  if (writes_one(model.embedding)) return false;
  for (const SparseBlock& block : model.blocks) {
    if (writes_one(block.ffn.output)) return false;
    for (const SparseAttentionHead& head : block.heads)
      if (writes_one(head.output)) return false;
  }
  return true;
}

// The sum over `neurons` of output column * c * value row (c: each one's gate
// constant) as rows (residual coordinate, entries), or false when a product or a
// partial sum is not exact.
bool fuse_linear(const SparseFeedForward& ffn, const std::vector<std::pair<int, double>>& neurons,
                 std::map<int, std::map<int, double>>& rows) {
  for (const auto& [i, c] : neurons)
    for (SparseCols::InnerIterator o(ffn.output, i); o; ++o) {
      double oc = 0;
      if (!exact_product(o.value(), c, oc)) return false;
      for (SparseRows::InnerIterator v(ffn.value, i); v; ++v) {
        double w = 0;
        double& sum = rows[static_cast<int>(o.index())][static_cast<int>(v.index())];
        if (!exact_product(oc, v.value(), w) || !exact_sum(sum, w, sum)) return false;
      }
    }
  return true;
}

}  // namespace

FastTransformer::FastTransformer(SparseModel sparse, HeadCacheFactory caches, BlockKernelCompiler* compiler)
    : model_(std::move(sparse)) {
  const SparseModel& model = model_;
  const bool one_is_constant = constant_stays_one(model);
  for (const SparseBlock& block : model.blocks) {
    Block& b = blocks_.emplace_back();
    caches_.emplace_back();
    auto flatten = [](const auto& m, std::vector<uint32_t>& start, std::vector<Entry>& entries) {
      start.assign(1, 0);
      for (Eigen::Index i = 0; i < m.outerSize(); ++i) {
        for (typename std::decay_t<decltype(m)>::InnerIterator it(m, i); it; ++it)
          entries.push_back({static_cast<int>(it.index()), it.value()});
        start.push_back(static_cast<uint32_t>(entries.size()));
      }
    };
    std::map<std::tuple<std::vector<Entry>, std::vector<Entry>, TieMode>, size_t> group_of;
    for (const SparseAttentionHead& head : block.heads) {
      Block::Head& h = b.heads.emplace_back();
      for (int r = 0; r < 2; ++r) {
        h.query[r] = row_entries(head.query, r);
        h.key[r] = row_entries(head.key, r);
      }
      flatten(head.output, h.output_start, h.output_entries);
      auto [at, fresh] = group_of.try_emplace({h.key[0], h.key[1], head.tie}, b.key_groups.size());
      if (fresh) b.key_groups.emplace_back();
      Block::KeyGroup& g = b.key_groups[at->second];
      g.heads.push_back(static_cast<int>(b.heads.size() - 1));
      for (Eigen::Index r = 0; r < head.value.rows(); ++r) {
        const std::vector<Entry> row = row_entries(head.value, r);
        auto same = std::find(g.rows.begin(), g.rows.end(), row);
        h.column.push_back(static_cast<uint32_t>(same - g.rows.begin()));
        if (same == g.rows.end()) g.rows.push_back(row);
      }
    }
    uint32_t slot = static_cast<uint32_t>(2 * b.heads.size());
    for (Block::KeyGroup& g : b.key_groups) {
      g.slot = slot;
      slot += 2 + static_cast<uint32_t>(g.rows.size());
    }
    largest_linear_ = std::max(largest_linear_, static_cast<size_t>(slot));
    values_.emplace_back();
    for (const Block::KeyGroup& g : b.key_groups) {
      const auto width = static_cast<Eigen::Index>(g.rows.size());
      values_.back().push_back(Eigen::VectorXd::Zero(width));
      caches_.back().push_back(caches(block.heads[static_cast<size_t>(g.heads[0])].tie, static_cast<int>(width)));
    }
    flatten(block.ffn.value, b.value_start, b.value_entries);
    flatten(block.ffn.output, b.output_start, b.output_entries);

    // Families: each row is a candidate member of one family per coordinate it reads
    // (that coordinate varying, the rest shared). The most populous candidate families
    // are formed first, each from the rows still free; small ones are dropped.
    const SparseRows& gate = block.ffn.gate;
    using Key = std::pair<int, std::vector<Entry>>;  // (varying coordinate, shared entries)
    std::map<Key, std::vector<int>> candidates;
    std::vector<std::vector<Entry>> rows(static_cast<size_t>(gate.rows()));
    for (Eigen::Index i = 0; i < gate.rows(); ++i) rows[static_cast<size_t>(i)] = row_entries(gate, i);
    std::vector<char> taken(static_cast<size_t>(gate.rows()), 0);
    // Gates reading the constant coordinate alone.
    std::vector<std::pair<int, double>> linear;
    if (one_is_constant) {
      for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].size() == 1 && rows[i][0].first == model.positional.one && rows[i][0].second > 0)
          linear.push_back({static_cast<int>(i), rows[i][0].second});
      std::map<int, std::map<int, double>> fused;
      if (!fuse_linear(block.ffn, linear, fused)) {
        linear.clear();
        fused.clear();
      }
      std::vector<std::pair<int, std::vector<Entry>>> linear_rows;
      for (const auto& [r, entries] : fused) {
        std::vector<Entry> row;
        for (const auto& [j, w] : entries)
          if (w != 0) row.push_back({j, w});
        if (row.size() == 1 && row[0].first == r && row[0].second == -1) b.cleared.push_back(r);
        else if (!row.empty()) linear_rows.push_back({r, std::move(row)});  // (empty: cancelled out)
      }
      b.linear_row = store_by_length(std::move(linear_rows), b.linear);
      largest_linear_ = std::max(largest_linear_, b.linear_row.size());
      for (const auto& [i, c] : linear) taken[static_cast<size_t>(i)] = 1;
      layout_.linear_neurons += static_cast<int64_t>(linear.size());
    }
    for (Eigen::Index i = 0; i < gate.rows(); ++i) {
      const auto& row = rows[static_cast<size_t>(i)];
      if (row.empty()) continue;  // gate 0: never fires
      ++layout_.neurons;
      if (taken[static_cast<size_t>(i)]) continue;
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
      const SparseCols& out = block.ffn.output;
      auto single_row = [&](int i) {
        return out.outerIndexPtr()[i + 1] - out.outerIndexPtr()[i] == 1 ? out.innerIndexPtr()[out.outerIndexPtr()[i]] : -1;
      };
      f.out_row = single_row(f.neuron[0]);
      for (int i : f.neuron)
        if (single_row(i) != f.out_row) f.out_row = -1;
      f.value_row = row_entries(block.ffn.value, f.neuron[0]);
      f.same_value = true;
      for (int i : f.neuron) f.same_value = f.same_value && row_entries(block.ffn.value, i) == f.value_row;
      if (f.out_row >= 0) {
        for (int i : f.neuron) f.out_weight.push_back(out.valuePtr()[out.outerIndexPtr()[i]]);
        bool usable = f.same_value;
        f.w_prefix.assign(1, 0.0);
        f.wc_prefix.assign(1, 0.0);
        for (size_t k = 0; usable && k < f.neuron.size(); ++k) {
          double wc = 0, w = 0, sum = 0;
          usable = exact_product(f.out_weight[k], f.coefficient[k], wc) && exact_sum(f.w_prefix.back(), f.out_weight[k], w) &&
                   exact_sum(f.wc_prefix.back(), wc, sum);
          f.w_prefix.push_back(w);
          f.wc_prefix.push_back(sum);
        }
        if (usable) ++layout_.summed_families;
        else f.w_prefix.clear(), f.wc_prefix.clear();
      }
      const double lo = f.coefficient.front(), hi = f.coefficient.back();
      bool integers = f.varying == model.positional.one && one_is_constant && hi - lo <= 4096;
      for (double c : f.coefficient) integers = integers && c == std::floor(c) && std::abs(c) < 1e15;
      if (integers) {
        f.lowest = lo;
        f.highest = hi;
        size_t k = 0;
        for (double t = lo; t < hi; t += 1) {
          while (k < f.coefficient.size() && f.coefficient[k] <= t) ++k;
          f.at_most.push_back(static_cast<uint32_t>(k));
        }
      }
      layout_.family_neurons += static_cast<int64_t>(free.size());
      ++layout_.families;
    }

    // The other neurons one by one: their shared sums factored out, then their gate
    // rows stored shortest first (runs of one length keep the loop over a row's
    // entries predictable).
    std::vector<int> single;
    std::vector<std::vector<Entry>> single_rows;
    for (size_t i = 0; i < rows.size(); ++i)
      if (!taken[i] && !rows[i].empty()) {
        single.push_back(static_cast<int>(i));
        single_rows.push_back(rows[i]);
      }
    for (const auto& [p, r] : factor_shared_pairs(single_rows, model.d_model)) {
      b.pair.push_back(p);
      b.pair_ratio.push_back(r);
    }
    largest_pairs_ = std::max(largest_pairs_, b.pair.size());
    layout_.shared_sums += static_cast<int64_t>(b.pair.size());
    std::vector<std::pair<int, std::vector<Entry>>> tagged;
    for (size_t k = 0; k < single.size(); ++k) tagged.push_back({single[k], std::move(single_rows[k])});
    b.single = store_by_length(std::move(tagged), b.single_gates);
    for (int i : b.single) {
      Block::SingleOutput& o = b.single_output.emplace_back();
      const SparseCols& out = block.ffn.output;
      if (out.outerIndexPtr()[i + 1] - out.outerIndexPtr()[i] == 1) {
        o.row = out.innerIndexPtr()[out.outerIndexPtr()[i]];
        o.weight = out.valuePtr()[out.outerIndexPtr()[i]];
      }
      const std::vector<Entry> value = row_entries(block.ffn.value, i);
      o.constant = one_is_constant && value.size() == 1 && value[0].first == model.positional.one;
      if (o.constant) o.value = value[0].second;
    }
  }
  // The vocabulary in groups of tokens whose unembedding rows read the same residual
  // coordinates (bytes, pcs, output bytes, ...).
  std::map<std::vector<int>, size_t> group_of;
  for (Eigen::Index t = 0; t < model.unembedding.rows(); ++t) {
    std::vector<int> columns;
    for (SparseRows::InnerIterator it(model.unembedding, t); it; ++it) columns.push_back(static_cast<int>(it.index()));
    auto [at, fresh] = group_of.try_emplace(columns, vocab_groups_.size());
    if (fresh) vocab_groups_.push_back({columns, {}, {}, {}, {}, {}, {}, {}});
    vocab_groups_[at->second].tokens.push_back(static_cast<int>(t));
  }
  for (VocabGroup& g : vocab_groups_) {
    const Eigen::Index n = static_cast<Eigen::Index>(g.tokens.size());
    std::vector<int> varying;
    for (int c : g.columns) {
      const double w = model.unembedding.coeff(g.tokens[0], c);
      bool same = true;
      for (int t : g.tokens) same = same && model.unembedding.coeff(t, c) == w;
      if (same) g.constant.push_back({c, w});
      else varying.push_back(c);
    }
    g.columns = varying;
    for (int c : g.columns) {
      Eigen::VectorXd column(n);
      for (Eigen::Index k = 0; k < n; ++k) column[k] = model.unembedding.coeff(g.tokens[static_cast<size_t>(k)], c);
      Eigen::Index hi = 0, lo = 0;
      for (Eigen::Index k = 1; k < n; ++k) {
        if (column[k] > column[hi]) hi = k;
        if (column[k] < column[lo]) lo = k;
      }
      g.first_max.push_back(static_cast<int>(hi));
      g.first_min.push_back(static_cast<int>(lo));
      g.column.push_back(std::move(column));
    }
    if (g.column.size() == 2) build_plane_hulls(g.column[0], g.column[1], g.upper, g.lower);
    largest_group_ = std::max(largest_group_, n);
  }
  x_.setZero(model.d_model + static_cast<Eigen::Index>(largest_pairs_));
  size_t most_heads = 0;
  for (const Block& b : blocks_) most_heads = std::max(most_heads, b.heads.size());
  queries_.resize(most_heads);
  linear_.resize(largest_linear_ + 1);
  if (compiler) {
    // The kernels: the arrays above, as code.
    std::vector<BlockKernelSpec> specs;
    size_t most_gates = 0, most_rows = 0;
    for (const Block& b : blocks_) {
      BlockKernelSpec& spec = specs.emplace_back();
      spec.base = static_cast<int>(model.d_model);
      auto rows_of = [](const RowRuns& runs) {
        std::vector<std::vector<Entry>> rows;
        size_t e = 0;
        for (const auto& [length, count] : runs.runs)
          for (uint32_t r = 0; r < count; ++r) {
            std::vector<Entry>& row = rows.emplace_back();
            for (uint32_t j = 0; j < length; ++j, ++e) row.push_back({runs.column[e], runs.weight[e]});
          }
        return rows;
      };
      spec.linear = rows_of(b.linear);
      for (const Family& f : b.families) spec.linear.push_back(f.shared);
      most_rows = std::max(most_rows, spec.linear.size());
      for (const Block::Head& h : b.heads)
        for (int r = 0; r < 2; ++r) spec.head_rows.push_back(h.query[r]);
      for (const Block::KeyGroup& g : b.key_groups) {
        const Block::Head& first = b.heads[static_cast<size_t>(g.heads[0])];
        for (int r = 0; r < 2; ++r) spec.head_rows.push_back(first.key[r]);
        for (const auto& row : g.rows) spec.head_rows.push_back(row);
      }
      most_rows = std::max(most_rows, spec.head_rows.size());
      spec.cleared = b.cleared;
      spec.linear_rows = b.linear_row;
      for (const Block::Head& h : b.heads) {
        BlockKernelSpec::HeadOutput& out = spec.head_outputs.emplace_back();
        for (size_t r = 0; r < h.column.size(); ++r)
          out.columns.push_back({h.column[r], std::vector<Entry>(h.output_entries.begin() + h.output_start[r],
                                                                 h.output_entries.begin() + h.output_start[r + 1])});
      }
      for (size_t k = 0; k < b.pair.size(); ++k) spec.sums.push_back({b.pair[k].first, b.pair[k].second, b.pair_ratio[k]});
      std::vector<std::vector<Entry>> gates = rows_of(b.single_gates);
      for (size_t k = 0; k < gates.size(); ++k) {
        BlockKernelSpec::Gate& g = spec.gates.emplace_back();
        const Block::SingleOutput& o = b.single_output[k];
        g.row = std::move(gates[k]);
        g.out_row = o.row;
        g.out_weight = o.weight;
        g.constant = o.constant;
        g.value = o.value;
        const int i = b.single[k];
        if (o.row >= 0 && !o.constant)
          for (uint32_t e = b.value_start[static_cast<size_t>(i)]; e < b.value_start[static_cast<size_t>(i) + 1]; ++e)
            g.value_row.push_back(b.value_entries[e]);
      }
      most_gates = std::max(most_gates, gates.size());
    }
    std::vector<BlockKernels> kernels = compiler->compile(specs, kernel_code_);
    if (kernels.size() == blocks_.size()) {
      for (size_t l = 0; l < blocks_.size(); ++l) blocks_[l].kernels = std::move(kernels[l]);
      linear_.resize(std::max(linear_.size(), most_rows + 1));
      layout_.compiled_blocks = static_cast<int64_t>(blocks_.size());
      kernel_rows_.resize(most_gates + 1);
      kernel_amounts_.resize(most_gates + 1);
      kernel_gates_.resize(most_gates + 1);
      kernel_others_.resize(most_gates + 1);
    }
  }
  logits_.setZero(largest_group_);
}

FastTransformer::~FastTransformer() = default;

// The summed output of a family's members [first, last) from its prefix sums, when
// every step of it is exact (then it equals the member-by-member sum bit for bit);
// false when one is not, and the caller sums member by member.
bool FastTransformer::prefix_sum(const Family& f, size_t first, size_t last, double a, double u, double& out) const {
  const double v = dot(f.value_row, x_);
  if (v == 0) {
    out = 0;
    return true;
  }
  double w = 0, wc = 0, aw = 0, uwc = 0, inner = 0;
  return exact_sum(f.w_prefix[last], -f.w_prefix[first], w) && exact_sum(f.wc_prefix[last], -f.wc_prefix[first], wc) &&
         exact_product(a, w, aw) && exact_product(u, wc, uwc) && exact_sum(aw, uwc, inner) &&
         exact_product(v, inner, out);
}

// The argmax of a two-coordinate group's logits qa * a_k + qb * b_k (qa, qb != 0) on
// the hull of its points: along the upper hull (qb > 0) or the lower one (qb < 0)
// the logit rises, then falls, so the first vertex not below its right neighbour is
// the maximum. -1 when that neighbour ties it (the maximum is on an edge, where
// tokens between the two vertices tie too): the caller computes the group in full.
int FastTransformer::argmax_on_hull(const VocabGroup& g, double& value) const {
  const std::vector<int>& chain = x_[g.columns[1]] > 0 ? g.upper : g.lower;
  if (chain.empty()) return -1;
  const double qa = x_[g.columns[0]], qb = x_[g.columns[1]];
  auto logit = [&](size_t i) {
    const auto k = static_cast<Eigen::Index>(chain[i]);
    return qa * g.column[0][k] + qb * g.column[1][k];
  };
  size_t lo = 0, hi = chain.size() - 1;  // the first i with logit(i) >= logit(i + 1), or the last
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (logit(mid) >= logit(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  value = logit(lo);
  if (lo + 1 < chain.size() && logit(lo + 1) == value) return -1;
  return chain[lo];
}

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
      if (trace) trace->attended[l].assign(block.heads.size(), -1);
      // Everything the heads read from the residual first: keys, values (appended)
      // and queries; then the lookups, each head's output added at once.
      double* const in = linear_.data();  // (free until the feed-forward part)
      if (block.kernels.heads) {
        block.kernels.heads(x_.data(), in);
      } else {
        for (size_t h = 0; h < block.heads.size(); ++h)
          for (int r = 0; r < 2; ++r) in[2 * h + static_cast<size_t>(r)] = dot(block.heads[h].query[r], x_);
        for (const Block::KeyGroup& group : block.key_groups) {
          const Block::Head& first = block.heads[static_cast<size_t>(group.heads[0])];
          for (int r = 0; r < 2; ++r) in[group.slot + static_cast<uint32_t>(r)] = dot(first.key[r], x_);
          for (size_t r = 0; r < group.rows.size(); ++r) in[group.slot + 2 + r] = dot(group.rows[r], x_);
        }
      }
      for (size_t h = 0; h < block.heads.size(); ++h) queries_[h] = {in[2 * h], in[2 * h + 1]};
      for (size_t g = 0; g < block.key_groups.size(); ++g) {
        const Block::KeyGroup& group = block.key_groups[g];
        key_ = {in[group.slot], in[group.slot + 1]};
        Eigen::VectorXd& value = values_[l][g];
        for (size_t r = 0; r < group.rows.size(); ++r) value[static_cast<Eigen::Index>(r)] = in[group.slot + 2 + r];
        caches_[l][g]->append(key_, value);
      }
      for (size_t g = 0; g < block.key_groups.size(); ++g) {
        const HeadCache& cache = *caches_[l][g];
        for (int h : block.key_groups[g].heads) {
          const Block::Head& head = block.heads[static_cast<size_t>(h)];
          int64_t winner = -1;
          // (A lookup's view lasts until the next lookup: used at once.)
          const double* looked_up = cache.lookup_view(queries_[static_cast<size_t>(h)], winner);
          if (block.kernels.heads) {
            block.kernels.head_outputs[static_cast<size_t>(h)](x_.data(), looked_up);
            if (trace) trace->attended[l][static_cast<size_t>(h)] = winner;
            continue;
          }
          for (size_t r = 0; r < head.column.size(); ++r) {
            const double a = looked_up[head.column[r]];
            if (a == 0) continue;
            for (uint32_t e = head.output_start[r]; e < head.output_start[r + 1]; ++e)
              x_[head.output_entries[e].first] += head.output_entries[e].second * a;
          }
          if (trace) trace->attended[l][static_cast<size_t>(h)] = winner;
        }
      }
    }

    // Feed-forward: find the neurons with gate > 0, compute exactly those.
    active_.clear();
    summed_.clear();
    const Entry* const value_entries = block.value_entries.data();
    const uint32_t* const value_start = block.value_start.data();
    auto value_of = [&](int i) {
      double v = -0.0;
      for (uint32_t e = value_start[i]; e < value_start[i + 1]; ++e) v += value_entries[e].second * x_[value_entries[e].first];
      return v;
    };
    auto fire = [&](int i, double g) {
      const double out = g * value_of(i);
      if (out != 0) active_.push_back({i, out});
    };
    uint32_t kernel_sums = 0, kernel_others = 0;
    if (block.kernels.ffn) {
      block.kernels.ffn(x_.data(), linear_.data(), kernel_rows_.data(), kernel_amounts_.data(), &kernel_sums,
                   kernel_others_.data(), kernel_gates_.data(), &kernel_others);
    } else {
      for_each_row_of_runs(block.linear, x_.data(), [this](uint32_t k, double v) { linear_[k] = v; });
    }
    const double* const family_sums = linear_.data() + block.linear_row.size();  // (kernel)
    for (size_t fi = 0; fi < block.families.size(); ++fi) {
      const Family& f = block.families[fi];
      const double a = block.kernels.ffn ? family_sums[fi] : dot(f.shared, x_), u = x_[f.varying];
      const size_t n = f.coefficient.size();
      auto gate = [&](size_t k) { return a + f.coefficient[k] * u; };
      // The firing members are [first, last): all or none when u = 0, a suffix when
      // the gate rises with k (u > 0), a prefix when it falls.
      size_t first = 0, last = n;
      if (u == 0) {
        if (!(a > 0)) last = 0;
      } else if (u == 1 && !f.at_most.empty()) {
        const double t = -a;  // firing: c_k > t, that is c_k > floor(t)
        if (t < f.lowest) {
          first = 0;
        } else if (!(t < f.highest)) {
          first = n;  // (and NaN: no gate is > 0, as the search finds)
        } else {
          auto floor_t = static_cast<int64_t>(t);  // |t| is small: exact, rounded toward 0
          if (static_cast<double>(floor_t) > t) --floor_t;
          first = f.at_most[static_cast<size_t>(floor_t - static_cast<int64_t>(f.lowest))];
        }
      } else {
        // The number of members from the start on whose gate is on the low side
        // (<= 0 when it rises with k, > 0 when it falls): a branch-free binary search.
        const bool rising = u > 0;
        size_t count = 0, len = n;
        while (len > 0) {
          const size_t half = len / 2;
          const bool low_side = (gate(count + half) > 0) != rising;
          count = low_side ? count + half + 1 : count;
          len = low_side ? len - half - 1 : half;
        }
        if (rising) first = count;
        else last = count;
      }
      if (first == last) continue;
      if (f.out_row >= 0) {
        double sum = 0;
        if (!f.w_prefix.empty() && prefix_sum(f, first, last, a, u, sum)) {
          // done in O(1)
        } else {
          for (size_t k = first; k < last; ++k) sum += f.out_weight[k] * (gate(k) * value_of(f.neuron[k]));
        }
        if (sum != 0) summed_.push_back({f.out_row, sum});
      } else if (f.same_value) {
        const double v = dot(f.value_row, x_);
        if (v == 0) continue;  // every member's output is 0
        for (size_t k = first; k < last; ++k) active_.push_back({f.neuron[k], gate(k) * v});
      } else {
        for (size_t k = first; k < last; ++k) fire(f.neuron[k], gate(k));
      }
    }
    if (block.kernels.ffn) {
      // The kernel computed the gates: the neurons it handed back (several outputs).
      for (uint32_t j = 0; j < kernel_others; ++j) fire(block.single[kernel_others_[j]], kernel_gates_[j]);
    } else {
      // The shared sums first; then each gate (straight-line sums, rows of one length
      // at a time), its neuron computed when it fires. (A neuron with one output adds
      // w * out to it after the others, as the kernel's sums are added.)
      for (size_t k = 0; k < block.pair.size(); ++k)
        x_[model_.d_model + static_cast<Eigen::Index>(k)] = x_[block.pair[k].first] + block.pair_ratio[k] * x_[block.pair[k].second];
      for_each_row_of_runs(block.single_gates, x_.data(), [&](uint32_t k, double g) {
        if (!(g > 0)) return;
        const Block::SingleOutput& o = block.single_output[k];
        if (o.row < 0) return fire(block.single[k], g);
        const double out = g * (o.constant ? o.value : value_of(block.single[k]));
        if (out != 0) summed_.push_back({o.row, o.weight * out});
      });
    }
    // Every neuron has read the residual: the outputs. Clearing first: x - x = 0.
    if (block.kernels.outputs) {
      block.kernels.outputs(x_.data(), linear_.data());
    } else {
      for (int r : block.cleared) x_[r] = 0;
      for (size_t k = 0; k < block.linear_row.size(); ++k) x_[block.linear_row[k]] += linear_[k];
    }
    const Entry* const output_entries = block.output_entries.data();
    const uint32_t* const output_start = block.output_start.data();
    for (const auto& [i, h] : active_)
      for (uint32_t e = output_start[i]; e < output_start[i + 1]; ++e) x_[output_entries[e].first] += output_entries[e].second * h;
    for (const auto& [r, sum] : summed_) x_[r] += sum;
    for (uint32_t j = 0; j < kernel_sums; ++j)  // (in the order the walk pushes them)
      if (kernel_amounts_[j] != 0) x_[kernel_rows_[j]] += kernel_amounts_[j];
  }

  ++position_;
  // The argmax of the logits, group by group. The coordinates every token of a group
  // weighs alike add one offset to all its logits. Of the others: when all are zero
  // the logits are equal (its first token wins within it); when only c is not, the
  // logits are x_c * column c, largest at the column's largest entry (x_c > 0) or
  // smallest (x_c < 0), first on ties; when the group has two and both are not, the
  // maximum is found on the hull of its points; any other group is computed in full.
  // Ties across groups go to the lowest token id, as in the reference pass.
  double best = 0;
  int best_token = -1;
  auto offer = [&](double value, int t) {
    if (best_token < 0 || value > best || (value == best && t < best_token)) {
      best = value;
      best_token = t;
    }
  };
  for (const VocabGroup& g : vocab_groups_) {
    double offset = 0;  // from the coordinates every token of the group weighs alike
    for (const auto& [c, w] : g.constant) offset += w * x_[c];
    int nonzero = 0;
    size_t only = 0;
    for (size_t c = 0; c < g.columns.size(); ++c)
      if (x_[g.columns[c]] != 0) {
        ++nonzero;
        only = c;
      }
    double on_hull = 0;
    int k = -1;
    if (nonzero == 0) {
      offer(offset, g.tokens[0]);
    } else if (nonzero == 1) {
      const double a = x_[g.columns[only]];
      k = a > 0 ? g.first_max[only] : g.first_min[only];
      offer(offset + a * g.column[only][k], g.tokens[static_cast<size_t>(k)]);
    } else if (g.columns.size() == 2 && (k = argmax_on_hull(g, on_hull)) >= 0) {
      offer(offset + on_hull, g.tokens[static_cast<size_t>(k)]);
    } else {
      const Eigen::Index n = static_cast<Eigen::Index>(g.tokens.size());
      auto logits = logits_.head(n);
      logits.setZero();
      for (size_t c = 0; c < g.columns.size(); ++c) {
        const double a = x_[g.columns[c]];
        if (a != 0) logits.noalias() += a * g.column[c];
      }
      const double top = logits.maxCoeff();
      Eigen::Index m = 0;
      while (m + 1 < n && !(logits[m] == top)) ++m;  // not found only with a NaN
      offer(offset + logits[m], g.tokens[static_cast<size_t>(m)]);
    }
  }
  return best_token;
}

}  // namespace c2w::neural
