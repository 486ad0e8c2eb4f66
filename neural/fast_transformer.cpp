// The hull engine's forward pass (see fast_transformer.h): the per-token evaluation.
// What it walks was found once, when the engine was built, by plan_fast_pass
// (fast_plan.h); this file reads that plan and nothing else of the analysis.
#include "neural/fast_transformer.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <cpuid.h>
#endif

#include "neural/fast_plan.h"
#include "support/errors.h"

namespace c2w::neural {

namespace {

using Entry = BlockPlan::Entry;  // (residual coordinate, weight)
using Family = BlockPlan::Family;

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
void for_each_row(uint32_t length, uint32_t rows, const int* column, const double* weight, const double* x,
                  F& f) {
  switch (length) {
    case 1: return for_each_row_of<1>(rows, column, weight, x, f);
    case 2: return for_each_row_of<2>(rows, column, weight, x, f);
    case 3: return for_each_row_of<3>(rows, column, weight, x, f);
    case 4: return for_each_row_of<4>(rows, column, weight, x, f);
    case 5: return for_each_row_of<5>(rows, column, weight, x, f);
    case 6: return for_each_row_of<6>(rows, column, weight, x, f);
    case 7: return for_each_row_of<7>(rows, column, weight, x, f);
    case 8: return for_each_row_of<8>(rows, column, weight, x, f);
    default:
      // Four terms a trip, added in the row's order: the same sum, a quarter of the
      // loop's counting and branching.
      for (uint32_t r = 0; r < rows; ++r, column += length, weight += length) {
        double g = -0.0;
        uint32_t e = 0;
        for (; e + 4 <= length; e += 4) {
          g += weight[e] * x[column[e]];
          g += weight[e + 1] * x[column[e + 1]];
          g += weight[e + 2] * x[column[e + 2]];
          g += weight[e + 3] * x[column[e + 3]];
        }
        for (; e < length; ++e) g += weight[e] * x[column[e]];
        f(r, g);
      }
  }
}

// f(k, row k · x) for every row of `rows`, k counting from the first; with kPositive,
// only for the rows whose sum is > 0 (the gates that fire: the test is made in the
// unrolled loop, not in a call per row).
template <bool kPositive = false, typename F>
void for_each_row_of_runs(const RowRuns& rows, const double* x, F&& f) {
  const int* column = rows.column.data();
  const double* weight = rows.weight.data();
  uint32_t first = 0;
  auto shifted = [&](uint32_t r, double g) {
    if (!kPositive || g > 0) f(first + r, g);
  };
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

// The same over a residual whose coordinate c is x[c * kStride] (a prefill chunk's
// position p: its residual from x = chunk + p, kStride = kChunk).
template <int kStride>
double dot_at(const std::vector<Entry>& row, const double* x) {
  double s = -0.0;
  for (const auto& [j, w] : row) s += w * x[size_t(j) * kStride];
  return s;
}

constexpr int kChunk = FastTransformer::kChunk;

// The loops over a chunk's positions, built twice on x86-64 (the one for the CPU at
// hand chosen at the first prefill): with AVX2, four sums a vector instead of two.
// The same operations on each position, in the same order, either way. (Not with
// target_clones: its resolver runs libgcc's CPU detection, a dozen CPUID
// instructions, when the program starts; under a hypervisor that cost every
// run about 0.2 ms, a prompt to prefill or not.)
#define C2W_CHUNK_BODY inline __attribute__((always_inline))

// out[p] = row · x at the chunk's every position p (x coordinate-major), each sum in
// the row's order from -0, as dot() makes it: the same number position by position.
C2W_CHUNK_BODY void row_over_chunk_body(const int* column, const double* weight, uint32_t length,
                                        const double* x, double* out) {
  for (int p = 0; p < kChunk; ++p) out[p] = -0.0;
  for (uint32_t e = 0; e < length; ++e) {
    const double w = weight[e];
    const double* xe = x + size_t(column[e]) * kChunk;
    for (int p = 0; p < kChunk; ++p) out[p] += w * xe[p];
  }
}
C2W_CHUNK_BODY void row_over_chunk_body(const std::vector<Entry>& row, const double* x, double* out) {
  for (int p = 0; p < kChunk; ++p) out[p] = -0.0;
  for (const auto& [j, w] : row) {
    const double* xj = x + size_t(j) * kChunk;
    for (int p = 0; p < kChunk; ++p) out[p] += w * xj[p];
  }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target("avx2"))) void row_over_chunk_avx2(const int* column, const double* weight,
                                                         uint32_t length, const double* x, double* out) {
  row_over_chunk_body(column, weight, length, x, out);
}
__attribute__((target("avx2"))) void row_over_chunk_avx2(const std::vector<Entry>& row, const double* x,
                                                         double* out) {
  row_over_chunk_body(row, x, out);
}
// AVX2 usable: the CPU has it and the system saves the YMM registers (XGETBV).
bool has_avx2() {
  static const bool has = [] {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return false;
    unsigned low = 0, high = 0;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return false;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_AVX2);
  }();
  return has;
}
void row_over_chunk(const int* column, const double* weight, uint32_t length, const double* x, double* out) {
  if (has_avx2()) return row_over_chunk_avx2(column, weight, length, x, out);
  row_over_chunk_body(column, weight, length, x, out);
}
void row_over_chunk(const std::vector<Entry>& row, const double* x, double* out) {
  if (has_avx2()) return row_over_chunk_avx2(row, x, out);
  row_over_chunk_body(row, x, out);
}
#else
void row_over_chunk(const int* column, const double* weight, uint32_t length, const double* x, double* out) {
  row_over_chunk_body(column, weight, length, x, out);
}
void row_over_chunk(const std::vector<Entry>& row, const double* x, double* out) {
  row_over_chunk_body(row, x, out);
}
#endif
// f(k, sums) for every row k of `rows`, sums[p] its value at position p of the chunk.
template <typename F>
void for_each_row_over_chunk(const RowRuns& rows, const double* x, F&& f) {
  alignas(64) double sums[kChunk];
  const int* column = rows.column.data();
  const double* weight = rows.weight.data();
  uint32_t k = 0;
  for (const auto& [length, count] : rows.runs)
    for (uint32_t r = 0; r < count; ++r, ++k, column += length, weight += length) {
      row_over_chunk(column, weight, length, x, sums);
      f(k, static_cast<const double*>(sums));
    }
}

}  // namespace

FastTransformer::FastTransformer(SparseModel sparse, HeadCacheFactory caches, BlockKernelCompiler* compiler,
                                 int64_t share_sums_after)
    : model_(std::move(sparse)),
      plan_(std::make_unique<FastPlan>(
          plan_fast_pass_releasing(model_, compiler, /*share_sums=*/compiler || share_sums_after <= 0))),
      cache_factory_(caches),
      vocab_size_(model_.vocab_size()),
      sums_shared_(compiler || share_sums_after <= 0),
      share_sums_at_(share_sums_after) {
  std::vector<std::string>().swap(model_.vocabulary);  // (the caller keeps its own: only its size is read)
  const FastPlan& plan = *plan_;
  for (const BlockPlan& b : plan.blocks) {
    caches_.emplace_back();
    values_.emplace_back();
    for (const BlockPlan::KeyGroup& g : b.key_groups) {
      const auto width = static_cast<Eigen::Index>(g.rows.size());
      values_.back().push_back(Eigen::VectorXd::Zero(width));
      caches_.back().push_back(caches(g.tie, static_cast<int>(width)));
    }
  }
  size_buffers();
}

// The buffers' sizes from the plan, and what a prefilled position computes when it
// was found from the plan before (plan_prefill: a pass over the weights that a run
// without a prefill need not pay; prefill_chunk finds it at the first chunk).
void FastTransformer::size_buffers() {
  const FastPlan& plan = *plan_;
  if (!prefill_.empty()) prefill_ = plan_prefill(plan, model_.d_model);
  x_.setZero(model_.d_model + static_cast<Eigen::Index>(plan.most_pairs));
  queries_.resize(plan.most_heads);
  linear_.resize(plan.scratch_rows);
  kernel_rows_.resize(plan.kernel_outputs);
  kernel_amounts_.resize(plan.kernel_outputs);
  kernel_gates_.resize(plan.kernel_outputs);
  kernel_others_.resize(plan.kernel_outputs);
  logits_.setZero(plan.largest_group);
}

void FastTransformer::compile_kernels_after(int64_t tokens, std::shared_ptr<BlockKernelCompiler> compiler) {
  C2W_CHECK(plan_->layout.compiled_blocks == 0 && !plan_->layout.kernels_requested,
            "compile_kernels_after needs a pass built without a kernel compiler");
  deferred_compiler_ = std::move(compiler);
  compile_at_ = tokens;
  change_plan();
}

// The changes of the plan due once the pass has taken steps_ steps: the kernels
// built, the shared sums factored out (the kernels then built again from the new rows).
void FastTransformer::change_plan() {
  if (deferred_compiler_ && steps_ >= compile_at_) build_deferred_kernels();
  if (!sums_shared_ && steps_ >= share_sums_at_) share_sums();
}

// The kernels of the plan as it is (its shared sums factored out or not yet); the
// heads' caches carry over.
void FastTransformer::build_deferred_kernels() {
  kernel_compiler_ = std::move(deferred_compiler_);
  compile_kernels(*plan_, model_.d_model, *kernel_compiler_);
  size_buffers();
}

// The sums shared by gate rows factored out of the plan (fast_plan.h): only the single
// neurons' part of it changes; the heads and their caches stay. Kernels built before
// (from the whole rows) are dropped by it and built again.
void FastTransformer::share_sums() {
  const bool compiled = plan_->layout.compiled_blocks > 0;
  neural::share_sums(*plan_, model_.d_model);
  sums_shared_ = true;
  if (compiled) compile_kernels(*plan_, model_.d_model, *kernel_compiler_);
  size_buffers();  // (x_ is set afresh at every step; the prefill's liveness found again)
}

FastTransformer::~FastTransformer() = default;

void FastTransformer::reset() {
  const FastPlan& plan = *plan_;
  for (size_t l = 0; l < plan.blocks.size(); ++l)
    for (size_t g = 0; g < plan.blocks[l].key_groups.size(); ++g) {
      const BlockPlan::KeyGroup& group = plan.blocks[l].key_groups[g];
      caches_[l][g] = cache_factory_(group.tie, static_cast<int>(group.rows.size()));
      values_[l][g].setZero();
    }
  position_ = 0;
}

FastTransformer::Layout FastTransformer::layout() const {
  Layout layout = plan_->layout;
  if (deferred_compiler_) layout.kernels_requested = layout.kernels_deferred = true;
  layout.shared_sums_deferred = !sums_shared_;
  for (const PrefillBlock& p : prefill_) {
    layout.prefill_blocks.push_back(p.counts);
    layout.prefill += p.counts;
  }
  return layout;
}

namespace {

// The summed output of a family's members [first, last) from its prefix sums, when
// every step of it is exact (then it equals the member-by-member sum bit for bit);
// false when one is not, and the caller sums member by member.
template <int kStride>
bool prefix_sum(const Family& f, size_t first, size_t last, double a, double u, const double* x,
                double& out) {
  const double v = dot_at<kStride>(f.value_row, x);
  if (v == 0) {
    out = 0;
    return true;
  }
  double w = 0, wc = 0, aw = 0, uwc = 0, inner = 0;
  return exact_sum(f.w_prefix[last], -f.w_prefix[first], w) &&
         exact_sum(f.wc_prefix[last], -f.wc_prefix[first], wc) && exact_product(a, w, aw) &&
         exact_product(u, wc, uwc) && exact_sum(aw, uwc, inner) && exact_product(v, inner, out);
}

// The firing members of `block`'s families at one position, whose residual
// coordinate c is x[c * kStride]; family_sums: the shared sums a kernel computed, or
// null. Each firing neuron i goes to fire(i, gate) (its value and outputs still to
// compute), active(i, output), or a family's summed output to summed(row, amount);
// value_of(i) is neuron i's value at the position. With `needed`, only the families
// it marks (a prefilled position's live ones, plan_prefill).
template <int kStride, typename ValueOf, typename Fire, typename Active, typename Summed>
void run_families(const BlockPlan& block, const double* x, const double* family_sums, ValueOf& value_of,
                  Fire& fire, Active&& active, Summed&& summed, const char* needed = nullptr) {
  for (size_t fi = 0; fi < block.families.size(); ++fi) {
    if (needed && !needed[fi]) continue;
    const Family& f = block.families[fi];
    const double a = family_sums ? family_sums[fi] : dot_at<kStride>(f.shared, x),
                 u = x[size_t(f.varying) * kStride];
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
      if (rising)
        first = count;
      else
        last = count;
    }
    if (first == last) continue;
    if (f.out_row >= 0) {
      double sum = 0;
      if (!f.w_prefix.empty() && prefix_sum<kStride>(f, first, last, a, u, x, sum)) {
        // done in O(1)
      } else {
        for (size_t k = first; k < last; ++k) sum += f.out_weight[k] * (gate(k) * value_of(f.neuron[k]));
      }
      if (sum != 0) summed(f.out_row, sum);
    } else if (f.same_value) {
      const double v = dot_at<kStride>(f.value_row, x);
      if (v == 0) continue;  // every member's output is 0
      for (size_t k = first; k < last; ++k) active(f.neuron[k], gate(k) * v);
    } else {
      for (size_t k = first; k < last; ++k) fire(f.neuron[k], gate(k));
    }
  }
}

// The argmax of a two-coordinate group's logits qa * a_k + qb * b_k (qa, qb != 0) on
// the hull of its points: along the upper hull (qb > 0) or the lower one (qb < 0)
// the logit rises, then falls, so the first vertex not below its right neighbour is
// the maximum. -1 when that neighbour ties it (the maximum is on an edge, where
// tokens between the two vertices tie too): the caller computes the group in full.
int argmax_on_hull(const VocabGroup& g, const Eigen::VectorXd& x, double& value) {
  const std::vector<int>& chain = x[g.columns[1]] > 0 ? g.upper : g.lower;
  if (chain.empty()) return -1;
  const double qa = x[g.columns[0]], qb = x[g.columns[1]];
  auto logit = [&](size_t i) {
    const auto k = static_cast<Eigen::Index>(chain[i]);
    return qa * g.column[0][k] + qb * g.column[1][k];
  };
  size_t lo = 0, hi = chain.size() - 1;  // the first i with logit(i) >= logit(i + 1), or the last
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (logit(mid) >= logit(mid + 1))
      hi = mid;
    else
      lo = mid + 1;
  }
  value = logit(lo);
  if (lo + 1 < chain.size() && logit(lo + 1) == value) return -1;
  return chain[lo];
}

}  // namespace

void FastTransformer::prefill(const int* tokens, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (tokens[i] < 0 || tokens[i] >= vocab_size_) throw std::out_of_range("token id out of the vocabulary");
  // A chunk of fewer than kChunk / 2 positions is stepped instead: its rows are summed
  // over all kChunk positions, which costs more than the steps' unembeddings it saves
  // (callgrind, hello's 8-token prompt on its 19-block model: a chunk 533 k
  // instructions, a step 42 k).
  for (size_t done = 0; done < n; done += kChunk) {
    const size_t m = std::min<size_t>(kChunk, n - done);
    if (m >= kChunk / 2) {
      prefill_chunk(tokens + done, static_cast<int>(m));
    } else {
      for (size_t i = done; i < done + m; ++i) step(tokens[i]);
    }
  }
}

// Positions [position_, position_ + n) fed tokens[0 .. n), block by block. The chunk's
// residual is coordinate-major: coordinate c of position p at x[c * kChunk + p]; the
// positions past n hold zeros and are computed along (rows are evaluated over the
// whole chunk) but never appended, looked up or fired.
void FastTransformer::prefill_chunk(const int* tokens, int n) {
  // The plan changes as at step(): by the count of positions fed (here at a chunk's
  // start; the numbers are the same either way).
  change_plan();
  steps_ += n;
  const FastPlan& plan = *plan_;
  if (prefill_.size() != plan.blocks.size()) prefill_ = plan_prefill(plan, model_.d_model);
  const size_t width = static_cast<size_t>(x_.size());  // d_model, then a block's shared sums
  // The residual starts at 0 where it is read before it is written (plan_prefill: the
  // coordinates live at the first block's input); the others keep what the last chunk
  // left there, which nothing computed reads (dead, or overwritten first).
  if (chunk_x_.size() != width * kChunk)
    chunk_x_.assign(width * kChunk, 0.0);
  else if (!prefill_.empty())
    for (int c : prefill_[0].live_before) std::fill_n(chunk_x_.data() + size_t(c) * kChunk, kChunk, 0.0);
  if (chunk_delta_.size() != width * kChunk) chunk_delta_.assign(width * kChunk, 0.0);
  chunk_rows_.resize(plan.scratch_rows * kChunk);
  double* const x = chunk_x_.data();
  for (int p = 0; p < n; ++p) {
    for (SparseCols::InnerIterator it(model_.embedding, tokens[p]); it; ++it)
      x[size_t(it.index()) * kChunk + size_t(p)] = it.value();
    const double at = static_cast<double>(position_ + p);
    if (model_.positional.position >= 0) x[size_t(model_.positional.position) * kChunk + size_t(p)] += at;
    if (model_.positional.square >= 0) x[size_t(model_.positional.square) * kChunk + size_t(p)] += at * at;
    if (model_.positional.one >= 0) x[size_t(model_.positional.one) * kChunk + size_t(p)] += 1.0;
  }

  for (size_t l = 0; l < plan.blocks.size(); ++l) {
    const BlockPlan& block = plan.blocks[l];
    if (!block.heads.empty()) {
      // Every head's query and every key group's key and values over the chunk (as
      // step() lays them out, row r at in[r * kChunk]); then position by position the
      // appends, then the lookups, each head's output added at once.
      // Only the heads whose outputs are live (plan_prefill) make their lookups.
      double* const in = chunk_rows_.data();
      const std::vector<char>& looked_up_here = prefill_[l].head;
      for (size_t h = 0; h < block.heads.size(); ++h)
        if (looked_up_here[h])
          for (size_t r = 0; r < 2; ++r)
            row_over_chunk(block.heads[h].query[r], x, in + (2 * h + r) * kChunk);
      for (const BlockPlan::KeyGroup& group : block.key_groups) {
        const BlockPlan::Head& first = block.heads[static_cast<size_t>(group.heads[0])];
        for (size_t r = 0; r < 2; ++r) row_over_chunk(first.key[r], x, in + (group.slot + r) * kChunk);
        for (size_t r = 0; r < group.rows.size(); ++r)
          row_over_chunk(group.rows[r], x, in + (group.slot + 2 + r) * kChunk);
      }
      for (int p = 0; p < n; ++p) {
        const auto at = static_cast<size_t>(p);
        for (size_t g = 0; g < block.key_groups.size(); ++g) {
          const BlockPlan::KeyGroup& group = block.key_groups[g];
          key_ = {in[group.slot * kChunk + at], in[(group.slot + 1) * kChunk + at]};
          Eigen::VectorXd& value = values_[l][g];
          for (size_t r = 0; r < group.rows.size(); ++r)
            value[static_cast<Eigen::Index>(r)] = in[(group.slot + 2 + r) * kChunk + at];
          caches_[l][g]->append(key_, value);
        }
        for (size_t g = 0; g < block.key_groups.size(); ++g) {
          const HeadCache& cache = *caches_[l][g];
          for (int hi : block.key_groups[g].heads) {
            const auto h = static_cast<size_t>(hi);
            if (!looked_up_here[h]) continue;
            const BlockPlan::Head& head = block.heads[h];
            int64_t winner = -1;
            const Eigen::Vector2d query(in[2 * h * kChunk + at], in[(2 * h + 1) * kChunk + at]);
            const double* looked_up = cache.lookup_view(query, winner);
            for (size_t r = 0; r < head.column.size(); ++r) {
              const double a = looked_up[head.column[r]];
              if (a == 0) continue;
              for (uint32_t e = head.output_start[r]; e < head.output_start[r + 1]; ++e)
                x[size_t(head.output_entries[e].first) * kChunk + at] += head.output_entries[e].second * a;
            }
          }
        }
      }
    }
    prefill_feed_forward(block, prefill_[l], n);
  }
  position_ += n;
}

// A block's feed-forward part over the chunk: the linear rows, the shared sums and the
// single neurons' gates over every position at once; the families' searches and the
// firing neurons position by position. The outputs are gathered in chunk_delta_ and
// added once every neuron has read the residual (clears first), as step() adds them.
void FastTransformer::prefill_feed_forward(const BlockPlan& block, const PrefillBlock& live, int n) {
  double* const x = chunk_x_.data();
  double* const delta = chunk_delta_.data();
  double* const linear = chunk_rows_.data();
  for_each_row_over_chunk(live.linear_rows, x, [&](uint32_t k, const double* sums) {
    std::copy(sums, sums + kChunk, linear + size_t(k) * kChunk);
  });
  const Entry* const value_entries = block.value_entries.data();
  const uint32_t* const value_start = block.value_start.data();
  const Entry* const output_entries = block.output_entries.data();
  const uint32_t* const output_start = block.output_start.data();
  size_t at = 0;  // the position at hand
  auto value_of = [&](int i) {
    double v = -0.0;
    for (uint32_t e = value_start[i]; e < value_start[i + 1]; ++e)
      v += value_entries[e].second * x[size_t(value_entries[e].first) * kChunk + at];
    return v;
  };
  auto active = [&](int i, double out) {
    for (uint32_t e = output_start[i]; e < output_start[i + 1]; ++e)
      delta[size_t(output_entries[e].first) * kChunk + at] += output_entries[e].second * out;
  };
  auto fire = [&](int i, double g) {
    const double out = g * value_of(i);
    if (out != 0) active(i, out);
  };
  auto summed = [&](int row, double amount) { delta[size_t(row) * kChunk + at] += amount; };
  for (at = 0; at < static_cast<size_t>(n); ++at)
    run_families<kChunk>(block, x + at, nullptr, value_of, fire, active, summed, live.family.data());
  for (const uint32_t k : live.pair) {
    double* const out = x + (size_t(model_.d_model) + k) * kChunk;
    const double* const a = x + size_t(block.pair[k].first) * kChunk;
    const double* const b = x + size_t(block.pair[k].second) * kChunk;
    const double ratio = block.pair_ratio[k];
    for (int p = 0; p < kChunk; ++p) out[p] = a[p] + ratio * b[p];
  }
  for_each_row_over_chunk(live.single_gates, x, [&](uint32_t kept, const double* gates) {
    const uint32_t k = live.single[kept];
    // The positions where the gate is > 0, as bits (most gates fire at few of them).
    uint64_t firing = 0;
#if defined(__SSE2__)
    const __m128d zero = _mm_setzero_pd();
    for (int p = 0; p < kChunk; p += 2)
      firing |= static_cast<uint64_t>(_mm_movemask_pd(_mm_cmpgt_pd(_mm_load_pd(gates + p), zero))) << p;
#else
    for (int p = 0; p < kChunk; ++p) firing |= static_cast<uint64_t>(gates[p] > 0) << p;
#endif
    if (n < kChunk) firing &= (uint64_t(1) << n) - 1;
    const BlockPlan::SingleOutput& o = block.single_output[k];
    for (; firing != 0; firing &= firing - 1) {
      at = static_cast<size_t>(__builtin_ctzll(firing));
      const double g = gates[at];
      if (o.row < 0) {
        fire(block.single[k], g);
        continue;
      }
      const double out = g * (o.constant ? o.value : value_of(block.single[k]));
      if (out != 0) summed(o.row, o.weight * out);
    }
  });
  // Every neuron has read the residual: the clears, the linear rows, the outputs.
  for (int r : block.cleared) std::fill_n(x + size_t(r) * kChunk, kChunk, 0.0);
  for (size_t k = 0; k < live.linear.size(); ++k) {
    double* const out = x + size_t(block.linear_row[live.linear[k]]) * kChunk;
    const double* const add = linear + k * kChunk;
    for (int p = 0; p < kChunk; ++p) out[p] += add[p];
  }
  for (int c : live.written) {
    double* const out = x + size_t(c) * kChunk;
    double* const add = delta + size_t(c) * kChunk;
    for (int p = 0; p < kChunk; ++p) {
      out[p] += add[p];
      add[p] = 0;
    }
  }
}

int FastTransformer::step(int token, StepTrace* trace) {
  if (token < 0 || token >= vocab_size_) throw std::out_of_range("token id out of the vocabulary");
  change_plan();
  ++steps_;
  x_.setZero();
  for (SparseCols::InnerIterator it(model_.embedding, token); it; ++it) x_[it.index()] = it.value();
  const double p = static_cast<double>(position_);
  if (model_.positional.position >= 0) x_[model_.positional.position] += p;
  if (model_.positional.square >= 0) x_[model_.positional.square] += p * p;
  if (model_.positional.one >= 0) x_[model_.positional.one] += 1.0;
  const FastPlan& plan = *plan_;
  if (trace) trace->attended.assign(plan.blocks.size(), {});

  for (size_t l = 0; l < plan.blocks.size(); ++l) {
    const BlockPlan& block = plan.blocks[l];
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
        for (const BlockPlan::KeyGroup& group : block.key_groups) {
          const BlockPlan::Head& first = block.heads[static_cast<size_t>(group.heads[0])];
          for (int r = 0; r < 2; ++r) in[group.slot + static_cast<uint32_t>(r)] = dot(first.key[r], x_);
          for (size_t r = 0; r < group.rows.size(); ++r) in[group.slot + 2 + r] = dot(group.rows[r], x_);
        }
      }
      for (size_t h = 0; h < block.heads.size(); ++h) queries_[h] = {in[2 * h], in[2 * h + 1]};
      for (size_t g = 0; g < block.key_groups.size(); ++g) {
        const BlockPlan::KeyGroup& group = block.key_groups[g];
        key_ = {in[group.slot], in[group.slot + 1]};
        Eigen::VectorXd& value = values_[l][g];
        for (size_t r = 0; r < group.rows.size(); ++r)
          value[static_cast<Eigen::Index>(r)] = in[group.slot + 2 + r];
        caches_[l][g]->append(key_, value);
      }
      for (size_t g = 0; g < block.key_groups.size(); ++g) {
        const HeadCache& cache = *caches_[l][g];
        for (int h : block.key_groups[g].heads) {
          const BlockPlan::Head& head = block.heads[static_cast<size_t>(h)];
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
      for (uint32_t e = value_start[i]; e < value_start[i + 1]; ++e)
        v += value_entries[e].second * x_[value_entries[e].first];
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
    run_families<1>(
        block, x_.data(), block.kernels.ffn ? family_sums : nullptr, value_of, fire,
        [this](int i, double out) {
          active_.push_back({i, out});
        },
        [this](int row, double sum) {
          summed_.push_back({row, sum});
        });
    if (block.kernels.ffn) {
      // The kernel computed the gates: the neurons it handed back (several outputs).
      for (uint32_t j = 0; j < kernel_others; ++j) fire(block.single[kernel_others_[j]], kernel_gates_[j]);
    } else {
      // The shared sums first; then each gate (straight-line sums, rows of one length
      // at a time), its neuron computed when it fires. (A neuron with one output adds
      // w * out to it after the others, as the kernel's sums are added.)
      for (size_t k = 0; k < block.pair.size(); ++k)
        x_[model_.d_model + static_cast<Eigen::Index>(k)] =
            x_[block.pair[k].first] + block.pair_ratio[k] * x_[block.pair[k].second];
      for_each_row_of_runs<true>(block.single_gates, x_.data(), [&](uint32_t k, double g) {
        const BlockPlan::SingleOutput& o = block.single_output[k];
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
      for (uint32_t e = output_start[i]; e < output_start[i + 1]; ++e)
        x_[output_entries[e].first] += output_entries[e].second * h;
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
  for (const VocabGroup& g : plan.vocab_groups) {
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
    } else if (g.columns.size() == 2 && (k = argmax_on_hull(g, x_, on_hull)) >= 0) {
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
