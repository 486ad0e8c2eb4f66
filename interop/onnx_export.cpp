// The ONNX graph of a c2w model (see onnx_export.h), node by node.
//
// Conventions: a tensor of activations is [T, n], one row per position (the model
// file's column vector x is a row here), so a weight W (rows are outputs) acts as
// Gemm(x, W, transB=1) = x W^T and the initializers stay exactly the model's matrices.
//
// Hard-max attention over the whole sequence, per head (q: [T, 2]; k: [T, 2], or
// [P+T, 2] with a KV cache, the past keys first, and j, i key and query positions):
//   scores  = Gemm(q, k, transB=1)                       [T, T], scores[i, j] = q_i . k_j
//   masked  = Where(j > i, -inf, scores)                  causal: position i sees 0..i
//   latest:  winner = ArgMax(masked, axis 1, select_last_index=1)   the latest of the tied
//            z = Gather(v, winner)                                   maxima, exactly
//   average: tied = Cast(Equal(masked, ReduceMax(masked, axis 1)), double)   0/1 per key
//            z = MatMul(tied, v) / ReduceSum(tied, axis 1)   the sum of the tied values
//                                                          divided by their count, as c2w
// Every score, sum and product is an exact integer or dyadic rational (the model
// contract), so ONNX Runtime's summation order, blocking or FMA cannot change a bit;
// the equality test of the average mode is therefore exact too. Each needed kernel
// has a double version in ONNX Runtime's CPU provider (docs/model-format.md §7).
#include "interop/onnx_export.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <nlohmann/json.hpp>

#include <bit>
#include <cstring>
#include <limits>
#include <sstream>
#include <vector>

#include "neural/model_file.h"
#include "support/errors.h"
#include "support/file_io.h"

namespace c2w::interop {
namespace {

static_assert(std::endian::native == std::endian::little, "ONNX raw_data is little-endian");

constexpr int kOpset = 17;  // the newest ONNX 1.12 knows; ONNX Runtime runs it

using onnx::TensorProto;

// Appends nodes and initializers to a graph; a node's output is named after what it
// holds ("blocks.3.heads.1.scores"), so the graph reads well in a viewer.
class GraphBuilder {
 public:
  // Symbolic dimensions of the graph's inputs and outputs: the new tokens, the cached
  // positions before them, both together.
  enum Dimension : int64_t { kNew = -1, kPast = -2, kTotal = -3 };

  explicit GraphBuilder(onnx::GraphProto& graph) : graph_(graph) {}

  void input(const std::string& name, int type, const std::vector<int64_t>& dims) {
    declare(graph_.add_input(), name, type, dims);
  }
  void output(const std::string& name, int type, const std::vector<int64_t>& dims) {
    declare(graph_.add_output(), name, type, dims);
  }

  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::string& output) {
    onnx::NodeProto* n = graph_.add_node();
    n->set_op_type(op);
    n->set_name(output);
    for (const std::string& input : inputs) n->add_input(input);
    n->add_output(output);
    return *n;
  }

  // A row-major float64 initializer holding `m` exactly.
  void matrix(const std::string& name, const Eigen::MatrixXd& m) {
    TensorProto* t = graph_.add_initializer();
    t->set_name(name);
    t->set_data_type(TensorProto::DOUBLE);
    t->add_dims(m.rows());
    t->add_dims(m.cols());
    std::string raw(static_cast<size_t>(m.size()) * sizeof(double), '\0');
    char* out = raw.data();
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      for (Eigen::Index c = 0; c < m.cols(); ++c, out += sizeof(double)) {
        const double value = m(r, c);
        std::memcpy(out, &value, sizeof value);
      }
    t->set_raw_data(std::move(raw));
  }

  void scalar_double(const std::string& name, double value) {
    TensorProto* t = graph_.add_initializer();
    t->set_name(name);
    t->set_data_type(TensorProto::DOUBLE);
    t->add_double_data(value);
  }

  // An int64 initializer: a scalar when `vector` is false, else a 1-D tensor.
  void int64s(const std::string& name, const std::vector<int64_t>& values, bool vector = true) {
    TensorProto* t = graph_.add_initializer();
    t->set_name(name);
    t->set_data_type(TensorProto::INT64);
    if (vector) t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values) t->add_int64_data(v);
  }

 private:
  static void declare(onnx::ValueInfoProto* info, const std::string& name, int type,
                      const std::vector<int64_t>& dims) {
    info->set_name(name);
    onnx::TypeProto_Tensor* tensor = info->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    for (int64_t d : dims) {
      onnx::TensorShapeProto_Dimension* dim = tensor->mutable_shape()->add_dim();
      if (d >= 0)
        dim->set_dim_value(d);
      else
        dim->set_dim_param(d == kNew ? "T" : d == kPast ? "P" : "P_plus_T");
    }
  }

  onnx::GraphProto& graph_;
};

void set_int(onnx::NodeProto& n, const std::string& name, int64_t value) {
  onnx::AttributeProto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(value);
}

void set_ints(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& values) {
  onnx::AttributeProto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) a->add_ints(v);
}

void set_double_tensor(onnx::NodeProto& n, const std::string& name, double value) {
  onnx::AttributeProto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::TENSOR);
  TensorProto* t = a->mutable_t();
  t->set_data_type(TensorProto::DOUBLE);
  t->add_dims(1);
  t->add_double_data(value);
}

// x W^T for an activation x [T, in] and a weight W [out, in] (rows are outputs).
std::string linear(GraphBuilder& g, const std::string& x, const std::string& weight, const std::string& out) {
  set_int(g.node("Gemm", {x, weight}, out), "transB", 1);
  return out;
}

// Block input x -> x + sum of the heads' outputs. Returns the new residual's name.
// With a KV cache, a head's keys and values are its past ones followed by the new
// positions' (graph input past.P..., output present.P...).
std::string attention(GraphBuilder& g, const neural::Block& block, const std::string& prefix,
                      const std::string& x, bool kv_cache) {
  std::vector<std::string> outputs;
  for (size_t h = 0; h < block.heads.size(); ++h) {
    const neural::AttentionHead& head = block.heads[h];
    if (head.value.rows() == 0) continue;  // a head with no value dimensions adds nothing
    const std::string p = prefix + "heads." + std::to_string(h) + ".";
    g.matrix(p + "query", head.query);
    g.matrix(p + "key", head.key);
    g.matrix(p + "value", head.value);
    g.matrix(p + "output", head.output);
    const std::string q = linear(g, x, p + "query", p + "q");
    std::string k = linear(g, x, p + "key", p + "k");
    std::string v = linear(g, x, p + "value", p + "v");
    if (kv_cache) {
      const int64_t width = head.value.rows();
      g.input("past." + p + "keys", TensorProto::DOUBLE, {GraphBuilder::kPast, 2});
      g.input("past." + p + "values", TensorProto::DOUBLE, {GraphBuilder::kPast, width});
      set_int(g.node("Concat", {"past." + p + "keys", k}, "present." + p + "keys"), "axis", 0);
      set_int(g.node("Concat", {"past." + p + "values", v}, "present." + p + "values"), "axis", 0);
      k = "present." + p + "keys";
      v = "present." + p + "values";
      g.output(k, TensorProto::DOUBLE, {GraphBuilder::kTotal, 2});
      g.output(v, TensorProto::DOUBLE, {GraphBuilder::kTotal, width});
    }
    const std::string scores = linear(g, q, k, p + "scores");
    g.node("Where", {"causal.future", "const.minus_infinity", scores}, p + "masked_scores");
    std::string z;
    if (head.tie == neural::TieMode::Latest) {
      onnx::NodeProto& argmax = g.node("ArgMax", {p + "masked_scores"}, p + "winner");
      set_int(argmax, "axis", 1);
      set_int(argmax, "keepdims", 0);
      set_int(argmax, "select_last_index", 1);
      set_int(g.node("Gather", {v, p + "winner"}, p + "attended"), "axis", 0);
    } else {
      onnx::NodeProto& best = g.node("ReduceMax", {p + "masked_scores"}, p + "best_score");
      set_ints(best, "axes", {1});
      set_int(best, "keepdims", 1);
      g.node("Equal", {p + "masked_scores", p + "best_score"}, p + "is_tied");
      set_int(g.node("Cast", {p + "is_tied"}, p + "tied"), "to", TensorProto::DOUBLE);
      g.node("ReduceSum", {p + "tied", "const.axis1"}, p + "tied_count");
      g.node("MatMul", {p + "tied", v}, p + "tied_sum");
      g.node("Div", {p + "tied_sum", p + "tied_count"}, p + "attended");
    }
    outputs.push_back(linear(g, p + "attended", p + "output", p + "result"));
  }
  if (outputs.empty()) return x;
  std::string sum = outputs[0];
  if (outputs.size() > 1) sum = g.node("Sum", outputs, prefix + "attn_out").output(0);
  return g.node("Add", {x, sum}, prefix + "resid_mid").output(0);
}

// x -> x + W_out (ReLU(W_gate x) * (W_val x)).
std::string feed_forward(GraphBuilder& g, const neural::FeedForward& ffn, const std::string& prefix,
                         const std::string& x) {
  if (ffn.gate.rows() == 0) return x;
  g.matrix(prefix + "ffn.gate", ffn.gate);
  g.matrix(prefix + "ffn.value", ffn.value);
  g.matrix(prefix + "ffn.output", ffn.output);
  linear(g, x, prefix + "ffn.gate", prefix + "mlp.pre_gate");
  g.node("Relu", {prefix + "mlp.pre_gate"}, prefix + "mlp.gate");
  linear(g, x, prefix + "ffn.value", prefix + "mlp.value");
  g.node("Mul", {prefix + "mlp.gate", prefix + "mlp.value"}, prefix + "mlp.hidden");
  linear(g, prefix + "mlp.hidden", prefix + "ffn.output", prefix + "mlp.out");
  return g.node("Add", {x, prefix + "mlp.out"}, prefix + "resid_post").output(0);
}

// tokens -> the embedding plus the positional features, [T, d]. The new tokens' positions
// start at the length of `past_keys` (a KV-cache input; "": at 0).
std::string embed(GraphBuilder& g, const neural::Model& model, const std::string& past_keys) {
  g.matrix("embedding", model.embedding);
  // The features [p, p^2, 1] of each position times a 3 x d matrix whose rows put them
  // into the residual coordinates the model names (a zero row for -1: none).
  Eigen::MatrixXd place = Eigen::MatrixXd::Zero(3, model.d_model);
  const int coordinates[3] = {model.positional.position, model.positional.square, model.positional.one};
  for (int f = 0; f < 3; ++f)
    if (coordinates[f] >= 0) place(f, coordinates[f]) = 1;
  g.matrix("positional.placement", place);
  g.int64s("const.zero", {0}, false);
  g.int64s("const.one", {1}, false);
  g.int64s("const.axis0", {0});
  g.int64s("const.axis1", {1});
  g.node("Shape", {"tokens"}, "length");
  g.node("Squeeze", {"length", "const.axis0"}, "length.scalar");
  std::string key_positions = "positions";
  if (past_keys.empty()) {
    g.node("Range", {"const.zero", "length.scalar", "const.one"}, "positions");
  } else {
    onnx::NodeProto& past = g.node("Shape", {past_keys}, "past_length");
    set_int(past, "start", 0);
    set_int(past, "end", 1);
    g.node("Squeeze", {"past_length", "const.axis0"}, "past_length.scalar");
    g.node("Add", {"past_length.scalar", "length.scalar"}, "total_length.scalar");
    g.node("Range", {"past_length.scalar", "total_length.scalar", "const.one"}, "positions");
    key_positions =
        g.node("Range", {"const.zero", "total_length.scalar", "const.one"}, "key_positions").output(0);
  }
  set_int(g.node("Cast", {"positions"}, "positions.double"), "to", TensorProto::DOUBLE);
  g.node("Unsqueeze", {"positions.double", "const.axis1"}, "positional.p");
  g.node("Mul", {"positional.p", "positional.p"}, "positional.p_squared");
  g.int64s("const.width_one", {1});
  set_int(g.node("Concat", {"length", "const.width_one"}, "positional.column_shape"), "axis", 0);
  set_double_tensor(g.node("ConstantOfShape", {"positional.column_shape"}, "positional.one"), "value", 1.0);
  set_int(g.node("Concat", {"positional.p", "positional.p_squared", "positional.one"}, "positional.features"),
          "axis", 1);
  g.node("MatMul", {"positional.features", "positional.placement"}, "hook_pos_embed");
  set_int(g.node("Gather", {"embedding", "tokens"}, "embedding.columns"), "axis", 1);
  set_ints(g.node("Transpose", {"embedding.columns"}, "hook_embed"), "perm", {1, 0});
  // The causal mask, shared by every head: key position j is in the future of query i.
  g.node("Unsqueeze", {"positions", "const.axis1"}, "causal.query_position");
  g.node("Unsqueeze", {key_positions, "const.axis0"}, "causal.key_position");
  g.node("Greater", {"causal.key_position", "causal.query_position"}, "causal.future");
  g.scalar_double("const.minus_infinity", -std::numeric_limits<double>::infinity());
  return g.node("Add", {"hook_embed", "hook_pos_embed"}, "blocks.0.resid_pre").output(0);
}

std::string tie_names(const neural::Model& model) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const neural::Block& block : model.blocks) {
    nlohmann::json heads = nlohmann::json::array();
    for (const neural::AttentionHead& head : block.heads)
      heads.push_back(head.tie == neural::TieMode::Latest ? "latest" : "average");
    blocks.push_back(heads);
  }
  return blocks.dump();
}

void add_metadata(onnx::ModelProto& proto, const std::string& key, const std::string& value) {
  onnx::StringStringEntryProto* entry = proto.add_metadata_props();
  entry->set_key(key);
  entry->set_value(value);
}

}  // namespace

std::string onnx_model_bytes(const neural::Model& model, const std::string& source_name,
                             const OnnxExportOptions& options) {
  const std::string problem = neural::check_model(model);
  if (!problem.empty()) throw UserError(source_name + ": error: inconsistent model: " + problem);
  onnx::ModelProto proto;
  proto.set_ir_version(onnx::IR_VERSION);
  proto.set_producer_name("c2w");
  proto.set_producer_version("0.13");
  proto.set_domain("c2w");
  proto.set_model_version(1);
  proto.set_doc_string(
      "c2w model " + source_name +
      " as a whole-sequence forward pass: tokens (int64 [T], token ids) -> logits (double [T, V]) and "
      "next_tokens (int64 [T], the argmax of each row, lowest id on a tie); causal hard-max attention "
      "with per-head ties (latest or average), ReGLU feed-forward, float64 throughout "
      "(docs/model-format.md in c2w). metadata_props: c2w.vocabulary, c2w.ties, c2w.config." +
      std::string(options.kv_cache
                      ? " KV cache: inputs past.blocks.B.heads.H.keys [P, 2] and .values [P, d_v] "
                        "(empty at first), outputs present.* [P+T, ...] to feed back; the new "
                        "tokens are at positions P..P+T-1."
                      : ""));
  onnx::OperatorSetIdProto* opset = proto.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  add_metadata(proto, "c2w.vocabulary", nlohmann::json(model.vocabulary).dump());
  add_metadata(proto, "c2w.ties", tie_names(model));
  add_metadata(proto, "c2w.config", model.config_json);

  onnx::GraphProto& graph = *proto.mutable_graph();
  graph.set_name("c2w_transformer");
  GraphBuilder g(graph);
  g.input("tokens", TensorProto::INT64, {GraphBuilder::kNew});
  g.output("logits", TensorProto::DOUBLE, {GraphBuilder::kNew, model.vocab_size()});
  g.output("next_tokens", TensorProto::INT64, {GraphBuilder::kNew});
  std::string past_keys;  // the first cached head's: its length is the new tokens' first position
  for (size_t b = 0; b < model.blocks.size() && options.kv_cache && past_keys.empty(); ++b)
    for (size_t h = 0; h < model.blocks[b].heads.size() && past_keys.empty(); ++h)
      if (model.blocks[b].heads[h].value.rows() > 0)
        past_keys = "past.blocks." + std::to_string(b) + ".heads." + std::to_string(h) + ".keys";
  if (options.kv_cache && past_keys.empty())
    throw UserError(source_name + ": error: the model has no attention head: a KV cache would hold nothing");
  std::string x = embed(g, model, past_keys);
  for (size_t b = 0; b < model.blocks.size(); ++b) {
    const std::string prefix = "blocks." + std::to_string(b) + ".";
    x = attention(g, model.blocks[b], prefix, x, options.kv_cache);
    x = feed_forward(g, model.blocks[b].ffn, prefix, x);
  }
  g.matrix("unembedding", model.unembedding);
  linear(g, x, "unembedding", "logits");
  onnx::NodeProto& argmax = g.node("ArgMax", {"logits"}, "next_tokens");
  set_int(argmax, "axis", 1);
  set_int(argmax, "keepdims", 0);  // select_last_index 0: the lowest id among equal logits

  const size_t bytes = proto.ByteSizeLong();
  if (bytes > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
    throw UserError(source_name + ": error: the model's dense ONNX form would take " +
                    std::to_string(bytes >> 20) + " MiB, more than protobuf's 2 GiB limit for one file");
  try {
    onnx::checker::check_model(proto);
    onnx::ModelProto inferred = proto;  // strict: every node's types and shapes must agree
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(true, 1, false));
  } catch (const std::exception& e) {
    C2W_INTERNAL_ERROR(std::string("the ONNX checker refuses the exported graph: ") + e.what());
  }
  std::string out;
  C2W_CHECK(proto.SerializeToString(&out), "cannot serialize the ONNX model");
  return out;
}

std::string export_onnx(const std::string& model_path, const std::string& output_path,
                        const OnnxExportOptions& options) {
  const neural::Model model = neural::load_model(model_path);
  const std::string bytes = onnx_model_bytes(model, model_path, options);
  write_file_atomically(output_path, bytes);
  std::ostringstream summary;
  summary << model_path << " -> " << output_path << ": ONNX opset " << kOpset << ", " << model.blocks.size()
          << " blocks, float64, " << (options.kv_cache ? "KV cache, " : "")
          << (bytes.size() + (1 << 19)) / (1 << 20) << " MiB";
  return summary.str();
}

}  // namespace c2w::interop
