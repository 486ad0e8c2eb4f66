// Small models built by hand for tests, whose behaviour is known exactly.
#pragma once

#include <string>
#include <vector>

#include "neural/model.h"

namespace c2w::test_support {

// next = successor of the current token, by one ReGLU neuron per token.
inline neural::Model successor_model(const std::vector<std::string>& vocabulary) {
  neural::Model m;
  int v = static_cast<int>(vocabulary.size());
  int one = v, d = 2 * v + 1;
  m.d_model = d;
  m.vocabulary = vocabulary;
  m.positional = {-1, -1, one};
  m.embedding = Eigen::MatrixXd::Zero(d, v);
  for (int t = 0; t < v; ++t) m.embedding(t, t) = 1;
  neural::Block block;
  block.ffn.gate = Eigen::MatrixXd::Zero(v, d);
  block.ffn.value = Eigen::MatrixXd::Zero(v, d);
  block.ffn.output = Eigen::MatrixXd::Zero(d, v);
  for (int t = 0; t < v; ++t) {
    block.ffn.gate(t, t) = 1;     // on for token t
    block.ffn.value(t, one) = 1;  // times 1
    block.ffn.output(one + 1 + (t + 1) % v, t) = 1;
  }
  m.blocks.push_back(block);
  m.unembedding = Eigen::MatrixXd::Zero(v, d);
  for (int t = 0; t < v; ++t) m.unembedding(t, one + 1 + t) = 1;
  return m;
}

}  // namespace c2w::test_support
