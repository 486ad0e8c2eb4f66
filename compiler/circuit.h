// The dataflow graph the weight compiler builds before any matrix exists: named scalar
// features of the residual stream and the primitives that produce them.
//
// A feature is one number per position. It comes from the token embedding (a value
// per token id), the analytic positional features (p, p^2, 1), an attention head
// (one output per value component), or a group of ReGLU neurons (the weighted sum of
// their outputs). Primitives read features only through linear expressions, which
// is exactly what a weight matrix row can do, so a circuit maps one to one onto the
// model of neural/model.h once it is scheduled (compiler/schedule.h).
//
// Every gadget here computes exactly on integers (or dyadic rationals) as long as its
// stated input range holds; the ranges are written next to each gadget, and the
// machine circuit keeps every value inside them (no activation exceeds 2^52).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "neural/model.h"

namespace c2w::compiler::circuit {

using FeatureId = int;

// sum of coefficient * feature, plus a constant (carried by the constant-1 feature).
struct LinExpr {
  std::vector<std::pair<FeatureId, double>> terms;
  double constant = 0;

  LinExpr() = default;
  LinExpr(double c) : constant(c) {}  // NOLINT: a constant is an expression
  static LinExpr of(FeatureId f, double coefficient = 1) {
    LinExpr e;
    e.terms.push_back({f, coefficient});
    return e;
  }
  LinExpr& operator+=(const LinExpr& o);
  LinExpr& operator-=(const LinExpr& o);
  LinExpr& operator*=(double k);
  bool is_constant() const { return terms.empty(); }
};
LinExpr operator+(LinExpr a, const LinExpr& b);
LinExpr operator-(LinExpr a, const LinExpr& b);
LinExpr operator*(LinExpr a, double k);
LinExpr operator*(double k, LinExpr a);
LinExpr operator-(LinExpr a);

enum class Source { Embedding, Position, Square, One, Head, Ffn };

struct Feature {
  std::string name;
  Source source = Source::Ffn;
  int op = -1;  // the producing op (Head, Ffn), else -1
};

// y = ReLU(gate) * value, added with `coefficient` into the op's output feature.
struct Neuron {
  LinExpr gate, value;
  double coefficient = 1;
};

struct HeadOp {
  LinExpr query_x, query_y, key_x, key_y;
  std::vector<LinExpr> values;  // one output feature per value component
  neural::TieMode tie = neural::TieMode::Latest;
  // What the head looks up, for the model's readers (the config's head_roles, the
  // readable trace): "memory:a|b|c" (an operand's bytes), "memory:load",
  // "memory:destination", "frame", "input", "register:fp|cursor", "step", "spelled",
  // "prompt", "marker"; "" when unsaid. It decides no weight.
  std::string role;
};

struct Op {
  enum Kind { Head, Ffn } kind = Ffn;
  std::string name;
  HeadOp head;                  // Head
  std::vector<Neuron> neurons;  // Ffn: all contribute to the single output feature
  std::vector<FeatureId> outputs;
};

class Circuit {
 public:
  Circuit();

  // ---- sources ----
  FeatureId one() const { return one_; }
  FeatureId position() const { return position_; }
  FeatureId square() const { return square_; }
  LinExpr p() const { return LinExpr::of(position_); }
  // A token feature; its value for each token id is set with set_embedding.
  FeatureId embedding(const std::string& name);
  void set_embedding(FeatureId f, int token, double value);

  // ---- primitives ----
  // One feature = the sum of the given neurons' outputs.
  FeatureId ffn(const std::string& name, std::vector<Neuron> neurons);
  // A hard-max head; returns one feature per value expression.
  std::vector<FeatureId> head(const std::string& name, HeadOp head);

  // ---- gadgets (exact on the stated ranges) ----
  // A linear expression stored as a feature of its own (one neuron: ReLU(1) * e), so
  // that many neurons reading it read one slot instead of all of its terms.
  FeatureId materialize(const std::string& name, const LinExpr& e);
  // e itself when it is already short, else a materialized copy.
  LinExpr compact(const std::string& name, const LinExpr& e);
  // ReLU(gate) * value: with gate in {0, 1} a product flag * value.
  FeatureId relu_mul(const std::string& name, const LinExpr& gate, const LinExpr& value);
  // [d == 0] for an integer d.
  FeatureId is_zero(const std::string& name, const LinExpr& d);
  // [d >= 0] for an integer d.
  FeatureId is_nonneg(const std::string& name, const LinExpr& d);
  // flag * [d == 0], flag in {0, 1}, integer d with |d| < big - 1.
  FeatureId is_zero_if(const std::string& name, const LinExpr& flag, const LinExpr& d, double big);
  // flag * [d >= 0], flag in {0, 1}, integer d with |d| < big - 1.
  FeatureId is_nonneg_if(const std::string& name, const LinExpr& flag, const LinExpr& d, double big);
  // flag * value for flag in {0, 1} and 0 <= value < big (one neuron, big-M gate).
  FeatureId gate_nonneg(const std::string& name, const LinExpr& flag, const LinExpr& value, double big);
  // Logical and of 0/1 expressions.
  FeatureId all_of(const std::string& name, const std::vector<LinExpr>& flags);
  // floor(x / step) clamped to [0, max_quotient], for an integer x >= 0 (2 neurons
  // per threshold): the number of m in 1..max_quotient with x >= m * step.
  FeatureId count_thresholds(const std::string& name, const LinExpr& x, double step, int max_quotient);
  // table[s] for an integer s in [0, table.size()), 0 for s < 0 and table.back() for
  // s beyond the end (piecewise-linear interpolation through the points).
  FeatureId table(const std::string& name, const LinExpr& s, const std::vector<double>& values);

  // ---- output ----
  void set_logit(int token, const LinExpr& e);

  // ---- inspection ----
  const std::vector<Feature>& features() const { return features_; }
  const std::vector<Op>& ops() const { return ops_; }
  const std::vector<std::vector<std::pair<int, double>>>& embedding_values() const { return embed_; }
  const std::vector<LinExpr>& logits() const { return logits_; }
  int vocab_size() const { return static_cast<int>(logits_.size()); }
  void set_vocab_size(int n) { logits_.assign(static_cast<size_t>(n), LinExpr{}); }
  size_t neuron_count() const;

 private:
  FeatureId add_feature(const std::string& name, Source source, int op);
  std::vector<Feature> features_;
  std::vector<Op> ops_;
  std::vector<std::vector<std::pair<int, double>>> embed_;  // per feature: (token, value)
  std::vector<LinExpr> logits_;
  FeatureId one_, position_, square_;
};

// Deterministic text dump (--emit=graph): every feature and op with its expressions.
std::string print_circuit(const Circuit& c);
std::string print_expr(const Circuit& c, const LinExpr& e);

}  // namespace c2w::compiler::circuit
