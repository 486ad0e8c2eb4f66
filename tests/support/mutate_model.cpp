// Writes a mutant of a model file for the mutation tests of `c2w verify`
// (tests/verify_mutants.sh): one weight of one gadget family changed by +1 (a zero
// weight of a live row or column, or a threshold, becomes 1 or -1 of itself plus one).
//
//   mutate_model IN.c2w OUT.c2w FAMILY SEED
//
// FAMILY names which weights: embedding, unembedding, head-query, head-key, head-value,
// head-output (of a head whose role, from the model config, is chosen by SEED), or
// ffn-gate, ffn-threshold (the gate's weight on the constant coordinate), ffn-value,
// ffn-output (a live neuron chosen by SEED), or rom (one rom.* field of one pc token's
// embedding column, specialised models), or neuron:FEATURE (the threshold of the first
// neuron writing FEATURE, by the model config's slot names), or cone:PREFIX (one weight
// of a neuron that writes a feature named PREFIX..., by the model config: its gate's
// threshold, a gate weight, a value weight or its output weight, chosen by SEED — the
// mutants of one op's cone, for the op proofs). Prints what it changed.
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "neural/model_config.h"
#include "neural/model_file.h"

using namespace c2w;

namespace {

// A random non-zero entry of `m` (rows restricted to `rows` when not empty), +1.
bool bump_nonzero(Eigen::MatrixXd& m, std::mt19937_64& rng, std::string& what, int only_column = -1,
                  int skip_column = -1) {
  std::vector<std::pair<Eigen::Index, Eigen::Index>> cells;
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    if ((only_column >= 0 && c != only_column) || c == skip_column) continue;
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      if (m(r, c) != 0) cells.push_back({r, c});
  }
  if (cells.empty()) return false;
  auto [r, c] = cells[rng() % cells.size()];
  what += " (" + std::to_string(r) + ", " + std::to_string(c) + ") " + std::to_string(m(r, c)) + " -> " +
          std::to_string(m(r, c) + 1);
  m(r, c) += 1;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: mutate_model IN.c2w OUT.c2w FAMILY SEED\n");
    return 2;
  }
  neural::Model model = neural::load_model(argv[1]);
  std::string family = argv[3];
  std::mt19937_64 rng(std::stoull(argv[4]));
  std::string what = family;
  bool done = false;
  if (family == "embedding") {
    done = bump_nonzero(model.embedding, rng, what);
  } else if (family == "unembedding") {
    done = bump_nonzero(model.unembedding, rng, what);
  } else if (family == "rom") {
    // One rom.* coordinate of one pc token's column (a specialised model's program).
    neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, argv[1]);
    std::vector<std::pair<size_t, std::string>> fields;
    for (size_t c = 0; c < config.residual_slots.size(); ++c)
      for (const auto& use : config.residual_slots[c])
        if (use.written == -1 && use.feature.rfind("rom.", 0) == 0) fields.push_back({c, use.feature});
    std::vector<int> pcs;
    for (int t = 0; t < model.vocab_size(); ++t)
      if (model.vocabulary[size_t(t)].rfind("@", 0) == 0) pcs.push_back(t);
    if (!fields.empty() && !pcs.empty()) {
      auto [c, name] = fields[rng() % fields.size()];
      int t = pcs[rng() % pcs.size()];
      what += " " + name + " of " + model.vocabulary[size_t(t)] + ": " +
              std::to_string(model.embedding(c, t)) + " -> " + std::to_string(model.embedding(c, t) + 1);
      model.embedding(Eigen::Index(c), t) += 1;
      done = true;
    }
  } else if (family.rfind("cone:", 0) == 0) {
    const std::string prefix = family.substr(5);
    neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, argv[1]);
    std::vector<std::tuple<size_t, Eigen::Index, Eigen::Index, std::string>> writers;  // block, slot, neuron
    for (size_t s = 0; s < config.residual_slots.size(); ++s)
      for (const auto& use : config.residual_slots[s]) {
        if (use.feature.rfind(prefix, 0) != 0 || use.written < 0 || use.written % 2 != 1) continue;
        const neural::FeedForward& ffn = model.blocks[size_t(use.written / 2)].ffn;
        for (Eigen::Index j = 0; j < ffn.output.cols(); ++j)
          if (ffn.output(Eigen::Index(s), j) != 0)
            writers.push_back({size_t(use.written / 2), Eigen::Index(s), j, use.feature});
      }
    if (!writers.empty()) {
      auto [b, slot, j, feature] = writers[rng() % writers.size()];
      neural::FeedForward& ffn = model.blocks[b].ffn;
      const int one = model.positional.one;
      const int kind = int(rng() % 4);
      what += " " + feature + " neuron " + std::to_string(j) + " of block " + std::to_string(b);
      if (kind == 0) {
        what += ": gate threshold " + std::to_string(ffn.gate(j, one)) + " -> " +
                std::to_string(ffn.gate(j, one) + 1);
        ffn.gate(j, one) += 1;
        done = true;
      } else if (kind == 3) {
        what += ": output weight " + std::to_string(ffn.output(slot, j)) + " -> " +
                std::to_string(ffn.output(slot, j) + 1);
        ffn.output(slot, j) += 1;
        done = true;
      } else {
        Eigen::MatrixXd row = (kind == 1 ? ffn.gate : ffn.value).row(j);
        what += kind == 1 ? ": gate" : ": value";
        done = bump_nonzero(row, rng, what, -1, kind == 1 ? one : -1);
        (kind == 1 ? ffn.gate : ffn.value).row(j) = row;
      }
    }
  } else if (family.rfind("head-", 0) == 0) {
    std::vector<std::pair<size_t, size_t>> heads;
    for (size_t b = 0; b < model.blocks.size(); ++b)
      for (size_t h = 0; h < model.blocks[b].heads.size(); ++h) heads.push_back({b, h});
    auto [b, h] = heads[rng() % heads.size()];
    neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, argv[1]);
    std::string role =
        b < config.head_roles.size() && h < config.head_roles[b].size() ? config.head_roles[b][h] : "";
    what += " of head " + std::to_string(b) + "." + std::to_string(h) + " (" + role + ")";
    neural::AttentionHead& head = model.blocks[b].heads[h];
    Eigen::MatrixXd& m = family == "head-query"   ? head.query
                         : family == "head-key"   ? head.key
                         : family == "head-value" ? head.value
                                                  : head.output;
    done = bump_nonzero(m, rng, what);
  } else if (family.rfind("ffn-", 0) == 0) {
    std::vector<size_t> blocks;
    for (size_t b = 0; b < model.blocks.size(); ++b)
      if (model.blocks[b].ffn.gate.rows() > 0) blocks.push_back(b);
    size_t b = blocks[rng() % blocks.size()];
    neural::FeedForward& ffn = model.blocks[b].ffn;
    what += " of block " + std::to_string(b);
    int one = model.positional.one;
    if (family == "ffn-threshold")
      done = bump_nonzero(ffn.gate, rng, what, one);
    else if (family == "ffn-gate")
      done = bump_nonzero(ffn.gate, rng, what, -1, one);
    else if (family == "ffn-value")
      done = bump_nonzero(ffn.value, rng, what);
    else if (family == "ffn-output")
      done = bump_nonzero(ffn.output, rng, what);
  } else if (family.rfind("neuron:", 0) == 0) {
    // The gate threshold (the weight on the constant coordinate) of the first FFN neuron
    // that writes the feature named after "neuron:" (the config's residual slots): a
    // mutant inside one proof's cone (SEED unused).
    neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, argv[1]);
    const std::string feature = family.substr(7);
    for (size_t s = 0; s < config.residual_slots.size() && !done; ++s)
      for (const auto& use : config.residual_slots[s])
        if (use.feature == feature && use.written >= 0 && use.written % 2 == 1 && !done) {
          neural::FeedForward& ffn = model.blocks[size_t(use.written / 2)].ffn;
          for (Eigen::Index j = 0; j < ffn.output.cols() && !done; ++j)
            if (ffn.output(Eigen::Index(s), j) != 0) {
              Eigen::Index one = model.positional.one;
              what += " of block " + std::to_string(use.written / 2) + ": neuron " + std::to_string(j) +
                      " threshold " + std::to_string(ffn.gate(j, one)) + " -> " +
                      std::to_string(ffn.gate(j, one) + 1);
              ffn.gate(j, one) += 1;
              done = true;
            }
        }
  } else {
    std::fprintf(stderr, "mutate_model: unknown family '%s'\n", family.c_str());
    return 2;
  }
  if (!done) {
    std::fprintf(stderr, "mutate_model: no weight of family %s to change\n", family.c_str());
    return 3;
  }
  neural::save_model(model, argv[2]);
  std::printf("%s\n", what.c_str());
  return 0;
}
