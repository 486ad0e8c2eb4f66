// The transformer c2w compiles programs into, as plain data: a standard decoder-only
// transformer that anyone can run (DESIGN.md §4).
//
// Conventions, stated once:
// * The residual stream at a position is a column vector x in R^d (d = d_model).
// * A weight matrix W maps x to W * x: rows are outputs, columns are inputs. So an
//   attention head's query matrix is 2 x d, its key matrix 2 x d, its value matrix
//   d_v x d and its output matrix d x d_v; the FFN's gate and value matrices are
//   f x d and its output matrix d x f.
// * The input to block 0 is embedding.col(token) + positional features: the
//   residual coordinates named in `positional` receive the position p (0-based), p^2
//   and the constant 1.
// * Each block: x += sum over heads of output * value_at_winner (hard-max attention
//   over positions 0..p, this one included), then x += W_out (ReLU(W_gate x) ⊙ (W_val x)).
// * Next token = argmax over rows of unembedding * x (the lowest index on a tie).
// * Hard-max attention: the winner is the key k maximising q·k; `Average` ties take
//   the mean of the tied values, `Latest` the value at the most recent tied position.
// * Weights are float64 and every weight and activation is an exactly representable
//   number, so every engine computes bit-identical results.
#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace c2w::neural {

enum class TieMode { Average, Latest };

struct AttentionHead {
  Eigen::MatrixXd query;   // 2 x d
  Eigen::MatrixXd key;     // 2 x d
  Eigen::MatrixXd value;   // d_v x d
  Eigen::MatrixXd output;  // d x d_v
  TieMode tie = TieMode::Latest;
};

struct FeedForward {
  Eigen::MatrixXd gate;    // f x d
  Eigen::MatrixXd value;   // f x d
  Eigen::MatrixXd output;  // d x f
};

struct Block {
  std::vector<AttentionHead> heads;
  FeedForward ffn;
};

// Residual coordinates that receive the analytic positional features (-1: none).
struct PositionalFeatures {
  int position = -1;  // p
  int square = -1;    // p^2
  int one = -1;       // 1
};

struct Model {
  int d_model = 0;
  std::vector<std::string> vocabulary;  // token id -> name
  Eigen::MatrixXd embedding;            // d x vocab: column t embeds token t
  PositionalFeatures positional;
  std::vector<Block> blocks;
  Eigen::MatrixXd unembedding;     // vocab x d
  std::string config_json = "{}";  // free-form metadata (mode, machine description, source map)

  int vocab_size() const { return static_cast<int>(vocabulary.size()); }
};

// Shape and count figures for `c2w inspect` and statistics.
struct ModelShape {
  int vocab = 0, d_model = 0, layers = 0, heads = 0, max_ffn_width = 0;
  uint64_t parameters = 0, non_zeros = 0;
};
ModelShape shape_of(const Model& model);

// Checks every matrix shape against d_model, the vocabulary and the positional
// coordinates; returns the first inconsistency ("" when consistent).
std::string check_model(const Model& model);

}  // namespace c2w::neural
