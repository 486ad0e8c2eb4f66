// The convex-hull KV cache (see hull_head_cache.h).
//
// Hull invariant: the vertices, in increasing x, are every key that is on or above
// the upper hull (one per x, the highest); a vertex B between A and C is removed only
// when it lies strictly below segment AC (cross(A, B, C) > 0), so collinear keys stay
// and can tie. Each vertex records its right neighbour, so q·(next − v) > 0 says "the
// score still rises to the right", which is what lower_bound searches for.
#include "neural/hull_head_cache.h"

#include <algorithm>

#include <cmath>
#include <memory_resource>
#include <set>
#include <stdexcept>
#include <vector>

namespace c2w::neural {
namespace {

using i128 = __int128;

inline int64_t exact_integer(double v, const char* what) {
  // (The magnitude test first: converting a larger number, or NaN, is undefined.)
  if (!(std::fabs(v) < 9007199254740992.0) || static_cast<double>(static_cast<int64_t>(v)) != v)
    throw std::domain_error(std::string("the hull cache needs integer ") + what + " below 2^53 in magnitude");
  return static_cast<int64_t>(v);
}

}  // namespace

size_t HullHeadCache::KeyIndex::hash(int64_t x, int64_t y) {
  uint64_t h = uint64_t(x) * 0x9E3779B97F4A7C15ull ^ (uint64_t(y) + 0x632BE59BD9B4E019ull);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  return size_t(h ^ (h >> 29));
}

void HullHeadCache::KeyIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.index == kEmpty) continue;
    size_t i = hash(s.x, s.y) & mask;
    while (slots_[i].index != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint32_t HullHeadCache::KeyIndex::find_or_insert(int64_t x, int64_t y, uint32_t fresh_index, bool& inserted) {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const size_t mask = slots_.size() - 1;
  size_t i = hash(x, y) & mask;
  while (slots_[i].index != kEmpty) {
    if (slots_[i].x == x && slots_[i].y == y) {
      inserted = false;
      return slots_[i].index;
    }
    i = (i + 1) & mask;
  }
  slots_[i] = {x, y, fresh_index};
  ++count_;
  inserted = true;
  return fresh_index;
}

struct HullHeadCache::Hull {
  struct Vertex {
    int64_t x = 0, y = 0;
    uint32_t aggregate = 0;  // the key's aggregate in aggregates_
    mutable bool has_next = false;
    mutable int64_t next_x = 0, next_y = 0;
    bool is_query = false;
    int64_t qx = 0, qy = 0;
  };
  // Orders vertices by x. Against a query it answers "the best vertex lies further
  // right" (the score rises along the edge to the next vertex); std::set::lower_bound
  // only ever calls it as (vertex, query), and that predicate is monotone along a hull.
  struct Order {
    bool operator()(const Vertex& a, const Vertex& b) const {
      if (b.is_query) {
        if (!a.has_next) return false;
        return i128(b.qx) * (a.next_x - a.x) + i128(b.qy) * (a.next_y - a.y) > 0;
      }
      return a.x < b.x;
    }
  };
  // Vertices come from a pool owned by the hull: no malloc per vertex, and freeing the
  // whole hull is one release.
  std::pmr::unsynchronized_pool_resource pool;
  std::pmr::set<Vertex, Order> vertices{&pool};
  // Where the last lookup ended: lookups often come in runs of nearby queries (the
  // four bytes of a word), so the next one first walks a few vertices from there.
  // Insertions keep it valid; an erasure drops it.
  mutable std::pmr::set<Vertex, Order>::const_iterator hint;
  mutable bool has_hint = false;

  // > 0 when B lies strictly below the segment from A to C (A.x < B.x < C.x).
  static i128 cross(const Vertex& a, const Vertex& b, const Vertex& c) {
    return i128(b.x - a.x) * (c.y - a.y) - i128(b.y - a.y) * (c.x - a.x);
  }
  void link(std::pmr::set<Vertex, Order>::iterator it) {
    auto next = std::next(it);
    it->has_next = next != vertices.end();
    if (it->has_next) {
      it->next_x = next->x;
      it->next_y = next->y;
    }
  }

  void insert(int64_t x, int64_t y, uint32_t aggregate) {
    Vertex p;
    p.x = x;
    p.y = y;
    p.aggregate = aggregate;
    // (Right of every vertex, as a position's parabola keys come: no search of the tree.)
    auto it =
        !vertices.empty() && std::prev(vertices.end())->x < x ? vertices.end() : vertices.lower_bound(p);
    if (it != vertices.end() && it->x == x) {
      if (it->y >= y) return;  // a key at least as high is already there
      it = vertices.erase(it);
      has_hint = false;
    }
    if (it != vertices.end() && it != vertices.begin() && cross(*std::prev(it), p, *it) > 0) {
      link(std::prev(it));  // (only needed when a same-x vertex was erased above)
      return;               // strictly below the hull: it can never win
    }
    auto at = vertices.insert(it, p);
    while (std::next(at) != vertices.end() && std::next(at, 2) != vertices.end() &&
           cross(*at, *std::next(at), *std::next(at, 2)) > 0) {
      vertices.erase(std::next(at));
      has_hint = false;
    }
    while (at != vertices.begin() && std::prev(at) != vertices.begin() &&
           cross(*std::prev(at, 2), *std::prev(at), *at) > 0) {
      vertices.erase(std::prev(at));
      has_hint = false;
    }
    link(at);
    if (at != vertices.begin()) link(std::prev(at));
  }

  // The vertices with the best score for (qx, qy), qy > 0: the first vertex where the
  // score stops rising, and the following ones while it stays equal.
  // Returns their number; their aggregates are tied[0 .. n).
  size_t best(int64_t qx, int64_t qy, std::vector<uint32_t>& tied) const {
    if (vertices.empty()) return 0;
    // The first vertex whose score does not rise to the right (the last never does).
    auto rises = [&](const Vertex& v) {
      return v.has_next && i128(qx) * (v.next_x - v.x) + i128(qy) * (v.next_y - v.y) > 0;
    };
    auto it = vertices.end();
    if (has_hint) {
      constexpr int kSteps = 4;
      auto at = hint;
      int steps = 0;
      if (rises(*at)) {
        while (steps < kSteps && rises(*at)) ++at, ++steps;
        if (!rises(*at)) it = at;
      } else {
        while (steps < kSteps && at != vertices.begin() && !rises(*std::prev(at))) --at, ++steps;
        if (at == vertices.begin() || rises(*std::prev(at))) it = at;
      }
    }
    if (it == vertices.end()) {  // no hint, or too far from it
      Vertex query;
      query.is_query = true;
      query.qx = qx;
      query.qy = qy;
      it = vertices.lower_bound(query);
      if (it == vertices.end()) it = std::prev(vertices.end());
    }
    hint = it;
    has_hint = true;
    size_t n = 0;
    tied[n++] = it->aggregate;
    while (it->has_next && i128(qx) * (it->next_x - it->x) + i128(qy) * (it->next_y - it->y) == 0) {
      ++it;
      if (n == tied.size()) tied.resize(2 * n);
      tied[n++] = it->aggregate;
    }
    return n;
  }
};

HullHeadCache::HullHeadCache(TieMode tie, int value_dim) : tie_(tie), value_dim_(value_dim) {
  new_aggregate();
}

HullHeadCache::~HullHeadCache() = default;

size_t HullHeadCache::hull_vertices() const {
  return (upper_ ? upper_->vertices.size() : 0) + (lower_ ? lower_->vertices.size() : 0);
}

uint32_t HullHeadCache::new_aggregate() {
  Aggregate a;
  a.slot = static_cast<uint32_t>(aggregates_.size());
  aggregates_.push_back(a);
  arena_.resize(arena_.size() + size_t(value_dim_), 0.0);
  return a.slot;
}

void HullHeadCache::add_to(Aggregate& a, const double* value) {
  double* v = arena_.data() + size_t(a.slot) * size_t(value_dim_);
  if (tie_ == TieMode::Average && a.count > 0)
    for (int i = 0; i < value_dim_; ++i) v[i] += value[i];
  else
    for (int i = 0; i < value_dim_; ++i) v[i] = value[i];
  ++a.count;
  a.latest = size_;
}

void HullHeadCache::add_from(Aggregate& a, const Aggregate& p, const double* value) {
  if (tie_ == TieMode::Average) return add_to(a, value);
  a.slot = p.slot;  // p holds the value just appended: the latest
  ++a.count;
  a.latest = size_;
}

// The number of the point (x, y), by first appearance; a new key gets the next number.
uint32_t HullHeadCache::find_point(int64_t x, int64_t y, bool& fresh) {
  const auto next = static_cast<uint32_t>(points_.size());
  if (!points_by_x_) return point_index_.find_or_insert(x, y, next, fresh);
  if (points_.empty() || x > points_.back().first) {  // (x beyond every point's: new)
    fresh = true;
    return next;
  }
  auto at = std::lower_bound(points_.begin(), points_.end(), x,
                             [](const std::pair<int64_t, int64_t>& p, int64_t v) { return p.first < v; });
  if (at->first == x && at->second == y) {
    fresh = false;
    return static_cast<uint32_t>(at - points_.begin());
  }
  // A new key out of x order: from now on the hash table, holding every point.
  points_by_x_ = false;
  bool inserted = false;
  for (uint32_t i = 0; i < next; ++i)
    point_index_.find_or_insert(points_[i].first, points_[i].second, i, inserted);
  return point_index_.find_or_insert(x, y, next, fresh);
}

void HullHeadCache::append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) {
  int64_t x = exact_integer(key[0], "keys"), y = exact_integer(key[1], "keys");
  bool fresh = false;
  // The same key as the last append (a head's keys often repeat): its point and column
  // are known.
  const bool again = size_ > 0 && x == last_x_ && y == last_y_;
  const uint32_t point = again ? last_point_ : find_point(x, y, fresh);
  if (fresh) {
    points_.push_back({x, y});
    point_aggregate_.push_back(new_aggregate());
  }
  last_x_ = x;
  last_y_ = y;
  last_point_ = point;
  const double* v = value.data();
  Aggregate& p = aggregates_[point_aggregate_[point]];
  add_to(p, v);
  add_from(aggregates_[0], p, v);
  if (columns_built_) {
    if (!again || last_column_ == 0) {
      auto [col, new_column] = columns_.try_emplace(x, 0u);
      if (new_column) col->second = new_aggregate();
      last_column_ = col->second;
    }
    add_from(aggregates_[last_column_], aggregates_[point_aggregate_[point]], v);
  }
  if (fresh) {
    if (upper_) upper_->insert(x, y, point_aggregate_[point]);
    if (lower_) lower_->insert(x, -y, point_aggregate_[point]);
  }
  ++size_;
}

void HullHeadCache::ensure_hull(bool upper) const {
  std::unique_ptr<Hull>& hull = upper ? upper_ : lower_;
  if (hull) return;
  hull = std::make_unique<Hull>();
  for (size_t i = 0; i < points_.size(); ++i)
    hull->insert(points_[i].first, upper ? points_[i].second : -points_[i].second, point_aggregate_[i]);
}

void HullHeadCache::ensure_columns() const {
  if (columns_built_) return;
  columns_built_ = true;
  auto* self = const_cast<HullHeadCache*>(this);
  // Rebuild each column from its points, oldest first, so sums and latest values
  // are the ones incremental appends would have produced.
  std::vector<size_t> order(points_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i : order) {
    auto [col, fresh] = columns_.try_emplace(points_[i].first, 0u);
    if (fresh) col->second = self->new_aggregate();
    Aggregate& c = aggregates_[col->second];
    const Aggregate& p = aggregates_[point_aggregate_[i]];
    double* v = arena_.data() + size_t(c.slot) * size_t(value_dim_);
    const double* pv = value_of(p);
    if (tie_ == TieMode::Average) {
      for (int k = 0; k < value_dim_; ++k) v[k] = c.count == 0 ? pv[k] : v[k] + pv[k];
    } else if (p.latest > c.latest) {
      c.slot = p.slot;
    }
    c.count += p.count;
    c.latest = std::max(c.latest, p.latest);
  }
}

const double* HullHeadCache::finish(const uint32_t* tied, size_t n, int64_t& winner) const {
  const Aggregate* latest = &aggregates_[tied[0]];
  for (size_t i = 1; i < n; ++i)
    if (aggregates_[tied[i]].latest > latest->latest) latest = &aggregates_[tied[i]];
  winner = latest->latest;
  const Aggregate& first = aggregates_[tied[0]];
  if (tie_ == TieMode::Latest) return value_of(*latest);
  if (n == 1 && first.count == 1) return value_of(first);
  // The mean over every tied key, summed in a fixed order (by key).
  mean_.resize(size_t(value_dim_));
  double* out = mean_.data();
  const double* v0 = value_of(first);
  for (int k = 0; k < value_dim_; ++k) out[k] = v0[k];
  int64_t count = first.count;
  for (size_t i = 1; i < n; ++i) {
    const double* v = value_of(aggregates_[tied[i]]);
    for (int k = 0; k < value_dim_; ++k) out[k] += v[k];
    count += aggregates_[tied[i]].count;
  }
  if (count > 1)
    for (int k = 0; k < value_dim_; ++k) out[k] /= static_cast<double>(count);
  return out;
}

void HullHeadCache::lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const {
  const double* v = lookup_view(query, winner);
  out = Eigen::Map<const Eigen::VectorXd>(v, value_dim_);
}

const double* HullHeadCache::lookup_view(const Eigen::Vector2d& query, int64_t& winner) const {
  winner = -1;
  if (size_ == 0) {
    mean_.assign(size_t(value_dim_), 0.0);
    return mean_.data();
  }
  int64_t qx = exact_integer(query[0], "queries"), qy = exact_integer(query[1], "queries");
  if (qy == 0) {  // extreme x, or everything when q = 0
    uint32_t a = 0;
    if (qx != 0) {
      ensure_columns();
      a = qx > 0 ? columns_.rbegin()->second : columns_.begin()->second;
    }
    return finish(&a, 1, winner);
  }
  size_t n = 0;
  if (qy > 0) {
    if (!upper_) ensure_hull(true);
    n = upper_->best(qx, qy, tied_);
  } else {
    if (!lower_) ensure_hull(false);
    n = lower_->best(qx, -qy, tied_);
  }
  return finish(tied_.data(), n, winner);
}

HeadCacheFactory hull_cache_factory() {
  return [](TieMode tie, int value_dim) { return std::make_unique<HullHeadCache>(tie, value_dim); };
}

}  // namespace c2w::neural
