// The fast pass's plan (see fast_plan.h): plan_fast_pass reads the weights once and
// finds the structure the per-token pass exploits, by these steps:
//   find_constant_one           the coordinate that is 1 at every block's input
//   per block:
//     group_head_keys           heads sharing key rows share a cache; the inputs' slots
//     plan_feed_forward:
//       find_linear_neurons     gates reading the constant 1 alone (always firing)
//       fuse_linear_map         their outputs as one sparse linear map
//       find_slot_clears        the map's rows that are -x[r] on their own slot r
//       group_families          gate rows differing in one coefficient
//       find_family_outputs     a family's one output row, its shared value row
//       make_family_prefix_sums O(1) sums of the firing members' outputs
//       tabulate_family_thresholds  the firing members by table lookup
//       factor_shared_sums      pair sums shared by the other gate rows
//       store_in_runs           those gate rows in runs of one length
//       find_single_outputs     where each of those neurons' output goes
//   group_tokens, tabulate_token_weights   the unembedding's token groups
//   size_buffers                the per-token buffers' sizes
//   make_kernel_specs, compile_kernels     the blocks as machine code (optional)
// Each step states what it finds and why using it leaves every result exact: every
// weight and activation of a compiled model is an integer or a dyadic rational far
// below 2^53 (model.h), so the sums the pass regroups are exact, and where a step
// precomputes a product or a sum of weights it checks that one exact.
#include "neural/fast_plan.h"

#include "support/errors.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <numeric>
#include <queue>
#include <span>
#include <unordered_map>
#include <tuple>
#include <utility>

namespace c2w::neural {

namespace {

// Families smaller than this are not worth a binary search; their neurons are
// evaluated one by one.
constexpr size_t kMinFamily = 8;
// Rows reading more coordinates than this are never family members (the compiled
// families read one to three).
constexpr Eigen::Index kMaxFamilySupport = 8;
// A family whose coefficients span more integers than this gets no threshold table.
constexpr double kMaxThresholdTable = 4096;

using Entry = BlockPlan::Entry;
using Rows = std::vector<std::vector<Entry>>;

std::vector<Entry> row_entries(const SparseRows& m, Eigen::Index row) {
  std::vector<Entry> entries;
  entries.reserve(static_cast<size_t>(m.outerIndexPtr()[row + 1] - m.outerIndexPtr()[row]));
  for (SparseRows::InnerIterator it(m, row); it; ++it)
    entries.push_back({static_cast<int>(it.index()), it.value()});
  return entries;
}

// The outer vectors of m (rows or columns) back to back: vector i is
// entries[start[i] .. start[i + 1]).
template <typename Matrix>
void flatten(const Matrix& m, std::vector<uint32_t>& start, std::vector<Entry>& entries) {
  start.assign(1, 0);
  start.reserve(static_cast<size_t>(m.outerSize()) + 1);
  entries.reserve(entries.size() + static_cast<size_t>(m.nonZeros()));
  for (Eigen::Index i = 0; i < m.outerSize(); ++i) {
    for (typename Matrix::InnerIterator it(m, i); it; ++it)
      entries.push_back({static_cast<int>(it.index()), it.value()});
    start.push_back(static_cast<uint32_t>(entries.size()));
  }
}

// The rows of a matrix as flatten lays them out, read in place (the gate rows: one
// vector for them all, not one per row).
struct FlatRows {
  std::vector<uint32_t> start;
  std::vector<Entry> entries;
  size_t size() const { return start.size() - 1; }
  std::span<const Entry> operator[](size_t i) const {
    return {entries.data() + start[i], entries.data() + start[i + 1]};
  }
};

// Stores the tagged rows in `runs`, shortest first; returns their tags in that order.
// (Rows of one length back to back let the walk unroll each row into straight-line
// sums that the CPU overlaps; the order of the rows changes no row's sum.)
std::vector<int> store_in_runs(std::vector<std::pair<int, std::vector<Entry>>> rows, RowRuns& runs) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& p, const auto& q) { return p.second.size() < q.second.size(); });
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

// The rows of `runs` again, in their stored order.
Rows rows_of(const RowRuns& runs) {
  Rows rows;
  size_t total = 0;
  for (const auto& run : runs.runs) total += run.second;
  rows.reserve(total);
  size_t e = 0;
  for (const auto& [length, count] : runs.runs)
    for (uint32_t r = 0; r < count; ++r) {
      std::vector<Entry>& row = rows.emplace_back();
      row.reserve(length);
      for (uint32_t j = 0; j < length; ++j, ++e) row.emplace_back(runs.column[e], runs.weight[e]);
    }
  return rows;
}

// ---- the model ----

// The coordinate that is 1 at the input of every block, or -1: the constant
// coordinate, when no token's embedding, no head and no feed-forward layer writes
// it (the positional features write their own coordinates, so it must be neither).
int find_constant_one(const SparseModel& model) {
  const int one = model.positional.one;
  if (one < 0 || one == model.positional.position || one == model.positional.square) return -1;
  auto writes_one = [one](const SparseCols& m) {
    for (Eigen::Index c = 0; c < m.outerSize(); ++c)
      for (SparseCols::InnerIterator it(m, c); it; ++it)
        if (it.index() == one) return true;
    return false;
  };
  if (writes_one(model.embedding)) return -1;
  for (const SparseBlock& block : model.blocks) {
    if (writes_one(block.ffn.output)) return -1;
    for (const SparseAttentionHead& head : block.heads)
      if (writes_one(head.output)) return -1;
  }
  return one;
}

// ---- the heads ----

// The heads' rows, and the heads in key groups: heads with the same key rows and tie
// mode, whose keys are equal at every position, share one cache holding each distinct
// value row of theirs once (exact: a head's value row is computed from the same
// entries, only once). Then the heads' inputs are laid out: the queries, then each
// group's key and values from its slot.
void group_head_keys(const SparseBlock& block, BlockPlan& b) {
  std::map<std::tuple<std::vector<Entry>, std::vector<Entry>, TieMode>, size_t> group_of;
  for (const SparseAttentionHead& head : block.heads) {
    BlockPlan::Head& h = b.heads.emplace_back();
    for (int r = 0; r < 2; ++r) {
      h.query[r] = row_entries(head.query, r);
      h.key[r] = row_entries(head.key, r);
    }
    flatten(head.output, h.output_start, h.output_entries);
    auto [at, fresh] = group_of.try_emplace({h.key[0], h.key[1], head.tie}, b.key_groups.size());
    if (fresh) b.key_groups.emplace_back().tie = head.tie;
    BlockPlan::KeyGroup& g = b.key_groups[at->second];
    g.heads.push_back(static_cast<int>(b.heads.size() - 1));
    for (Eigen::Index r = 0; r < head.value.rows(); ++r) {
      const std::vector<Entry> row = row_entries(head.value, r);
      auto same = std::find(g.rows.begin(), g.rows.end(), row);
      h.column.push_back(static_cast<uint32_t>(same - g.rows.begin()));
      if (same == g.rows.end()) g.rows.push_back(row);
    }
  }
  uint32_t slot = static_cast<uint32_t>(2 * b.heads.size());
  for (BlockPlan::KeyGroup& g : b.key_groups) {
    g.slot = slot;
    slot += 2 + static_cast<uint32_t>(g.rows.size());
  }
  b.head_inputs = slot;
}

// ---- the feed-forward layer ----

// The linear neurons: gate rows reading the constant 1 alone, with weight c > 0
// (returned as (neuron, c)). Such a neuron fires at every token with gate exactly c,
// so its output is linear in x. (With c <= 0 it never fires, as the walk finds.)
std::vector<Entry> find_linear_neurons(const FlatRows& gates, int constant_one) {
  std::vector<Entry> linear;
  for (size_t i = 0; i < gates.size(); ++i)
    if (gates[i].size() == 1 && gates[i][0].first == constant_one && gates[i][0].second > 0)
      linear.push_back({static_cast<int>(i), gates[i][0].second});
  return linear;
}

// The sum over the linear `neurons` of output column * c * value row, as rows
// (residual coordinate -> its non-zero entries, ascending); rows that cancel out
// are left out. False when a product or a partial sum of those weights is not
// exact: the map is used only when (o c v) * x is exactly what the neurons compute
// one by one, c * (v · x) * o, every weight and activation being exact numbers.
// (The terms o c v are listed, then sorted stably by (row, column): each entry's terms
// are summed in the neurons' order, as a map from (row, column) to a running sum
// would sum them, without a node per entry.)
bool fuse_linear_map(const SparseFeedForward& ffn, const std::vector<Entry>& neurons,
                     std::map<int, std::vector<Entry>>& map) {
  struct Term {
    int row, column;
    double weight;
  };
  std::vector<Term> terms;
  for (const auto& [i, c] : neurons)
    for (SparseCols::InnerIterator o(ffn.output, i); o; ++o) {
      double oc = 0;
      if (!exact_product(o.value(), c, oc)) return false;
      for (SparseRows::InnerIterator v(ffn.value, i); v; ++v) {
        double w = 0;
        if (!exact_product(oc, v.value(), w)) return false;
        terms.push_back({static_cast<int>(o.index()), static_cast<int>(v.index()), w});
      }
    }
  std::stable_sort(terms.begin(), terms.end(), [](const Term& x, const Term& y) {
    return x.row != y.row ? x.row < y.row : x.column < y.column;
  });
  std::vector<Entry> row;
  for (size_t k = 0; k < terms.size();) {
    double sum = 0;
    const size_t first = k;
    for (; k < terms.size() && terms[k].row == terms[first].row && terms[k].column == terms[first].column;
         ++k)
      if (!exact_sum(sum, terms[k].weight, sum)) {
        map.clear();
        return false;
      }
    if (sum != 0) row.push_back({terms[first].column, sum});
    if (k == terms.size() || terms[k].row != terms[first].row) {
      if (!row.empty()) map.emplace_hint(map.end(), terms[first].row, std::move(row));
      row.clear();
    }
  }
  return true;
}

// The slot clears among the linear map's rows: a row that is exactly -x[r] for its
// own coordinate r (the compiler freeing slot r for reuse) is taken out of the map
// and returned; the walk stores 0 in x[r] before adding the block's outputs, which
// is x[r] - x[r] exactly.
std::vector<int> find_slot_clears(std::map<int, std::vector<Entry>>& map) {
  std::vector<int> cleared;
  for (auto it = map.begin(); it != map.end();) {
    const std::vector<Entry>& row = it->second;
    if (row.size() == 1 && row[0].first == it->first && row[0].second == -1) {
      cleared.push_back(it->first);
      it = map.erase(it);
    } else {
      ++it;
    }
  }
  return cleared;
}

// `items` with equal hashes brought together, each hash's items in their order in
// `items` (so a family's rows stay ascending): an open-addressing table from hash to
// group, then a counting sort by group. Groups come in the order of their first item,
// not of their hashes: the caller orders the families it finds afterwards. (Linear
// in the items, where sorting them by hash took O(n log n) comparisons.)
template <typename Item>
std::vector<Item> group_by_hash(std::vector<Item> items) {
  if (items.size() < 2) return items;
  int bits = 4;
  while ((size_t{1} << bits) < 2 * items.size()) ++bits;
  const size_t capacity = size_t{1} << bits;
  constexpr uint32_t kEmpty = UINT32_MAX;
  std::vector<uint32_t> table(capacity, kEmpty);  // a group's index, by its hash's slot
  std::vector<uint64_t> group_hash;
  std::vector<uint32_t> start;  // counts, then where each group's items go
  std::vector<uint32_t> group_of(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const uint64_t h = items[i].hash;
    // (The product's top bits: they depend on every bit of h; FNV's differ mostly in
    // the high ones.)
    size_t slot = static_cast<size_t>((h * 0x9E3779B97F4A7C15ull) >> (64 - bits));
    while (table[slot] != kEmpty && group_hash[table[slot]] != h) slot = (slot + 1) & (capacity - 1);
    if (table[slot] == kEmpty) {
      table[slot] = static_cast<uint32_t>(group_hash.size());
      group_hash.push_back(h);
      start.push_back(0);
    }
    group_of[i] = table[slot];
    ++start[table[slot]];
  }
  uint32_t next = 0;
  for (uint32_t& s : start) next += std::exchange(s, next);
  std::vector<Item> grouped(items.size());
  for (size_t i = 0; i < items.size(); ++i) grouped[start[group_of[i]]++] = items[i];
  return grouped;
}

// The families among the gate rows not yet taken (marked taken as they join one):
// each row is a candidate member of one family per coordinate it reads (that
// coordinate varying, the rest shared). The most populous candidate families are
// formed first, each from the rows still free; small ones are dropped. A member's
// gate a + c_k * x[v] (a = shared · x) sums the products of its row in another
// order, which the exact numbers allow; it is monotone in c_k, so the members
// firing are a prefix or a suffix of the family sorted by c_k.
std::vector<BlockPlan::Family> group_families(const FlatRows& gates, std::vector<char>& taken) {
  // A candidate: row i with its term k varying. Its key is (the varying coordinate,
  // the other terms), compared without copying them out of the row.
  struct Candidate {
    uint64_t hash;
    int row, term;
  };
  auto varying = [&](const Candidate& c) {
    return gates[static_cast<size_t>(c.row)][static_cast<size_t>(c.term)].first;
  };
  // The other terms of c's row, in order, as (coordinate, weight) entries: t-th of them.
  auto shared_at = [&](const Candidate& c, size_t t) -> const Entry& {  // (an entry of gates.entries)
    return gates[static_cast<size_t>(c.row)][t < static_cast<size_t>(c.term) ? t : t + 1];
  };
  auto shared_size = [&](const Candidate& c) { return gates[static_cast<size_t>(c.row)].size() - 1; };
  auto same_key = [&](const Candidate& x, const Candidate& y) {
    if (varying(x) != varying(y) || shared_size(x) != shared_size(y)) return false;
    for (size_t t = 0; t < shared_size(x); ++t)
      if (shared_at(x, t) != shared_at(y, t)) return false;
    return true;
  };
  // The order of std::map<std::pair<int, std::vector<Entry>>, ...>: by the varying
  // coordinate, then the other terms lexicographically.
  auto key_less = [&](const Candidate& x, const Candidate& y) {
    if (varying(x) != varying(y)) return varying(x) < varying(y);
    const size_t n = std::min(shared_size(x), shared_size(y));
    for (size_t t = 0; t < n; ++t)
      if (shared_at(x, t) != shared_at(y, t)) return shared_at(x, t) < shared_at(y, t);
    return shared_size(x) < shared_size(y);
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < gates.size(); ++i) {
    const auto& row = gates[i];
    if (row.empty() || taken[i]) continue;
    if (static_cast<Eigen::Index>(row.size()) > kMaxFamilySupport) continue;
    for (size_t k = 0; k < row.size(); ++k) {
      Candidate c{0, static_cast<int>(i), static_cast<int>(k)};
      uint64_t h = 1469598103934665603ull ^ static_cast<uint32_t>(row[k].first);
      for (size_t t = 0; t < row.size() - 1; ++t) {
        const Entry& e = shared_at(c, t);
        uint64_t bits = 0;
        const double w = e.second == 0 ? 0.0 : e.second;  // 0 and -0 are one weight
        std::memcpy(&bits, &w, sizeof bits);
        h = (h ^ static_cast<uint32_t>(e.first)) * 1099511628211ull;
        h = (h ^ bits) * 1099511628211ull;
      }
      c.hash = h;
      candidates.push_back(c);
    }
  }
  candidates = group_by_hash(std::move(candidates));
  // The candidate families: runs of one hash split by their keys (a collision of hashes
  // only splits a run), each listing its rows ascending; the small ones dropped.
  struct CandidateFamily {
    Candidate first;
    std::vector<int> members;
  };
  std::vector<CandidateFamily> order;
  std::vector<char> placed;
  for (size_t begin = 0, end = 0; begin < candidates.size(); begin = end) {
    end = begin;
    while (end < candidates.size() && candidates[end].hash == candidates[begin].hash) ++end;
    if (end - begin < kMinFamily) continue;
    placed.assign(end - begin, 0);
    for (size_t f = begin; f < end; ++f) {
      if (placed[f - begin]) continue;
      CandidateFamily family{candidates[f], {}};
      for (size_t m = f; m < end; ++m)
        if (!placed[m - begin] && same_key(candidates[f], candidates[m])) {
          placed[m - begin] = 1;
          family.members.push_back(candidates[m].row);
        }
      if (family.members.size() >= kMinFamily) order.push_back(std::move(family));
    }
  }
  // The most populous first, equals in the order of their keys.
  std::sort(order.begin(), order.end(), [&](const CandidateFamily& x, const CandidateFamily& y) {
    if (x.members.size() != y.members.size()) return x.members.size() > y.members.size();
    return key_less(x.first, y.first);
  });
  std::vector<BlockPlan::Family> families;
  for (const CandidateFamily& candidate : order) {
    const int coordinate = varying(candidate.first);
    std::vector<std::pair<double, int>> free;
    for (int i : candidate.members) {
      if (taken[static_cast<size_t>(i)]) continue;
      for (const auto& [j, w] : gates[static_cast<size_t>(i)])
        if (j == coordinate) free.push_back({w, i});
    }
    if (free.size() < kMinFamily) continue;
    std::sort(free.begin(), free.end());
    BlockPlan::Family& f = families.emplace_back();
    for (size_t t = 0; t < shared_size(candidate.first); ++t)
      f.shared.push_back(shared_at(candidate.first, t));
    f.varying = coordinate;
    for (const auto& [c, i] : free) {
      f.coefficient.push_back(c);
      f.neuron.push_back(i);
      taken[static_cast<size_t>(i)] = 1;
    }
  }
  return families;
}

// Where a family's outputs go: the one coordinate every member writes, with each
// member's weight (else out_row = -1), and the value row when all members share it.
// (Summing the members' outputs in a register before adding them to that coordinate
// is exact: the outputs are exact numbers.)
void find_family_outputs(const SparseFeedForward& ffn, BlockPlan::Family& f) {
  const SparseCols& out = ffn.output;
  auto single_row = [&](int i) {
    return out.outerIndexPtr()[i + 1] - out.outerIndexPtr()[i] == 1
               ? out.innerIndexPtr()[out.outerIndexPtr()[i]]
               : -1;
  };
  f.out_row = single_row(f.neuron[0]);
  for (int i : f.neuron)
    if (single_row(i) != f.out_row) f.out_row = -1;
  f.value_row = row_entries(ffn.value, f.neuron[0]);
  f.same_value = true;
  const SparseRows& value = ffn.value;
  for (int i : f.neuron) {  // (row i's entries against value_row, in place)
    const auto begin = value.outerIndexPtr()[i], end = value.outerIndexPtr()[i + 1];
    bool same = static_cast<size_t>(end - begin) == f.value_row.size();
    for (auto e = begin; same && e < end; ++e)
      same =
          Entry{value.innerIndexPtr()[e], value.valuePtr()[e]} == f.value_row[static_cast<size_t>(e - begin)];
    f.same_value = f.same_value && same;
  }
  if (f.out_row >= 0)
    for (int i : f.neuron) f.out_weight.push_back(out.valuePtr()[out.outerIndexPtr()[i]]);
}

// For a family writing one coordinate with one value row: the prefix sums of its
// output weights W and of weight * coefficient WC, so that the firing range's output
// is value * (shared_sum * W + u * WC) in O(1). Kept (true) only when every product
// and partial sum is exact; step() checks the rest of that formula at each token and
// sums member by member when a step of it is not exact.
bool make_family_prefix_sums(BlockPlan::Family& f) {
  if (f.out_row < 0) return false;
  bool usable = f.same_value;
  f.w_prefix.assign(1, 0.0);
  f.wc_prefix.assign(1, 0.0);
  for (size_t k = 0; usable && k < f.neuron.size(); ++k) {
    double wc = 0, w = 0, sum = 0;
    usable = exact_product(f.out_weight[k], f.coefficient[k], wc) &&
             exact_sum(f.w_prefix.back(), f.out_weight[k], w) && exact_sum(f.wc_prefix.back(), wc, sum);
    f.w_prefix.push_back(w);
    f.wc_prefix.push_back(sum);
  }
  if (!usable) f.w_prefix.clear(), f.wc_prefix.clear();
  return usable;
}

// For a family varying in the constant 1 with integer coefficients over a short
// range: the table of how many coefficients are <= t. The members firing, a + c_k >
// 0, are then those with c_k > floor(-a) — exact, as c_k and floor(-a) are
// integers — found by one read instead of a binary search.
void tabulate_family_thresholds(BlockPlan::Family& f, int constant_one) {
  const double lo = f.coefficient.front(), hi = f.coefficient.back();
  bool integers = f.varying == constant_one && hi - lo <= kMaxThresholdTable;
  for (double c : f.coefficient) integers = integers && c == std::floor(c) && std::abs(c) < 1e15;
  if (!integers) return;
  f.lowest = lo;
  f.highest = hi;
  size_t k = 0;
  for (double t = lo; t < hi; t += 1) {
    while (k < f.coefficient.size() && f.coefficient[k] <= t) ++k;
    f.at_most.push_back(static_cast<uint32_t>(k));
  }
}

// A pair of terms w_a x_a + w_b x_b of a gate row with w_b = r * w_a (factor_shared_sums).
struct PairKey {
  int a, b;
  double r;
  bool operator<(const PairKey& o) const { return std::tie(a, b, r) < std::tie(o.a, o.b, o.r); }
  bool operator==(const PairKey& o) const { return a == o.a && b == o.b && r == o.r; }
};

// How many rows hold each pair key: one flat open-addressing table, no allocation per
// key (the counts are updated some 10^4 times per model, which a node-based map spent
// most of its time allocating).
class PairCounts {
 public:
  // Room for `keys` keys without growing.
  void reserve(size_t keys) {
    size_t size = 64;
    while (size < 2 * keys) size *= 2;
    if (size > slots_.size()) rehash(size);
  }
  // The count of `key`, 0 when it is new.
  int& operator[](const PairKey& key) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    Slot& slot = find(key);
    if (!slot.used) {
      slot = {key, 0, true};
      ++used_;
    }
    return slot.count;
  }
  template <typename F>
  void for_each(F&& f) const {
    for (const Slot& slot : slots_)
      if (slot.used) f(slot.key, slot.count);
  }

 private:
  struct Slot {
    PairKey key{};
    int count = 0;
    bool used = false;
  };
  static size_t hash(const PairKey& k) {
    const double r = k.r == 0 ? 0.0 : k.r;  // 0 and -0 compare equal: one hash
    uint64_t bits = 0;
    std::memcpy(&bits, &r, sizeof bits);
    // MurmurHash3's finaliser over both words: every input bit reaches the low bits
    // the table masks.
    auto mix = [](uint64_t h) {
      h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
      h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
      return h ^ (h >> 33);
    };
    return static_cast<size_t>(
        mix((uint64_t{static_cast<uint32_t>(k.a)} << 32 | static_cast<uint32_t>(k.b)) ^ mix(bits)));
  }
  Slot& find(const PairKey& key) {
    const size_t mask = slots_.size() - 1;
    size_t i = hash(key) & mask;
    while (slots_[i].used && !(slots_[i].key == key)) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() { rehash(std::max<size_t>(64, 2 * slots_.size())); }
  void rehash(size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    for (const Slot& slot : old)
      if (slot.used) find(slot.key) = slot;
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

// Factors sums that many rows share out of them, one pair of terms at a time: the
// pair (a, b) with w_b = r * w_a for an integer r that the most rows hold becomes a new
// coordinate v = x_a + r * x_b (numbered from `next`), and those rows read w_a * v
// instead. (The bytes of a word, 1, 256, 65536, 2^24, recur in many comparisons.) A
// pair must be held by at least three rows: each saves one term, v costs two.
// Exact: r * w_a = w_b is checked exact, and w_a * (x_a + r x_b) = w_a x_a + w_b x_b
// holds exactly for the compiled model's exact numbers.
// Returns the pairs with their ratios, in the order they must be computed.
std::vector<std::pair<std::pair<int, int>, double>> factor_shared_sums(Rows& rows, int next) {
  std::vector<std::pair<std::pair<int, int>, double>> pairs;
  using Key = PairKey;
  // (a, b, r) for two terms of a row, oriented so that |r| >= 1; false when r is not
  // an integer of magnitude below 2^31.
  auto key_of = [](const Entry& p, const Entry& q, Key& key) {
    const bool swap = std::abs(p.second) > std::abs(q.second);
    const Entry& a = swap ? q : p;
    const Entry& b = swap ? p : q;
    const double r = b.second / a.second;
    double check = 0;
    if (!(std::abs(r) < 2147483648.0) || r != std::floor(r) || !exact_product(r, a.second, check) ||
        check != b.second)
      return false;
    key = {a.first, b.first, r};
    return true;
  };
  // How many rows of 3 or more terms hold each key, kept up to date as rows are
  // rewritten (a full recount per chosen pair made this the engine's largest set-up
  // cost): rewriting a row removes its pairs with a or b and adds its pairs with the
  // new sum; the pairs of its other terms keep their keys (their order is kept).
  PairCounts count;
  // `ranked` is a heap of (count, key) holding, for every key counted more than twice,
  // an entry with at least its count: one is pushed when a count grows, and an entry
  // found stale at the top is pushed again with its key's lower count. So its first
  // current entry is the greedy choice a recount would make: the most frequent key,
  // the smallest among equals (a key with a higher count, or an equal count and a
  // smaller key, would have an entry above it).
  using Ranked = std::pair<int, Key>;
  auto lower = [](const Ranked& x, const Ranked& y) {
    return x.first < y.first || (x.first == y.first && y.second < x.second);
  };
  std::priority_queue<Ranked, std::vector<Ranked>, decltype(lower)> ranked(lower);
  bool ranking = false;  // pushes start once the first count is complete
  auto update = [&](const Entry& p, const Entry& q, int delta) {
    Key key{};
    if (!key_of(p, q, key)) return;
    const int n = count[key] += delta;
    if (ranking && delta > 0 && n > 2) ranked.push({n, key});
  };
  auto add_row = [&](const std::vector<Entry>& row, int delta) {
    if (row.size() < 3) return;
    for (size_t i = 0; i < row.size(); ++i)
      for (size_t j = i + 1; j < row.size(); ++j) update(row[i], row[j], delta);
  };
  size_t terms = 0;  // pairs counted at first (at most that many keys)
  for (const auto& row : rows)
    if (row.size() >= 3) terms += row.size() * (row.size() - 1) / 2;
  count.reserve(terms);
  for (const auto& row : rows) add_row(row, +1);
  {
    std::vector<Ranked> initial;
    count.for_each([&](const Key& key, int n) {
      if (n > 2) initial.push_back({n, key});
    });
    ranked = decltype(ranked)(lower, std::move(initial));
    ranking = true;
  }
  // The rows that hold each coordinate (or held it: a row found here is checked),
  // so that a chosen pair visits only its rows.
  std::vector<std::vector<uint32_t>> holding;
  for (size_t i = 0; i < rows.size(); ++i)
    for (const auto& [j, w] : rows[i]) {
      if (static_cast<size_t>(j) >= holding.size()) holding.resize(static_cast<size_t>(j) + 1);
      holding[static_cast<size_t>(j)].push_back(static_cast<uint32_t>(i));
    }
  for (;;) {
    while (!ranked.empty()) {
      const auto [c, key] = ranked.top();
      const int n = count[key];
      if (n == c) break;
      ranked.pop();
      if (n < c && n > 2) ranked.push({n, key});
    }
    if (ranked.empty()) return pairs;
    const Key chosen = ranked.top().second;
    const int v = next++;
    pairs.push_back({{chosen.a, chosen.b}, chosen.r});
    holding.resize(std::max(holding.size(), static_cast<size_t>(v) + 1));
    const std::vector<uint32_t>& with_a = holding[static_cast<size_t>(chosen.a)];
    const std::vector<uint32_t>& with_b = holding[static_cast<size_t>(chosen.b)];
    for (uint32_t i : with_a.size() <= with_b.size() ? with_a : with_b) {
      std::vector<Entry>& row = rows[i];
      auto a = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.first == chosen.a; });
      auto b = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.first == chosen.b; });
      Key key{};
      if (a == row.end() || b == row.end() || !key_of(*a, *b, key) || key.a != chosen.a || key.r != chosen.r)
        continue;
      const bool counted = row.size() > 3;  // counted before and after (3 terms become 2: not after)
      if (counted) {
        const size_t ia = static_cast<size_t>(a - row.begin()), ib = static_cast<size_t>(b - row.begin());
        for (size_t k = 0; k < row.size(); ++k) {
          if (k != ia) update(row[std::min(k, ia)], row[std::max(k, ia)], -1);
          if (k != ib && k != ia) update(row[std::min(k, ib)], row[std::max(k, ib)], -1);
        }
      } else {
        add_row(row, -1);
      }
      const double w = a->second;
      row.erase(std::max(a, b));
      row.erase(std::min(a, b));
      row.push_back({v, w});
      holding[static_cast<size_t>(v)].push_back(i);
      if (counted)
        for (size_t k = 0; k + 1 < row.size(); ++k) update(row[k], row.back(), +1);
    }
  }
}

// Where each single neuron's output goes: the one coordinate its output column
// writes, with its weight (the walk adds weight * (gate * value) there, as the
// reference adds the column times gate * value); and its value when the value row
// reads the constant 1 alone (then value = that weight times 1, exactly). Read from
// the block's own value rows and output columns (flattened from the model's in their
// order), so that share_sums needs the plan only.
std::vector<BlockPlan::SingleOutput> find_single_outputs(const BlockPlan& b, const std::vector<int>& single,
                                                         int constant_one) {
  std::vector<BlockPlan::SingleOutput> outputs;
  for (int n : single) {
    const auto i = static_cast<size_t>(n);
    BlockPlan::SingleOutput& o = outputs.emplace_back();
    if (b.output_start[i + 1] - b.output_start[i] == 1) {
      o.row = b.output_entries[b.output_start[i]].first;
      o.weight = b.output_entries[b.output_start[i]].second;
    }
    const uint32_t begin = b.value_start[i];
    o.constant = constant_one >= 0 && b.value_start[i + 1] - begin == 1 &&
                 b.value_entries[begin].first == constant_one;
    if (o.constant) o.value = b.value_entries[begin].second;
  }
  return outputs;
}

// The neurons of a block evaluated one by one, `single` (ascending) with their gate
// rows: the sums their rows share factored out (with `share_sums`), the rows stored
// in runs of one length, each neuron's output found.
void plan_single_neurons(int d_model, int constant_one, bool share_sums, const std::vector<int>& single,
                         Rows single_rows, BlockPlan& b, FastTransformer::Layout& layout) {
  b.pair.clear();
  b.pair_ratio.clear();
  b.single_gates = RowRuns{};
  if (share_sums)
    for (const auto& [p, r] : factor_shared_sums(single_rows, d_model)) {
      b.pair.push_back(p);
      b.pair_ratio.push_back(r);
    }
  layout.shared_sums += static_cast<int64_t>(b.pair.size());
  std::vector<std::pair<int, std::vector<Entry>>> tagged;
  for (size_t k = 0; k < single.size(); ++k) tagged.push_back({single[k], std::move(single_rows[k])});
  b.single = store_in_runs(std::move(tagged), b.single_gates);
  b.single_output = find_single_outputs(b, b.single, constant_one);
}

// The feed-forward layer of a block: its linear neurons fused into a map (with the
// slot clears apart), its families, and the other neurons one by one, their shared
// sums factored out of their gate rows, stored in runs of one length.
void plan_feed_forward(const SparseFeedForward& ffn, int d_model, int constant_one, bool share_sums,
                       BlockPlan& b, FastTransformer::Layout& layout) {
  flatten(ffn.value, b.value_start, b.value_entries);
  flatten(ffn.output, b.output_start, b.output_entries);
  FlatRows gates;
  flatten(ffn.gate, gates.start, gates.entries);
  for (size_t i = 0; i < gates.size(); ++i)
    layout.neurons += gates[i].empty() ? 0 : 1;  // (an empty gate row never fires)
  std::vector<char> taken(gates.size(), 0);

  const std::vector<Entry> linear = find_linear_neurons(gates, constant_one);
  std::map<int, std::vector<Entry>> map;
  if (fuse_linear_map(ffn, linear, map)) {
    b.cleared = find_slot_clears(map);
    b.linear_row =
        store_in_runs(std::vector<std::pair<int, std::vector<Entry>>>(map.begin(), map.end()), b.linear);
    for (const auto& [i, c] : linear) taken[static_cast<size_t>(i)] = 1;
    layout.linear_neurons += static_cast<int64_t>(linear.size());
  }

  b.families = group_families(gates, taken);
  for (BlockPlan::Family& f : b.families) {
    find_family_outputs(ffn, f);
    if (make_family_prefix_sums(f)) ++layout.summed_families;
    tabulate_family_thresholds(f, constant_one);
    layout.family_neurons += static_cast<int64_t>(f.neuron.size());
    ++layout.families;
  }

  std::vector<int> single;
  Rows single_rows;
  for (size_t i = 0; i < gates.size(); ++i)
    if (!taken[i] && !gates[i].empty()) {
      single.push_back(static_cast<int>(i));
      single_rows.emplace_back(gates[i].begin(), gates[i].end());
    }
  plan_single_neurons(d_model, constant_one, share_sums, single, std::move(single_rows), b, layout);
}

// ---- the unembedding ----

// The vocabulary in groups of tokens whose unembedding rows read the same residual
// coordinates (bytes, pcs, output bytes, ...), in the order of their first tokens. A
// row's coordinates are compared in place (an open-addressing table from the hash of
// its coordinates to the groups with that hash), not copied into a map's key.
std::vector<VocabGroup> group_tokens(const SparseRows& unembedding) {
  std::vector<VocabGroup> groups;
  const auto columns_of = [&](Eigen::Index t) {
    const auto* begin = unembedding.innerIndexPtr() + unembedding.outerIndexPtr()[t];
    return std::span<const int>(begin, unembedding.innerIndexPtr() + unembedding.outerIndexPtr()[t + 1]);
  };
  int bits = 4;
  while ((Eigen::Index{1} << bits) < 2 * unembedding.rows()) ++bits;
  const size_t capacity = size_t{1} << bits;
  std::vector<uint32_t> table(capacity, UINT32_MAX);  // a group's index, by its hash's slot
  std::vector<uint64_t> group_hash;
  for (Eigen::Index t = 0; t < unembedding.rows(); ++t) {
    const std::span<const int> columns = columns_of(t);
    uint64_t h = 1469598103934665603ull ^ columns.size();  // FNV-1a over the coordinates
    for (int c : columns) h = (h ^ static_cast<uint32_t>(c)) * 1099511628211ull;
    size_t slot = static_cast<size_t>((h * 0x9E3779B97F4A7C15ull) >> (64 - bits));
    for (;; slot = (slot + 1) & (capacity - 1)) {
      const uint32_t g = table[slot];
      if (g == UINT32_MAX) {  // a new group
        table[slot] = static_cast<uint32_t>(groups.size());
        group_hash.push_back(h);
        groups.push_back({std::vector<int>(columns.begin(), columns.end()), {}, {}, {}, {}, {}, {}, {}});
        groups.back().tokens.push_back(static_cast<int>(t));
        break;
      }
      if (group_hash[g] == h &&
          std::equal(columns.begin(), columns.end(), groups[g].columns.begin(), groups[g].columns.end())) {
        groups[g].tokens.push_back(static_cast<int>(t));
        break;
      }
    }
  }
  return groups;
}

// The upper and lower convex hulls of the points (x[k], y[k]), strictly convex, left
// to right, each vertex the first k at its point. Cross products are exact in 128
// bits: the coordinates must be integers below 2^53 in magnitude, or both hulls stay
// empty.
void build_plane_hulls(const Eigen::VectorXd& x, const Eigen::VectorXd& y, std::vector<int>& upper,
                       std::vector<int>& lower) {
  constexpr double kLimit = 9007199254740992.0;
  struct Point {
    int64_t x, y;
    int k;
  };
  std::vector<Point> points;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    if (!(std::abs(x[k]) < kLimit && std::abs(y[k]) < kLimit) || x[k] != std::floor(x[k]) ||
        y[k] != std::floor(y[k]))
      return;
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
      while (h.size() >= 2 &&
             (top ? cross(h[h.size() - 2], h.back(), p) >= 0 : cross(h[h.size() - 2], h.back(), p) <= 0))
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

// What step() needs to find a group's best token without computing its logits: the
// coordinates all its tokens weigh alike (one offset to every logit, the same number
// for each), the others' weight columns with where each is first largest and first
// smallest (the argmax when only that coordinate is not 0), and with two of them the
// hulls of the tokens' weight pairs (the argmax when both are not).
// (Every token of a group stores exactly the group's coordinates, in order: its weight
// at the group's j-th coordinate is the j-th value stored in its row, read in place.)
void tabulate_token_weights(const SparseRows& unembedding, VocabGroup& g) {
  const Eigen::Index n = static_cast<Eigen::Index>(g.tokens.size());
  const auto weight = [&](int token, size_t j) {
    return unembedding.valuePtr()[static_cast<size_t>(unembedding.outerIndexPtr()[token]) + j];
  };
  std::vector<int> varying;
  std::vector<size_t> varying_at;  // their places among the group's coordinates
  for (size_t j = 0; j < g.columns.size(); ++j) {
    const double w = weight(g.tokens[0], j);
    bool same = true;
    for (int t : g.tokens) same = same && weight(t, j) == w;
    if (same) {
      g.constant.push_back({g.columns[j], w});
    } else {
      varying.push_back(g.columns[j]);
      varying_at.push_back(j);
    }
  }
  g.columns = varying;
  for (size_t v = 0; v < varying_at.size(); ++v) {
    Eigen::VectorXd column(n);
    for (Eigen::Index k = 0; k < n; ++k) column[k] = weight(g.tokens[static_cast<size_t>(k)], varying_at[v]);
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
}

// ---- the buffers and the kernels ----

// The sizes of step()'s buffers.
void size_buffers(FastPlan& plan) {
  size_t most_rows = 0;
  for (const BlockPlan& b : plan.blocks) {
    plan.most_pairs = std::max(plan.most_pairs, b.pair.size());
    plan.most_heads = std::max(plan.most_heads, b.heads.size());
    most_rows = std::max({most_rows, size_t{b.head_inputs}, b.linear_row.size()});
  }
  plan.scratch_rows = most_rows + 1;
  for (const VocabGroup& g : plan.vocab_groups)
    plan.largest_group = std::max(plan.largest_group, static_cast<Eigen::Index>(g.tokens.size()));
}

}  // namespace

// ---- the kernels: each block's spec (its arrays, see fast_plan.h), compiled ----

BlockKernelSpec make_kernel_spec(const FastPlan& plan, size_t l, int d_model) {
  const BlockPlan& b = plan.blocks[l];
  BlockKernelSpec spec;
  spec.base = d_model;
  spec.linear = rows_of(b.linear);
  for (const BlockPlan::Family& f : b.families) spec.linear.push_back(f.shared);
  for (const BlockPlan::Head& h : b.heads)
    for (int r = 0; r < 2; ++r) spec.head_rows.push_back(h.query[r]);
  for (const BlockPlan::KeyGroup& g : b.key_groups) {
    const BlockPlan::Head& first = b.heads[static_cast<size_t>(g.heads[0])];
    for (int r = 0; r < 2; ++r) spec.head_rows.push_back(first.key[r]);
    for (const auto& row : g.rows) spec.head_rows.push_back(row);
  }
  spec.cleared = b.cleared;
  spec.linear_rows = b.linear_row;
  for (const BlockPlan::Head& h : b.heads) {
    BlockKernelSpec::HeadOutput& out = spec.head_outputs.emplace_back();
    for (size_t r = 0; r < h.column.size(); ++r)
      out.columns.push_back(
          {h.column[r], std::vector<Entry>(h.output_entries.begin() + h.output_start[r],
                                           h.output_entries.begin() + h.output_start[r + 1])});
  }
  for (size_t k = 0; k < b.pair.size(); ++k)
    spec.sums.push_back({b.pair[k].first, b.pair[k].second, b.pair_ratio[k]});
  Rows gates = rows_of(b.single_gates);
  spec.gates.reserve(gates.size());
  for (size_t k = 0; k < gates.size(); ++k) {
    BlockKernelSpec::Gate& g = spec.gates.emplace_back();
    const BlockPlan::SingleOutput& o = b.single_output[k];
    g.row = std::move(gates[k]);
    g.out_row = o.row;
    g.out_weight = o.weight;
    g.constant = o.constant;
    g.value = o.value;
    const int i = b.single[k];
    if (o.row >= 0 && !o.constant)
      g.value_row.assign(b.value_entries.begin() + b.value_start[static_cast<size_t>(i)],
                         b.value_entries.begin() + b.value_start[static_cast<size_t>(i) + 1]);
  }
  return spec;
}

std::vector<BlockKernelSpec> make_kernel_specs(const FastPlan& plan, int d_model) {
  std::vector<BlockKernelSpec> specs;
  for (size_t l = 0; l < plan.blocks.size(); ++l) specs.push_back(make_kernel_spec(plan, l, d_model));
  return specs;
}

void compile_kernels(FastPlan& plan, int d_model, BlockKernelCompiler& compiler) {
  const auto start = std::chrono::steady_clock::now();
  // The specs one block at a time (the compiler may drop each once written), with
  // the sizes of the buffers the kernels write.
  size_t most_gates = 0, most_rows = 0;
  std::shared_ptr<void> code;
  std::vector<BlockKernels> kernels = compiler.compile_each(
      plan.blocks.size(),
      [&](size_t l) {
        BlockKernelSpec spec = make_kernel_spec(plan, l, d_model);
        most_rows = std::max({most_rows, spec.linear.size(), spec.head_rows.size()});
        most_gates = std::max(most_gates, spec.gates.size());
        return spec;
      },
      code);
  plan.layout.kernels_requested = true;
  plan.layout.kernel_build_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (kernels.size() != plan.blocks.size()) return;
  plan.kernel_code = std::move(code);
  for (size_t l = 0; l < plan.blocks.size(); ++l) plan.blocks[l].kernels = std::move(kernels[l]);
  plan.scratch_rows = std::max(plan.scratch_rows, most_rows + 1);
  plan.kernel_outputs = most_gates + 1;
  plan.layout.compiled_blocks = static_cast<int64_t>(plan.blocks.size());
}

void share_sums(FastPlan& plan, int d_model) {
  const auto start = std::chrono::steady_clock::now();
  // Kernels compiled from the whole gate rows: dropped (compile_kernels builds new ones).
  for (BlockPlan& b : plan.blocks) b.kernels = {};
  plan.kernel_code.reset();
  plan.kernel_outputs = 0;
  plan.layout.compiled_blocks = 0;
  for (size_t l = 0; l < plan.blocks.size(); ++l) {
    BlockPlan& b = plan.blocks[l];
    C2W_CHECK(b.pair.empty(), "the plan's sums are shared already");
    // The single neurons' rows in ascending neuron order, as plan_feed_forward has them.
    Rows stored = rows_of(b.single_gates);
    std::vector<size_t> order(b.single.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return b.single[x] < b.single[y]; });
    std::vector<int> single;
    Rows single_rows;
    for (size_t k : order) {
      single.push_back(b.single[k]);
      single_rows.push_back(std::move(stored[k]));
    }
    plan_single_neurons(d_model, plan.constant_one, true, single, std::move(single_rows), b, plan.layout);
  }
  size_buffers(plan);
  plan.layout.plan_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

namespace {

// The rows of `runs` marked in `keep`, in their order (runs of one length stay so),
// and their indices in `runs`.
RowRuns kept_rows(const RowRuns& runs, const std::vector<char>& keep, std::vector<uint32_t>& kept) {
  RowRuns out;
  size_t e = 0;
  uint32_t k = 0;
  for (const auto& [length, count] : runs.runs)
    for (uint32_t r = 0; r < count; ++r, ++k, e += length) {
      if (!keep[k]) continue;
      kept.push_back(k);
      out.column.insert(out.column.end(), runs.column.begin() + long(e),
                        runs.column.begin() + long(e + length));
      out.weight.insert(out.weight.end(), runs.weight.begin() + long(e),
                        runs.weight.begin() + long(e + length));
      if (out.runs.empty() || out.runs.back().first != length) out.runs.push_back({length, 0});
      ++out.runs.back().second;
    }
  return out;
}

// Calls f(k, row k) for each row of `runs`, row k as (columns, length).
template <typename F>
void for_each_stored_row(const RowRuns& runs, F&& f) {
  size_t e = 0;
  uint32_t k = 0;
  for (const auto& [length, count] : runs.runs)
    for (uint32_t r = 0; r < count; ++r, ++k, e += length) f(k, runs.column.data() + e, length);
}

}  // namespace

std::vector<PrefillBlock> plan_prefill(const FastPlan& plan, int d_model) {
  const size_t width = size_t(d_model) + plan.most_pairs;
  std::vector<PrefillBlock> prefill(plan.blocks.size());
  // live[c]: coordinate c, where the walk stands, is read later by something needed.
  std::vector<char> live(width, 0), before(width, 0);
  auto read = [&](const std::vector<Entry>& row) {
    for (const auto& [c, w] : row) before[static_cast<size_t>(c)] = 1;
  };
  for (size_t l = plan.blocks.size(); l-- > 0;) {
    const BlockPlan& b = plan.blocks[l];
    PrefillBlock& p = prefill[l];
    // Feed-forward part: every neuron reads the residual, then the clears, then the
    // outputs are added. Needed: what writes a live coordinate (decided on `live`,
    // the coordinates live after the block); `before` gathers what is live before it.
    auto writes_live = [&](int neuron) {
      for (uint32_t e = b.output_start[size_t(neuron)]; e < b.output_start[size_t(neuron) + 1]; ++e)
        if (live[size_t(b.output_entries[e].first)]) return true;
      return false;
    };
    auto read_value = [&](int neuron) {
      for (uint32_t e = b.value_start[size_t(neuron)]; e < b.value_start[size_t(neuron) + 1]; ++e)
        before[size_t(b.value_entries[e].first)] = 1;
    };
    before = live;
    for (int r : b.cleared) before[size_t(r)] = 0;  // (set to 0, then the outputs added)
    // The single neurons (they read the shared sums, computed before them).
    std::vector<char> keep(b.single.size(), 0);
    for_each_stored_row(b.single_gates, [&](uint32_t k, const int* column, uint32_t length) {
      const BlockPlan::SingleOutput& o = b.single_output[k];
      keep[k] = (o.row >= 0 && live[size_t(o.row)]) || writes_live(b.single[k]);
      if (!keep[k]) return;
      for (uint32_t j = 0; j < length; ++j) before[size_t(column[j])] = 1;
      read_value(b.single[k]);
    });
    p.single_gates = kept_rows(b.single_gates, keep, p.single);
    // The shared sums, last first (one may read an earlier one): each overwrites its
    // coordinate.
    for (size_t k = b.pair.size(); k-- > 0;) {
      const size_t c = size_t(d_model) + k;
      if (!before[c]) continue;
      before[c] = 0;
      before[size_t(b.pair[k].first)] = before[size_t(b.pair[k].second)] = 1;
      p.pair.push_back(static_cast<uint32_t>(k));
    }
    std::reverse(p.pair.begin(), p.pair.end());
    // The families and the linear rows (they read the residual before the shared sums).
    p.family.assign(b.families.size(), 0);
    for (size_t fi = 0; fi < b.families.size(); ++fi) {
      const BlockPlan::Family& f = b.families[fi];
      bool needed = f.out_row >= 0 && live[size_t(f.out_row)];
      for (int i : f.neuron) needed = needed || writes_live(i);
      if (!needed) continue;
      p.family[fi] = 1;
      read(f.shared);
      before[size_t(f.varying)] = 1;
      read(f.value_row);
      for (int i : f.neuron) read_value(i);
      p.counts.neurons += static_cast<int64_t>(f.neuron.size());
    }
    keep.assign(b.linear_row.size(), 0);
    for_each_stored_row(b.linear, [&](uint32_t k, const int* column, uint32_t length) {
      keep[k] = live[size_t(b.linear_row[k])];
      if (keep[k])
        for (uint32_t j = 0; j < length; ++j) before[size_t(column[j])] = 1;
    });
    p.linear_rows = kept_rows(b.linear, keep, p.linear);
    std::vector<char> seen(width, 0);
    auto mark = [&](int c) {
      if (c >= 0 && !seen[size_t(c)]) {
        seen[size_t(c)] = 1;
        p.written.push_back(c);
      }
    };
    for (const auto& [c, w] : b.output_entries) mark(c);
    for (const BlockPlan::Family& f : b.families) mark(f.out_row);
    for (const BlockPlan::SingleOutput& o : b.single_output) mark(o.row);
    live.swap(before);

    // Attention part: every head reads the residual (key groups: keys and values
    // appended, always), then the heads' outputs are added.
    before = live;
    p.head.assign(b.heads.size(), 0);
    for (size_t h = 0; h < b.heads.size(); ++h) {
      const BlockPlan::Head& head = b.heads[h];
      for (const auto& [c, w] : head.output_entries) p.head[h] = p.head[h] || live[size_t(c)];
      if (!p.head[h]) continue;
      read(head.query[0]);
      read(head.query[1]);
      ++p.counts.heads;
    }
    for (const BlockPlan::KeyGroup& group : b.key_groups) {
      const BlockPlan::Head& first = b.heads[size_t(group.heads[0])];
      read(first.key[0]);
      read(first.key[1]);
      for (const std::vector<Entry>& row : group.rows) read(row);
    }
    live.swap(before);
    for (size_t c = 0; c < width; ++c)
      if (live[c]) p.live_before.push_back(static_cast<int>(c));

    p.counts.all_heads = static_cast<int64_t>(b.heads.size());
    p.counts.all_neurons = static_cast<int64_t>(b.single.size());
    for (const BlockPlan::Family& f : b.families)
      p.counts.all_neurons += static_cast<int64_t>(f.neuron.size());
    p.counts.neurons += static_cast<int64_t>(p.single.size());
    p.counts.linear_rows = static_cast<int64_t>(p.linear.size());
    p.counts.all_linear_rows = static_cast<int64_t>(b.linear_row.size());
  }
  return prefill;
}

namespace {

// plan_fast_pass, and with `release` (the model itself) each block's matrices freed
// once it is planned and the unembedding once its groups are found.
FastPlan plan_model(const SparseModel& model, BlockKernelCompiler* compiler, bool share_sums,
                    SparseModel* release) {
  const auto start = std::chrono::steady_clock::now();
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  FastPlan plan;
  const int constant_one = find_constant_one(model);
  plan.constant_one = constant_one;
  for (size_t l = 0; l < model.blocks.size(); ++l) {
    const SparseBlock& block = model.blocks[l];
    BlockPlan& b = plan.blocks.emplace_back();
    group_head_keys(block, b);
    plan_feed_forward(block.ffn, model.d_model, constant_one, share_sums, b, plan.layout);
    if (release) {  // (Eigen 3.4's sparse matrices free their storage when swapped out, not assigned)
      SparseBlock& planned = release->blocks[l];
      std::vector<SparseAttentionHead>().swap(planned.heads);
      SparseRows().swap(planned.ffn.gate);
      SparseRows().swap(planned.ffn.value);
      SparseCols().swap(planned.ffn.output);
    }
  }
  plan.vocab_groups = group_tokens(model.unembedding);
  for (VocabGroup& g : plan.vocab_groups) tabulate_token_weights(model.unembedding, g);
  if (release) SparseRows().swap(release->unembedding);
  size_buffers(plan);
  plan.layout.blocks = static_cast<int64_t>(plan.blocks.size());
  if (compiler) compile_kernels(plan, model.d_model, *compiler);
  plan.layout.plan_seconds = since(start);
  return plan;
}

}  // namespace

FastPlan plan_fast_pass(const SparseModel& model, BlockKernelCompiler* compiler, bool share_sums) {
  return plan_model(model, compiler, share_sums, nullptr);
}

FastPlan plan_fast_pass_releasing(SparseModel& model, BlockKernelCompiler* compiler, bool share_sums) {
  return plan_model(model, compiler, share_sums, &model);
}

}  // namespace c2w::neural
