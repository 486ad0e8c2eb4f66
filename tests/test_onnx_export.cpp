// The ONNX export (interop/onnx_export.h): the graph's initializers are the model's
// matrices bit for bit, its interface and metadata are what docs/model-format.md §7
// says, each head's tie mode picks its hard-max ops, and bad input is a UserError with
// no file left. That the graph computes c2w's traces is checked in ONNX Runtime by
// tests/onnx/ort_crosscheck.sh.
#include <catch2/catch.hpp>

#include <onnx/onnx_pb.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <map>
#include <random>

#include <unistd.h>

#include "interop/onnx_export.h"
#include "neural/model.h"
#include "neural/model_file.h"
#include "support/errors.h"

using namespace c2w;
using Catch::Matchers::Contains;

namespace {

// Multiples of 1/4 in [-8, 8], a fifth of them zero: exact like a compiled model's.
Eigen::MatrixXd dyadic(int rows, int cols, std::mt19937& random) {
  std::uniform_int_distribution<int> value(-32, 32), zero(0, 4);
  Eigen::MatrixXd m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = zero(random) == 0 ? 0.0 : value(random) / 4.0;
  return m;
}

// Two blocks: a latest head and an average head (value widths 3 and 1), an FFN of
// width 5, then a block with no heads and an FFN of width 0.
neural::Model small_model() {
  std::mt19937 random(7);
  neural::Model m;
  m.d_model = 6;
  m.vocabulary = {"<bos>", "<eoi>", "@0", "a", "b", "<halt>"};
  m.positional = {1, 2, 0};
  m.embedding = dyadic(6, 6, random);
  neural::Block first;
  for (auto [tie, width] : {std::pair{neural::TieMode::Latest, 3}, std::pair{neural::TieMode::Average, 1}}) {
    neural::AttentionHead head;
    head.tie = tie;
    head.query = dyadic(2, 6, random);
    head.key = dyadic(2, 6, random);
    head.value = dyadic(width, 6, random);
    head.output = dyadic(6, width, random);
    first.heads.push_back(head);
  }
  first.ffn = {dyadic(5, 6, random), dyadic(5, 6, random), dyadic(6, 5, random)};
  neural::Block second;
  second.ffn = {Eigen::MatrixXd(0, 6), Eigen::MatrixXd(0, 6), Eigen::MatrixXd(6, 0)};
  m.blocks = {first, second};
  m.unembedding = dyadic(6, 6, random);
  m.config_json = R"({"note": "test"})";
  return m;
}

onnx::ModelProto parse(const std::string& bytes) {
  onnx::ModelProto proto;
  REQUIRE(proto.ParseFromString(bytes));
  return proto;
}

const onnx::NodeProto& node_named(const onnx::GraphProto& graph, const std::string& name) {
  for (const onnx::NodeProto& n : graph.node())
    if (n.name() == name) return n;
  FAIL("no node " << name);
  throw 0;
}

int64_t attribute(const onnx::NodeProto& n, const std::string& name) {
  for (const onnx::AttributeProto& a : n.attribute())
    if (a.name() == name) return a.i();
  return -1;
}

}  // namespace

TEST_CASE("ONNX export keeps the model's matrices as its initializers, bit for bit") {
  const neural::Model m = small_model();
  const onnx::ModelProto proto = parse(interop::onnx_model_bytes(m, "small.c2w"));
  std::map<std::string, const Eigen::MatrixXd*> expected = {{"embedding", &m.embedding},
                                                            {"unembedding", &m.unembedding}};
  for (int h = 0; h < 2; ++h) {
    const neural::AttentionHead& head = m.blocks[0].heads[h];
    const std::string p = "blocks.0.heads." + std::to_string(h) + ".";
    expected[p + "query"] = &head.query;
    expected[p + "key"] = &head.key;
    expected[p + "value"] = &head.value;
    expected[p + "output"] = &head.output;
  }
  expected["blocks.0.ffn.gate"] = &m.blocks[0].ffn.gate;
  expected["blocks.0.ffn.value"] = &m.blocks[0].ffn.value;
  expected["blocks.0.ffn.output"] = &m.blocks[0].ffn.output;
  size_t found = 0;
  for (const onnx::TensorProto& t : proto.graph().initializer()) {
    auto it = expected.find(t.name());
    if (it == expected.end()) continue;
    ++found;
    const Eigen::MatrixXd& w = *it->second;
    INFO(t.name());
    CHECK(t.data_type() == onnx::TensorProto::DOUBLE);
    REQUIRE(t.dims_size() == 2);
    CHECK(t.dims(0) == w.rows());
    CHECK(t.dims(1) == w.cols());
    REQUIRE(t.raw_data().size() == static_cast<size_t>(w.size()) * 8);
    for (Eigen::Index r = 0; r < w.rows(); ++r)
      for (Eigen::Index c = 0; c < w.cols(); ++c) {  // row-major, as in the model file
        double value;
        std::memcpy(&value, t.raw_data().data() + 8 * (r * w.cols() + c), 8);
        CHECK(value == w(r, c));
      }
  }
  CHECK(found == expected.size());
}

TEST_CASE("ONNX export: tokens in, logits and next tokens out, the vocabulary in the metadata") {
  const neural::Model m = small_model();
  const onnx::ModelProto proto = parse(interop::onnx_model_bytes(m, "small.c2w"));
  CHECK(proto.opset_import(0).version() == 17);
  const onnx::GraphProto& g = proto.graph();
  REQUIRE(g.input_size() == 1);
  CHECK(g.input(0).name() == "tokens");
  CHECK(g.input(0).type().tensor_type().elem_type() == onnx::TensorProto::INT64);
  REQUIRE(g.output_size() == 2);
  CHECK(g.output(0).name() == "logits");
  CHECK(g.output(0).type().tensor_type().elem_type() == onnx::TensorProto::DOUBLE);
  CHECK(g.output(0).type().tensor_type().shape().dim(1).dim_value() == 6);
  CHECK(g.output(1).name() == "next_tokens");
  std::map<std::string, std::string> metadata;
  for (const auto& entry : proto.metadata_props()) metadata[entry.key()] = entry.value();
  CHECK(nlohmann::json::parse(metadata["c2w.vocabulary"]) == nlohmann::json(m.vocabulary));
  CHECK(metadata["c2w.ties"] == R"([["latest","average"],[]])");
  CHECK(metadata["c2w.config"] == m.config_json);
  // float64 everywhere: no initializer or cast of another floating type
  for (const onnx::TensorProto& t : g.initializer())
    CHECK((t.data_type() == onnx::TensorProto::DOUBLE || t.data_type() == onnx::TensorProto::INT64));
  for (const onnx::NodeProto& n : g.node())
    if (n.op_type() == "Cast") CHECK(attribute(n, "to") == onnx::TensorProto::DOUBLE);
}

TEST_CASE("ONNX export: a latest head takes the last maximum, an average head the mean of the tied") {
  const neural::Model m = small_model();
  const onnx::ModelProto proto = parse(interop::onnx_model_bytes(m, "small.c2w"));
  const onnx::GraphProto& g = proto.graph();
  const onnx::NodeProto& winner = node_named(g, "blocks.0.heads.0.winner");
  CHECK(winner.op_type() == "ArgMax");
  CHECK(attribute(winner, "select_last_index") == 1);
  CHECK(node_named(g, "blocks.0.heads.0.attended").op_type() == "Gather");
  CHECK(node_named(g, "blocks.0.heads.1.is_tied").op_type() == "Equal");
  CHECK(node_named(g, "blocks.0.heads.1.attended").op_type() == "Div");
  // the lowest id among equal logits, as c2w decodes
  CHECK(attribute(node_named(g, "next_tokens"), "select_last_index") <= 0);
  // block 1 has neither heads nor an FFN: nothing of it in the graph
  for (const onnx::NodeProto& n : g.node()) CHECK_THAT(n.name(), !Contains("blocks.1."));
}

TEST_CASE("ONNX export with a KV cache: each head's past keys and values in, present ones out") {
  neural::Model m = small_model();
  interop::OnnxExportOptions options;
  options.kv_cache = true;
  const onnx::GraphProto g = parse(interop::onnx_model_bytes(m, "small.c2w", options)).graph();
  std::vector<std::string> inputs, outputs;
  for (const auto& i : g.input()) inputs.push_back(i.name());
  for (const auto& o : g.output()) outputs.push_back(o.name());
  CHECK(inputs == std::vector<std::string>{"tokens", "past.blocks.0.heads.0.keys",
                                           "past.blocks.0.heads.0.values", "past.blocks.0.heads.1.keys",
                                           "past.blocks.0.heads.1.values"});
  CHECK(outputs == std::vector<std::string>{"logits", "next_tokens", "present.blocks.0.heads.0.keys",
                                            "present.blocks.0.heads.0.values",
                                            "present.blocks.0.heads.1.keys",
                                            "present.blocks.0.heads.1.values"});
  CHECK(g.input(2).type().tensor_type().shape().dim(0).dim_param() == "P");
  CHECK(g.input(2).type().tensor_type().shape().dim(1).dim_value() == 3);  // the latest head's d_v
  // the new tokens' positions start after the past
  CHECK(node_named(g, "past_length").input(0) == "past.blocks.0.heads.0.keys");
  CHECK(node_named(g, "positions").input(0) == "past_length.scalar");
  // without the option: tokens in, nothing cached
  CHECK(parse(interop::onnx_model_bytes(m, "small.c2w")).graph().input_size() == 1);
  // a model without heads has nothing to cache
  m.blocks[0].heads.clear();
  CHECK_THROWS_AS(interop::onnx_model_bytes(m, "headless.c2w", options), UserError);
  CHECK_NOTHROW(interop::onnx_model_bytes(m, "headless.c2w"));
}

TEST_CASE("ONNX export refuses an inconsistent model and leaves no file for a bad model file") {
  neural::Model m = small_model();
  m.blocks[0].heads[1].output = Eigen::MatrixXd::Zero(5, 1);  // d_model is 6
  CHECK_THROWS_AS(interop::onnx_model_bytes(m, "bad.c2w"), UserError);

  const auto dir = std::filesystem::temp_directory_path() / ("c2w_test_onnx_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string model = (dir / "m.c2w").string(), out = (dir / "m.onnx").string();
  neural::save_model(small_model(), model);
  std::filesystem::resize_file(model, 100);  // truncated
  CHECK_THROWS_AS(interop::export_onnx(model, out), neural::ModelFileError);
  CHECK_FALSE(std::filesystem::exists(out));
  neural::save_model(small_model(), model);
  interop::export_onnx(model, out);
  CHECK(std::filesystem::file_size(out) > 1000);
  std::filesystem::remove_all(dir);
}
