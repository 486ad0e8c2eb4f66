// The `head` obligations of `c2w verify` (verify/head_semantics.h) on the compiled
// universal model: every head selects the key its role means (the latest write of the
// address, the latest call record into the frame, the input token at cursor + 1, the
// prompt byte at the asked position, the latest marked position), and one weight of a
// head's query or key matrix changed loses that proof with two keys and their scores,
// unless the change keeps every decision (a shift of every key's score, the marked keys'
// penalty, the scale of a one-mark head): those mutants must survive. A memory head's
// hit test ([winner == Q], the FFN neurons after it) is part of its claim: a weight of
// those neurons changed loses the proof too.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "compiler/compile_weights.h"
#include "neural/model_config.h"
#include "verify/head_semantics.h"

using namespace c2w;
using verify::Status;

namespace {

neural::Model& universal_model() {
  static neural::Model model = compiler::compile_universal_weights().model;
  return model;
}

neural::ModelConfig config_of(const neural::Model& m) {
  return neural::ModelConfig::from_json(m.config_json, "universal");
}

// The first head named `name` (the config's head names): its block and index.
std::pair<size_t, size_t> head_named(const neural::ModelConfig& config, const std::string& name) {
  for (size_t b = 0; b < config.heads.size(); ++b)
    for (size_t h = 0; h < config.heads[b].size(); ++h)
      if (config.heads[b][h] == name) return {b, h};
  FAIL("no head named " << name);
  return {0, 0};
}

std::string live_feature(const neural::ModelConfig& config, Eigen::Index coordinate, size_t block) {
  for (const auto& use : config.residual_slots[size_t(coordinate)])
    if (use.written < int64_t(2 * block) && use.last_read >= int64_t(2 * block)) return use.feature;
  return "";
}

}  // namespace

TEST_CASE("head semantics: every head of the universal model selects its intended key") {
  const neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  std::vector<verify::Obligation> obligations = verify::head_obligations(m, config, nullptr, 20);
  size_t heads = 0;
  for (const neural::Block& block : m.blocks) heads += block.heads.size();
  REQUIRE(obligations.size() == heads);
  std::map<std::string, int> by_role;
  for (const verify::Obligation& o : obligations) {
    INFO(o.name << ": " << o.detail);
    CHECK(o.family == "head");
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("; assumes ") != std::string::npos);
    by_role[o.name.substr(o.name.find('(') + 1)]++;
  }
  CHECK(by_role["memory:a)"] == 4);
  CHECK(by_role["memory:load)"] == 4);
  CHECK(by_role["frame)"] == 1);
  CHECK(by_role["input)"] == 1);
  auto [b, h] = head_named(config, "read.a1");
  verify::Obligation a1 = verify::head_obligation(m, config, nullptr, b, h, 20);
  CHECK(a1.detail.rfind("the latest write of address Q", 0) == 0);
  CHECK(a1.detail.find("Q = head " + std::to_string(b) + "." + std::to_string(h - 1) + "'s + 1") !=
        std::string::npos);
}

TEST_CASE("head semantics: one weight of a head's query or key changed loses its proof") {
  neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  const int one = m.positional.one;
  int mutants = 0, lost = 0, equivalent = 0;
  // One head per role (the memory head reads byte 1: its query is compared with byte 0's).
  for (const char* name : {"read.a1", "read.dst.old2", "load3", "frame", "input", "fetch.1", "count1", "step",
                           "eoi", "spelled2", "fp", "cursor"}) {
    auto [b, h] = head_named(config, name);
    neural::AttentionHead& head = m.blocks[b].heads[h];
    const std::string role = config.head_roles[b][h];
    const bool one_mark = role == "step" || role == "marker" || role == "spelled";
    REQUIRE(verify::head_obligation(m, config, nullptr, b, h, 20).status == Status::Proved);
    for (Eigen::MatrixXd* matrix : {&head.query, &head.key})
      for (Eigen::Index r = 0; r < matrix->rows(); ++r)
        for (Eigen::Index c = 0; c < matrix->cols(); ++c) {
          if ((*matrix)(r, c) == 0) continue;
          const std::string feature = live_feature(config, c, b);
          // Decisions that cannot change: the key's y row on the constant (every score
          // shifts) or on the mark (every marked key gains 1, the others stay 2^50 below),
          // any weight of a head whose key is one mark, and the query (1, 0) of a register
          // head (scores scale).
          const bool keeps_decisions =
              one_mark || (role.rfind("register:", 0) == 0 && matrix == &head.query) ||
              (matrix == &head.key && r == 1 &&
               (c == one || feature == "prompt.byte" || feature == "tok.is_in" || feature == "mark.call"));
          (*matrix)(r, c) += 1;
          verify::Obligation o = verify::head_obligation(m, config, nullptr, b, h, 20);
          (*matrix)(r, c) -= 1;
          ++mutants;
          INFO(name << (matrix == &head.query ? " query" : " key") << " (" << r << ", " << feature
                    << ") + 1: " << o.detail);
          if (keeps_decisions) {
            CHECK(o.status == Status::Proved);
            equivalent += o.status == Status::Proved;
            continue;
          }
          CHECK(o.status == Status::Unknown);
          lost += o.status != Status::Proved;
          // A counterexample names two keys and their scores, or the mutant is caught as a
          // byte head asking for another address than its byte.
          CHECK((o.counterexample.find("key 1, ") != std::string::npos ||
                 o.detail.find("its query's x row") != std::string::npos));
          if (!o.counterexample.empty()) CHECK(o.counterexample.find("; score ") != std::string::npos);
        }
    // A weight on a coordinate the key did not read: the cut does not name it.
    for (Eigen::Index c = 0; c < head.key.cols(); ++c)
      if (head.key(0, c) == 0 && c != one && !live_feature(config, c, b).empty() &&
          live_feature(config, c, b) != "out.call" && live_feature(config, c, b) != "out.calli") {
        head.key(0, c) = 1;
        verify::Obligation o = verify::head_obligation(m, config, nullptr, b, h, 20);
        head.key(0, c) = 0;
        ++mutants;
        INFO(name << " key (0, " << live_feature(config, c, b) << ") = 1: " << o.detail);
        CHECK(o.status == Status::Unknown);
        CHECK((o.detail.find("which the cut does not name") != std::string::npos ||
               o.counterexample.find("key 1, ") != std::string::npos));
        lost += o.status != Status::Proved;
        break;
      }
    REQUIRE(verify::head_obligation(m, config, nullptr, b, h, 20).status == Status::Proved);
  }
  // The hit test after read.a1 ([winner == Q], three neurons): +1 on a neuron's
  // threshold, on its gate weight of the winner, or on its output weight.
  {
    auto [b, h] = head_named(config, "read.a1");
    int hit = -1;
    size_t block = 0;
    for (size_t s = 0; s < config.residual_slots.size(); ++s)
      for (const auto& use : config.residual_slots[s])
        if (use.feature == "hit.a1" && use.written % 2 == 1) hit = int(s), block = size_t(use.written / 2);
    REQUIRE(hit >= 0);
    int winner = -1;
    for (Eigen::Index c = 0; c < m.blocks[b].heads[h].output.rows(); ++c)
      if (m.blocks[b].heads[h].output(c, 0) != 0) winner = int(c);
    neural::FeedForward& ffn = m.blocks[block].ffn;
    int neurons = 0;
    for (Eigen::Index n = 0; n < ffn.output.cols(); ++n) {
      if (ffn.output(hit, n) == 0) continue;
      ++neurons;
      for (double* weight : {&ffn.gate(n, one), &ffn.gate(n, winner), &ffn.output(hit, n)}) {
        *weight += 1;
        verify::Obligation o = verify::head_obligation(m, config, nullptr, b, h, 20);
        *weight -= 1;
        ++mutants;
        INFO("hit.a1 neuron " << n << ": " << o.detail);
        CHECK(o.status == Status::Unknown);
        CHECK(o.detail.rfind("not proved: the hit test: ", 0) == 0);
        lost += o.status != Status::Proved;
      }
    }
    CHECK(neurons == 3);
    REQUIRE(verify::head_obligation(m, config, nullptr, b, h, 20).status == Status::Proved);
    // The byte it returns: +1 on the value row's tok.byte weight.
    neural::AttentionHead& head = m.blocks[b].heads[h];
    for (Eigen::Index c = 0; c < head.value.cols(); ++c)
      if (head.value(1, c) != 0) {
        head.value(1, c) += 1;
        verify::Obligation o = verify::head_obligation(m, config, nullptr, b, h, 20);
        head.value(1, c) -= 1;
        ++mutants;
        INFO("read.a1 value (1, " << live_feature(config, c, b) << ") + 1: " << o.detail);
        CHECK(o.detail == "not proved: the head's value row 1 is not the winner's byte (tok.byte)");
        lost += o.status != Status::Proved;
      }
  }
  WARN("head mutants: " << lost << " of " << mutants - equivalent << " lose the proof; " << equivalent
                        << " keep every decision and stay proved");
  CHECK(lost == mutants - equivalent);
  CHECK(lost >= 40);
}
