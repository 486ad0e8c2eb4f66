// Shape checks and counts for the model as plain data (model.h). The matrix names
// used in messages are the tensor names of the model file (model_file.h), so a
// message points at the same thing whether the model came from a file or from the
// compiler.
#include "neural/model.h"

#include "neural/sparse_model.h"

#include <algorithm>
#include <tuple>

namespace c2w::neural {

namespace {

std::string dims(const Eigen::MatrixXd& m) {
  return std::to_string(m.rows()) + "x" + std::to_string(m.cols());
}

// "" when `m` is rows x cols; otherwise what is wrong, naming the matrix.
std::string check_shape(const std::string& name, const Eigen::MatrixXd& m, Eigen::Index rows,
                        Eigen::Index cols, const std::string& expected) {
  if (m.rows() == rows && m.cols() == cols) return "";
  return name + " is " + dims(m) + ", expected " + expected;
}

uint64_t count_non_zeros(const Eigen::MatrixXd& m) {
  return static_cast<uint64_t>((m.array() != 0.0).count());
}

}  // namespace

std::string check_model(const Model& model) {
  const int d = model.d_model;
  if (d <= 0) return "d_model is " + std::to_string(d) + ", expected a positive number";
  if (model.vocabulary.empty()) return "the vocabulary is empty";
  const Eigen::Index vocab = model.vocab_size();
  const std::string sd = std::to_string(d), sv = std::to_string(vocab);

  std::string problem =
      check_shape("embedding", model.embedding, d, vocab, sd + "x" + sv + " (d_model x vocabulary)");
  if (!problem.empty()) return problem;
  problem =
      check_shape("unembedding", model.unembedding, vocab, d, sv + "x" + sd + " (vocabulary x d_model)");
  if (!problem.empty()) return problem;

  const std::pair<const char*, int> coordinates[] = {{"position", model.positional.position},
                                                     {"square", model.positional.square},
                                                     {"one", model.positional.one}};
  for (const auto& [name, coordinate] : coordinates)
    if (coordinate < -1 || coordinate >= d)
      return std::string("positional coordinate '") + name + "' is " + std::to_string(coordinate) +
             ", expected -1 (none) or a residual coordinate in [0, " + sd + ")";

  for (size_t b = 0; b < model.blocks.size(); ++b) {
    const Block& block = model.blocks[b];
    const std::string prefix = "blocks." + std::to_string(b);
    for (size_t h = 0; h < block.heads.size(); ++h) {
      const AttentionHead& head = block.heads[h];
      const std::string hp = prefix + ".heads." + std::to_string(h);
      const Eigen::Index dv = head.value.rows();
      const std::string sdv = std::to_string(dv);
      for (auto [name, m, rows, cols, expected] :
           {std::tuple{".query", &head.query, Eigen::Index{2}, Eigen::Index{d}, "2x" + sd},
            std::tuple{".key", &head.key, Eigen::Index{2}, Eigen::Index{d}, "2x" + sd},
            std::tuple{".value", &head.value, dv, Eigen::Index{d}, "d_v x " + sd},
            std::tuple{".output", &head.output, Eigen::Index{d}, dv,
                       sd + "x" + sdv + " (d_model x d_v, d_v = rows of the value matrix)"}}) {
        problem = check_shape(hp + name, *m, rows, cols, expected);
        if (!problem.empty()) return problem;
      }
    }
    const FeedForward& ffn = block.ffn;
    const Eigen::Index f = ffn.gate.rows();
    const std::string fp = prefix + ".ffn", sf = std::to_string(f);
    for (auto [name, m, rows, cols, expected] :
         {std::tuple{".gate", &ffn.gate, f, Eigen::Index{d}, "f x " + sd},
          std::tuple{".value", &ffn.value, f, Eigen::Index{d},
                     sf + "x" + sd + " (f = rows of the gate matrix)"},
          std::tuple{".output", &ffn.output, Eigen::Index{d}, f, sd + "x" + sf + " (d_model x f)"}}) {
      problem = check_shape(fp + name, *m, rows, cols, expected);
      if (!problem.empty()) return problem;
    }
  }
  return "";
}

namespace {

// Shape and counts of a dense or a sparse model (parameters: the dense shape).
template <typename M, typename CountNonZeros>
ModelShape shape_with(const M& model, CountNonZeros non_zeros) {
  ModelShape shape;
  shape.vocab = model.vocab_size();
  shape.d_model = model.d_model;
  shape.layers = static_cast<int>(model.blocks.size());
  auto count = [&](const auto& m) {
    shape.parameters += static_cast<uint64_t>(m.rows()) * static_cast<uint64_t>(m.cols());
    shape.non_zeros += non_zeros(m);
  };
  count(model.embedding);
  count(model.unembedding);
  for (const auto& block : model.blocks) {
    shape.heads += static_cast<int>(block.heads.size());
    for (const auto& head : block.heads) {
      count(head.query);
      count(head.key);
      count(head.value);
      count(head.output);
    }
    shape.max_ffn_width = std::max(shape.max_ffn_width, static_cast<int>(block.ffn.gate.rows()));
    count(block.ffn.gate);
    count(block.ffn.value);
    count(block.ffn.output);
  }
  return shape;
}

}  // namespace

ModelShape shape_of(const Model& model) { return shape_with(model, count_non_zeros); }

ModelShape shape_of(const SparseModel& model) {
  return shape_with(model, [](const auto& m) { return static_cast<uint64_t>(m.nonZeros()); });
}

}  // namespace c2w::neural
