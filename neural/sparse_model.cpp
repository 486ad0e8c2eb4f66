// Compressing a dense Model (sparse_model.h).
#include "neural/sparse_model.h"

namespace c2w::neural {
namespace {

template <typename S>
S compressed(const Eigen::MatrixXd& m) {
  S s = m.sparseView(0.0, 0.0);  // keep every non-zero, however small
  s.makeCompressed();
  return s;
}

}  // namespace

SparseModel sparse_model(const Model& model) {
  SparseModel s;
  s.d_model = model.d_model;
  s.vocabulary = model.vocabulary;
  s.embedding = compressed<SparseCols>(model.embedding);
  s.positional = model.positional;
  for (const Block& block : model.blocks) {
    SparseBlock& sb = s.blocks.emplace_back();
    for (const AttentionHead& head : block.heads)
      sb.heads.push_back({compressed<SparseRows>(head.query), compressed<SparseRows>(head.key),
                          compressed<SparseRows>(head.value), compressed<SparseCols>(head.output), head.tie});
    sb.ffn.gate = compressed<SparseRows>(block.ffn.gate);
    sb.ffn.value = compressed<SparseRows>(block.ffn.value);
    sb.ffn.output = compressed<SparseCols>(block.ffn.output);
  }
  s.unembedding = compressed<SparseRows>(model.unembedding);
  s.config_json = model.config_json;
  return s;
}

}  // namespace c2w::neural
