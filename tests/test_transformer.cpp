// The reference forward pass and the decoding loop, on small hand-built models whose
// behaviour is known: a head that copies the previous token (positional lookup with
// keys (2k, -k^2)), a feed-forward successor function, and hard-max tie modes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>

#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "neural/fast_transformer.h"
#include "neural/hull_head_cache.h"
#include "neural/model_file.h"
#include "neural/transformer.h"
#include "runtime/block_jit.h"
#include "runtime/block_x86.h"
#include "runtime/reference_interpreter.h"
#include "support/errors.h"
#include "runtime/transformer_engine.h"
#include "tests/support/hand_built_models.h"

using namespace c2w;
using Eigen::MatrixXd;

namespace {

// Coordinates: 0 = p, 1 = p^2, 2 = 1, then the token one-hot, then the copied one-hot.
neural::Model previous_token_model(int vocab) {
  neural::Model m;
  int d = 3 + 2 * vocab;
  m.d_model = d;
  for (int t = 0; t < vocab; ++t) m.vocabulary.push_back(std::string(1, char('A' + t)));
  m.positional = {0, 1, 2};
  m.embedding = MatrixXd::Zero(d, vocab);
  for (int t = 0; t < vocab; ++t) m.embedding(3 + t, t) = 1;
  neural::AttentionHead head;
  head.tie = neural::TieMode::Latest;
  head.query = MatrixXd::Zero(2, d);
  head.query(0, 0) = 1;   // p
  head.query(0, 2) = -1;  // - 1
  head.query(1, 2) = 1;   // 1
  head.key = MatrixXd::Zero(2, d);
  head.key(0, 0) = 2;   // 2k
  head.key(1, 1) = -1;  // -k^2: q·k = 2k(p-1) - k^2, largest at k = p - 1
  head.value = MatrixXd::Zero(vocab, d);
  head.output = MatrixXd::Zero(d, vocab);
  for (int t = 0; t < vocab; ++t) {
    head.value(t, 3 + t) = 1;
    head.output(3 + vocab + t, t) = 1;
  }
  neural::Block block;
  block.heads.push_back(head);
  block.ffn.gate = MatrixXd::Zero(0, d);
  block.ffn.value = MatrixXd::Zero(0, d);
  block.ffn.output = MatrixXd::Zero(d, 0);
  m.blocks.push_back(block);
  m.unembedding = MatrixXd::Zero(vocab, d);
  for (int t = 0; t < vocab; ++t) m.unembedding(t, 3 + vocab + t) = 1;
  return m;
}

}  // namespace

TEST_CASE("a head keyed by (2k, -k^2) attends to the previous position", "[transformer]") {
  neural::Model m = previous_token_model(3);
  neural::Transformer t(m, neural::dense_cache_factory());
  neural::StepTrace trace;
  CHECK(t.step(0, &trace) == 0);  // position 0 sees only itself
  CHECK(trace.attended[0][0] == 0);
  CHECK(t.step(1, &trace) == 0);  // position 1 copies position 0
  CHECK(trace.attended[0][0] == 0);
  int token = 0;
  std::vector<int> generated;
  for (int i = 0; i < 6; ++i) {
    int next = t.step(token, &trace);
    CHECK(trace.attended[0][0] == t.position() - 2);
    generated.push_back(next);
    token = next;
  }
  CHECK(generated == std::vector<int>{1, 0, 1, 0, 1, 0});
}

TEST_CASE("a step records its queries, keys, residual stages and fired neurons when asked", "[transformer]") {
  // The previous-token head: at position p the query is (p - 1, 1) and the key (2p, -p^2).
  neural::Model m = previous_token_model(3);
  neural::Transformer t(m, neural::hull_cache_factory());
  neural::StepTrace trace;
  for (int p = 0; p < 6; ++p) {
    trace.record_detail = p % 2 == 0;
    t.step(p % 3, &trace);
    REQUIRE(trace.query_key.size() == 1);
    CHECK(trace.query_key[0][0] == Eigen::Vector4d(p - 1, 1, 2 * p, -p * p));
    if (!trace.record_detail) {
      CHECK(trace.residual.empty());
      continue;
    }
    // The input of block 0, after its attention, after its (empty) feed-forward.
    REQUIRE(trace.residual.size() == 3);
    CHECK(trace.residual[0][0] == p);
    CHECK(trace.residual[0][1] == p * p);
    CHECK(trace.residual[0][3 + p % 3] == 1);
    CHECK(trace.residual[1] == t.residual());
    CHECK(trace.residual[2] == t.residual());
    CHECK(trace.neurons_fired == std::vector<int>{0});
  }
  // The successor model: one ReGLU neuron per token, exactly the fed token's fires.
  neural::Model s = test_support::successor_model({"a", "b", "c", "d"});
  neural::Transformer u(s, neural::dense_cache_factory());
  trace.record_detail = true;
  CHECK(u.step(2, &trace) == 3);
  CHECK(trace.neurons_fired == std::vector<int>{1});
  CHECK(trace.residual.back() == u.residual());
  CHECK(trace.residual.front() != trace.residual.back());
}

TEST_CASE("the transformer computes the same steps with hull caches as with dense caches", "[transformer]") {
  neural::Model m = previous_token_model(4);
  neural::Transformer dense(m, neural::dense_cache_factory()), hull(m, neural::hull_cache_factory());
  int a = 2, b = 2;
  for (int i = 0; i < 200; ++i) {
    neural::StepTrace ta, tb;
    a = dense.step(a, &ta);
    b = hull.step(b, &tb);
    REQUIRE(a == b);
    REQUIRE(ta.attended == tb.attended);
    REQUIRE(dense.logits() == hull.logits());
  }
}

TEST_CASE("the decoding loop reads output bytes and the exit code from token names", "[transformer]") {
  neural::Model m =
      test_support::successor_model({"<bos>", "out:41", "out:0a", "x07", "<halt>", "<trap:div0>"});
  runtime::TransformerRunResult r = runtime::run_transformer(m, {"<bos>"}, {});
  CHECK(r.status == runtime::TransformerStatus::Halted);
  CHECK(r.output == "A\n");
  CHECK(r.exit_code == 7);
  CHECK(r.generated_tokens == 4);
  CHECK(r.trace == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("the decoding loop stops at a trap token or at the token budget", "[transformer]") {
  neural::Model trap = test_support::successor_model({"<bos>", "out:41", "<trap:div0>", "<halt>"});
  runtime::TransformerRunResult r = runtime::run_transformer(trap, {"<bos>"}, {});
  CHECK(r.status == runtime::TransformerStatus::Trapped);
  CHECK(r.trap == "<trap:div0>");
  CHECK(r.exit_code == 134);

  neural::Model loop = test_support::successor_model({"<bos>", "out:41", "out:42"});
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = 10;
  r = runtime::run_transformer(loop, {"<bos>"}, options);
  CHECK(r.status == runtime::TransformerStatus::TokenLimit);
  CHECK(r.generated_tokens == 10);
  CHECK(r.output == "ABABABA");  // the successor cycle is <bos> A B
  CHECK_THROWS_AS(runtime::run_transformer(loop, {"<nope>"}, options), c2w::UserError);
}

TEST_CASE("the decoding loop maps a prompt's names to ids, short or long, and names an unknown one",
          "[transformer]") {
  // A name twice in the vocabulary: the first id, as a lookup table of the names keeps.
  neural::Model m = test_support::successor_model({"<bos>", "out:41", "a", "out:41", "<halt>"});
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = 1;
  // Short prompts are looked up name by name, long ones (over 64 tokens) through a table.
  for (size_t length : {size_t{1}, size_t{3}, size_t{64}, size_t{65}, size_t{300}}) {
    INFO("prompt of " << length << " tokens");
    std::vector<std::string> prompt;
    std::vector<int> expected;
    for (size_t i = 0; i < length; ++i) {
      prompt.push_back(i % 3 == 0 ? "<bos>" : i % 3 == 1 ? "out:41" : "a");
      expected.push_back(static_cast<int>(i % 3));
    }
    const runtime::TransformerRunResult r = runtime::run_transformer(m, prompt, options);
    REQUIRE(r.trace.size() == length + 1);
    CHECK(std::vector<int>(r.trace.begin(), r.trace.end() - 1) == expected);
    prompt[length / 2] = "<nope>";
    try {
      runtime::run_transformer(m, prompt, options);
      FAIL("an unknown prompt token was accepted");
    } catch (const c2w::UserError& e) {
      CHECK(std::string(e.what()).find("prompt token '<nope>' is not in the model's vocabulary") !=
            std::string::npos);
    }
  }
}

TEST_CASE("the teacher-forced check stops at the first wrong prediction or at the budget", "[transformer]") {
  neural::Model m = test_support::successor_model({"A", "B", "C", "D", "E"});
  auto check = [&](const std::vector<int>& trace, uint64_t budget, std::vector<uint64_t>* counts = nullptr) {
    neural::Transformer t(m, neural::dense_cache_factory());
    int next = t.step(trace[0]);  // the prompt: one token
    runtime::TeacherForcedCheck c = runtime::check_teacher_forced(t, next, trace, 1, budget, [&](uint64_t n) {
      if (counts) counts->push_back(n);
    });
    return std::pair{c, t.position()};
  };
  std::vector<uint64_t> counts;
  auto [all, fed_all] = check({0, 1, 2, 3, 4}, UINT64_MAX, &counts);
  CHECK_FALSE(all.mismatch);
  CHECK(all.matched == 4);
  CHECK(counts == std::vector<uint64_t>{1, 2, 3, 4});
  CHECK(fed_all == 4);  // the last token is not fed: nothing after it is checked

  auto [wrong, fed_wrong] = check({0, 1, 2, 4, 0}, UINT64_MAX);
  CHECK(wrong.mismatch);
  CHECK(wrong.matched == 2);
  CHECK(wrong.position == 3);
  CHECK(wrong.predicted == 3);  // D follows C

  auto [cut, fed_cut] = check({0, 1, 2, 3, 4}, 2);
  CHECK_FALSE(cut.mismatch);
  CHECK(cut.matched == 2);
  CHECK(fed_cut == 2);
}

TEST_CASE("a model saved to a file runs exactly like the one in memory", "[transformer]") {
  neural::Model m = test_support::successor_model({"<bos>", "out:48", "out:69", "x05", "<halt>"});
  std::string path = "/tmp/c2w_test_successor_" + std::to_string(::getpid()) + ".c2w";
  neural::save_model(m, path);
  neural::Model loaded = neural::load_model(path);
  std::remove(path.c_str());
  runtime::TransformerRunResult a = runtime::run_transformer(m, {"<bos>"}, {});
  runtime::TransformerRunResult b = runtime::run_transformer(loaded, {"<bos>"}, {});
  CHECK(a.trace == b.trace);
  CHECK(b.output == "Hi");
  CHECK(b.exit_code == 5);
}

TEST_CASE("hard-max ties: latest takes the most recent, average the mean", "[transformer]") {
  struct Row {
    std::vector<std::pair<double, double>> keys;
    std::pair<double, double> query;
    int64_t latest_winner;
    double average;  // mean of the values (value = position) of the tied best keys
  };
  const Row rows[] = {
      {{{1, 0}, {1, 0}, {0, 5}}, {1, 0}, 1, 0.5},           // two equal keys tie
      {{{0, 0}, {0, 0}, {0, 0}, {0, 0}}, {3, -2}, 3, 1.5},  // all equal: all tie
      {{{2, -1}, {4, -4}, {6, -9}}, {2, 1}, 1, 1},          // keys (2k, -k^2), query 2: k = 2 wins
      {{{1, 1}, {2, -1}, {3, 5}}, {0, -1}, 1, 1},           // negative q_y: smallest k_y wins
      {{{5, 0}, {-5, 0}, {5, 0}}, {-1, 0}, 1, 1},           // q_y = 0: the extreme k_x
  };
  for (const Row& row : rows) {
    neural::DenseHeadCache latest(neural::TieMode::Latest, 1), average(neural::TieMode::Average, 1);
    for (size_t i = 0; i < row.keys.size(); ++i) {
      Eigen::Vector2d k(row.keys[i].first, row.keys[i].second);
      Eigen::VectorXd v(1);
      v << static_cast<double>(i);
      latest.append(k, v);
      average.append(k, v);
    }
    Eigen::Vector2d q(row.query.first, row.query.second);
    Eigen::VectorXd out;
    int64_t winner = -1;
    latest.lookup(q, out, winner);
    CHECK(winner == row.latest_winner);
    CHECK(out[0] == static_cast<double>(row.latest_winner));
    average.lookup(q, out, winner);
    CHECK(out[0] == row.average);
  }
}

namespace {

// A random model whose feed-forward layers are full of neuron families (gates that
// differ in one coefficient: a varying residual coordinate, shared other weights,
// repeated and zero-crossing coefficients), as compiled tables and ROMs are, plus
// neurons of their own: linear ones (a gate reading the constant alone), long gate
// rows, rows sharing sums, and a family whose gates come twice with other outputs. Small
// integer weights keep every activation exact. With `write_constant` a neuron also
// writes the constant coordinate, so it is no longer 1 in the second layer.
neural::Model random_family_model(std::mt19937& rng, bool write_constant = false) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int d = 14, vocab = 60, layers = 2;
  neural::Model m;
  m.d_model = d;
  for (int t = 0; t < vocab; ++t) m.vocabulary.push_back("t" + std::to_string(t));
  m.positional = {0, 1, 2};
  m.embedding = MatrixXd::Zero(d, vocab);
  for (int t = 0; t < vocab; ++t)
    for (int j = 3; j < d; ++j) m.embedding(j, t) = pick(-2, 2);
  for (int l = 0; l < layers; ++l) {
    neural::Block block;
    neural::AttentionHead head;  // the previous position's coordinates 3..5 into 6..8
    head.tie = l == 0 ? neural::TieMode::Latest : neural::TieMode::Average;
    head.query = MatrixXd::Zero(2, d);
    head.query(0, 0) = 1;
    head.query(0, 2) = -1;
    head.query(1, 2) = 1;
    head.key = MatrixXd::Zero(2, d);
    head.key(0, 0) = 2;
    head.key(1, 1) = -1;
    head.value = MatrixXd::Zero(3, d);
    head.output = MatrixXd::Zero(d, 3);
    for (int k = 0; k < 3; ++k) {
      head.value(k, 3 + k) = 1;
      head.output(6 + k, k) = 1;
    }
    block.heads.push_back(head);
    // Two back, with the same keys (one KV cache for both in the fast pass), into 9..10.
    head.query(0, 2) = -2;
    head.value = MatrixXd::Zero(2, d);
    head.output = MatrixXd::Zero(d, 2);
    head.value(0, 4) = head.value(1, 5) = 1;
    head.output(9, 0) = 1;
    head.output(10, 1) = -2;  // (a weight other than 1)
    block.heads.push_back(head);
    // Other keys, all equal (1, 0): every position ties and the latest, this one,
    // wins; its coordinate 6 into 11. (Latest: a mean over ties could be inexact.)
    head.tie = neural::TieMode::Latest;
    head.query = MatrixXd::Zero(2, d);
    head.query(0, 2) = 1;
    head.key = MatrixXd::Zero(2, d);
    head.key(0, 2) = 1;
    head.value = MatrixXd::Zero(1, d);
    head.output = MatrixXd::Zero(d, 1);
    head.value(0, 6) = 1;
    head.output(11, 0) = 1;
    block.heads.push_back(head);
    std::vector<Eigen::RowVectorXd> gate, value;
    std::vector<Eigen::VectorXd> output;
    // A neuron with gate row g; its value row and output column are random unless
    // given (a family whose members share both sums its outputs from prefix sums).
    auto neuron = [&](const Eigen::RowVectorXd& g, const Eigen::RowVectorXd* shared_value = nullptr,
                      int shared_output = -1) {
      gate.push_back(g);
      Eigen::RowVectorXd v = Eigen::RowVectorXd::Zero(d);
      v[pick(2, d - 1)] = pick(-2, 2);
      v[pick(3, d - 1)] = pick(-2, 2);
      value.push_back(shared_value ? *shared_value : v);
      Eigen::VectorXd o = Eigen::VectorXd::Zero(d);
      o[shared_output >= 0 ? shared_output : pick(3, d - 1)] = pick(-1, 1) + (shared_output >= 0 ? 2 : 0);
      output.push_back(o);
    };
    for (int f = 0; f < 5; ++f) {
      Eigen::RowVectorXd family_value = Eigen::RowVectorXd::Zero(d);
      family_value[pick(2, d - 1)] = pick(-2, 2);
      const bool summed = f % 2 == 0, same_value = f == 1;  // same_value: outputs of their own
      const int family_output = pick(3, d - 1);
      Eigen::RowVectorXd shared = Eigen::RowVectorXd::Zero(d);
      for (int k = pick(0, 2); k > 0; --k) shared[pick(2, d - 1)] = pick(-2, 2);
      const int varying = pick(2, d - 1);  // 2 is the constant 1: a family of biases
      shared[varying] = 0;
      for (int n = pick(8, 24); n > 0; --n) {
        Eigen::RowVectorXd g = shared;
        g[varying] = pick(-6, 6) + (pick(0, 1) ? 0 : 0.5);  // repeats, zero, dyadic
        if (g[varying] == 0) g[varying] = 1;
        if (summed)
          neuron(g, &family_value, family_output);
        else if (same_value)
          neuron(g, &family_value);
        else
          neuron(g);
      }
    }
    for (int n = 0; n < 10; ++n) {
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d);
      for (int k = pick(1, 4); k > 0; --k) g[pick(2, d - 1)] = pick(-2, 2);
      neuron(g);
    }
    for (int n = 0; n < 6; ++n) {  // flags: the value row is the constant alone (one output)
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d), v = Eigen::RowVectorXd::Zero(d);
      for (int k = pick(1, 3); k > 0; --k) g[pick(2, d - 1)] = pick(-2, 2);
      v[2] = std::array<double, 4>{1, -1, 2, 0.5}[static_cast<size_t>(pick(0, 3))];
      neuron(g, &v);
      if (n == 0) output.back()[pick(3, d - 1)] += 1;  // (one with two outputs, or a doubled one)
    }
    for (int n = 0; n < 4; ++n) {  // long rows: 9 to 12 coordinates
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d);
      for (int j = 2; j < d; ++j) g[j] = pick(-2, 2);
      for (int j = d - pick(0, 3); j < d; ++j) g[j] = 0;
      for (int j = 2; j < d; ++j)
        if (g[j] == 0 && (g.array() != 0).count() < 9) g[j] = 1;
      neuron(g);
    }
    {  // rows sharing sums, as the bytes of a word recur in comparisons: w * (x_a + r * x_b + ...)
      const int a = pick(3, 6), b = pick(7, 9), c = pick(10, d - 1);
      const double r = pick(0, 1) ? 2 : -3, r2 = 4;
      for (int n = pick(3, 8); n > 0; --n) {
        Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d);
        const double w = std::array<double, 4>{1, -1, 2, 0.5}[static_cast<size_t>(pick(0, 3))];
        g[a] = w;
        g[b] = w * r;
        if (pick(0, 2) > 0) g[c] = w * r2;
        g[2] = pick(-2, 2);
        if (pick(0, 1)) g[pick(2, d - 1)] += pick(-1, 1);  // sometimes breaks the pattern
        neuron(g);
      }
    }
    for (int n = pick(4, 10); n > 0; --n) {  // linear: the constant alone (c <= 0: never fires)
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d);
      g[2] = std::array<double, 5>{1, 2, 0.5, 3, -1}[static_cast<size_t>(pick(0, 4))];
      neuron(g);
    }
    for (int n = 0; n < 2; ++n) {  // clearing a slot: x_r -= x_r; a neuron also writes it
      const int r = pick(3, d - 1);
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d), v = Eigen::RowVectorXd::Zero(d);
      g[2] = 2;
      v[r] = 0.5;
      neuron(g, &v);
      output.back().setZero();
      output.back()[r] = -1;
      g = Eigen::RowVectorXd::Zero(d);
      g[pick(3, d - 1)] = 1;
      neuron(g);
      output.back().setZero();
      output.back()[r] = pick(1, 2);
    }
    {  // a family and its copy with other output rows: the same gates, one family
      Eigen::RowVectorXd shared = Eigen::RowVectorXd::Zero(d), family_value = Eigen::RowVectorXd::Zero(d);
      shared[pick(3, d - 1)] = pick(1, 2);
      family_value[pick(3, d - 1)] = 1;
      std::vector<double> coefficients;
      for (int n = pick(8, 12); n > 0; --n) coefficients.push_back(-pick(0, 8));
      for (int copy = 0; copy < 2; ++copy) {
        const int row = pick(3, d - 1);
        for (double c : coefficients) {
          Eigen::RowVectorXd g = shared;
          g[2] = c;
          neuron(g, &family_value, row);
        }
      }
    }
    if (write_constant && l == 0) {
      Eigen::RowVectorXd g = Eigen::RowVectorXd::Zero(d);
      g[3] = 1;
      neuron(g);
      output.back().setZero();
      output.back()[2] = 1;  // the constant coordinate, plus x_3 where x_3 > 0
    }
    const int f = static_cast<int>(gate.size());
    block.ffn.gate = MatrixXd(f, d);
    block.ffn.value = MatrixXd(f, d);
    block.ffn.output = MatrixXd(d, f);
    for (int i = 0; i < f; ++i) {
      block.ffn.gate.row(i) = gate[size_t(i)];
      block.ffn.value.row(i) = value[size_t(i)];
      block.ffn.output.col(i) = output[size_t(i)];
    }
    m.blocks.push_back(block);
  }
  // Token rows in groups by the coordinates they read: none, the constant alone, one
  // feature, two, many (ties within and across groups are likely). Tokens 12..59:
  // groups reading two features and the constant with one weight for all (an
  // offset): integer points on a small grid (duplicates, collinear points, ties on
  // hull edges), on a parabola like the pcs' (2k, -k^2), and dyadic ones (no hull).
  m.unembedding = MatrixXd::Zero(vocab, d);
  // One of the two hull groups gets a large offset, so that it usually wins and its
  // own tie rule (the first token among equal logits) decides the prediction.
  const int offset = pick(0, 1) ? 40 : -40;
  for (int t = 12; t < vocab; ++t) {
    if (t < 36) {
      m.unembedding(t, 6) = pick(1, 6);  // never 0: a zero weight would put the token in another group
      m.unembedding(t, 7) = pick(1, 6);
      m.unembedding(t, 2) = offset;
    } else if (t < 52) {
      const int k = pick(1, 9);
      m.unembedding(t, 8) = 2 * k;
      m.unembedding(t, 9) = -k * k;
      m.unembedding(t, 2) = -offset;
    } else {
      m.unembedding(t, 10) = pick(-3, 3) + 0.5;
      m.unembedding(t, 11) = pick(-3, 3) + 0.25;
    }
  }
  for (int t = 0; t < 12; ++t) {
    switch (t % 5) {
      case 0: break;
      case 1: m.unembedding(t, 2) = pick(-3, 3); break;
      case 2: m.unembedding(t, 6) = pick(-3, 3); break;
      case 3:
        m.unembedding(t, 2) = pick(-3, 3);
        m.unembedding(t, 7) = pick(-3, 3);
        break;
      default:
        for (int j = 3; j < d; ++j) m.unembedding(t, j) = pick(-2, 2);
    }
  }
  return m;
}

}  // namespace

TEST_CASE("the hull engine's fast pass predicts what the reference pass predicts", "[transformer]") {
  std::mt19937 rng(20261123);
  int64_t family_neurons = 0, summed_families = 0, shared_sums = 0;
  // A third pass runs the blocks' compiled kernels (block_kernel.h) instead of the walk.
  const auto compiler = runtime::llvm_block_compiler();
  for (int trial = 0; trial < 40; ++trial) {
    // Every fourth model writes the constant coordinate: no neuron may be taken as linear.
    const bool write_constant = trial % 4 == 3;
    neural::Model m = random_family_model(rng, write_constant);
    neural::Transformer reference(m, neural::dense_cache_factory());
    neural::FastTransformer fast(neural::sparse_model(m), neural::hull_cache_factory());
    neural::FastTransformer compiled(neural::sparse_model(m), neural::hull_cache_factory(), compiler.get());
    // A fourth walks every gate row whole for 75 steps, then factors the shared sums out.
    neural::FastTransformer late_sums(neural::sparse_model(m), neural::hull_cache_factory(), nullptr, 75);
    // A fifth runs x86 kernels of the whole gate rows at once, factors the shared sums
    // out after 60 steps and runs kernels built again from them (the default rule's
    // sequence, runtime/transformer_engine.cpp).
    neural::FastTransformer kernels_then_sums(neural::sparse_model(m), neural::hull_cache_factory(), nullptr,
                                              60);
    kernels_then_sums.compile_kernels_after(0, runtime::x86_block_compiler());
    const int64_t x86_blocks =
        runtime::x86_block_compiler_available() ? static_cast<int64_t>(m.blocks.size()) : 0;
    REQUIRE(kernels_then_sums.layout().compiled_blocks == x86_blocks);
    CHECK(kernels_then_sums.layout().shared_sums_deferred);
    CHECK(late_sums.layout().shared_sums_deferred);
    CHECK(late_sums.layout().shared_sums == 0);
    CHECK(fast.layout().compiled_blocks == 0);
    REQUIRE(compiled.layout().compiled_blocks == static_cast<int64_t>(m.blocks.size()));
    family_neurons += fast.layout().family_neurons;
    summed_families += fast.layout().summed_families;
    shared_sums += fast.layout().shared_sums;
    if (write_constant)
      CHECK(fast.layout().linear_neurons == 0);
    else
      CHECK(fast.layout().linear_neurons >= 2 * 3);  // c > 0: 4 of 5 weights, 4..10 neurons a layer
    std::uniform_int_distribution<int> token(0, m.vocab_size() - 1);
    for (int i = 0; i < 150; ++i) {
      int t = token(rng);
      neural::StepTrace a, b, c;
      INFO("trial " << trial << ", position " << i);
      const int expected = reference.step(t, &a);
      REQUIRE(expected == fast.step(t, &b));
      REQUIRE(a.attended == b.attended);
      REQUIRE(expected == compiled.step(t, &c));
      REQUIRE(a.attended == c.attended);
      REQUIRE(expected == late_sums.step(t, &b));
      REQUIRE(a.attended == b.attended);
      REQUIRE(expected == kernels_then_sums.step(t, &b));
      REQUIRE(a.attended == b.attended);
    }
    CHECK(!late_sums.layout().shared_sums_deferred);
    CHECK(!kernels_then_sums.layout().shared_sums_deferred);
    CHECK(kernels_then_sums.layout().compiled_blocks ==
          static_cast<int64_t>(m.blocks.size()));                        // (built again)
    CHECK(late_sums.layout().shared_sums == fast.layout().shared_sums);  // the same sums, factored late
  }
  CHECK(family_neurons > 40 * 2 * 5 * 4);  // most family neurons were found as families
  CHECK(summed_families > 40 * 2);         // and families with a shared value and output
  CHECK(shared_sums > 40);                 // sums shared by gate rows were factored out
}

namespace {
// A hull cache that logs what it is given: per cache (in the order a pass creates
// them), every key and value appended and every query with the position it won.
struct CacheLog {
  std::vector<std::vector<std::vector<double>>> appended, looked_up;
};
class LoggingCache final : public neural::HeadCache {
 public:
  LoggingCache(neural::TieMode tie, int value_dim, CacheLog& log)
      : inner_(neural::hull_cache_factory()(tie, value_dim)), log_(log), id_(log.appended.size()) {
    log.appended.emplace_back();
    log.looked_up.emplace_back();
  }
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override {
    std::vector<double> entry{key[0], key[1]};
    entry.insert(entry.end(), value.data(), value.data() + value.size());
    log_.appended[id_].push_back(entry);
    inner_->append(key, value);
  }
  // A lookup: the position it is made at (the cache's size - 1), the query, the winner.
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override {
    inner_->lookup(query, out, winner);
    log_.looked_up[id_].push_back(
        {static_cast<double>(size() - 1), query[0], query[1], static_cast<double>(winner)});
  }
  const double* lookup_view(const Eigen::Vector2d& query, int64_t& winner) const override {
    const double* v = inner_->lookup_view(query, winner);
    log_.looked_up[id_].push_back(
        {static_cast<double>(size() - 1), query[0], query[1], static_cast<double>(winner)});
    return v;
  }
  int64_t size() const override { return inner_->size(); }

 private:
  std::unique_ptr<neural::HeadCache> inner_;
  CacheLog& log_;
  size_t id_;
};
neural::HeadCacheFactory logging_cache_factory(CacheLog& log) {
  return [&log](neural::TieMode tie, int value_dim) {
    return std::make_unique<LoggingCache>(tie, value_dim, log);
  };
}
}  // namespace

TEST_CASE("a prefilled prompt leaves the fast pass where stepping it does", "[transformer]") {
  // Prompts shorter and longer than a prefill chunk, fed in one or two batches; the
  // predictions that follow (which read every key and value the prompt appended) and
  // the positions attended must be the reference pass's. One pass factors its shared
  // sums out in the middle of a prompt, one runs compiled kernels after it.
  std::mt19937 rng(20261207);
  const auto compiler = runtime::llvm_block_compiler();
  constexpr int kChunk = neural::FastTransformer::kChunk;
  const int lengths[] = {1, 2, kChunk - 1, kChunk, kChunk + 1, 3 * kChunk + 5, 150};
  for (int trial = 0; trial < 14; ++trial) {
    neural::Model m = random_family_model(rng, trial % 4 == 3);
    neural::Transformer reference(m, neural::dense_cache_factory());
    // `fast` and `stepped` log their caches: every key, value and query of the prompt.
    CacheLog prefilled_log, stepped_log;
    neural::FastTransformer fast(neural::sparse_model(m), logging_cache_factory(prefilled_log));
    neural::FastTransformer stepped(neural::sparse_model(m), logging_cache_factory(stepped_log));
    neural::FastTransformer late_sums(neural::sparse_model(m), neural::hull_cache_factory(), nullptr, 40);
    neural::FastTransformer compiled(neural::sparse_model(m), neural::hull_cache_factory(), compiler.get());
    std::uniform_int_distribution<int> token(0, m.vocab_size() - 1);
    const int length = lengths[trial % 7];
    std::vector<int> prompt(static_cast<size_t>(length));
    for (int& t : prompt) t = token(rng);
    INFO("trial " << trial << ", prompt of " << length);
    for (int t : prompt) {
      reference.step(t);
      stepped.step(t);
    }
    const size_t split = trial % 2 ? prompt.size() / 3 : prompt.size();  // two batches, or one
    for (neural::FastTransformer* pass : {&fast, &late_sums, &compiled}) {
      pass->prefill(prompt.data(), split);
      pass->prefill(prompt.data() + split, prompt.size() - split);
      REQUIRE(pass->position() == length);
    }
    // Position by position, every cache was given the same keys and values; the
    // lookups the prefill made (it skips the heads whose outputs are dead: here at
    // least the last block's, plan_prefill) are stepping's at the same positions, with
    // the same queries and winners, in the same order.
    REQUIRE(prefilled_log.appended.size() == stepped_log.appended.size());
    size_t made = 0, stepped_lookups = 0;
    for (size_t c = 0; c < stepped_log.appended.size(); ++c) {
      CHECK(prefilled_log.appended[c] == stepped_log.appended[c]);
      CHECK(stepped_log.appended[c].size() == prompt.size());
      const auto& all = stepped_log.looked_up[c];
      size_t at = 0;
      for (const std::vector<double>& lookup : prefilled_log.looked_up[c]) {
        while (at < all.size() && all[at] != lookup) ++at;
        CHECK(at < all.size());  // (else a lookup stepping never made)
        ++at;
      }
      made += prefilled_log.looked_up[c].size();
      stepped_lookups += all.size();
    }
    const neural::FastTransformer::Layout::Prefill counted = fast.layout().prefill;
    if (length >= kChunk / 2) {
      CHECK(counted.heads < counted.all_heads);  // (the last block's heads write nothing read later)
      CHECK(made < stepped_lookups);
    } else {
      CHECK(fast.layout().prefill_blocks.empty());  // (a short prompt is stepped: no liveness found)
      CHECK(made == stepped_lookups);
    }
    if (length >= 40 + kChunk) CHECK(!late_sums.layout().shared_sums_deferred);  // (switched mid-prompt)
    for (int i = 0; i < 60; ++i) {
      const int t = token(rng);
      neural::StepTrace a, b;
      INFO("position " << length + i);
      const int expected = reference.step(t, &a);
      for (neural::FastTransformer* pass : {&fast, &late_sums, &compiled}) {
        REQUIRE(expected == pass->step(t, &b));
        REQUIRE(a.attended == b.attended);
      }
    }
    // After a reset, a prefill starts again at position 0.
    reference.reset();
    fast.reset();
    for (int t : prompt) reference.step(t);
    fast.prefill(prompt.data(), prompt.size());
    CHECK(fast.position() == length);
    const int t = token(rng);
    CHECK(reference.step(t) == fast.step(t));
  }
}

namespace {
// A kernel compiler whose JIT never succeeds (as when LLVM cannot build for the host).
class FailingKernelCompiler final : public neural::BlockKernelCompiler {
 public:
  std::vector<neural::BlockKernels> compile(const std::vector<neural::BlockKernelSpec>&,
                                            std::shared_ptr<void>&) override {
    return {};
  }
};
}  // namespace

TEST_CASE("a run reports whether the hull engine's kernels were compiled, disabled or fell back",
          "[transformer]") {
  std::mt19937 rng(20261206);
  const neural::Model m = random_family_model(rng);
  const std::vector<std::string> prompt = {"t1", "t2", "t3"};
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = 20;

  const auto compiler = runtime::llvm_block_compiler();
  neural::FastTransformer compiled(neural::sparse_model(m), neural::hull_cache_factory(), compiler.get());
  const runtime::TransformerRunResult a = runtime::decode(compiled, m.vocabulary, prompt, options);
  CHECK(a.kernels.status == "compiled");
  CHECK(a.kernels.compiled_blocks == static_cast<int64_t>(m.blocks.size()));
  CHECK(a.kernels.blocks == static_cast<int64_t>(m.blocks.size()));
  CHECK(a.kernels.build_seconds > 0);
  CHECK(compiled.layout().plan_seconds >= a.kernels.build_seconds);

  FailingKernelCompiler failing;
  neural::FastTransformer fallback(neural::sparse_model(m), neural::hull_cache_factory(), &failing);
  const runtime::TransformerRunResult b = runtime::decode(fallback, m.vocabulary, prompt, options);
  CHECK(b.kernels.status == "failed");
  CHECK(b.kernels.compiled_blocks == 0);
  CHECK(b.trace == a.trace);  // the walk computes the same tokens

  neural::FastTransformer walked(neural::sparse_model(m), neural::hull_cache_factory());
  CHECK(runtime::decode(walked, m.vocabulary, prompt, options).kernels.status == "disabled");
  neural::Transformer dense(m, neural::dense_cache_factory());
  CHECK(runtime::decode(dense, m.vocabulary, prompt, options).kernels.status == "none");

  // Kernels deferred to a position: the arrays are walked until then, the kernels
  // run after, and the tokens are the same.
  neural::FastTransformer deferred(neural::sparse_model(m), neural::hull_cache_factory());
  deferred.compile_kernels_after(10, runtime::llvm_block_compiler());
  CHECK(deferred.layout().kernels_deferred);
  CHECK(deferred.layout().compiled_blocks == 0);
  const runtime::TransformerRunResult d = runtime::decode(deferred, m.vocabulary, prompt, options);
  CHECK(d.kernels.status == "compiled");
  CHECK(!deferred.layout().kernels_deferred);
  CHECK(d.trace == a.trace);
  options.max_generated_tokens = 5;  // runs that end before the position: 8 steps each
  neural::FastTransformer short_runs(neural::sparse_model(m), neural::hull_cache_factory());
  short_runs.compile_kernels_after(10, runtime::llvm_block_compiler());
  const runtime::TransformerRunResult first = runtime::decode(short_runs, m.vocabulary, prompt, options);
  CHECK(first.kernels.status == "deferred");
  short_runs.reset();  // the steps count over runs: the second run builds them
  const runtime::TransformerRunResult second = runtime::decode(short_runs, m.vocabulary, prompt, options);
  CHECK(second.kernels.status == "compiled");
  CHECK(second.trace == first.trace);

  // run_transformer times the engine's construction apart from the decoding.
  options.engine = runtime::TransformerEngine::Hull;
  const runtime::TransformerRunResult c = runtime::run_transformer(m, prompt, options);
  CHECK(c.setup_seconds > 0);
  CHECK(c.kernels.status == "compiled");  // (at once by default, by the x86-64 compiler)
  CHECK(std::equal(c.trace.begin(), c.trace.end(), a.trace.begin()));
}

TEST_CASE("the fast pass's argmax on the hull of a token group breaks ties like the reference pass",
          "[transformer]") {
  // No blocks: a query token's embedding is the residual (x_a, x_b, 1) the logits
  // read. Group tokens 0..5 read (a, b) = coordinates (0, 1) and coordinate 2 with
  // weight 1000 (an offset: the group always wins); tokens 6.. are the queries and
  // read nothing. Token 0 lies between tokens 1 and 2 on the hull edge x + y = 22, and
  // token 5 duplicates token 1's point. (No weight is 0: tokens reading other
  // coordinates would be another group.)
  const std::vector<std::pair<int, int>> points = {{11, 11}, {12, 10}, {10, 12}, {10, 10}, {7, 7}, {12, 10}};
  struct Query {
    int qa, qb, expected;
  };
  const std::vector<Query> queries = {
      {1, 1, 0},    // tokens 0, 1, 2 (and 5) tie at 2 on the edge: the first, 0, wins
      {1, 2, 2},    // 4 at (0, 2)
      {2, 1, 1},    // 4 at (2, 0) and its duplicate 5: the first, 1
      {-1, -1, 4},  // the lower hull: 6 at (-3, -3)
      {3, -1, 1},   // lower hull, 6 at (2, 0)
      {-1, 3, 2},   // 6 at (0, 2)
      {-2, -1, 4},  // 9 at (-3, -3)
  };
  neural::Model m;
  m.d_model = 3;
  const int group = static_cast<int>(points.size()), vocab = group + static_cast<int>(queries.size());
  for (int t = 0; t < vocab; ++t) m.vocabulary.push_back("t" + std::to_string(t));
  m.embedding = MatrixXd::Zero(3, vocab);
  m.unembedding = MatrixXd::Zero(vocab, 3);
  for (int t = 0; t < group; ++t) {
    m.unembedding(t, 0) = points[size_t(t)].first;
    m.unembedding(t, 1) = points[size_t(t)].second;
    m.unembedding(t, 2) = 1000;
  }
  for (size_t q = 0; q < queries.size(); ++q) {
    m.embedding(0, group + int(q)) = queries[q].qa;
    m.embedding(1, group + int(q)) = queries[q].qb;
    m.embedding(2, group + int(q)) = 1;
  }
  neural::Transformer reference(m, neural::dense_cache_factory());
  neural::FastTransformer fast(neural::sparse_model(m), neural::hull_cache_factory());
  for (size_t q = 0; q < queries.size(); ++q) {
    INFO("query (" << queries[q].qa << ", " << queries[q].qb << ")");
    CHECK(reference.step(group + int(q)) == queries[q].expected);
    CHECK(fast.step(group + int(q)) == queries[q].expected);
  }
}

TEST_CASE("a prefilled position skips exactly the heads and neurons whose outputs no key or value reads",
          "[transformer]") {
  // Coordinates: 0 position, 1 position^2, 2 the constant 1, 3 the token's number; then
  // what the heads and neurons write. Block 0: neuron n0 copies 3 into 9, which only
  // head A's query reads. Block 1: heads A and B (one key group: the same keys) read
  // coordinate 3 at this position (A: its query adds x9 - x3 = 0) and the one before
  // into 4 and 5; neuron n1 writes 6, n2 writes 7. Block 2: head C keys on 7 and reads
  // 4 into 8; neuron n3 writes 8. The unembedding reads 5, 6 and 8. So at a prefilled
  // position 4 (C's value) and 7 (C's key) are live, then 9 (A's query): A, n2 and n0
  // are computed; B and n1 (read by the unembedding only), C and n3 (nothing after
  // them) are not.
  const int d = 10, vocab = 4;
  neural::Model m;
  m.d_model = d;
  for (int t = 0; t < vocab; ++t) m.vocabulary.push_back("t" + std::to_string(t));
  m.positional = {0, 1, 2};
  m.embedding = MatrixXd::Zero(d, vocab);
  for (int t = 0; t < vocab; ++t) m.embedding(3, t) = t + 1;
  auto head = [&](int query_back, int key_extra, int from, int to) {
    neural::AttentionHead h;  // the position query_back positions back, by (2k, -k^2)
    h.tie = neural::TieMode::Latest;
    h.query = MatrixXd::Zero(2, d);
    h.query(0, 0) = 1;
    h.query(0, 2) = -query_back;
    h.query(1, 2) = 1;
    h.key = MatrixXd::Zero(2, d);
    h.key(0, 0) = 2;
    h.key(1, 1) = -1;
    if (key_extra >= 0) h.key(1, key_extra) = 1;
    h.value = MatrixXd::Zero(1, d);
    h.value(0, from) = 1;
    h.output = MatrixXd::Zero(d, 1);
    h.output(to, 0) = 1;
    return h;
  };
  auto neurons = [&](neural::Block& b, int n) {
    b.ffn.gate = MatrixXd::Zero(n, d);
    b.ffn.value = MatrixXd::Zero(n, d);
    b.ffn.output = MatrixXd::Zero(d, n);
  };
  neural::Block b0, b1, b2;
  neurons(b0, 1);
  b0.ffn.gate(0, 3) = 1;  // n0: x3 (>= 1) into 9
  b0.ffn.value(0, 2) = 1;
  b0.ffn.output(9, 0) = 1;
  b1.heads = {head(0, -1, 3, 4), head(1, -1, 3, 5)};
  b1.heads[0].query(0, 9) = 1;
  b1.heads[0].query(0, 3) = -1;
  neurons(b1, 2);
  b1.ffn.gate(0, 3) = 1;  // n1: x3 into 6
  b1.ffn.value(0, 2) = 1;
  b1.ffn.output(6, 0) = 1;
  b1.ffn.gate(1, 3) = 2;  // n2: 2 x3 - 3 (> 0 from token t1 on) into 7
  b1.ffn.gate(1, 2) = -3;
  b1.ffn.value(1, 2) = 1;
  b1.ffn.output(7, 1) = 1;
  b2.heads = {head(1, 7, 4, 8)};
  neurons(b2, 1);
  b2.ffn.gate(0, 4) = 1;  // n3: x4 into 8
  b2.ffn.value(0, 2) = 1;
  b2.ffn.output(8, 0) = 1;
  m.blocks = {b0, b1, b2};
  m.unembedding = MatrixXd::Zero(vocab, d);
  for (int t = 0; t < vocab; ++t) {
    m.unembedding(t, 5) = t;
    m.unembedding(t, 6) = (t * 3) % 4;
    m.unembedding(t, 8) = t % 2 ? 1 : -1;
  }

  // The prompt: random tokens, prefilled (what is computed is found at the first chunk).
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> token(0, vocab - 1);
  std::vector<int> prompt(70);
  for (int& t : prompt) t = token(rng);
  neural::FastTransformer fast(neural::sparse_model(m), neural::hull_cache_factory());
  CHECK(fast.layout().prefill_blocks.empty());
  fast.prefill(prompt.data(), prompt.size());
  const neural::FastTransformer::Layout layout = fast.layout();
  REQUIRE(layout.prefill_blocks.size() == 3);
  auto computed = [&](size_t block) {
    const neural::FastTransformer::Layout::Prefill& b = layout.prefill_blocks[block];
    return std::array<int64_t, 4>{b.heads, b.all_heads, b.neurons, b.all_neurons};
  };
  CHECK(computed(0) == std::array<int64_t, 4>{0, 0, 1, 1});  // n0
  CHECK(computed(1) == std::array<int64_t, 4>{1, 2, 1, 2});  // A and n2, not B and n1
  CHECK(computed(2) == std::array<int64_t, 4>{0, 1, 0, 1});  // not C, not n3
  CHECK(layout.prefill.heads == 1);
  CHECK(layout.prefill.neurons == 2);

  // What it computes is enough: after the prefilled prompt the predictions are the
  // reference pass's (block 2's head C reads the values A wrote, keyed by what n2 wrote).
  neural::Transformer reference(m, neural::dense_cache_factory());
  for (int t : prompt) reference.step(t);
  for (int i = 0; i < 20; ++i) {
    const int t = token(rng);
    neural::StepTrace a, b;
    REQUIRE(reference.step(t, &a) == fast.step(t, &b));
    REQUIRE(a.attended == b.attended);
  }
}

namespace {
// A hull cache that hashes every key and value appended to it (their bits, in order)
// and counts the lookups made of it.
struct AppendHashes {
  std::vector<uint64_t> hash;
  std::vector<uint64_t> lookups;
};
class HashingCache final : public neural::HeadCache {
 public:
  HashingCache(neural::TieMode tie, int value_dim, AppendHashes& log)
      : inner_(neural::hull_cache_factory()(tie, value_dim)), log_(log), id_(log.hash.size()) {
    log.hash.push_back(1469598103934665603ull);
    log.lookups.push_back(0);
  }
  void append(const Eigen::Vector2d& key, const Eigen::VectorXd& value) override {
    auto mix = [&](double x) {
      uint64_t bits = 0;
      std::memcpy(&bits, &x, sizeof bits);
      log_.hash[id_] = (log_.hash[id_] ^ bits) * 1099511628211ull;
    };
    mix(key[0]);
    mix(key[1]);
    for (Eigen::Index i = 0; i < value.size(); ++i) mix(value[i]);
    inner_->append(key, value);
  }
  void lookup(const Eigen::Vector2d& query, Eigen::VectorXd& out, int64_t& winner) const override {
    ++log_.lookups[id_];
    inner_->lookup(query, out, winner);
  }
  const double* lookup_view(const Eigen::Vector2d& query, int64_t& winner) const override {
    ++log_.lookups[id_];
    return inner_->lookup_view(query, winner);
  }
  int64_t size() const override { return inner_->size(); }

 private:
  std::unique_ptr<neural::HeadCache> inner_;
  AppendHashes& log_;
  size_t id_;
};
}  // namespace

TEST_CASE("the universal model's prefilled prompt runs real programs as stepping it and the reference do",
          "[transformer][weights]") {
  // The program in the prompt (tens of thousands of tokens): prefilled, skipping what
  // is dead at its positions, and stepped, computing everything. Every key and value
  // appended must be the same, and the generated tokens the reference interpreter's.
  static const neural::Model model = compiler::compile_universal_weights().model;
  std::map<std::string, int> ids;
  for (size_t i = 0; i < model.vocabulary.size(); ++i) ids[model.vocabulary[i]] = static_cast<int>(i);
  const std::pair<const char*, const char*> programs[] = {{"examples/hello.c", ""},
                                                          {"examples/factorial.c", "7"}};
  for (const auto& [name, input] : programs) {
    INFO(name);
    const isa::Program program =
        compiler::load_program(std::string(C2W_SOURCE_DIR) + "/" + name, compiler::CompileOptions{});
    runtime::RunOptions ro;
    ro.record_trace = true;
    ro.input = input;
    const runtime::RunResult ref = runtime::run_reference(program, ro);
    std::vector<int> prompt;
    for (const std::string& n : compiler::universal_prompt(program, ro.input)) prompt.push_back(ids.at(n));
    AppendHashes prefilled_log, stepped_log;
    neural::FastTransformer prefilled(neural::sparse_model(model), [&](neural::TieMode tie, int dim) {
      return std::make_unique<HashingCache>(tie, dim, prefilled_log);
    });
    neural::FastTransformer stepped(neural::sparse_model(model), [&](neural::TieMode tie, int dim) {
      return std::make_unique<HashingCache>(tie, dim, stepped_log);
    });
    prefilled.prefill(prompt.data(), prompt.size() - 1);
    int a = prefilled.step(prompt.back()), b = 0;
    for (int t : prompt) b = stepped.step(t);
    CHECK(prefilled_log.hash == stepped_log.hash);  // every key and value of the prompt
    uint64_t made = 0, all = 0;
    for (size_t c = 0; c < stepped_log.lookups.size(); ++c) {
      made += prefilled_log.lookups[c];
      all += stepped_log.lookups[c];
    }
    CHECK(made < all);  // (some lookups were skipped)
    // The generated tokens, fed back: the reference's, to the end of the run.
    const size_t generated = ref.trace.size() - ref.prompt_tokens;
    REQUIRE(generated > 100);
    for (size_t i = ref.prompt_tokens; i < ref.trace.size(); ++i) {
      const int expected = static_cast<int>(ref.trace[i]);
      REQUIRE(a == expected);
      REQUIRE(b == expected);
      if (i + 1 < ref.trace.size()) {
        a = prefilled.step(expected);
        b = stepped.step(expected);
      }
    }
    CHECK(prefilled_log.hash == stepped_log.hash);
  }
}
