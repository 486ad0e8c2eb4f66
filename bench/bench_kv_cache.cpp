// KV-cache lookups alone, dense (O(t)) against the convex hull (O(log t)), on a
// memory-style head: keys (2a, -a^2) for addresses a (one write per step, a third of
// them rewrites), queries (a, 1) for written addresses, tie mode `latest`. For each
// cache size t it prints the time per append and per lookup and the ratio, measured
// in one run. (Whole-engine figures on compiled programs need the weight compiler.)
//
//   bench_kv_cache [max_t]     (default 1000000; the dense cache stops at 100000)
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "neural/hull_head_cache.h"

using namespace c2w::neural;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int64_t max_t = 1000000;
  CLI::App app{"bench_kv_cache: hull against dense head caches, append and lookup time against cache length"};
  app.add_option("max_t", max_t, "the longest cache (default 10^6)")
      ->check(CLI::Range(int64_t{1000}, int64_t{1} << 40));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // a usage error: 2, with the message on stderr
  }
  std::printf("%10s %16s %16s %16s %10s %10s\n", "t", "hull append ns", "hull lookup ns", "dense lookup ns",
              "dense/hull", "hull keys");
  for (int64_t t = 1000; t <= max_t; t *= 10) {
    std::mt19937_64 rng(1);
    std::vector<int64_t> written;
    HullHeadCache hull(TieMode::Latest, 4);
    DenseHeadCache dense(TieMode::Latest, 4);
    bool run_dense = t <= 100000;
    Eigen::VectorXd value = Eigen::VectorXd::Ones(4);
    auto start = Clock::now();
    for (int64_t i = 0; i < t; ++i) {
      int64_t a =
          (i % 3 == 0 && !written.empty()) ? written[rng() % written.size()] : int64_t(rng() % (1u << 24));
      written.push_back(a);
      hull.append(Eigen::Vector2d(2.0 * a, -double(a) * double(a)), value);
    }
    double append_ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(t);
    if (run_dense)
      for (int64_t a : written) dense.append(Eigen::Vector2d(2.0 * a, -double(a) * double(a)), value);
    const int lookups = 2000;
    std::vector<int64_t> queries;
    for (int i = 0; i < lookups; ++i) queries.push_back(written[rng() % written.size()]);
    Eigen::VectorXd out;
    int64_t winner = 0, checksum = 0;
    start = Clock::now();
    for (int64_t q : queries) {
      hull.lookup(Eigen::Vector2d(double(q), 1), out, winner);
      checksum += winner;
    }
    double hull_ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / lookups;
    double dense_ns = 0;
    if (run_dense) {
      int64_t dense_checksum = 0;
      int dense_lookups = t >= 100000 ? 100 : lookups;
      start = Clock::now();
      for (int i = 0; i < dense_lookups; ++i) {
        dense.lookup(Eigen::Vector2d(double(queries[i]), 1), out, winner);
        dense_checksum += winner;
      }
      dense_ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / dense_lookups;
      (void)dense_checksum;
    }
    std::printf("%10lld %16.0f %16.0f %16s %10s %10zu\n", (long long)t, append_ns, hull_ns,
                run_dense ? std::to_string(int64_t(dense_ns)).c_str() : "-",
                run_dense ? std::to_string(int64_t(dense_ns / hull_ns)).c_str() : "-", hull.hull_vertices());
    (void)checksum;
  }
  return 0;
}
