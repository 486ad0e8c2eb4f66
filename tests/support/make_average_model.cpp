// Writes a hand-built model file whose next token depends on an `average`-tie head (no
// compiled model has one yet), for the cross-checks of other tools against c2w's
// engines (tests/interop/). After the prompt <bos> <eoi> @0 it emits `a` while at most
// half of the tokens so far are `a` and `b` otherwise, then <halt> at position 24:
// one head, key 0 at every position, so every position ties and the head returns the
// mean of [token is a] over the prefix, k / (p + 1).
//   make_average_model OUT.c2w
#include <cstdio>

#include "neural/model_file.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_average_model OUT.c2w\n");
    return 2;
  }
  using c2w::neural::Model;
  Model m;
  m.vocabulary = {"<bos>", "<eoi>", "@0", "a", "b", "<halt>"};
  enum { kOne, kPosition, kIsA, kShareOfA, kDModel };  // the residual slots
  enum { kA = 3, kB = 4, kHalt = 5 };                  // token ids
  const int vocab = static_cast<int>(m.vocabulary.size());
  m.d_model = kDModel;
  m.positional = {kPosition, -1, kOne};
  m.embedding = Eigen::MatrixXd::Zero(kDModel, vocab);
  m.embedding(kIsA, kA) = 1;
  c2w::neural::AttentionHead head;
  head.tie = c2w::neural::TieMode::Average;
  head.query = Eigen::MatrixXd::Zero(2, kDModel);
  head.key = Eigen::MatrixXd::Zero(2, kDModel);
  head.value = Eigen::MatrixXd::Zero(1, kDModel);
  head.value(0, kIsA) = 1;
  head.output = Eigen::MatrixXd::Zero(kDModel, 1);
  head.output(kShareOfA, 0) = 1;
  c2w::neural::Block block;
  block.heads.push_back(head);
  block.ffn.gate = Eigen::MatrixXd::Zero(0, kDModel);
  block.ffn.value = Eigen::MatrixXd::Zero(0, kDModel);
  block.ffn.output = Eigen::MatrixXd::Zero(kDModel, 0);
  m.blocks.push_back(block);
  m.unembedding = Eigen::MatrixXd::Zero(vocab, kDModel);
  for (int t = 0; t < kA; ++t) m.unembedding(t, kOne) = -100;        // never the prompt's tokens
  m.unembedding(kA, kOne) = 0.5, m.unembedding(kA, kShareOfA) = -1;  // a while the share is <= 1/2
  m.unembedding(kB, kOne) = -0.5, m.unembedding(kB, kShareOfA) = 1;
  m.unembedding(kHalt, kPosition) = 1, m.unembedding(kHalt, kOne) = -23;  // wins from position 24 on
  m.config_json = R"({"note": "hand-built: an average-tie head decides between a and b"})";
  c2w::neural::save_model(m, argv[1]);
  return 0;
}
