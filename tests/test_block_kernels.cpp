// The block kernels (neural/block_kernel.h) against their definition: the x86-64
// compiler (runtime/block_x86.h) and LLVM's (runtime/block_jit.h) on hand-built specs
// that take every path, on random ones, and on the specs of real compiled programs;
// then the hull engine running on them against the reference interpreter.
//
// "The same number" here is the same bits, except that any NaN equals any NaN: which
// of two NaN operands an addition passes on follows the operand order the C++
// compiler chose for the walk, which the walk does not fix.
#include <catch2/catch.hpp>

#include <cmath>
#include <algorithm>
#include <cstring>
#include <limits>
#include <random>

#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "neural/fast_plan.h"
#include "neural/fast_transformer.h"
#include "neural/hull_head_cache.h"
#include "neural/sparse_model.h"
#include "runtime/block_jit.h"
#include "runtime/block_x86.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"

using namespace c2w;
using neural::BlockKernelSpec;
using Entry = BlockKernelSpec::Entry;
using Row = std::vector<Entry>;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// The x86 compiler builds kernels on x86-64 hosts only; elsewhere the tests check that
// it builds none, and the LLVM kernels against the definition.
const bool kX86 = runtime::x86_block_compiler_available();

bool same_number(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Everything the four kernels of a spec produce from one residual x and one looked-up
// view: the feed-forward kernel's outputs, the heads' rows, x after the outputs
// kernel (from the feed-forward kernel's lin), x after each head output kernel.
struct Results {
  std::vector<double> lin;
  std::vector<int32_t> sum_rows;
  std::vector<double> sum_amounts;
  std::vector<uint32_t> others;
  std::vector<double> other_gates;
  std::vector<double> heads, after_outputs;
  std::vector<std::vector<double>> after_head_outputs;
};

// The definition (block_kernel.h), evaluated directly: a row's sum from -0, in order.
double defined_row(const Row& row, const std::vector<double>& x, const std::vector<double>& sums, int base) {
  double s = -0.0;
  for (const auto& [c, w] : row)
    s += w * (c >= base ? sums[static_cast<size_t>(c - base)] : x[static_cast<size_t>(c)]);
  return s;
}
Results defined(const BlockKernelSpec& spec, const std::vector<double>& x, const std::vector<double>& view) {
  Results r;
  std::vector<double> sums;
  const int base = spec.base;
  for (const Row& row : spec.linear) r.lin.push_back(defined_row(row, x, sums, base));
  auto value = [&](int c) {
    return c >= base ? sums[static_cast<size_t>(c - base)] : x[static_cast<size_t>(c)];
  };
  for (const BlockKernelSpec::Sum& s : spec.sums) sums.push_back(value(s.a) + s.ratio * value(s.b));
  for (size_t k = 0; k < spec.gates.size(); ++k) {
    const BlockKernelSpec::Gate& g = spec.gates[k];
    const double gate = defined_row(g.row, x, sums, base);
    if (!(gate > 0)) continue;
    if (g.out_row >= 0) {
      const double v = g.constant ? g.value : defined_row(g.value_row, x, sums, base);
      r.sum_rows.push_back(g.out_row);
      r.sum_amounts.push_back(g.out_weight * (gate * v));
    } else {
      r.others.push_back(static_cast<uint32_t>(k));
      r.other_gates.push_back(gate);
    }
  }
  for (const Row& row : spec.head_rows)
    r.heads.push_back(defined_row(row, x, {}, std::numeric_limits<int>::max()));
  r.after_outputs = x;
  for (int c : spec.cleared) r.after_outputs[static_cast<size_t>(c)] = 0;
  for (size_t k = 0; k < spec.linear_rows.size(); ++k)
    r.after_outputs[static_cast<size_t>(spec.linear_rows[k])] += r.lin[k];
  for (const BlockKernelSpec::HeadOutput& head : spec.head_outputs) {
    std::vector<double> y = x;
    for (const auto& [index, entries] : head.columns) {
      const double a = view[index];
      if (a != 0)
        for (const auto& [c, w] : entries) y[static_cast<size_t>(c)] += w * a;
    }
    r.after_head_outputs.push_back(y);
  }
  return r;
}

// The same from compiled kernels.
Results run(const neural::BlockKernels& k, const BlockKernelSpec& spec, const std::vector<double>& x,
            const std::vector<double>& view) {
  Results r;
  const size_t gates = spec.gates.size() + 1;
  r.lin.assign(spec.linear.size() + 1, 12345.0);
  r.sum_rows.assign(gates, -7);
  r.sum_amounts.assign(gates, 0);
  r.others.assign(gates, 7);
  r.other_gates.assign(gates, 0);
  uint32_t n_sums = 99, n_others = 99;
  k.ffn(x.data(), r.lin.data(), r.sum_rows.data(), r.sum_amounts.data(), &n_sums, r.others.data(),
        r.other_gates.data(), &n_others);
  r.lin.resize(spec.linear.size());
  r.sum_rows.resize(n_sums);
  r.sum_amounts.resize(n_sums);
  r.others.resize(n_others);
  r.other_gates.resize(n_others);
  r.heads.assign(spec.head_rows.size() + 1, 12345.0);
  k.heads(x.data(), r.heads.data());
  r.heads.resize(spec.head_rows.size());
  r.after_outputs = x;
  k.outputs(r.after_outputs.data(), r.lin.data());
  for (size_t h = 0; h < spec.head_outputs.size(); ++h) {
    std::vector<double> y = x;
    k.head_outputs[h](y.data(), view.data());
    r.after_head_outputs.push_back(y);
  }
  return r;
}

bool same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_number(a[i], b[i])) return false;
  return true;
}
bool same_results(const Results& got, const Results& want) {
  bool same = same_numbers(got.lin, want.lin) && got.sum_rows == want.sum_rows &&
              same_numbers(got.sum_amounts, want.sum_amounts) && got.others == want.others &&
              same_numbers(got.other_gates, want.other_gates) && same_numbers(got.heads, want.heads) &&
              same_numbers(got.after_outputs, want.after_outputs) &&
              got.after_head_outputs.size() == want.after_head_outputs.size();
  for (size_t h = 0; same && h < got.after_head_outputs.size(); ++h)
    same = same_numbers(got.after_head_outputs[h], want.after_head_outputs[h]);
  return same;
}

// Both compilers' kernels of `specs` against the definition, on each residual and view;
// the x86 compiler's twice: given every spec, and given them one at a time (compile_each,
// as the engine builds them, each spec dropped once written).
void check_compilers(const std::vector<BlockKernelSpec>& specs, const std::vector<std::vector<double>>& xs,
                     const std::vector<std::vector<double>>& views) {
  std::shared_ptr<void> x86_code, each_code, llvm_code;
  const std::vector<neural::BlockKernels> x86 = runtime::x86_block_compiler()->compile(specs, x86_code);
  const std::vector<neural::BlockKernels> each = runtime::x86_block_compiler()->compile_each(
      specs.size(), [&specs](size_t l) { return specs[l]; }, each_code);
  const std::vector<neural::BlockKernels> llvm = runtime::llvm_block_compiler()->compile(specs, llvm_code);
  REQUIRE(x86.size() == (kX86 ? specs.size() : 0));  // (no kernels on other hosts)
  REQUIRE(each.size() == x86.size());
  REQUIRE(llvm.size() == specs.size());
  for (size_t l = 0; l < specs.size(); ++l)
    for (size_t i = 0; i < xs.size(); ++i) {
      INFO("spec " << l << ", residual " << i);
      const Results want = defined(specs[l], xs[i], views[i % views.size()]);
      if (kX86) CHECK(same_results(run(x86[l], specs[l], xs[i], views[i % views.size()]), want));
      if (kX86) CHECK(same_results(run(each[l], specs[l], xs[i], views[i % views.size()]), want));
      CHECK(same_results(run(llvm[l], specs[l], xs[i], views[i % views.size()]), want));
    }
}

}  // namespace

TEST_CASE("x86 block kernels compute what their definition and the LLVM kernels compute on every path",
          "[block kernels]") {
  // A residual of 8 coordinates and one at 100,000 (a 32-bit displacement), shared
  // sums after it.
  const int far = 100'000, base = far + 8;
  std::vector<BlockKernelSpec> specs;
  {  // Rows: empty (-0), one entry, weights of 1, -0 products, a far coordinate.
    BlockKernelSpec& s = specs.emplace_back();
    s.base = base;
    s.linear = {{}, {{0, 1.0}}, {{1, -0.0}}, {{0, 2.0}, {1, 1.0}, {far, -3.0}}, {{2, 1.0}, {2, 1.0}}};
    s.head_rows = {{}, {{far, 0.5}}, {{3, -1.0}, {4, 0.25}}, {{0, 1.0}}};
    s.cleared = {1, far};
    s.linear_rows = {0, far, 2, 3, 3};  // (row 3 twice: added in order)
  }
  {  // Gates: each kind of output, shared sums built on shared sums, sums in gate rows.
    BlockKernelSpec& s = specs.emplace_back();
    s.base = base;
    s.sums = {{0, 1, 2.0}, {base, 2, -1.0}, {base + 1, base, 0.5}};
    BlockKernelSpec::Gate g;
    g.row = {{0, 1.0}};    // gate = x[0]: fires when > 0 (not on 0, -0 or NaN)
    s.gates.push_back(g);  // several outputs: handed back
    g.row = {{base + 2, 1.0}, {3, -1.0}};
    g.out_row = 5;
    g.out_weight = -2.0;
    g.constant = true;
    g.value = 3.0;
    s.gates.push_back(g);  // one output, a constant value
    g.row = {{1, 2.0}};
    g.out_row = far;
    g.out_weight = 1.0;
    g.constant = false;
    g.value_row = {{base + 1, 1.0}, {4, 0.5}};
    s.gates.push_back(g);  // one output, a value row reading a shared sum
    g.row = {};
    s.gates.push_back(g);  // an empty gate row: -0, never fires
    g.row = {{far, 1.0}};
    g.value_row = {};
    s.gates.push_back(g);            // an empty value row: -0
    s.linear = {{{base - 1, 1.0}}};  // (the last coordinate below the sums; read as x)
    s.linear_rows = {6};
  }
  {  // Head outputs: columns of 0, -0, NaN and others, several entries, empty columns.
    BlockKernelSpec& s = specs.emplace_back();
    s.base = base;
    BlockKernelSpec::HeadOutput h;
    h.columns = {{0, {{1, 2.0}, {far, -1.0}}}, {1, {{1, 1.0}}}, {2, {}}, {3, {{2, 0.5}, {2, 0.5}}}};
    s.head_outputs = {h, {}};  // (a head with no columns)
    h.columns = {{4, {{0, -1.0}}}};
    s.head_outputs.push_back(h);
  }
  // Residuals and views where gates are exactly 0, -0, NaN, negative, positive.
  const std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 2.5, kNaN, 3.0, -0.5, kInf};
  std::vector<std::vector<double>> xs, views;
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<size_t> pick(0, values.size() - 1);
  for (int i = 0; i < 60; ++i) {
    std::vector<double> x(static_cast<size_t>(base), 0.0);
    for (int c = 0; c < 8; ++c) x[static_cast<size_t>(c)] = values[pick(rng)];
    x[far] = values[pick(rng)];
    xs.push_back(std::move(x));
    std::vector<double> view(5);
    for (double& v : view) v = values[pick(rng)];
    views.push_back(view);
  }
  check_compilers(specs, xs, views);
}

TEST_CASE("x86 block kernels agree with the LLVM kernels on random specs", "[block kernels]") {
  std::mt19937 rng(20261208);
  const std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 2.5, 0.5, kNaN, 3.0, -7.0, 1e300, kInf, 1.0};
  auto value = [&] { return values[rng() % values.size()]; };
  for (int trial = 0; trial < 60; ++trial) {
    const int d = 5 + static_cast<int>(rng() % 40);
    auto row = [&](int limit) {
      Row r(rng() % 7);
      for (Entry& e : r) e = {static_cast<int>(rng() % static_cast<unsigned>(limit)), value()};
      return r;
    };
    std::vector<BlockKernelSpec> specs(1 + rng() % 3);
    for (BlockKernelSpec& s : specs) {
      s.base = d;
      for (size_t k = rng() % 6; k > 0; --k) {
        s.linear.push_back(row(d));
        s.linear_rows.push_back(static_cast<int>(rng() % static_cast<unsigned>(d)));
      }
      for (int k = 0, n = static_cast<int>(rng() % 5); k < n; ++k)
        s.sums.push_back({static_cast<int>(rng() % static_cast<unsigned>(d + k)),
                          static_cast<int>(rng() % static_cast<unsigned>(d + k)), value()});
      const int with_sums = d + static_cast<int>(s.sums.size());
      for (size_t k = rng() % 10; k > 0; --k) {
        BlockKernelSpec::Gate g;
        g.row = row(with_sums);
        if (rng() % 2) {
          g.out_row = static_cast<int>(rng() % static_cast<unsigned>(d));
          g.out_weight = value();
          g.constant = rng() % 2;
          g.value = value();
          if (!g.constant) g.value_row = row(with_sums);
        }
        s.gates.push_back(g);
      }
      for (size_t k = rng() % 7; k > 0; --k) s.head_rows.push_back(row(d));
      for (int c = 0; c < d; c += 3)
        if (rng() % 2) s.cleared.push_back(c);
      for (size_t h = rng() % 3; h > 0; --h) {
        BlockKernelSpec::HeadOutput& out = s.head_outputs.emplace_back();
        for (size_t c = rng() % 4; c > 0; --c)
          out.columns.push_back({static_cast<uint32_t>(rng() % 6), row(d)});
      }
    }
    std::vector<std::vector<double>> xs(8, std::vector<double>(static_cast<size_t>(d))),
        views(8, std::vector<double>(6));
    for (auto& x : xs)
      for (double& v : x) v = value();
    for (auto& view : views)
      for (double& v : view) v = value();
    INFO("trial " << trial);
    check_compilers(specs, xs, views);
  }
}

TEST_CASE("x86 block kernels grow their code memory past its first reservation", "[block kernels]") {
  // ~40,000 head output entries at far coordinates (~34 bytes of code each) outgrow the
  // 64 KiB the compiler first maps: the mapping grows (mremap) while the code is
  // written, and the kernels still compute the definition.
  const int d = 40'000;
  BlockKernelSpec s;
  s.base = d;
  BlockKernelSpec::HeadOutput h;
  for (int k = 0; k < 3; ++k) {
    Row entries;
    for (int c = 200 + k; c < d; c += 3) entries.push_back({c, 0.5 + k});
    h.columns.push_back({static_cast<uint32_t>(k), entries});
  }
  s.head_outputs = {h};
  std::vector<std::vector<double>> xs(3, std::vector<double>(static_cast<size_t>(d)));
  for (size_t i = 0; i < xs.size(); ++i)
    for (size_t c = 0; c < xs[i].size(); ++c) xs[i][c] = static_cast<double>((c * 7 + i) % 11) - 5;
  check_compilers({s}, xs, {{1.0, 0.0, -2.0}, {0.0, kNaN, 3.0}, {-0.0, 1.0, 0.5}});
}

TEST_CASE("x86 block kernels give up on specs they cannot address", "[block kernels]") {
  if (!kX86) return;  // (none built anywhere else)
  const auto compiler = runtime::x86_block_compiler();
  std::shared_ptr<void> code;
  BlockKernelSpec s;
  s.base = 1 << 29;
  s.head_rows = {{{(1 << 28) - 1, 1.0}}};  // the last addressable coordinate (8 * c < 2^31)
  CHECK(compiler->compile({s}, code).size() == 1);
  s.head_rows = {{{1 << 28, 1.0}}};  // one further
  CHECK(compiler->compile({s}, code).empty());
  s.head_rows = {{{-1, 1.0}}};
  CHECK(compiler->compile({s}, code).empty());
  s.head_rows = {};
  s.sums = {{0, s.base + 1, 1.0}};  // a sum reading a later one
  CHECK(compiler->compile({s}, code).empty());
  s.sums = {};
  s.linear = {{{s.base, 1.0}}};  // a linear row reading a sum (computed after them)
  CHECK(compiler->compile({s}, code).empty());
  s.linear = {};
  s.sums.assign((size_t{1} << 17) + 1, BlockKernelSpec::Sum{0, 0, 1.0});  // a frame beyond 1 MB
  CHECK(compiler->compile({s}, code).empty());
  s.sums.assign(size_t{1} << 17, BlockKernelSpec::Sum{0, 0, 1.0});  // (exactly 1 MB: a frame of 256 pages)
  s.gates.resize(1);
  s.gates[0].row = {{s.base + (1 << 17) - 1, 1.0}};  // (the last sum: 2 * x[0])
  const std::vector<neural::BlockKernels> big = compiler->compile({s}, code);
  REQUIRE(big.size() == 1);
  // Run: the frame is reserved and probed a page at a time, and the last sum is read.
  const double x[1] = {1.5};
  double lin[1], amounts[2], gates[2];
  int32_t rows[2];
  uint32_t others[2], n_sums = 9, n_others = 9;
  big[0].ffn(x, lin, rows, amounts, &n_sums, others, gates, &n_others);
  CHECK(n_sums == 0);
  REQUIRE(n_others == 1);
  CHECK(gates[0] == 3.0);
}

TEST_CASE("x86 block kernels on real programs: the definition's numbers, the reference's tokens",
          "[block kernels][weights]") {
  const std::pair<const char*, const char*> programs[] = {
      {"examples/hello.c", ""}, {"examples/factorial.c", "7"}, {"examples/sudoku.c", ""}};
  constexpr size_t kMostTokens = 20'000;  // of each trace (sudoku's goes on for millions)
  for (const auto& [name, input] : programs) {
    INFO(name);
    const isa::Program program =
        compiler::load_program(std::string(C2W_SOURCE_DIR) + "/" + name, compiler::CompileOptions{});
    const neural::Model model = compiler::compile_weights(program).model;
    const neural::SparseModel sparse = neural::sparse_model(model);

    // The kernels of the plan with and without the shared sums, on residuals of small
    // integers, halves and signed zeros (what the weights compute: dyadic numbers).
    for (bool shared : {false, true}) {
      const neural::FastPlan plan = neural::plan_fast_pass(sparse, nullptr, shared);
      const std::vector<BlockKernelSpec> specs = neural::make_kernel_specs(plan, model.d_model);
      size_t width = 0;
      for (const neural::BlockPlan& b : plan.blocks)
        for (const auto& g : b.key_groups) width = std::max(width, g.rows.size());
      std::mt19937 rng(7);
      const double values[] = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 3.0, -4.0, 255.0};
      std::vector<std::vector<double>> xs(4, std::vector<double>(static_cast<size_t>(model.d_model))),
          views(4);
      for (auto& x : xs)
        for (double& v : x) v = values[rng() % 9];
      for (auto& view : views) {
        view.resize(width + 1);
        for (double& v : view) v = values[rng() % 9];
      }
      check_compilers(specs, xs, views);
    }

    // The engine on its own x86 kernels (none fell back) against the reference trace.
    runtime::RunOptions ro;
    ro.record_trace = true;
    ro.input = input;
    ro.max_steps = kMostTokens;  // (instructions: at least as many tokens)
    const runtime::RunResult ref = runtime::run_reference(program, ro);
    const auto x86 = runtime::x86_block_compiler();
    neural::FastTransformer pass(neural::sparse_model(model), neural::hull_cache_factory(), x86.get());
    REQUIRE(pass.layout().compiled_blocks == (kX86 ? pass.layout().blocks : 0));
    int prediction = 0;
    for (size_t i = 0; i < ref.prompt_tokens; ++i) prediction = pass.step(static_cast<int>(ref.trace[i]));
    const size_t end = std::min(ref.trace.size(), ref.prompt_tokens + kMostTokens);
    size_t matched = ref.prompt_tokens;
    while (matched < end && prediction == static_cast<int>(ref.trace[matched]))
      if (++matched < end) prediction = pass.step(prediction);
    CHECK(matched == end);
  }
}

TEST_CASE("the hull engine compiles its kernels with the x86 compiler by default", "[block kernels]") {
  // No compiler set here but LLVM's on hosts other than x86-64 (this program links
  // c2w_jit), and the default rule: a run of a few tokens reports its kernels
  // "compiled", every block (a silent fallback to the walk fails).
  const isa::Program program =
      compiler::load_program(std::string(C2W_SOURCE_DIR) + "/examples/hello.c", compiler::CompileOptions{});
  const neural::Model model = compiler::compile_weights(program).model;
  runtime::TransformerRunOptions options;
  options.engine = runtime::TransformerEngine::Hull;
  options.max_generated_tokens = 20;
  runtime::RunOptions ro;
  ro.record_trace = true;
  const runtime::RunResult ref = runtime::run_reference(program, ro);
  std::vector<std::string> prompt;
  for (size_t i = 0; i < ref.prompt_tokens; ++i) prompt.push_back(model.vocabulary[ref.trace[i]]);
  const runtime::TransformerRunResult r = runtime::run_transformer(model, prompt, options);
  CHECK(r.kernels.status == "compiled");
  CHECK(r.kernels.compiled_blocks == static_cast<int64_t>(model.blocks.size()));
  CHECK(r.kernels.build_seconds > 0);
}

TEST_CASE(
    "a plan made from a model it frees, its sums shared later from the plan alone, is the plan made at once",
    "[block kernels][weights]") {
  // What a run does (FastTransformer): plan_fast_pass_releasing frees each block and
  // the unembedding as it goes, and share_sums, at 1,500 tokens, reads the plan only.
  const isa::Program program =
      compiler::load_program(std::string(C2W_SOURCE_DIR) + "/examples/hello.c", compiler::CompileOptions{});
  const neural::SparseModel sparse = neural::sparse_model(compiler::compile_weights(program).model);
  const neural::FastPlan at_once = neural::plan_fast_pass(sparse, nullptr, true);
  neural::SparseModel released = sparse;
  neural::FastPlan later = neural::plan_fast_pass_releasing(released, nullptr, false);
  for (const neural::SparseBlock& block : released.blocks) {
    CHECK(block.heads.empty());
    CHECK(block.ffn.gate.nonZeros() + block.ffn.value.nonZeros() + block.ffn.output.nonZeros() == 0);
  }
  CHECK(released.unembedding.nonZeros() == 0);
  CHECK(released.embedding.nonZeros() == sparse.embedding.nonZeros());
  neural::share_sums(later, sparse.d_model);
  CHECK(later.constant_one == at_once.constant_one);
  REQUIRE(later.blocks.size() == at_once.blocks.size());
  CHECK(later.layout.shared_sums == at_once.layout.shared_sums);
  for (size_t l = 0; l < later.blocks.size(); ++l) {
    INFO("block " << l);
    const neural::BlockPlan &a = at_once.blocks[l], &b = later.blocks[l];
    CHECK(b.pair == a.pair);
    CHECK(b.pair_ratio == a.pair_ratio);
    CHECK(b.single == a.single);
    CHECK(b.single_gates.runs == a.single_gates.runs);
    CHECK(b.single_gates.column == a.single_gates.column);
    CHECK(b.single_gates.weight == a.single_gates.weight);
    REQUIRE(b.single_output.size() == a.single_output.size());
    for (size_t k = 0; k < a.single_output.size(); ++k) {
      CHECK(b.single_output[k].row == a.single_output[k].row);
      CHECK(b.single_output[k].constant == a.single_output[k].constant);
      CHECK(b.single_output[k].weight == a.single_output[k].weight);
      CHECK(b.single_output[k].value == a.single_output[k].value);
    }
    CHECK(b.families.size() == a.families.size());
    CHECK(b.linear_row == a.linear_row);
    CHECK(b.value_entries == a.value_entries);
    CHECK(b.output_entries == a.output_entries);
  }
  CHECK(later.vocab_groups.size() == at_once.vocab_groups.size());
}
