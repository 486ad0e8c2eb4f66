// A Model held in compressed sparse form: the same numbers as model.h's dense
// matrices, zeros not stored. A compiled model is very sparse (a neuron reads a
// handful of residual slots: ~10^4 non-zeros among ~10^7 parameters), so this is what
// the fast engine runs from, and what `load_sparse_model` reads a model file into
// without ever holding a dense matrix (peak memory ~ the non-zeros, not the
// parameters). Conventions are model.h's: W maps x to W * x.
#pragma once

#include <Eigen/SparseCore>

#include <string>
#include <utility>
#include <vector>

#include "neural/model.h"

namespace c2w::neural {

using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor>;  // compressed
using SparseCols = Eigen::SparseMatrix<double, Eigen::ColMajor>;  // compressed

struct SparseAttentionHead {
  SparseRows query, key;  // 2 x d each
  SparseRows value;       // d_v x d
  SparseCols output;      // d x d_v
  TieMode tie = TieMode::Latest;
};

struct SparseFeedForward {
  SparseRows gate, value;  // f x d: a row per neuron
  SparseCols output;       // d x f: a column per neuron
};

struct SparseBlock {
  std::vector<SparseAttentionHead> heads;
  SparseFeedForward ffn;
};

struct SparseModel {
  int d_model = 0;
  std::vector<std::string> vocabulary;
  SparseCols embedding;  // d x vocab
  PositionalFeatures positional;
  std::vector<SparseBlock> blocks;
  SparseRows unembedding;  // vocab x d
  std::string config_json = "{}";

  int vocab_size() const { return static_cast<int>(vocabulary.size()); }

  // Eigen 3.4's sparse matrices have no move constructor: moving a model would copy its
  // embedding and unembedding (a run moves it from the file reader to the engine four
  // times). These moves swap them instead; the blocks move with their vector.
  SparseModel() = default;
  SparseModel(const SparseModel&) = default;
  SparseModel& operator=(const SparseModel&) = default;
  SparseModel(SparseModel&& other) noexcept { *this = std::move(other); }
  SparseModel& operator=(SparseModel&& other) noexcept {
    d_model = other.d_model;
    vocabulary = std::move(other.vocabulary);
    embedding.swap(other.embedding);
    positional = other.positional;
    blocks = std::move(other.blocks);
    unembedding.swap(other.unembedding);
    config_json = std::move(other.config_json);
    return *this;
  }
};

// The same model, compressed (every non-zero kept, however small).
SparseModel sparse_model(const Model& model);

// Shape and counts of a sparse model (parameters counted as the dense shape would).
ModelShape shape_of(const SparseModel& model);

}  // namespace c2w::neural
