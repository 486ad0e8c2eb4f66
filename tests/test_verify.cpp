// `c2w verify` on hand-built models whose numbers are known exactly: the exactness
// bounds per float format, the margin obligations, and the refutations of broken
// weights. (The compiled models are verified end to end by tests/verify_models.sh.)
#include <Eigen/SparseCore>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "runtime/reference_interpreter.h"
#include "tests/support/hand_built_models.h"
#include "verify/numeric_bounds.h"
#include "verify/unembedding_margin.h"
#include "verify/verify_model.h"

using namespace c2w;
using verify::Status;

namespace {

const verify::FloatFormat& format(const std::string& name) {
  for (const verify::FloatFormat& f : verify::float_formats())
    if (f.name == name) return f;
  FAIL("no format " << name);
  throw 0;
}

// The successor model with one more coordinate: the positional square p², read by the
// unembedding of token 0 (so the logit of token 0 is p²).
neural::Model square_model() {
  neural::Model m = test_support::successor_model({"a", "b", "c"});
  int square = m.d_model;
  m.d_model += 1;
  m.positional.square = square;
  m.embedding.conservativeResize(m.d_model, Eigen::NoChange);
  m.embedding.row(square).setZero();
  for (neural::Block& b : m.blocks) {
    b.ffn.gate.conservativeResize(Eigen::NoChange, m.d_model);
    b.ffn.value.conservativeResize(Eigen::NoChange, m.d_model);
    b.ffn.gate.col(square).setZero();
    b.ffn.value.col(square).setZero();
    b.ffn.output.conservativeResize(m.d_model, Eigen::NoChange);
    b.ffn.output.row(square).setZero();
  }
  m.unembedding.conservativeResize(Eigen::NoChange, m.d_model);
  m.unembedding.col(square).setZero();
  m.unembedding(0, square) = 1;
  return m;
}

const verify::Obligation& find(const verify::VerifyReport& r, const std::string& family,
                               const std::string& name) {
  for (const verify::Obligation& o : r.obligations)
    if (o.family == family && o.name.find(name) != std::string::npos) return o;
  FAIL("no obligation " << family << " " << name);
  throw 0;
}

verify::VerifyReport verify_quietly(const neural::Model& m) {
  verify::VerifyOptions options;
  options.format_figures = false;
  return verify::verify_model(m, "hand-built", options);
}

}  // namespace

TEST_CASE("verify: a model without positional growth is exact in every format at every position") {
  neural::Model m = test_support::successor_model({"a", "b", "c", "d"});
  verify::NumericBounds b = verify::bound_model(m, int64_t(1) << 40);
  for (const verify::QuantityRecord& r : b.first_inexact) CHECK(r.where.empty());
  CHECK(verify::largest_exact_positions(m, format("bfloat16"), 1 << 30) == 1 << 30);
  for (const verify::Range& logit : b.logits) {
    CHECK(logit.integral());
    CHECK(logit.low >= 0);
    CHECK(logit.high <= 1);
  }
}

TEST_CASE("verify: the largest exact position count of p² is the format's integer range") {
  neural::Model m = square_model();
  // p <= n - 1 and (n - 1)² < 2^bits: bfloat16 8 bits -> n = 16, float16 11 -> 46,
  // float32 24 -> 4096, float64 53 -> floor(sqrt(2^53 - 1)) + 1.
  const int64_t limit = int64_t(1) << 40;
  CHECK(verify::largest_exact_positions(m, format("bfloat16"), limit) == 16);
  CHECK(verify::largest_exact_positions(m, format("float16"), limit) == 46);
  CHECK(verify::largest_exact_positions(m, format("float32"), limit) == 4096);
  CHECK(verify::largest_exact_positions(m, format("float64"), limit) == 94906266);
  verify::NumericBounds b = verify::bound_model(m, 47);
  CHECK(b.first_inexact[1].where == "embedding " + std::to_string(m.positional.square));
  CHECK(b.first_inexact[2].where.empty());
}

TEST_CASE("verify: integral logits prove the argmax margin, a half weight leaves it unknown") {
  neural::Model m = test_support::successor_model({"a", "b", "c"});
  m.config_json = R"({"max_positions": 1024})";
  verify::VerifyReport good = verify_quietly(m);
  CHECK(find(good, "model", "shapes").status == Status::Proved);
  CHECK(find(good, "exact", "float64").status == Status::Proved);
  CHECK(find(good, "margin", "unembedding").status == Status::Proved);
  m.unembedding(1, m.d_model - 1) = 0.5;
  verify::VerifyReport half = verify_quietly(m);
  CHECK(find(half, "exact", "float64").status == Status::Proved);
  CHECK(find(half, "margin", "unembedding").status == Status::Unknown);
  CHECK_FALSE(half.all_proved());
}

TEST_CASE("verify: identical unembedding rows and non-finite weights are refuted") {
  // Generated tokens (bytes) sharing a row: the higher one can never win the argmax.
  neural::Model m = test_support::successor_model({"x00", "x01", "x02"});
  m.config_json = R"({"max_positions": 1024})";
  m.unembedding.row(2) = m.unembedding.row(1);
  verify::VerifyReport r0 = verify_quietly(m);
  const verify::Obligation& u = find(r0, "margin", "unembedding");
  CHECK(u.status == Status::Refuted);
  CHECK(u.counterexample.find("x02 can never be emitted") != std::string::npos);
  // Prompt-only tokens may share one.
  m.vocabulary = {"in:00", "in:01", "in:02"};
  CHECK(find(verify_quietly(m), "margin", "unembedding").status == Status::Proved);
  m = test_support::successor_model({"a", "b", "c"});
  m.blocks[0].ffn.value(1, 0) = std::nan("");
  verify::VerifyReport r = verify_quietly(m);
  CHECK(find(r, "model", "shapes").status == Status::Refuted);
  CHECK(find(r, "model", "shapes").counterexample.find("block 0 ffn value (1, 0)") != std::string::npos);
}

TEST_CASE("verify: a head's integral scores prove its margin, a tie `average` head stays unknown") {
  neural::Model m = test_support::successor_model({"a", "b", "c"});
  m.config_json = R"({"max_positions": 4096})";
  neural::AttentionHead head;
  head.query = Eigen::MatrixXd::Zero(2, m.d_model);
  head.key = Eigen::MatrixXd::Zero(2, m.d_model);
  head.query(0, 0) = 3;  // q = (3·[token a], 0)
  head.key(0, 1) = 2;    // k = (2·[token b], 0)
  head.value = Eigen::MatrixXd::Zero(1, m.d_model);
  head.output = Eigen::MatrixXd::Zero(m.d_model, 1);
  m.blocks[0].heads.push_back(head);
  verify::VerifyReport r = verify_quietly(m);
  const verify::Obligation& o = find(r, "margin", "head 0.0");
  CHECK(o.status == Status::Proved);
  CHECK(o.detail.find("[0, 6]") != std::string::npos);
  m.blocks[0].heads[0].tie = neural::TieMode::Average;
  CHECK(find(verify_quietly(m), "margin", "head 0.0").status == Status::Unknown);
}

// The bounds are sound: a compiled program's run, computed here position by position
// from the weights (the dense pass of neural/transformer.cpp, with every score of every
// head kept), never leaves them.
namespace {

// Every quantity of the forward pass of `m` over `tokens` (computed densely, in double)
// against the bounds: queries, keys, every score, the residual after every attention
// and feed-forward sublayer, every FFN gate and product, the logits. Returns how many
// were outside (the first few are reported) and counts the scores.
uint64_t quantities_outside(const neural::Model& m, const std::vector<int>& tokens,
                            const verify::NumericBounds& bounds, uint64_t& scores) {
  using Sparse = Eigen::SparseMatrix<double, Eigen::RowMajor>;
  auto sparse = [](const Eigen::MatrixXd& d) { return Sparse(d.sparseView(0.0, 0.0)); };
  struct Head {
    Sparse q, k, v, o;
    std::vector<Eigen::Vector2d> keys;
    std::vector<Eigen::VectorXd> values;
  };
  std::vector<std::vector<Head>> heads(m.blocks.size());
  std::vector<std::array<Sparse, 3>> ffn;
  for (size_t b = 0; b < m.blocks.size(); ++b) {
    for (const neural::AttentionHead& h : m.blocks[b].heads) {
      REQUIRE(h.tie == neural::TieMode::Latest);  // the winner below is the latest of the best
      heads[b].push_back({sparse(h.query), sparse(h.key), sparse(h.value), sparse(h.output), {}, {}});
    }
    ffn.push_back(
        {sparse(m.blocks[b].ffn.gate), sparse(m.blocks[b].ffn.value), sparse(m.blocks[b].ffn.output)});
  }
  Sparse unembedding = sparse(m.unembedding);
  auto inside = [](double v, const verify::Range& r) {
    if (r.grain == verify::Range::kZeroGrain) return v == 0;
    return v >= double(r.low) && v <= double(r.high) &&
           std::ldexp(v, -r.grain) == std::floor(std::ldexp(v, -r.grain));
  };
  uint64_t outside = 0;
  // (block, head or coordinate or neuron)
  auto report = [&](const char* what, size_t b, size_t h, double v, const verify::Range& r) {
    if (outside < 8)
      WARN(what << " block " << b << " index " << h << ": " << v << " not in " << r.to_string());
    ++outside;
  };
  for (size_t p = 0; p < tokens.size(); ++p) {
    Eigen::VectorXd x = m.embedding.col(tokens[p]);
    x[m.positional.one] += 1;
    if (m.positional.position >= 0) x[m.positional.position] += double(p);
    if (m.positional.square >= 0) x[m.positional.square] += double(p) * double(p);
    for (size_t b = 0; b < m.blocks.size(); ++b) {
      Eigen::VectorXd added = Eigen::VectorXd::Zero(m.d_model);
      for (size_t h = 0; h < heads[b].size(); ++h) {
        Head& head = heads[b][h];
        const verify::HeadBounds& hb = bounds.heads[b][h];
        Eigen::Vector2d q = head.q * x;
        head.keys.push_back(head.k * x);
        head.values.push_back(head.v * x);
        for (int r = 0; r < 2; ++r) {
          if (!inside(q[r], hb.query[r])) report("query", b, h, q[r], hb.query[r]);
          if (!inside(head.keys.back()[r], hb.key[r])) report("key", b, h, head.keys.back()[r], hb.key[r]);
        }
        size_t best = 0;
        for (size_t j = 0; j < head.keys.size(); ++j) {
          double s = q.dot(head.keys[j]);
          ++scores;
          if (!inside(s, hb.score)) report("score", b, h, s, hb.score);
          if (s >= q.dot(head.keys[best])) best = j;  // latest on a tie
        }
        added += head.o * head.values[best];
      }
      x += added;
      const verify::BlockBounds& bb = bounds.blocks[b];
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!inside(x[i], bb.attention_residual[size_t(i)]))
          report("attention residual", b, size_t(i), x[i], bb.attention_residual[size_t(i)]);
      Eigen::VectorXd gate = ffn[b][0] * x, value = ffn[b][1] * x;
      Eigen::VectorXd product = gate.cwiseMax(0.0).cwiseProduct(value);
      for (Eigen::Index n = 0; n < gate.size(); ++n) {
        if (std::isfinite(double(bb.ffn_gate[size_t(n)].low)) && !inside(gate[n], bb.ffn_gate[size_t(n)]))
          report("ffn gate", b, size_t(n), gate[n], bb.ffn_gate[size_t(n)]);
        if (!inside(product[n], bb.ffn_product[size_t(n)]))
          report("ffn product", b, size_t(n), product[n], bb.ffn_product[size_t(n)]);
      }
      x += ffn[b][2] * product;
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!inside(x[i], bb.ffn_residual[size_t(i)]))
          report("ffn residual", b, size_t(i), x[i], bb.ffn_residual[size_t(i)]);
    }
    Eigen::VectorXd logits = unembedding * x;
    for (Eigen::Index t = 0; t < logits.size(); ++t)
      if (!inside(logits[t], bounds.logits[size_t(t)]))
        report("logit", 0, size_t(t), logits[t], bounds.logits[size_t(t)]);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!inside(x[i], bounds.final_residual[size_t(i)]))
        report("residual", 0, size_t(i), x[i], bounds.final_residual[size_t(i)]);
  }
  return outside;
}

}  // namespace

// Every quantity of a real run (hello's whole trace, the first 4000 positions of crc32's
// 113 k) against the bounds.
TEST_CASE("verify: every quantity of a compiled program's run is inside its bounds") {
  auto [source, prefix] = GENERATE(table<std::string, size_t>({{"hello.c", 0}, {"crc32.c", 4000}}));
  INFO("examples/" << source);
  isa::Program program =
      compiler::load_program(C2W_SOURCE_DIR "/examples/" + source, compiler::CompileOptions{});
  neural::Model m = compiler::compile_weights(program).model;
  runtime::RunOptions options;
  options.record_trace = true;
  runtime::RunResult ref = runtime::run_reference(program, options);
  REQUIRE(ref.status == runtime::RunStatus::Halted);
  if (prefix > 0 && ref.trace.size() > prefix) ref.trace.resize(prefix);
  verify::NumericBounds bounds = verify::bound_model(m, int64_t(ref.trace.size()));
  uint64_t scores = 0;
  uint64_t outside =
      quantities_outside(m, std::vector<int>(ref.trace.begin(), ref.trace.end()), bounds, scores);
  INFO(scores << " scores over " << ref.trace.size() << " positions");
  CHECK(scores > 1000000);
  CHECK(outside == 0);
}

// The case split on a two-valued gate coordinate (numeric_bounds.h), on the universal
// model's fetch in miniature: op is the position's own token (0..7), w a flag read at a
// head's winner (another source), the flags [op == k] for k < 4 are is_zero tests of op
// gated by w (big-M 1024, one neuron group), and mark_k = ReLU(flag_k + [token even] - 1)
// are separate groups, summed by the logit of token 0. Per op token at most one flag is
// possible, so the sum is in [0, 1]; one pass over the gate op + 1024·w finds every flag
// possible at every op (the bound was [0, 2] without the split). The run below checks the
// bound holds.
TEST_CASE("verify: a gate split on its flag keeps the op flags exclusive per op token") {
  const int v = 8, op = 0, own = 1, one = 2, w = 3, flags = 4, marks = 8, d = 12;
  neural::Model m;
  m.d_model = d;
  for (int t = 0; t < v; ++t) m.vocabulary.push_back("t" + std::to_string(t));
  m.positional = {-1, -1, one};
  m.embedding = Eigen::MatrixXd::Zero(d, v);
  for (int t = 0; t < v; ++t) m.embedding(op, t) = t, m.embedding(own, t) = t % 2 == 0;
  neural::Block fetch, mark;
  neural::AttentionHead head;  // every score 0: the winner is the latest position
  head.query = Eigen::MatrixXd::Zero(2, d);
  head.key = Eigen::MatrixXd::Zero(2, d);
  head.value = Eigen::MatrixXd::Zero(1, d);
  head.value(0, own) = 1;
  head.output = Eigen::MatrixXd::Zero(d, 1);
  head.output(w, 0) = 1;
  fetch.heads.push_back(head);
  fetch.ffn = {Eigen::MatrixXd::Zero(12, d), Eigen::MatrixXd::Zero(12, d), Eigen::MatrixXd::Zero(d, 12)};
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < 3; ++j) {  // is_zero_if(w, op - k, 1024): ReLU(op - k + 1 - j + 1024 (w - 1))
      int n = 3 * k + j;
      fetch.ffn.gate(n, op) = 1, fetch.ffn.gate(n, w) = 1024, fetch.ffn.gate(n, one) = 1 - j - k - 1024;
      fetch.ffn.value(n, one) = 1;
      fetch.ffn.output(flags + k, n) = j == 1 ? -2 : 1;
    }
  mark.ffn = {Eigen::MatrixXd::Zero(4, d), Eigen::MatrixXd::Zero(4, d), Eigen::MatrixXd::Zero(d, 4)};
  for (int k = 0; k < 4; ++k) {
    mark.ffn.gate(k, flags + k) = 1, mark.ffn.gate(k, own) = 1, mark.ffn.gate(k, one) = -1;
    mark.ffn.value(k, one) = 1;
    mark.ffn.output(marks + k, k) = 1;
  }
  m.blocks = {fetch, mark};
  m.unembedding = Eigen::MatrixXd::Zero(v, d);
  for (int k = 0; k < 4; ++k) m.unembedding(0, marks + k) = 1;
  REQUIRE(neural::check_model(m).empty());
  verify::NumericBounds b = verify::bound_model(m, 64);
  CHECK(b.logits[0].low == 0);
  CHECK(b.logits[0].high == 1);
  std::vector<int> tokens;
  for (int p = 0; p < 64; ++p) tokens.push_back((p * 5 + p / 8) % v);
  uint64_t scores = 0;
  CHECK(quantities_outside(m, tokens, b, scores) == 0);
}

// The universal model: its bounds at max_positions (2^25) hold every quantity of a run
// (a small program's prompt, then its trace: getc, stores and loads, shifts, a division,
// calls and returns), and every quantity is exact in float64 there, for every token
// sequence: the four write roles stay exclusive through the fetched op byte (a case split
// on valid, which gates the op flags), the shift amount counted on -s and selected on s
// is one source, and calli's entry flag is a 0/1 test of the entry byte.
TEST_CASE(
    "verify: the universal model is exact in float64 below 2^25 positions, and a run is inside its bounds") {
  const char* source = R"(#include <stdio.h>
static unsigned table[8];
static unsigned mix(unsigned x, int s) { return (x << s) ^ (x >> (s + 1)) ^ (unsigned)((int)x >> 3); }
int main(void) {
  int c = getchar();
  unsigned h = 2166136261u;
  for (int i = 0; i < 8; ++i) {
    table[i] = mix(h + (unsigned)c, i) * 16777619u;
    h ^= table[i] / 7u + table[i] % 5u;
  }
  unsigned char *bytes = (unsigned char *)table;
  for (int i = 0; i < 4; ++i) putchar('a' + bytes[i * 5] % 26);
  putchar('\n');
  return (int)(h & 7);
}
)";
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("c2w_test_verify_universal_" + std::to_string(::getpid()) + ".c"))
                               .string();
  {
    std::ofstream out(path);
    out << source;
  }
  isa::Program program = compiler::load_program(path, compiler::CompileOptions{});
  std::remove(path.c_str());
  program.memory_size = compiler::UniversalLayout{}.memory_size;
  neural::Model m = compiler::compile_universal_weights().model;
  runtime::RunOptions options;
  options.record_trace = true;
  options.input = "Q";
  runtime::RunResult ref = runtime::run_reference(program, options);
  REQUIRE(ref.status == runtime::RunStatus::Halted);
  std::map<std::string, int> ids;
  for (size_t i = 0; i < m.vocabulary.size(); ++i) ids[m.vocabulary[i]] = int(i);
  std::vector<int> tokens;
  for (const std::string& name : compiler::universal_prompt(program, options.input))
    tokens.push_back(ids.at(name));
  tokens.insert(tokens.end(), ref.trace.begin() + std::ptrdiff_t(ref.prompt_tokens), ref.trace.end());

  verify::NumericBounds bounds = verify::bound_model(m, int64_t(1) << 25);
  INFO("first not shown: " << bounds.first_inexact.back().where << " "
                           << bounds.first_inexact.back().range.to_string());
  CHECK(bounds.first_inexact.back().where.empty());
  uint64_t scores = 0;
  uint64_t outside = quantities_outside(m, tokens, bounds, scores);
  INFO(scores << " scores over " << tokens.size() << " positions");
  CHECK(tokens.size() > 4000);
  CHECK(outside == 0);
}

// The relations of numeric_bounds.h at work on a compiled model: boxes alone stop at the
// four squared write addresses (block 5), the shift's 2^s times its kept bits (2^63), the
// load address clamp and the long division's remainders; with them, and with write marks
// that stay 0 at every offset below 2^36 (write_marks.cpp), every quantity of hello's
// model is exact in float64 at its max_positions, 2^25, for every token sequence. Far
// beyond (2^30 positions) it is not: p² alone passes 2^53 at 2^26.5.
TEST_CASE("verify: every quantity of hello's model is exact in float64 below its max_positions (2^25)") {
  isa::Program program =
      compiler::load_program(C2W_SOURCE_DIR "/examples/hello.c", compiler::CompileOptions{});
  neural::Model m = compiler::compile_weights(program).model;
  verify::NumericBounds shown = verify::bound_model(m, int64_t(1) << 25);
  INFO("first not shown: " << shown.first_inexact.back().where << " "
                           << shown.first_inexact.back().range.to_string());
  CHECK(shown.first_inexact.back().where.empty());
  // Narrower formats fail on the 32-bit words, whatever the length.
  CHECK(shown.first_inexact[2].where != "");
  verify::NumericBounds not_shown = verify::bound_model(m, int64_t(1) << 30);
  CHECK(not_shown.first_inexact.back().where != "");
}

namespace {

// A model whose only content is its unembedding: the family `names` (numbers 0..n-1) on
// the parabola 2j·X − j² over coordinate 0, the constant 1 at coordinate 1, a third
// coordinate 2 read by nothing; and the bounds of the final residual.
struct FamilyFixture {
  neural::Model model;
  std::vector<verify::Range> box;
};
FamilyFixture family_fixture(const std::vector<std::string>& names) {
  FamilyFixture f;
  f.model.d_model = 3;
  f.model.vocabulary = names;
  f.model.positional.one = 1;
  f.model.unembedding = Eigen::MatrixXd::Zero(Eigen::Index(names.size()), 3);
  for (size_t j = 0; j < names.size(); ++j) {
    f.model.unembedding(Eigen::Index(j), 0) = 2.0 * double(j);
    f.model.unembedding(Eigen::Index(j), 1) = -double(j) * double(j);
  }
  f.box = {verify::Range{0, double(names.size() - 1), 0}, verify::Range{1, 1, 0}, verify::Range{0, 1, 0}};
  return f;
}

}  // namespace

TEST_CASE("verify: a family of tokens on one parabola wins by >= 1 at its number, a bumped row is refuted") {
  std::vector<std::string> pcs;
  for (int k = 0; k < 12; ++k) pcs.push_back("@" + std::to_string(k));
  FamilyFixture f = family_fixture(pcs);
  verify::FamilyMargins good = verify::check_family_margins(f.model, f.box);
  CHECK(good.status == Status::Proved);
  CHECK(good.detail.find("pc (12 tokens, coordinate 0") != std::string::npos);
  CHECK(good.detail.find("margin >= 1") != std::string::npos);

  // +1 on @5's weight on X: at X = 4, @5's logit 11·4 − 25 = 19 beats @4's 16.
  FamilyFixture x = f;
  x.model.unembedding(5, 0) += 1;
  verify::FamilyMargins r = verify::check_family_margins(x.model, x.box);
  CHECK(r.status == Status::Refuted);
  CHECK(r.counterexample.find("coordinate 0 = 4 (token @4's number), the logit of @4 minus that of @5") !=
        std::string::npos);

  // +1 on @5's constant: @5 ties @4 at X = 4 (margin 0).
  FamilyFixture c = f;
  c.model.unembedding(5, 1) += 1;
  CHECK(verify::check_family_margins(c.model, c.box).status == Status::Refuted);

  // +1 on a coordinate in [0, 1]: the margin depends on it, so unknown; with that
  // coordinate pinned to 0 it is proved again.
  FamilyFixture o = f;
  o.model.unembedding(5, 2) += 1;
  CHECK(verify::check_family_margins(o.model, o.box).status == Status::Unknown);
  o.box[2] = verify::Range{0, 0, verify::Range::kZeroGrain};
  CHECK(verify::check_family_margins(o.model, o.box).status == Status::Proved);

  // A kind bonus every member reads (coordinate 2, 2^20): +1 on @5's makes it tie @4
  // and @6 whenever the family is chosen (the bonus at 1).
  FamilyFixture k = f;
  for (Eigen::Index t = 0; t < 12; ++t) k.model.unembedding(t, 2) = 1048576;
  CHECK(verify::check_family_margins(k.model, k.box).status == Status::Proved);
  k.model.unembedding(5, 2) += 1;
  verify::FamilyMargins tie = verify::check_family_margins(k.model, k.box);
  CHECK(tie.status == Status::Refuted);
  CHECK(tie.counterexample.find("the family's bonus coordinate 2 = 1") != std::string::npos);

  // A bumped constant on a token whose number X never takes: no pair with it as the
  // winner is checked, and as a loser it stays (j − 10)² − 1 below.
  FamilyFixture out = f;
  out.box[0] = verify::Range{0, 3, 0};
  out.model.unembedding(10, 1) += 1;
  CHECK(verify::check_family_margins(out.model, out.box).status == Status::Proved);
}

TEST_CASE("verify: the byte and out:XX families are read from the vocabulary's names") {
  std::vector<std::string> names;
  for (int k = 0; k < 16; ++k) {
    char s[8];
    std::snprintf(s, sizeof s, "x%02x", k);
    names.push_back(s);
  }
  FamilyFixture f = family_fixture(names);
  verify::FamilyMargins good = verify::check_family_margins(f.model, f.box);
  CHECK(good.status == Status::Proved);
  CHECK(good.detail.find("byte (16 tokens") != std::string::npos);
  f.model.unembedding(15, 0) += 1;  // at X = 14: x0f's 31·14 − 225 = 209 beats x0e's 196
  CHECK(verify::check_family_margins(f.model, f.box).status == Status::Refuted);
}
