// A KV cache for 2-D hard-max attention with O(log t) lookups: the convex-hull cache.
//
// For a query q = (qx, qy) the winning key maximises qx*x + qy*y. With qy > 0 that is
// a vertex of the upper convex hull of the keys (the upper envelope of the lines
// y + m*x at slope m = qx/qy); with qy < 0 a vertex of the lower hull; with qy = 0 a
// key of extreme x; with q = 0 every key ties. Each hull is a std::set ordered by x
// whose vertices know their right neighbour, so the best vertex is found by one
// lower_bound on "the score still rises to the right" (scores along a hull are
// concave): O(log n). Keys tied at the best score — identical keys, and keys on the
// same hull edge when the query is perpendicular to it — are all kept (collinear
// points stay on the hull) and combined per the head's tie mode: the latest of them,
// or the mean of their values.
//
// Arithmetic is exact: keys and queries must be integers of magnitude below 2^53
// (the weight compiler keeps them so); scores and cross products are computed in
// 128-bit integers. A key outside that range is a std::domain_error.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>

#include "neural/transformer.h"

namespace c2w::neural {

class HullHeadCache : public HeadCache {
 public:
  HullHeadCache(TieMode tie, int value_dim);
  ~HullHeadCache() override;
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override;
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override;
  int64_t size() const override { return size_; }
  size_t distinct_keys() const { return points_.size(); }
  size_t hull_vertices() const;

 private:
  struct Aggregate {  // all keys at one point (or one x, or everywhere)
    int64_t count = 0;
    int64_t latest = -1;
    Eigen::VectorXd sum, latest_value;
  };
  struct Hull;
  void add_to(Aggregate& a, const Eigen::VectorXd& value) const;
  void finish(const Aggregate* const* tied, size_t n, Eigen::VectorXd& out, int64_t& winner) const;

  TieMode tie_;
  int value_dim_;
  int64_t size_ = 0;
  std::map<std::pair<int64_t, int64_t>, Aggregate> points_;  // distinct keys
  std::map<int64_t, Aggregate> columns_;                     // all keys with one x
  Aggregate all_;
  std::unique_ptr<Hull> upper_, lower_;  // lower = upper hull of (x, -y)
};

HeadCacheFactory hull_cache_factory();

}  // namespace c2w::neural
