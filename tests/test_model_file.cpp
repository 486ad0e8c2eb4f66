// Model files: a model round-trips exactly and deterministically through the
// safetensors format, and every malformed file (truncated, corrupted, or built by
// hand to break one rule) is a ModelFileError naming the problem, never a crash.
// Every file is read both ways, dense (load_model) and sparse (load_sparse_model):
// the same model or the same error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <random>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "neural/model.h"
#include "neural/model_config.h"
#include "neural/model_file.h"
#include "neural/sparse_model.h"

using namespace c2w::neural;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

namespace {

// A fresh directory, removed with everything in it at the end of the test.
struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("c2w_test_model_file_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Weights drawn from exactly representable values of every kind c2w uses.
Eigen::MatrixXd random_matrix(std::mt19937& rng, Eigen::Index rows, Eigen::Index cols) {
  static const double values[] = {0.0,
                                  1.0,
                                  -1.0,
                                  -0.375,
                                  0.5,
                                  3.0,
                                  -7.0,
                                  1099511627776.0 /* 2^40 */,
                                  -1099511627776.0,
                                  0.0009765625 /* 2^-10 */,
                                  4503599627370495.0 /* 2^52-1 */};
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) m(r, c) = values[rng() % std::size(values)];
  return m;
}

// d = 7, vocabulary 11, two blocks: block 0 has an average head (d_v 3) and a latest
// head (d_v 2) and an FFN of width 3; block 1 has one head (d_v 7) and no FFN.
Model sample_model(unsigned seed = 1) {
  std::mt19937 rng(seed);
  Model model;
  model.d_model = 7;
  for (int t = 0; t < 11; ++t) model.vocabulary.push_back("tok" + std::to_string(t));
  model.vocabulary[3] = "<eos> \"quoted\" é";
  model.embedding = random_matrix(rng, 7, 11);
  model.positional = {0, 1, 5};
  auto head = [&](int dv, TieMode tie) {
    AttentionHead h;
    h.query = random_matrix(rng, 2, 7);
    h.key = random_matrix(rng, 2, 7);
    h.value = random_matrix(rng, dv, 7);
    h.output = random_matrix(rng, 7, dv);
    h.tie = tie;
    return h;
  };
  auto ffn = [&](int f) {
    return FeedForward{random_matrix(rng, f, 7), random_matrix(rng, f, 7), random_matrix(rng, 7, f)};
  };
  model.blocks.push_back(Block{{head(3, TieMode::Average), head(2, TieMode::Latest)}, ffn(3)});
  model.blocks.push_back(Block{{head(7, TieMode::Latest)}, ffn(0)});
  model.unembedding = random_matrix(rng, 11, 7);
  model.config_json =
      R"({"mode":"specialised","machine":{"registers":8,"name":"c2w"},"source_map":[[1,2],[3,4]],"scale":0.125})";
  return model;
}

// sample_model made mostly zeros, with what compression must get right: -0.0 (not
// stored), the smallest subnormal (stored), and FFN matrices of 40000 x 7 whose data
// spans three of the reader's 1 MiB chunks, with non-zeros either side of each
// boundary between chunks.
Model sparse_sample_model() {
  Model model = sample_model();
  std::mt19937 rng(3);
  model.blocks[1].ffn = {random_matrix(rng, 40000, 7), random_matrix(rng, 40000, 7),
                         random_matrix(rng, 7, 40000)};
  for (Eigen::MatrixXd* m : {&model.embedding, &model.blocks[0].heads[0].value, &model.blocks[1].ffn.gate,
                             &model.blocks[1].ffn.value, &model.blocks[1].ffn.output}) {
    double* data = m->data();
    for (Eigen::Index i = 0; i < m->size(); ++i)
      if (rng() % 8 != 0) data[i] = 0.0;
    m->reshaped<Eigen::RowMajor>()(m->size() / 3) = -0.0;
    m->reshaped<Eigen::RowMajor>()(m->size() / 2) = std::numeric_limits<double>::denorm_min();
  }
  constexpr Eigen::Index kChunkValues = (1 << 20) / 8;
  for (Eigen::MatrixXd* m : {&model.blocks[1].ffn.gate, &model.blocks[1].ffn.output})
    for (Eigen::Index i : {kChunkValues - 1, kChunkValues, 2 * kChunkValues - 1, 2 * kChunkValues})
      m->reshaped<Eigen::RowMajor>()(i) = 1.5;
  return model;
}

// The matrices of `model` by tensor name (model_file.h).
std::map<std::string, Eigen::MatrixXd*> matrices_by_name(Model& model) {
  std::map<std::string, Eigen::MatrixXd*> named = {{"embedding", &model.embedding},
                                                   {"unembedding", &model.unembedding}};
  for (size_t b = 0; b < model.blocks.size(); ++b) {
    Block& block = model.blocks[b];
    const std::string prefix = "blocks." + std::to_string(b);
    for (size_t h = 0; h < block.heads.size(); ++h) {
      AttentionHead& head = block.heads[h];
      const std::string hp = prefix + ".heads." + std::to_string(h);
      named.insert({{hp + ".query", &head.query},
                    {hp + ".key", &head.key},
                    {hp + ".value", &head.value},
                    {hp + ".output", &head.output}});
    }
    named.insert({{prefix + ".ffn.gate", &block.ffn.gate},
                  {prefix + ".ffn.value", &block.ffn.value},
                  {prefix + ".ffn.output", &block.ffn.output}});
  }
  return named;
}

bool bit_identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 ||
          std::memcmp(a.data(), b.data(), static_cast<size_t>(a.size()) * sizeof(double)) == 0);
}

// Same weights, shapes, positional features and tie modes (vocabulary and config aside).
bool same_weights(const Model& a, const Model& b) {
  if (a.d_model != b.d_model || a.blocks.size() != b.blocks.size() ||
      !bit_identical(a.embedding, b.embedding) || !bit_identical(a.unembedding, b.unembedding) ||
      a.positional.position != b.positional.position || a.positional.square != b.positional.square ||
      a.positional.one != b.positional.one)
    return false;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    const Block &x = a.blocks[i], &y = b.blocks[i];
    if (x.heads.size() != y.heads.size() || !bit_identical(x.ffn.gate, y.ffn.gate) ||
        !bit_identical(x.ffn.value, y.ffn.value) || !bit_identical(x.ffn.output, y.ffn.output))
      return false;
    for (size_t h = 0; h < x.heads.size(); ++h) {
      const AttentionHead &p = x.heads[h], &q = y.heads[h];
      if (p.tie != q.tie || !bit_identical(p.query, q.query) || !bit_identical(p.key, q.key) ||
          !bit_identical(p.value, q.value) || !bit_identical(p.output, q.output))
        return false;
    }
  }
  return true;
}

// Same shape and the same compressed arrays, values bitwise.
template <typename S>
bool bit_identical(const S& a, const S& b) {
  REQUIRE(a.isCompressed());
  REQUIRE(b.isCompressed());
  const auto nnz = static_cast<size_t>(a.nonZeros());
  return a.rows() == b.rows() && a.cols() == b.cols() && a.nonZeros() == b.nonZeros() &&
         std::equal(a.outerIndexPtr(), a.outerIndexPtr() + a.outerSize() + 1, b.outerIndexPtr()) &&
         std::equal(a.innerIndexPtr(), a.innerIndexPtr() + nnz, b.innerIndexPtr()) &&
         (nnz == 0 || std::memcmp(a.valuePtr(), b.valuePtr(), nnz * sizeof(double)) == 0);
}

// Equal in every field, matrices bitwise.
bool same_sparse(const SparseModel& a, const SparseModel& b) {
  if (a.d_model != b.d_model || a.vocabulary != b.vocabulary || a.config_json != b.config_json ||
      a.positional.position != b.positional.position || a.positional.square != b.positional.square ||
      a.positional.one != b.positional.one || a.blocks.size() != b.blocks.size() ||
      !bit_identical(a.embedding, b.embedding) || !bit_identical(a.unembedding, b.unembedding))
    return false;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    const SparseBlock &x = a.blocks[i], &y = b.blocks[i];
    if (x.heads.size() != y.heads.size() || !bit_identical(x.ffn.gate, y.ffn.gate) ||
        !bit_identical(x.ffn.value, y.ffn.value) || !bit_identical(x.ffn.output, y.ffn.output))
      return false;
    for (size_t h = 0; h < x.heads.size(); ++h) {
      const SparseAttentionHead &p = x.heads[h], &q = y.heads[h];
      if (p.tie != q.tie || !bit_identical(p.query, q.query) || !bit_identical(p.key, q.key) ||
          !bit_identical(p.value, q.value) || !bit_identical(p.output, q.output))
        return false;
    }
  }
  return true;
}

// What a saved `model` reads back as in sparse form: its config re-serialised the
// way the reader does.
SparseModel sparse_as_saved(const Model& model) {
  SparseModel sparse = sparse_model(model);
  sparse.config_json = Json::parse(model.config_json).dump();
  return sparse;
}

// Loads `path` both ways and returns the ModelFileError message, or "(loaded)" with
// the dense model in `*loaded`. Checks that both ways agree: the same message, or
// load_sparse_model giving exactly sparse_model(load_model).
std::string load_error(const std::string& path, std::optional<Model>* loaded = nullptr) {
  std::optional<Model> dense;
  std::optional<SparseModel> sparse;
  std::string dense_error = "(loaded)", sparse_error = "(loaded)";
  try {
    dense = load_model(path);
  } catch (const ModelFileError& e) {
    dense_error = e.what();
  }
  try {
    sparse = load_sparse_model(path);
  } catch (const ModelFileError& e) {
    sparse_error = e.what();
  }
  CHECK(sparse_error == dense_error);
  if (dense && sparse) CHECK(same_sparse(*sparse, sparse_model(*dense)));
  if (loaded) *loaded = std::move(dense);
  return dense_error;
}

uint64_t header_length(const std::string& bytes) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<uint8_t>(bytes[static_cast<size_t>(i)]);
  return n;
}

std::string length_prefix(uint64_t n) {
  std::string prefix(8, '\0');
  for (int i = 0; i < 8; ++i) prefix[static_cast<size_t>(i)] = static_cast<char>(n >> (8 * i));
  return prefix;
}

// A safetensors file taken apart, to be broken one rule at a time and written back
// the way another writer might (keys sorted, no padding, data in `tensors` order).
struct RawTensor {
  std::string name, dtype;
  Json shape;
  std::string bytes;
};
struct RawFile {
  Json c2w;  // the parsed "c2w" metadata
  std::vector<RawTensor> tensors;
};

RawFile take_apart(const std::string& file) {
  uint64_t n = header_length(file);
  Json header = Json::parse(file.substr(8, n));
  std::string data = file.substr(8 + n);
  RawFile raw;
  raw.c2w = Json::parse(header["__metadata__"]["c2w"].get<std::string>());
  for (auto& [name, entry] : header.items()) {
    if (name == "__metadata__") continue;
    uint64_t begin = entry["data_offsets"][0], end = entry["data_offsets"][1];
    raw.tensors.push_back({name, entry["dtype"], entry["shape"], data.substr(begin, end - begin)});
  }
  return raw;
}

// The file of `raw`'s tensors with `c2w_text` as its c2w metadata (any text, valid JSON
// or not); by default raw.c2w's.
std::string put_together(const RawFile& raw, const std::string& c2w_text) {
  Json header = {{"__metadata__", {{"c2w", c2w_text}}}};
  std::string data;
  for (const RawTensor& t : raw.tensors) {
    header[t.name] = {{"dtype", t.dtype},
                      {"shape", t.shape},
                      {"data_offsets", {data.size(), data.size() + t.bytes.size()}}};
    data += t.bytes;
  }
  std::string text = header.dump();
  return length_prefix(text.size()) + text + data;
}
std::string put_together(const RawFile& raw) { return put_together(raw, raw.c2w.dump()); }

// A file made from a valid one by one mutation, and the error loading it must give.
struct MalformedCase {
  const char* what;
  std::function<void(RawFile&)> mutate;
  const char* message;
};

// Each case, applied to `valid` and loaded: an error naming the file and the case's message.
void expect_load_errors(const ScratchDirectory& dir, const std::string& valid,
                        const std::vector<MalformedCase>& cases) {
  for (const MalformedCase& c : cases) {
    RawFile raw = take_apart(valid);
    c.mutate(raw);
    write_bytes(dir.file("bad.safetensors"), put_together(raw));
    INFO(c.what);
    std::string error = load_error(dir.file("bad.safetensors"));
    CHECK_THAT(error, Contains(dir.file("bad.safetensors") + ": ") && Contains(c.message));
  }
}

RawTensor& tensor(RawFile& raw, const std::string& name) {
  for (RawTensor& t : raw.tensors)
    if (t.name == name) return t;
  FAIL("no tensor " << name);
  throw std::logic_error("unreachable");
}

// Rewrites the JSON header text of a valid file, fixing the length prefix.
std::string edit_header(const std::string& file, const std::function<std::string(std::string)>& edit) {
  uint64_t n = header_length(file);
  std::string text = edit(file.substr(8, n));
  return length_prefix(text.size()) + text + file.substr(8 + n);
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// examples/collatz.c compiled into its specialised model.
Model compiled_collatz() {
  c2w::compiler::CompileOptions options;
  options.source_path = std::string(C2W_SOURCE_DIR) + "/examples/collatz.c";
  return c2w::compiler::compile_weights(c2w::compiler::compile_c_program(options).program).model;
}

}  // namespace

TEST_CASE("a saved model loads back bit-identical, with its vocabulary, ties and config", "[model_file]") {
  ScratchDirectory dir;
  Model model = sample_model();
  REQUIRE(check_model(model) == "");
  save_model(model, dir.file("m.safetensors"));
  Model loaded = load_model(dir.file("m.safetensors"));
  CHECK(same_weights(model, loaded));
  CHECK(loaded.vocabulary == model.vocabulary);
  CHECK(loaded.blocks[0].heads[0].tie == TieMode::Average);
  CHECK(loaded.blocks[0].heads[1].tie == TieMode::Latest);
  CHECK(loaded.blocks[1].ffn.gate.rows() == 0);
  CHECK(Json::parse(loaded.config_json) == Json::parse(model.config_json));
  CHECK(dir.entries() == std::vector<std::string>{"m.safetensors"});
}

TEST_CASE("saving the same model twice gives identical bytes, re-saving a loaded model too", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("a.safetensors"));
  save_model(sample_model(), dir.file("b.safetensors"));
  save_model(load_model(dir.file("a.safetensors")), dir.file("c.safetensors"));
  std::string a = read_bytes(dir.file("a.safetensors"));
  CHECK(a == read_bytes(dir.file("b.safetensors")));
  CHECK(a == read_bytes(dir.file("c.safetensors")));
}

TEST_CASE("a model file follows the safetensors layout: aligned header, metadata, row-major F64",
          "[model_file]") {
  ScratchDirectory dir;
  Model model = sample_model();
  save_model(model, dir.file("m.safetensors"));
  std::string file = read_bytes(dir.file("m.safetensors"));
  uint64_t n = header_length(file);
  CHECK(n % 8 == 0);
  CHECK(file[8] == '{');
  Json header = Json::parse(file.substr(8, n));
  Json c2w = Json::parse(header["__metadata__"]["c2w"].get<std::string>());
  CHECK(c2w["format"] == "c2w-model");
  CHECK(c2w["version"] == 2);
  CHECK(c2w["sparse"] == Json::object());  // sample_model's matrices are mostly non-zero: all dense
  CHECK(c2w["d_model"] == 7);
  CHECK(c2w["positional"] == Json{{"position", 0}, {"square", 1}, {"one", 5}});
  CHECK(c2w["blocks"][0]["heads"][0]["tie"] == "average");
  CHECK(header["blocks.0.heads.1.output"]["shape"] == Json{7, 2});
  CHECK(header["blocks.1.ffn.output"]["shape"] == Json{7, 0});
  // Element (r, c) of the 11x7 unembedding is the (r * 7 + c)-th double of its data.
  Json entry = header["unembedding"];
  CHECK(entry["dtype"] == "F64");
  uint64_t begin = entry["data_offsets"][0];
  double element = 0;
  std::memcpy(&element, file.data() + 8 + n + begin + 8 * (4 * 7 + 6), 8);
  CHECK(element == model.unembedding(4, 6));
  CHECK(8 + n + entry["data_offsets"][1].get<uint64_t>() == file.size());  // the last tensor ends the file
}

TEST_CASE("a file from another writer (sorted keys, unpadded, other data order) loads the same model",
          "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  RawFile raw = take_apart(read_bytes(dir.file("m.safetensors")));
  std::reverse(raw.tensors.begin(), raw.tensors.end());
  write_bytes(dir.file("other.safetensors"), put_together(raw));
  CHECK(same_weights(load_model(dir.file("other.safetensors")), sample_model()));
}

TEST_CASE("load_sparse_model reads exactly sparse_model of what load_model reads", "[model_file]") {
  ScratchDirectory dir;
  for (const Model& model : {sample_model(), sparse_sample_model()}) {
    save_model(model, dir.file("m.safetensors"));
    CHECK(load_error(dir.file("m.safetensors")) == "(loaded)");  // and sparse_model(dense) == sparse
    const SparseModel sparse = load_sparse_model(dir.file("m.safetensors"));
    CHECK(same_sparse(sparse, sparse_as_saved(model)));
    CHECK(shape_of(sparse).non_zeros == shape_of(model).non_zeros);

    RawFile raw = take_apart(read_bytes(dir.file("m.safetensors")));
    std::reverse(raw.tensors.begin(), raw.tensors.end());  // another writer's data order
    write_bytes(dir.file("other.safetensors"), put_together(raw));
    CHECK(same_sparse(load_sparse_model(dir.file("other.safetensors")), sparse));
  }
  const SparseRows gate = sparse_model(sparse_sample_model()).blocks[1].ffn.gate;
  CHECK(gate.coeff(18724, 3) == 1.5);  // value 131071, the last of the first chunk
  CHECK(gate.coeff(18724, 4) == 1.5);  // value 131072, the first of the second

  // A non-finite value past the first chunk is found, at its row and column, both ways
  // (in a version-1 file, where the matrix is dense).
  save_model(sparse_sample_model(), dir.file("m.safetensors"), 1);
  RawFile raw = take_apart(read_bytes(dir.file("m.safetensors")));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::memcpy(tensor(raw, "blocks.1.ffn.gate").bytes.data() + 8 * 131077, &nan, 8);
  write_bytes(dir.file("bad.safetensors"), put_together(raw));
  CHECK_THAT(load_error(dir.file("bad.safetensors")),
             Contains("tensor 'blocks.1.ffn.gate' holds a non-finite value (NaN) at row 18725, column 2"));
}

TEST_CASE("a compiled program's model file loads sparse exactly as dense", "[model_file]") {
  ScratchDirectory dir;
  const Model model = compiled_collatz();
  save_model(model, dir.file("collatz.c2w"));
  std::optional<Model> loaded;
  REQUIRE(load_error(dir.file("collatz.c2w"), &loaded) == "(loaded)");  // and sparse == sparse_model(dense)
  CHECK(same_weights(*loaded, model));
  CHECK(same_sparse(load_sparse_model(dir.file("collatz.c2w")), sparse_as_saved(model)));
}

TEST_CASE("load_sparse_model with a config reads it from the header as from_json reads config_json",
          "[model_file]") {
  ScratchDirectory dir;
  const Model model = compiled_collatz();
  save_model(model, dir.file("collatz.c2w"));
  ModelConfig config;
  const SparseModel with_config = load_sparse_model(dir.file("collatz.c2w"), &config);
  const SparseModel text = load_sparse_model(dir.file("collatz.c2w"));
  CHECK(config.to_json() == ModelConfig::from_json(text.config_json, "collatz").to_json());
  CHECK(config.mode == ModelMode::Specialised);
  CHECK(!config.listing.empty());
  CHECK(with_config.config_json == "{}");  // the parsed form was taken instead of the text
  SparseModel same_weights = with_config;
  same_weights.config_json = text.config_json;
  CHECK(same_sparse(same_weights, text));

  // A field of the wrong type is the same located error either way.
  Model bad = sample_model();
  bad.config_json = R"({"mode":"specialised","max_positions":"many"})";
  save_model(bad, dir.file("bad.c2w"));
  std::string from_text, from_header;
  try {
    ModelConfig::from_json(load_sparse_model(dir.file("bad.c2w")).config_json, dir.file("bad.c2w"));
  } catch (const ModelFileError& e) {
    from_text = e.what();
  }
  try {
    load_sparse_model(dir.file("bad.c2w"), &config);
  } catch (const ModelFileError& e) {
    from_header = e.what();
  }
  CHECK_THAT(from_header, Contains("bad.c2w: the model's configuration has a malformed \"max_positions\""));
  CHECK(from_header == from_text);
}

TEST_CASE("load_sparse_model for a run reads the config but its residual slots, the same weights",
          "[model_file]") {
  ScratchDirectory dir;
  const Model model = compiled_collatz();
  save_model(model, dir.file("collatz.c2w"));
  ModelConfig all, for_run;
  const SparseModel read_all = load_sparse_model(dir.file("collatz.c2w"), &all);
  const SparseModel read_for_run = load_sparse_model(dir.file("collatz.c2w"), &for_run, ConfigFields::ForRun);
  CHECK(same_sparse(read_for_run, read_all));
  REQUIRE(!all.residual_slots.empty());
  CHECK(for_run.residual_slots.empty());
  ModelConfig expected = all;
  expected.residual_slots.clear();
  CHECK(for_run.to_json() == expected.to_json());
  CHECK(!for_run.listing.empty());

  // A fault inside the residual slots is still the same located error (a duplicated
  // key, written into the header by hand: save_model refuses it); the other fields are
  // still checked as for every reader.
  Model bad = sample_model();
  bad.config_json =
      R"({"mode":"specialised","residual_slots":[[{"feature":"a","last_read":0,"written":-1}]]})";
  save_model(bad, dir.file("slots.c2w"));
  write_bytes(dir.file("duplicate.c2w"), edit_header(read_bytes(dir.file("slots.c2w")), [](std::string h) {
                return replace_once(h, R"(\"last_read\":0)", R"(\"feature\":\"b\")");
              }));
  bad.config_json = R"({"mode":"specialised","max_positions":"many","residual_slots":[]})";
  save_model(bad, dir.file("many.c2w"));
  for (const auto& [file, message] : std::vector<std::pair<std::string, std::string>>{
           {"duplicate.c2w", "the c2w metadata has a duplicated key 'feature'"},
           {"many.c2w", "has a malformed \"max_positions\""}}) {
    INFO(file);
    std::string error_all, error_for_run;
    try {
      load_sparse_model(dir.file(file), &all);
    } catch (const ModelFileError& e) {
      error_all = e.what();
    }
    try {
      load_sparse_model(dir.file(file), &for_run, ConfigFields::ForRun);
    } catch (const ModelFileError& e) {
      error_for_run = e.what();
    }
    CHECK_THAT(error_all, Contains(file + ": ") && Contains(message));
    CHECK(error_for_run == error_all);
  }
}

TEST_CASE("version 2 stores a mostly-zero matrix as indices and values, and reads back the same bits",
          "[model_file]") {
  ScratchDirectory dir;
  const Model model = sparse_sample_model();
  save_model(model, dir.file("v2.c2w"));
  save_model(model, dir.file("v1.c2w"), 1);
  const std::string v2 = read_bytes(dir.file("v2.c2w")), v1 = read_bytes(dir.file("v1.c2w"));
  CHECK(v2.size() * 3 < v1.size());
  const Json header = Json::parse(v2.substr(8, header_length(v2)));
  const Json c2w = Json::parse(header["__metadata__"]["c2w"].get<std::string>());
  CHECK(c2w["version"] == 2);
  CHECK(c2w["sparse"]["blocks.1.ffn.gate"] == Json{40000, 7});
  CHECK(c2w["sparse"]["embedding"] == Json{7, 11});
  CHECK_FALSE(c2w["sparse"].contains("unembedding"));  // mostly non-zero: dense is smaller
  CHECK_FALSE(header.contains("blocks.1.ffn.gate"));
  CHECK(header.contains("unembedding"));
  const Json& indices = header["blocks.1.ffn.gate.indices"];
  const Json& values = header["blocks.1.ffn.gate.values"];
  CHECK(indices["dtype"] == "I32");
  CHECK(values["dtype"] == "F64");
  CHECK(indices["shape"][1] == 2);
  CHECK(values["shape"] == Json{indices["shape"][0]});
  // Every element but +0.0 is an entry: the non-zeros and the one -0.0.
  CHECK(values["shape"][0].get<Eigen::Index>() == (model.blocks[1].ffn.gate.array() != 0.0).count() + 1);
  const Json c2w_v1 =
      Json::parse(Json::parse(v1.substr(8, header_length(v1)))["__metadata__"]["c2w"].get<std::string>());
  CHECK(c2w_v1["version"] == 1);
  CHECK_FALSE(c2w_v1.contains("sparse"));

  // Both versions read back bit for bit (-0.0 and the subnormal included), both ways.
  std::optional<Model> from_v2, from_v1;
  REQUIRE(load_error(dir.file("v2.c2w"), &from_v2) == "(loaded)");
  REQUIRE(load_error(dir.file("v1.c2w"), &from_v1) == "(loaded)");
  CHECK(same_weights(*from_v2, model));
  CHECK(same_weights(*from_v1, model));
  const Eigen::MatrixXd& gate = from_v2->blocks[1].ffn.gate;
  CHECK(std::signbit(gate.reshaped<Eigen::RowMajor>()(gate.size() / 3)));
  CHECK(gate.reshaped<Eigen::RowMajor>()(gate.size() / 2) == std::numeric_limits<double>::denorm_min());
  CHECK(same_sparse(load_sparse_model(dir.file("v2.c2w")), sparse_as_saved(model)));
  CHECK(same_sparse(load_sparse_model(dir.file("v1.c2w")), sparse_as_saved(model)));
  // Re-saving what was read gives the same bytes.
  save_model(*from_v1, dir.file("again.c2w"));
  CHECK(read_bytes(dir.file("again.c2w")) == v2);
}

TEST_CASE("a compiled model's version-2 file holds the version-1 file's weights, in a fraction of its size",
          "[model_file]") {
  ScratchDirectory dir;
  c2w::compiler::CompileOptions options;
  options.source_path = std::string(C2W_SOURCE_DIR) + "/examples/hello.c";
  const Model model = c2w::compiler::compile_weights(c2w::compiler::compile_c_program(options).program).model;
  save_model(model, dir.file("v2.c2w"));
  save_model(model, dir.file("v1.c2w"), 1);
  CHECK(read_bytes(dir.file("v2.c2w")).size() * 20 < read_bytes(dir.file("v1.c2w")).size());
  std::optional<Model> from_v2;
  REQUIRE(load_error(dir.file("v2.c2w"), &from_v2) == "(loaded)");
  CHECK(same_weights(*from_v2, model));
  CHECK(same_weights(load_model(dir.file("v1.c2w")), model));
  CHECK(same_sparse(load_sparse_model(dir.file("v2.c2w")), load_sparse_model(dir.file("v1.c2w"))));
}

TEST_CASE("malformed sparse matrices are rejected with a message naming the problem", "[model_file]") {
  ScratchDirectory dir;
  save_model(sparse_sample_model(), dir.file("m.safetensors"));
  const std::string valid = read_bytes(dir.file("m.safetensors"));
  using Case = MalformedCase;
  auto put_i32 = [](RawTensor& t, size_t at, int32_t value) {
    std::memcpy(t.bytes.data() + 4 * at, &value, 4);
  };
  const std::string gate = "blocks.1.ffn.gate";
  const std::vector<Case> cases = {
      {"a row out of range", [&](RawFile& f) { put_i32(tensor(f, gate + ".indices"), 0, 40000); },
       "tensor 'blocks.1.ffn.gate.indices' has index pair 0 (40000, "},
      {"a negative column", [&](RawFile& f) { put_i32(tensor(f, gate + ".indices"), 1, -1); },
       "outside the 40000x7 matrix"},
      {"pairs out of order",
       [&](RawFile& f) {
         RawTensor& t = tensor(f, gate + ".indices");
         std::swap_ranges(t.bytes.begin(), t.bytes.begin() + 8, t.bytes.begin() + 8);
       },
       "is not in strictly increasing row-major order at index pair 1"},
      {"a repeated pair",
       [&](RawFile& f) {
         RawTensor& t = tensor(f, gate + ".indices");
         std::copy(t.bytes.begin(), t.bytes.begin() + 8, t.bytes.begin() + 8);
       },
       "is not in strictly increasing row-major order at index pair 1"},
      {"fewer values than pairs",
       [&](RawFile& f) {
         RawTensor& t = tensor(f, gate + ".values");
         t.bytes.resize(t.bytes.size() - 8);
         t.shape[0] = t.shape[0].get<int64_t>() - 1;
       },
       "tensor 'blocks.1.ffn.gate.values' is not an F64 tensor of shape"},
      {"indices of dtype I64", [&](RawFile& f) { tensor(f, gate + ".indices").dtype = "I64"; },
       "has dtype \"I64\"; a sparse matrix's indices are I32"},
      {"a dense matrix of dtype I32", [](RawFile& f) { tensor(f, "unembedding").dtype = "I32"; },
       "tensor 'unembedding' has dtype \"I32\"; c2w model weights are F64"},
      {"2-D values",
       [&](RawFile& f) {
         RawTensor& t = tensor(f, gate + ".values");
         t.shape = Json{t.shape[0], 1};
       },
       "is not an F64 tensor of shape"},
      {"a shape against d_model",
       [&](RawFile& f) {
         f.c2w["sparse"][gate] = Json{40000, 6};
       },
       "blocks.1.ffn.gate is 40000x6"},
      {"a sparse matrix not in the model",
       [](RawFile& f) {
         f.c2w["sparse"]["blocks.9.ffn.gate"] = Json{1, 7};
       },
       "the sparse matrix 'blocks.9.ffn.gate' is not part of a model"},
      {"sparse matrices not in the model (the first by name is named)",
       [](RawFile& f) {
         for (const char* name : {"z", "blocks.9.ffn.gate", "blocks.10.ffn.gate", "c"})
           f.c2w["sparse"][name] = Json{1, 7};
       },
       "the sparse matrix 'blocks.10.ffn.gate' is not part of a model"},
      {"a dense matrix listed as sparse",
       [](RawFile& f) {
         f.c2w["sparse"]["unembedding"] = Json{11, 7};
       },
       "tensor 'unembedding.indices' is missing"},
      {"a sparse matrix not listed", [&](RawFile& f) { f.c2w["sparse"].erase(gate); },
       "tensor 'blocks.1.ffn.gate' is missing"},
      {"a bad sparse shape", [&](RawFile& f) { f.c2w["sparse"][gate] = Json{40000}; },
       "the sparse matrix 'blocks.1.ffn.gate' has a shape that is not [rows, cols]"},
      {"sparse in a version-1 file", [](RawFile& f) { f.c2w["version"] = 1; },
       "the c2w metadata has an unknown key 'sparse'"},
      {"no sparse in a version-2 file", [](RawFile& f) { f.c2w.erase("sparse"); },
       "the c2w metadata has no 'sparse'"},
      {"a NaN value",
       [&](RawFile& f) {
         const double nan = std::numeric_limits<double>::quiet_NaN();
         std::memcpy(tensor(f, gate + ".values").bytes.data() + 8 * 5, &nan, 8);
       },
       "tensor 'blocks.1.ffn.gate.values' holds a non-finite value (NaN) at row 5"},
  };
  expect_load_errors(dir, valid, cases);
}

TEST_CASE("every truncation of a model file is rejected", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  std::string file = read_bytes(dir.file("m.safetensors"));
  const uint64_t header_end = 8 + header_length(file);
  int tried = 0;
  for (size_t n = 0; n < file.size(); n += (n < header_end ? 1 : 7)) {
    write_bytes(dir.file("cut.safetensors"), file.substr(0, n));
    std::string error = load_error(dir.file("cut.safetensors"));
    INFO("prefix of " << n << " bytes");
    CHECK_THAT(error, Contains("cut.safetensors: "));
    ++tried;
  }
  CHECK(tried > 500);
}

TEST_CASE("random byte corruption never crashes the loader, and header corruption never changes the weights",
          "[model_file]") {
  ScratchDirectory dir;
  const Model model = sample_model();
  save_model(model, dir.file("m.safetensors"));
  const std::string file = read_bytes(dir.file("m.safetensors"));
  const uint64_t header_end = 8 + header_length(file);
  std::mt19937 rng(2024);
  int header_trials = 0, header_rejected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string bad = file;
    // Half the flips land in the length or header, half anywhere.
    size_t at = trial % 2 ? rng() % header_end : rng() % bad.size();
    bad[at] = static_cast<char>(bad[at] ^ static_cast<char>(1 + rng() % 255));
    write_bytes(dir.file("bad.safetensors"), bad);
    INFO("byte " << at << " of " << file.size() << " (header ends at " << header_end << ")");
    std::optional<Model> loaded;
    const std::string error = load_error(dir.file("bad.safetensors"), &loaded);
    if (loaded) {
      CHECK(check_model(*loaded) == "");
      // Some header bytes carry no weights: padding, vocabulary names, config text,
      // positional coordinates. Anything else must be rejected.
      if (at < header_end) {
        Model expected = model;
        expected.positional = loaded->positional;
        CHECK(same_weights(*loaded, expected));
      }
    } else {
      CHECK_THAT(error, Contains("bad.safetensors: "));
      if (at < header_end) ++header_rejected;
    }
    if (at < header_end) ++header_trials;
  }
  CHECK(header_rejected > header_trials * 3 / 4);
}

// What reading `path` gives with the header's plain path on or off: the error, or the
// model (sparse and dense) and its configuration.
struct ReadOutcome {
  std::string error;
  std::optional<SparseModel> sparse;
  std::optional<Model> dense;
  std::string config;
};
ReadOutcome read_with_header_path(const std::string& path, bool plain) {
  const bool before = use_plain_header_path(plain);
  ReadOutcome r;
  try {
    ModelConfig config;
    r.sparse = load_sparse_model(path, &config, ConfigFields::ForRun);
    r.config = config.to_json();
    r.dense = load_model(path);
  } catch (const ModelFileError& e) {
    r.error = e.what();
  }
  use_plain_header_path(before);
  return r;
}

// The two ways agree: the same error, or the same model and configuration.
void check_same_outcome(const ReadOutcome& plain, const ReadOutcome& general) {
  CHECK(plain.error == general.error);
  CHECK(plain.sparse.has_value() == general.sparse.has_value());
  if (plain.sparse && general.sparse) {
    CHECK(same_sparse(*plain.sparse, *general.sparse));
    CHECK(plain.config == general.config);
  }
  CHECK(plain.dense.has_value() == general.dense.has_value());
  if (plain.dense && general.dense) CHECK(same_weights(*plain.dense, *general.dense));
}

TEST_CASE("a header in save_model's plain form is read without a tree, to what the general reader reads",
          "[model_file]") {
  ScratchDirectory dir;
  Model model = compiled_collatz();
  save_model(model, dir.file("v2.c2w"));
  save_model(model, dir.file("v1.c2w"), 1);
  save_model(sample_model(), dir.file("sample.c2w"));
  for (const char* name : {"v2.c2w", "v1.c2w", "sample.c2w"}) {
    INFO(name);
    const uint64_t plain_before = plain_headers_read();
    const ReadOutcome plain = read_with_header_path(dir.file(name), true);
    CHECK(plain_headers_read() == plain_before + 2);  // (the sparse and the dense reading)
    CHECK(plain.error.empty());
    const ReadOutcome general = read_with_header_path(dir.file(name), false);
    CHECK(plain_headers_read() == plain_before + 2);
    check_same_outcome(plain, general);
  }

  // Any change to the header: the plain path reads it to the same model, or leaves it to
  // the general path, which reads it or refuses it with its error. The same either way.
  const std::string file = read_bytes(dir.file("sample.c2w"));
  const size_t header_end = 8 + header_length(file);
  std::vector<std::string> variants;
  std::mt19937 rng(99);
  for (int trial = 0; trial < 250; ++trial) {  // single bytes flipped in the header
    std::string bad = file;
    const size_t at = 8 + rng() % (header_end - 8);
    bad[at] = static_cast<char>(bad[at] ^ static_cast<char>(1 + rng() % 255));
    variants.push_back(bad);
  }
  // Edits of one length (the data stays where it is): each token the plain path reads.
  const std::vector<std::pair<std::string, std::string>> edits = {
      {"\"F64\"", "\"F32\""},
      {"\"I32\"", "\"F64\""},
      {"\"F64\"", "\"I32\""},
      {"\"dtype\"", "\"dtypf\""},
      {"\"shape\":[", "\"shape\" : ["},
      {"\"data_offsets\":[0,", "\"data_offsets\":[00,"},
      {".indices\"", ".indicez\""},
      {".values\"", ".valuez\""},
      {"\"embedding\"", "\"unembeddi\""},
      {"\"__metadata__\"", "\"__metadata_x\""},
      {"\"c2w\"", "\"c3w\""},
      {"{\"c2w\":", "{\"c2w\" "},
      {",\"shape\"", " \"shape\""},
      {"]}", "]]"},
      {"\\\"", "\\u"},
      {"\"blocks.0.ffn.gate\"", "\"blocks.0.ffn.gat\\u0065\""},
  };
  for (const auto& [from, to] : edits) {
    for (size_t at = file.find(from, 8); at != std::string::npos && at < header_end;
         at = file.find(from, at + 1)) {
      std::string bad = file;
      bad.replace(at, from.size(), to.substr(0, from.size()));
      variants.push_back(bad);
      if (at > 2000) break;  // (a few of each)
    }
  }
  // A tensor's end offset or its first dimension changed by one digit (the sizes, the
  // tiling), and one tensor named as another (a duplicated key).
  for (const std::string key : {"\"data_offsets\":[", "\"shape\":["}) {
    int edited = 0;
    for (size_t at = file.find(key, 8); at != std::string::npos && at < header_end && edited < 40;
         at = file.find(key, at + 1), ++edited) {
      std::string bad = file;
      size_t digit = at + key.size();
      if (key[1] == 'd') digit = bad.find(',', digit) + 1;
      bad[digit] = static_cast<char>('0' + (bad[digit] - '0' + 1 + edited % 9) % 10);
      variants.push_back(bad);
    }
  }
  {
    std::string bad = file;
    const size_t at = bad.find("\"blocks.0.ffn.gate");
    REQUIRE(at < header_end);
    bad[at + 8] = '1';
    variants.push_back(bad);
  }
  int plain_read = 0, general_read = 0;
  for (size_t k = 0; k < variants.size(); ++k) {
    INFO("variant " << k);
    write_bytes(dir.file("bad.c2w"), variants[k]);
    const uint64_t plain_before = plain_headers_read();
    const ReadOutcome plain = read_with_header_path(dir.file("bad.c2w"), true);
    (plain_headers_read() > plain_before ? plain_read : general_read) += 1;
    check_same_outcome(plain, read_with_header_path(dir.file("bad.c2w"), false));
  }
  CHECK(plain_read > 20);  // (flips in the configuration's text, or its vocabulary)
  CHECK(general_read > 100);
}

// `file` with its c2w metadata text replaced by `text` (the tensors as they were).
std::string with_c2w_text(const std::string& file, const std::string& text) {
  return put_together(take_apart(file), text);
}

TEST_CASE("a configuration in save_model's form is read without a tree, to what the general reader reads",
          "[model_file]") {
  ScratchDirectory dir;
  save_model(compiled_collatz(), dir.file("v2.c2w"));
  const std::string file = read_bytes(dir.file("v2.c2w"));
  const std::string text =
      Json::parse(file.substr(8, header_length(file)))["__metadata__"]["c2w"].get<std::string>();
  REQUIRE(text.find("\"residual_slots\":[") != std::string::npos);

  // Each edit at the first place its text is found; `plain`: the fast path reads the
  // result (else it leaves it to the general path, which reads it or gives the error).
  // (A text the fast path reads can still be refused later: its shapes against the
  // tensors.)
  struct Edit {
    std::string from, to;
    bool plain;
  };
  const std::string deep = "\"config\":{\"deep\":" + std::string(126, '[') + std::string(126, ']') + ",";
  const std::string deeper = "\"config\":{\"deep\":" + std::string(127, '[') + std::string(127, ']') + ",";
  const std::vector<Edit> edits = {
      {"\"format\"", "\"format\"", true},
      {"\"d_model\":", "\"d_model\": \n", true},
      {"\"tie\":\"latest\"", "\"tie\":\"average\"", true},
      {"\"vocabulary\":[", "\"vocabulary\":[\"\",", true},
      {"\"position\":", "\"position\":-1,\"pos\":", false},
      {"\"config\":{", "\"config\":{\"a\":[1,2.5,null,true],", true},
      {"\"config\":{", deep, true},
      // (UTF-8 and a \u escape: the header's string decoded by the strict reader.)
      {"\"config\":{", "\"config\":{\"caf\u00e9\":\"\u00e9\\u00e9\",", true},
      {"\"config\":{", deeper, false},
      {"\"version\":2", "\"version\":1", false},
      {"\"version\":2", "\"version\":3", false},
      {"\"version\":2", "\"version\":2.0", false},
      {"\"format\":\"c2w-model\"", "\"format\":\"c2w-modem\"", false},
      {"\"d_model\":", "\"d_model\":0", false},
      {"\"d_model\":", "\"d_model\":-", false},
      {"\"d_model\":", "\"d_model\":1", true},
      {"\"vocabulary\":[", "\"vocabulary\":[\"x\\u0030\",", false},
      {"\"vocabulary\":[", "\"vocabulary\":[1,", false},
      {"\"vocabulary\":[", "\"vocabulary\":[\"x00\",", true},
      {"\"square\":", "\"square\":-", false},
      {"\"one\":", "\"one\":-1", false},
      {"\"one\":", "\"one\":- ", false},
      {"\"tie\":\"latest\"", "\"tie\":\"Latest\"", false},
      {"\"heads\":[", "\"heads\":[{\"tie\":\"latest\"},", true},
      {"\"heads\":[]", "\"heads\":[],\"x\":1", false},
      {"\"blocks\":[", "\"blocks\":[{\"heads\":[]},", true},
      {"\"sparse\":{", "\"sparse\":{\"embedding\":[1,2],", false},
      {"\"sparse\":{", "\"sparse\":{\"nothing\":[1,2],", true},
      {"\"sparse\":{", "\"sparse\":{\"x\":[1,2,3],", false},
      {"\"sparse\":{", "\"sparse\":{\"x\\u0031\":[1,2],", false},
      {"\"config\":{", "\"config\":[", false},
      {"\"config\":{", "\"config\":{\"a\":1,\"a\":2,", false},
      {"\"config\":{", "\"config\":{\"a\":01,", false},
      {"\"config\":{", "\"config\":1,\"x\":{", false},
      {"\"residual_slots\":", "\"residual_slots\":1,\"residual_slots\":", false},
      {"\"residual_slots\":[", "\"residual_slots\":[\"\\ud800\",", false},
      {"\"residual_slots\":[", "\"residual_slots\":[1e999,", false},
  };
  std::vector<std::pair<std::string, bool>> variants = {{text, true},
                                                        {text + " \n", true},
                                                        {text + "}", false},
                                                        {text.substr(0, text.size() - 1), false},
                                                        {" " + text, true}};
  for (const Edit& edit : edits) {
    std::string edited = text;
    const size_t at = edited.find(edit.from);
    REQUIRE(at != std::string::npos);
    edited.replace(at, edit.from.size(), edit.to);
    variants.push_back({edited, edit.plain});
  }
  for (size_t k = 0; k < variants.size(); ++k) {
    INFO("variant " << k);
    write_bytes(dir.file("edited.c2w"), with_c2w_text(file, variants[k].first));
    const uint64_t plain_before = plain_configurations_read();
    const ReadOutcome plain = read_with_header_path(dir.file("edited.c2w"), true);
    CHECK((plain_configurations_read() > plain_before) == variants[k].second);
    const uint64_t general_before = plain_configurations_read();
    check_same_outcome(plain, read_with_header_path(dir.file("edited.c2w"), false));
    CHECK(plain_configurations_read() == general_before);
  }
}

TEST_CASE("malformed model files are rejected with a message naming the problem", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  const std::string valid = read_bytes(dir.file("m.safetensors"));

  using Case = MalformedCase;
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  auto set_first = [](RawTensor& t, double value) { std::memcpy(t.bytes.data(), &value, 8); };
  const std::vector<Case> cases = {
      {"dtype F32", [](RawFile& f) { tensor(f, "embedding").dtype = "F32"; },
       "tensor 'embedding' has dtype \"F32\""},
      {"shape against d_model",
       [](RawFile& f) {
         tensor(f, "blocks.0.heads.0.query").shape = {7, 2};
       },
       "blocks.0.heads.0.query is 7x2, expected 2x7"},
      {"d_model against shapes", [](RawFile& f) { f.c2w["d_model"] = 8; },
       "embedding is 7x11, expected 8x11"},
      {"vocabulary size", [](RawFile& f) { f.c2w["vocabulary"].erase(10); },
       "embedding is 7x11, expected 7x10"},
      {"3-D shape",
       [](RawFile& f) {
         tensor(f, "embedding").shape = {7, 11, 1};
       },
       "has 3 dimensions"},
      {"NaN", [&](RawFile& f) { set_first(tensor(f, "blocks.1.heads.0.value"), nan); },
       "non-finite value (NaN)"},
      {"infinity", [&](RawFile& f) { set_first(tensor(f, "unembedding"), -inf); },
       "non-finite value (infinity)"},
      {"missing tensor",
       [](RawFile& f) { std::erase_if(f.tensors, [](auto& t) { return t.name == "blocks.1.ffn.output"; }); },
       "tensor 'blocks.1.ffn.output' is missing"},
      {"extra tensor",
       [](RawFile& f) {
         f.tensors.push_back({"blocks.2.ffn.gate", "F64", {1, 7}, std::string(56, '\0')});
       },
       "unexpected tensor 'blocks.2.ffn.gate'"},
      {"extra tensors (the first by name is named)",
       [](RawFile& f) {
         for (const char* name : {"zz", "blocks.3.ffn.gate", "blocks.2.ffn.value", "c"})
           f.tensors.push_back({name, "F64", {1, 7}, std::string(56, '\0')});
       },
       "unexpected tensor 'blocks.2.ffn.value'"},
      {"data size against shape", [](RawFile& f) { tensor(f, "embedding").bytes += std::string(8, '\0'); },
       "but 624 bytes of data"},
      {"tie mode", [](RawFile& f) { f.c2w["blocks"][0]["heads"][1]["tie"] = "first"; },
       "tie mode \"first\", expected \"average\" or \"latest\""},
      {"version", [](RawFile& f) { f.c2w["version"] = 3; }, "version 3; this c2w reads versions 1 to 2"},
      {"format", [](RawFile& f) { f.c2w["format"] = "gguf"; }, "format \"gguf\", expected \"c2w-model\""},
      {"positional coordinate", [](RawFile& f) { f.c2w["positional"]["one"] = 7; },
       "positional coordinate 'one' is 7"},
      {"unknown metadata key", [](RawFile& f) { f.c2w["layers"] = 2; }, "unknown key 'layers'"},
      {"config not an object", [](RawFile& f) { f.c2w["config"] = Json::array(); },
       "config is not a JSON object"},
      {"head count against tensors",
       [](RawFile& f) {
         f.c2w["blocks"][1]["heads"].push_back({{"tie", "latest"}});
       },
       "tensor 'blocks.1.heads.1.query' is missing"},
  };
  expect_load_errors(dir, valid, cases);

  struct ByteCase {
    const char* what;
    std::function<std::string(const std::string&)> build;
    const char* message;
  };
  const ByteCase byte_cases[] = {
      {"header length 2^63",
       [](const std::string& f) { return length_prefix(uint64_t{1} << 63) + f.substr(8); },
       "header length 9223372036854775808 is absurd"},
      {"header length past the end",
       [](const std::string& f) { return length_prefix(f.size()) + f.substr(8); }, "is larger than the"},
      {"shorter than 8 bytes", [](const std::string& f) { return f.substr(0, 5); },
       "shorter than the 8-byte header length"},
      {"empty", [](const std::string&) { return std::string(); }, "the file is 0 bytes long"},
      {"trailing garbage", [](const std::string& f) { return f + "garbage!"; }, "8 bytes of trailing data"},
      {"not JSON",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           h[1] = '!';
           return h;
         });
       },
       "the header is not valid JSON"},
      {"not starting with {",
       [](const std::string& f) { return edit_header(f, [](std::string h) { return " " + h; }); },
       "does not start with '{'"},
      {"duplicated tensor",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           return replace_once(
               h, "{\"__metadata__\"",
               "{\"embedding\":{\"dtype\":\"F64\",\"shape\":[0,0],\"data_offsets\":[0,0]},\"__metadata__\"");
         });
       },
       "duplicated key 'embedding'"},
      {"overlapping tensors",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           Json header = Json::parse(h);
           header["blocks.0.heads.0.key"]["data_offsets"] = header["blocks.0.heads.0.query"]["data_offsets"];
           return header.dump();
         });
       },
       "overlaps tensor"},
      {"offsets past the data",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           Json header = Json::parse(h);
           header["unembedding"]["data_offsets"] = {1u << 30, (1u << 30) + 616};
           return header.dump();
         });
       },
       "tensor 'unembedding' data begin offset is 1073741824"},
      {"no metadata",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           Json header = Json::parse(h);
           header.erase("__metadata__");
           return header.dump();
         });
       },
       "no __metadata__"},
      {"deeply nested metadata",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           Json header = Json::parse(h);
           header["__metadata__"]["c2w"] = std::string(100000, '[') + std::string(100000, ']');
           return header.dump();
         });
       },
       "nests deeper than 128 levels"},
  };
  for (const ByteCase& c : byte_cases) {
    write_bytes(dir.file("bad.safetensors"), c.build(valid));
    INFO(c.what);
    std::string error = load_error(dir.file("bad.safetensors"));
    CHECK_THAT(error, Contains(dir.file("bad.safetensors") + ": ") && Contains(c.message));
  }

  CHECK_THAT(load_error(dir.file("absent.safetensors")),
             Contains("absent.safetensors: error: cannot read the model file"));
}

TEST_CASE("a file's shapes are checked in check_model's words, before any weight is read", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  const std::string valid = read_bytes(dir.file("m.safetensors"));
  const std::string path = dir.file("bad.safetensors");

  // Each case breaks the file and the model the same way.
  using Mutation = std::function<void(RawFile&, Model&)>;
  auto resize = [](const std::string& name, Eigen::Index rows, Eigen::Index cols) -> Mutation {
    return [=](RawFile& raw, Model& model) {
      RawTensor& t = tensor(raw, name);
      t.shape = {rows, cols};
      t.bytes.assign(static_cast<size_t>(rows * cols * 8), '\0');
      matrices_by_name(model).at(name)->setZero(rows, cols);
    };
  };
  const std::pair<const char*, Mutation> cases[] = {
      {"embedding rows", resize("embedding", 6, 11)},
      {"embedding columns", resize("embedding", 7, 10)},
      {"unembedding", resize("unembedding", 11, 6)},
      {"query", resize("blocks.0.heads.1.query", 3, 7)},
      {"key", resize("blocks.0.heads.1.key", 2, 6)},
      {"value columns", resize("blocks.1.heads.0.value", 7, 8)},
      {"d_v against the output", resize("blocks.1.heads.0.value", 5, 7)},
      {"output", resize("blocks.0.heads.0.output", 6, 3)},
      {"ffn gate", resize("blocks.0.ffn.gate", 3, 8)},
      {"ffn value", resize("blocks.0.ffn.value", 4, 7)},
      {"f against the value", resize("blocks.1.ffn.gate", 2, 7)},
      {"ffn output", resize("blocks.1.ffn.output", 7, 1)},
      {"d_model 0",
       [](RawFile& raw, Model& model) {
         raw.c2w["d_model"] = 0;
         raw.c2w["positional"] = {{"position", -1}, {"square", -1}, {"one", -1}};
         model.d_model = 0;
         model.positional = {-1, -1, -1};
       }},
      {"empty vocabulary",
       [](RawFile& raw, Model& model) {
         raw.c2w["vocabulary"] = Json::array();
         model.vocabulary.clear();
       }},
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& [what, mutate] : cases) {
    RawFile raw = take_apart(valid);
    Model model = sample_model();
    mutate(raw, model);
    std::memcpy(tensor(raw, "blocks.0.heads.0.key").bytes.data(), &nan, 8);  // never reached
    write_bytes(path, put_together(raw));
    INFO(what);
    const std::string expected = check_model(model);
    REQUIRE(expected != "");
    CHECK(load_error(path) == path + ": error: inconsistent model: " + expected);
  }
}

TEST_CASE("a failed save throws and leaves nothing behind, and a save replaces an existing file whole",
          "[model_file]") {
  ScratchDirectory dir;
  const Model model = sample_model();

  CHECK_THROWS_AS(save_model(model, dir.file("no_such_directory/m.safetensors")), ModelFileError);
  CHECK(dir.entries().empty());

  std::filesystem::create_directory(dir.file("a_directory"));  // rename() onto a directory fails
  CHECK_THROWS_AS(save_model(model, dir.file("a_directory")), ModelFileError);
  CHECK(dir.entries() == std::vector<std::string>{"a_directory"});
  std::filesystem::remove(dir.file("a_directory"));

  write_bytes(dir.file("m.safetensors"), "old contents");
  save_model(model, dir.file("m.safetensors"));
  CHECK(same_weights(load_model(dir.file("m.safetensors")), model));
  CHECK(dir.entries() == std::vector<std::string>{"m.safetensors"});

  // Models the file could not represent are refused before anything is written.
  const std::string before = read_bytes(dir.file("m.safetensors"));
  Model nan_weight = model;
  nan_weight.blocks[0].ffn.value(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(save_model(nan_weight, dir.file("m.safetensors")),
                    Contains("blocks.0.ffn.value holds a non-finite"));
  Model bad_shape = model;
  bad_shape.blocks[1].heads[0].output.resize(7, 6);
  CHECK_THROWS_WITH(save_model(bad_shape, dir.file("m.safetensors")),
                    Contains("inconsistent model: blocks.1.heads.0.output is 7x6"));
  Model bad_config = model;
  bad_config.config_json = "[1, 2]";
  CHECK_THROWS_WITH(save_model(bad_config, dir.file("m.safetensors")),
                    Contains("config_json is not a JSON object"));
  CHECK(read_bytes(dir.file("m.safetensors")) == before);
  CHECK(dir.entries() == std::vector<std::string>{"m.safetensors"});
}

TEST_CASE("check_model names the first inconsistent matrix, and shape_of counts the model", "[model_file]") {
  Model model = sample_model();
  ModelShape shape = shape_of(model);
  CHECK(shape.vocab == 11);
  CHECK(shape.d_model == 7);
  CHECK(shape.layers == 2);
  CHECK(shape.heads == 3);
  CHECK(shape.max_ffn_width == 3);
  // embedding + unembedding, heads (query, key, value, output), FFNs.
  uint64_t expected = 2 * 77 + (14 + 14 + 21 + 21) + (14 + 14 + 14 + 14) + (14 + 14 + 49 + 49) + 3 * 21;
  CHECK(shape.parameters == expected);
  CHECK(shape.non_zeros > 0);
  CHECK(shape.non_zeros < shape.parameters);

  CHECK(check_model(Model{}) == "d_model is 0, expected a positive number");
  Model m = model;
  m.positional.square = 7;
  CHECK_THAT(check_model(m), Contains("positional coordinate 'square' is 7"));
  m = model;
  m.blocks[0].ffn.value.resize(2, 7);
  CHECK_THAT(check_model(m), Contains("blocks.0.ffn.value is 2x7, expected 3x7"));
  m = model;
  m.blocks[1].heads[0].key.resize(3, 7);
  CHECK_THAT(check_model(m), Contains("blocks.1.heads.0.key is 3x7, expected 2x7"));
}

TEST_CASE("a compiled model's config names what every residual slot holds, and the weights agree",
          "[model_file]") {
  const Model model = compiled_collatz();
  const ModelConfig config = ModelConfig::from_json(model.config_json, "collatz");
  CHECK(ModelConfig::from_json(config.to_json(), "again").to_json() == config.to_json());
  REQUIRE(config.residual_slots.size() == static_cast<size_t>(model.d_model));
  const auto holds = [&](int slot, const std::string& feature) {
    const auto& uses = config.residual_slots[static_cast<size_t>(slot)];
    return uses.size() == 1 && uses[0].feature == feature && uses[0].written == -1;
  };
  CHECK(holds(model.positional.position, "p"));
  if (model.positional.square >= 0) CHECK(holds(model.positional.square, "p^2"));  // -1: nothing reads p^2
  CHECK(holds(model.positional.one, "one"));
  const int final_stage = 2 * static_cast<int>(model.blocks.size());
  for (int slot = 0; slot < model.d_model; ++slot) {
    const auto& uses = config.residual_slots[static_cast<size_t>(slot)];
    REQUIRE_FALSE(uses.empty());
    for (size_t i = 0; i < uses.size(); ++i) {  // one feature at a time, each read after it is written
      CHECK(uses[i].written <= uses[i].last_read);
      CHECK(uses[i].last_read <= final_stage);
      if (i > 0) CHECK(uses[i - 1].last_read < uses[i].written);
    }
    const auto written_at = [&](int64_t stage) {
      return std::any_of(uses.begin(), uses.end(), [&](const auto& use) { return use.written == stage; });
    };
    // The embedding writes only slots whose feature comes from the token; a head
    // only slots whose feature its block's attention writes.
    if (model.embedding.row(slot).any()) CHECK(written_at(-1));
    for (size_t b = 0; b < model.blocks.size(); ++b)
      for (const AttentionHead& head : model.blocks[b].heads)
        if (head.output.row(slot).any()) CHECK(written_at(2 * static_cast<int64_t>(b)));
  }
}
