// The convex-hull KV cache against the dense one (the reference), key stream by key
// stream: every lookup must give the same value and the same winning position, in
// both tie modes, on random, adversarial and positional (2k, -k^2) key streams.
#include <catch2/catch.hpp>

#include <random>

#include "neural/hull_head_cache.h"

using namespace c2w;

namespace {

struct Stream {
  const char* name;
  std::vector<std::pair<double, double>> keys;
  std::vector<std::pair<double, double>> queries;  // each asked after every append
};

// Appends the keys one by one to both caches; after each append asks every query and
// compares. Values are (position, 3 * position mod 7): integers, so means are exact.
void check_same(const Stream& s, neural::TieMode tie) {
  neural::DenseHeadCache dense(tie, 2);
  neural::HullHeadCache hull(tie, 2);
  for (size_t i = 0; i < s.keys.size(); ++i) {
    Eigen::Vector2d k(s.keys[i].first, s.keys[i].second);
    Eigen::VectorXd v(2);
    v << static_cast<double>(i), static_cast<double>((3 * i) % 7);
    dense.append(k, v);
    hull.append(k, v);
    for (const auto& q : s.queries) {
      Eigen::Vector2d query(q.first, q.second);
      Eigen::VectorXd a, b;
      int64_t wa = -2, wb = -2;
      dense.lookup(query, a, wa);
      hull.lookup(query, b, wb);
      INFO(s.name << (tie == neural::TieMode::Latest ? " latest" : " average") << " after key " << i
                  << " query (" << q.first << ", " << q.second << ")");
      REQUIRE(wa == wb);
      REQUIRE(a == b);
    }
  }
}

std::vector<std::pair<double, double>> small_queries() {
  std::vector<std::pair<double, double>> q;
  for (int x = -3; x <= 3; ++x)
    for (int y = -3; y <= 3; ++y) q.push_back({x, y});
  return q;
}

}  // namespace

TEST_CASE("hull lookups equal dense lookups on adversarial key streams", "[hull]") {
  std::vector<Stream> streams;
  streams.push_back({"all equal", std::vector<std::pair<double, double>>(12, {2, -1}), small_queries()});
  {
    Stream s{"collinear on a line", {}, small_queries()};
    for (int i = 0; i < 12; ++i) s.keys.push_back({double((i * 5) % 12), double(2 * ((i * 5) % 12) - 3)});
    streams.push_back(s);
  }
  {
    Stream s{"one column", {}, small_queries()};
    for (int i = 0; i < 10; ++i) s.keys.push_back({4, double((i * 7) % 10 - 5)});
    streams.push_back(s);
  }
  {
    Stream s{"decreasing x on a parabola", {}, small_queries()};
    for (int k = 10; k >= -10; --k) s.keys.push_back({double(2 * k), double(-k * k)});
    streams.push_back(s);
  }
  {
    Stream s{"duplicates of a square's corners", {}, small_queries()};
    for (int i = 0; i < 16; ++i) s.keys.push_back({double((i & 1) * 2 - 1), double(((i >> 1) & 1) * 2 - 1)});
    streams.push_back(s);
  }
  // Keys in increasing x (found by binary search, no hash table), then old keys again,
  // then a new one out of x order (the table built from every point), then old keys
  // and new ones on both sides.
  for (int twist = 0; twist < 2; ++twist) {
    Stream s{twist ? "increasing x, then a new key at a known x" : "increasing x, then a new key between",
             {},
             small_queries()};
    for (int k = 0; k < 10; ++k) s.keys.push_back({double(2 * k), double(-k * k)});
    s.keys.push_back({6, -9});
    s.keys.push_back({14, -49});
    s.keys.push_back({0, 0});
    s.keys.push_back({40, -400});  // (beyond every x: new)
    s.keys.push_back({6, -9});
    s.keys.push_back(twist ? std::pair<double, double>{8, 3} : std::pair<double, double>{9, -20});
    for (int k = 9; k >= -3; k -= 3) s.keys.push_back({double(2 * k), double(-k * k)});
    s.keys.push_back(twist ? std::pair<double, double>{8, 3} : std::pair<double, double>{9, -20});
    s.keys.push_back({41, -400});
    streams.push_back(s);
  }
  for (const Stream& s : streams) {
    check_same(s, neural::TieMode::Latest);
    check_same(s, neural::TieMode::Average);
  }
}

TEST_CASE("hull lookups equal dense lookups on random key streams with many ties", "[hull]") {
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 60; ++trial) {
    Stream s{"random small", {}, small_queries()};
    int range = 1 + trial % 6;  // small ranges force duplicates, collinear keys and ties
    for (int i = 0; i < 40; ++i)
      s.keys.push_back(
          {double(int(rng() % (2 * range + 1)) - range), double(int(rng() % (2 * range + 1)) - range)});
    check_same(s, trial % 2 ? neural::TieMode::Latest : neural::TieMode::Average);
  }
}

TEST_CASE("hull lookups stay exact with huge coordinates", "[hull]") {
  // Memory-lookup keys (2a, -a^2) for addresses a < 2^24 and queries (q, 1): scores
  // reach 2^49, exact in float64 and in the hull's 128-bit arithmetic.
  std::mt19937_64 rng(7);
  Stream s{"addresses", {}, {}};
  std::vector<int64_t> addresses;
  for (int i = 0; i < 300; ++i) {
    int64_t a = static_cast<int64_t>(rng() % (1u << 24));
    if (i % 3 == 0 && !addresses.empty()) a = addresses[rng() % addresses.size()];  // rewrites
    addresses.push_back(a);
    s.keys.push_back({double(2 * a), -double(a) * double(a)});
  }
  for (int i = 0; i < 20; ++i) s.queries.push_back({double(addresses[rng() % addresses.size()]), 1});
  s.queries.push_back({123456, 1});  // an address never written: the nearest one wins
  s.queries.push_back({-5, 1});
  s.queries.push_back({1, 0});
  s.queries.push_back({0, -1});
  check_same(s, neural::TieMode::Latest);
  check_same(s, neural::TieMode::Average);
}

TEST_CASE("a positional head keeps only the keys that can win", "[hull]") {
  // Keys (2k, -k^2) all lie on a parabola: each is on the upper hull, none on the
  // lower hull's interior; a key behind the hull is dropped.
  neural::HullHeadCache hull(neural::TieMode::Latest, 1);
  Eigen::VectorXd v = Eigen::VectorXd::Zero(1);
  for (int k = 0; k < 1000; ++k) hull.append(Eigen::Vector2d(2.0 * k, -double(k) * k), v);
  hull.append(Eigen::Vector2d(10, -1000), v);  // strictly below the upper hull, above the lower
  Eigen::VectorXd out;
  int64_t winner = -1;
  hull.lookup(Eigen::Vector2d(500, 1), out, winner);
  CHECK(winner == 500);
  CHECK(hull.size() == 1001);
  CHECK(hull.distinct_keys() == 1001);
  CHECK(hull.hull_vertices() <= 1000 + 2 + 1);
}

TEST_CASE("the hull cache rejects keys it cannot compare exactly", "[hull]") {
  neural::HullHeadCache hull(neural::TieMode::Latest, 1);
  Eigen::VectorXd v = Eigen::VectorXd::Zero(1);
  CHECK_THROWS_AS(hull.append(Eigen::Vector2d(0.5, 1), v), std::domain_error);
  CHECK_THROWS_AS(hull.append(Eigen::Vector2d(1, 1e17), v), std::domain_error);
  hull.append(Eigen::Vector2d(1, 2), v);
  Eigen::VectorXd out;
  int64_t winner;
  CHECK_THROWS_AS(hull.lookup(Eigen::Vector2d(0.25, 1), out, winner), std::domain_error);
}
