// A KV cache for 2-D hard-max attention with O(log t) lookups: the convex-hull cache.
//
// For a query q = (qx, qy) the winning key maximises qx*x + qy*y. With qy > 0 that is
// a vertex of the upper convex hull of the keys (the upper envelope of the lines
// y + m*x at slope m = qx/qy); with qy < 0 a vertex of the lower hull; with qy = 0 a
// key of extreme x; with q = 0 every key ties. Each hull is a std::set ordered by x
// whose vertices know their right neighbour, so the best vertex is found by one
// lower_bound on "the score still rises to the right" (scores along a hull are
// concave): O(log n). A lookup first walks at most four vertices from where the last
// one ended (the four bytes of a word are four nearby queries), and searches the
// tree only when the answer is not that close. Keys tied at the best score — identical keys, and keys on the
// same hull edge when the query is perpendicular to it — are all kept (collinear
// points stay on the hull) and combined per the head's tie mode: the latest of them,
// or the mean of their values.
//
// Arithmetic is exact: keys and queries must be integers of magnitude below 2^53
// (the weight compiler keeps them so); scores and cross products are computed in
// 128-bit integers. A key outside that range is a std::domain_error.
//
// Storage: one record per distinct key (identical keys merge: the latest value, or
// the running sum for `average`), values in one flat arena, no allocation per append
// once the arenas have grown. Distinct keys are found by a hash table, built only once
// a new key comes out of x order (till then the keys are sorted: a binary search, and
// no table for the keys of a position's parabola, new at every position). The upper hull, the lower hull and
// the per-x columns are built the first time a query needs them (a head's queries usually all have the same
// sign of q_y) and kept up to date from then on.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

#include "neural/transformer.h"

namespace c2w::neural {

class HullHeadCache : public HeadCache {
 public:
  HullHeadCache(TieMode tie, int value_dim);
  ~HullHeadCache() override;
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override;
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override;
  const double* lookup_view(const Eigen::Vector2d& query, int64_t& winner) const override;
  int64_t size() const override { return size_; }
  size_t distinct_keys() const { return points_.size(); }
  size_t hull_vertices() const;

 private:
  struct Hull;
  // Distinct key -> point number: open addressing, linear probing, no node per key.
  class KeyIndex {
   public:
    // The point number of (x, y), inserting `fresh_index` when the key is new.
    uint32_t find_or_insert(int64_t x, int64_t y, uint32_t fresh_index, bool& inserted);

   private:
    struct Slot {
      int64_t x = 0, y = 0;
      uint32_t index = kEmpty;
    };
    static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
    static size_t hash(int64_t x, int64_t y);
    void grow();
    std::vector<Slot> slots_;
    size_t count_ = 0;
  };
  // An aggregate: `count` keys, the latest at position `latest`; its value (the latest
  // value, or the sum for `average`) is arena_[slot * value_dim_ ...]. With `latest`
  // ties, the aggregates of every key and of an x column share the slot of the point
  // that holds their latest value instead of a copy of it.
  struct Aggregate {
    int64_t count = 0, latest = -1;
    uint32_t slot = 0;
  };
  uint32_t find_point(int64_t x, int64_t y, bool& fresh);
  uint32_t new_aggregate();
  void add_to(Aggregate& a, const double* value);
  // `a` gains the key just appended at point aggregate `p`.
  void add_from(Aggregate& a, const Aggregate& p, const double* value);
  const double* value_of(const Aggregate& a) const {
    return arena_.data() + size_t(a.slot) * size_t(value_dim_);
  }
  // The result over the tied aggregates tied[0 .. n) (indices into aggregates_).
  const double* finish(const uint32_t* tied, size_t n, int64_t& winner) const;
  void ensure_hull(bool upper) const;
  void ensure_columns() const;

  TieMode tie_;
  int value_dim_;
  int64_t size_ = 0;
  mutable std::vector<double> arena_;
  mutable std::vector<double> mean_;  // the result of an `average` lookup over ties
  mutable std::vector<uint32_t> tied_ = std::vector<uint32_t>(4);  // a lookup's tied keys (their aggregates)
  mutable std::vector<Aggregate> aggregates_;                      // [0] = every key; then one per point
  std::vector<std::pair<int64_t, int64_t>> points_;                // distinct keys, by first appearance
  std::vector<uint32_t> point_aggregate_;                          // per point
  // While every new key has come with a larger x than all before (a position's
  // parabola (2k, -k^2), keys that count up), the points are sorted by x and found by
  // binary search; the index is built at the first new key that is not (then kept).
  KeyIndex point_index_;
  bool points_by_x_ = true;
  mutable std::map<int64_t, uint32_t> columns_;  // x -> aggregate of every key with that x
  mutable bool columns_built_ = false;
  // The last key appended and its point; its column's aggregate once the columns are
  // built (0: not known yet, aggregate 0 being every key's).
  int64_t last_x_ = 0, last_y_ = 0;
  uint32_t last_point_ = 0;
  uint32_t last_column_ = 0;
  mutable std::unique_ptr<Hull> upper_, lower_;  // lower = upper hull of (x, -y); null until needed
};

HeadCacheFactory hull_cache_factory();

}  // namespace c2w::neural
