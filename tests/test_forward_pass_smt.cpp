// symbolic/forward_pass_smt.h: Z3 over the weights for one step, against the engine.
// For small random models and prefixes, the tokens Z3 says make the model emit X next
// must be exactly the tokens the reference dense pass says do, for every X.
#include <catch2/catch.hpp>

#include <random>

#include "neural/model.h"
#include "neural/transformer.h"
#include "symbolic/forward_pass_smt.h"

using namespace c2w;
using Eigen::MatrixXd;

namespace {

// A small random model with integer weights (every activation exact): d = 8, three
// positional coordinates, two blocks of two heads (one of them averaging over keys
// that tie in pairs, so means stay dyadic) and six ReGLU neurons.
neural::Model random_model(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int d = 8, vocab = 9;
  neural::Model m;
  m.d_model = d;
  for (int t = 0; t < vocab; ++t) m.vocabulary.push_back("t" + std::to_string(t));
  m.positional = {0, 1, 2};
  m.embedding = MatrixXd::Zero(d, vocab);
  for (int t = 0; t < vocab; ++t)
    for (int j = 3; j < d; ++j) m.embedding(j, t) = pick(-2, 2);
  for (int b = 0; b < 2; ++b) {
    neural::Block block;
    for (int h = 0; h < 2; ++h) {
      neural::AttentionHead head;
      head.tie = h == 0 ? neural::TieMode::Latest : neural::TieMode::Average;
      head.query = MatrixXd::Zero(2, d);
      head.key = MatrixXd::Zero(2, d);
      if (h == 0) {  // random keys and queries over the token coordinates
        for (int r = 0; r < 2; ++r)
          for (int j = 3; j < d; ++j) head.query(r, j) = pick(-1, 1), head.key(r, j) = pick(-1, 1);
      } else {  // keys 0 or 1 by the parity of the position's... token coordinate sign: few distinct scores
        head.query(0, 2) = 1;
        head.key(0, 3 + pick(0, 4)) = 1;
      }
      head.value = MatrixXd::Zero(2, d);
      head.output = MatrixXd::Zero(d, 2);
      for (int r = 0; r < 2; ++r) {
        head.value(r, pick(3, d - 1)) = pick(-2, 2);
        head.output(pick(3, d - 1), r) = h == 0 ? pick(-1, 1) : 2 * pick(-1, 1);
      }
      block.heads.push_back(head);
    }
    const int f = 6;
    block.ffn.gate = MatrixXd::Zero(f, d);
    block.ffn.value = MatrixXd::Zero(f, d);
    block.ffn.output = MatrixXd::Zero(d, f);
    for (int n = 0; n < f; ++n) {
      for (int j = 2; j < d; ++j) block.ffn.gate(n, j) = pick(-1, 1);
      block.ffn.value(n, pick(2, d - 1)) = pick(-2, 2);
      block.ffn.output(pick(3, d - 1), n) = pick(-1, 1);
    }
    m.blocks.push_back(block);
  }
  m.unembedding = MatrixXd::Zero(vocab, d);
  for (int t = 0; t < vocab; ++t)
    for (int j = 3; j < d; ++j) m.unembedding(t, j) = pick(-2, 2);
  return m;
}

// What the reference dense pass predicts after prefix + token.
int predicted(const neural::Model& m, const std::vector<int>& prefix, int token) {
  neural::Transformer t(m, neural::dense_cache_factory());
  for (int p : prefix) t.step(p);
  return t.step(token);
}

}  // namespace

TEST_CASE("forward pass in SMT: the tokens that make a model emit X are exactly the engine's, for every X",
          "[smt]") {
  std::mt19937 rng(20261206);
  int checked = 0, found = 0;
  for (int trial = 0; trial < 6; ++trial) {
    neural::Model m = random_model(rng);
    std::vector<int> prefix;
    for (int k = std::uniform_int_distribution<int>(0, 4)(rng); k > 0; --k)
      prefix.push_back(std::uniform_int_distribution<int>(0, m.vocab_size() - 1)(rng));
    std::vector<int> candidates;
    for (int t = 0; t < m.vocab_size(); ++t) candidates.push_back(t);
    std::map<int, std::vector<int>> engine;  // target -> tokens that make the engine emit it
    for (int t : candidates) engine[predicted(m, prefix, t)].push_back(t);
    symbolic::StepQuestion question(m, prefix, candidates);
    for (int target = 0; target < m.vocab_size(); ++target) {
      symbolic::AllTokensAnswer smt = question.tokens_emitting(target);
      INFO("trial " << trial << ", prefix length " << prefix.size() << ", target " << target);
      REQUIRE(smt.complete);
      CHECK(smt.tokens == engine[target]);
      ++checked;
      found += !smt.tokens.empty();
    }
  }
  CHECK(checked == 6 * 9);
  CHECK(found >= 6);  // every trial has at least one emitted token, so the check is not vacuous
}

TEST_CASE(
    "forward pass in SMT: a token Z3 proposes is one the engine agrees on, and a subset without one is unsat",
    "[smt]") {
  std::mt19937 rng(7);
  neural::Model m = random_model(rng);
  const std::vector<int> prefix = {1, 4, 2};
  const int target = predicted(m, prefix, 5);
  symbolic::NextTokenAnswer a = symbolic::which_token_emits(m, prefix, {0, 3, 5, 8}, target);
  REQUIRE(a.result == symbolic::SatResult::Sat);
  CHECK(predicted(m, prefix, a.token) == target);
  std::vector<int> others;
  for (int t = 0; t < m.vocab_size(); ++t)
    if (predicted(m, prefix, t) != target) others.push_back(t);
  CHECK(symbolic::which_token_emits(m, prefix, others, target).result == symbolic::SatResult::Unsat);
}
