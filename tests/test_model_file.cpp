// Model files: a model round-trips exactly and deterministically through the
// safetensors format, and every malformed file (truncated, corrupted, or built by
// hand to break one rule) is a ModelFileError naming the problem, never a crash.
#include <catch2/catch.hpp>

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <random>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "neural/model.h"
#include "neural/model_file.h"

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
    for (const auto& entry : std::filesystem::directory_iterator(path)) names.push_back(entry.path().filename());
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
  static const double values[] = {0.0, 1.0, -1.0, -0.375, 0.5, 3.0, -7.0, 1099511627776.0 /* 2^40 */,
                                  -1099511627776.0, 0.0009765625 /* 2^-10 */, 4503599627370495.0 /* 2^52-1 */};
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
  model.config_json = R"({"mode":"specialised","machine":{"registers":8,"name":"c2w"},"source_map":[[1,2],[3,4]],"scale":0.125})";
  return model;
}

bool bit_identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), static_cast<size_t>(a.size()) * sizeof(double)) == 0);
}

// Same weights, shapes, positional features and tie modes (vocabulary and config aside).
bool same_weights(const Model& a, const Model& b) {
  if (a.d_model != b.d_model || a.blocks.size() != b.blocks.size() || !bit_identical(a.embedding, b.embedding) ||
      !bit_identical(a.unembedding, b.unembedding) || a.positional.position != b.positional.position ||
      a.positional.square != b.positional.square || a.positional.one != b.positional.one)
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

// The ModelFileError message of loading `path`, or "(loaded)".
std::string load_error(const std::string& path) {
  try {
    load_model(path);
  } catch (const ModelFileError& e) {
    return e.what();
  }
  return "(loaded)";
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

std::string put_together(const RawFile& raw) {
  Json header = {{"__metadata__", {{"c2w", raw.c2w.dump()}}}};
  std::string data;
  for (const RawTensor& t : raw.tensors) {
    header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {data.size(), data.size() + t.bytes.size()}}};
    data += t.bytes;
  }
  std::string text = header.dump();
  return length_prefix(text.size()) + text + data;
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

TEST_CASE("a model file follows the safetensors layout: aligned header, metadata, row-major F64", "[model_file]") {
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
  CHECK(c2w["version"] == 1);
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

TEST_CASE("a file from another writer (sorted keys, unpadded, other data order) loads the same model", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  RawFile raw = take_apart(read_bytes(dir.file("m.safetensors")));
  std::reverse(raw.tensors.begin(), raw.tensors.end());
  write_bytes(dir.file("other.safetensors"), put_together(raw));
  CHECK(same_weights(load_model(dir.file("other.safetensors")), sample_model()));
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

TEST_CASE("random byte corruption never crashes the loader; header corruption never changes the weights",
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
    try {
      Model loaded = load_model(dir.file("bad.safetensors"));
      CHECK(check_model(loaded) == "");
      // Some header bytes carry no weights: padding, vocabulary names, config text,
      // positional coordinates. Anything else must be rejected.
      if (at < header_end) {
        Model expected = model;
        expected.positional = loaded.positional;
        CHECK(same_weights(loaded, expected));
      }
    } catch (const ModelFileError& e) {
      CHECK_THAT(std::string(e.what()), Contains("bad.safetensors: "));
      if (at < header_end) ++header_rejected;
    }
    if (at < header_end) ++header_trials;
  }
  CHECK(header_rejected > header_trials * 3 / 4);
}

TEST_CASE("malformed model files are rejected with a message naming the problem", "[model_file]") {
  ScratchDirectory dir;
  save_model(sample_model(), dir.file("m.safetensors"));
  const std::string valid = read_bytes(dir.file("m.safetensors"));

  struct Case {
    const char* what;
    std::function<void(RawFile&)> mutate;
    const char* message;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  auto set_first = [](RawTensor& t, double value) { std::memcpy(t.bytes.data(), &value, 8); };
  const Case cases[] = {
      {"dtype F32", [](RawFile& f) { tensor(f, "embedding").dtype = "F32"; }, "tensor 'embedding' has dtype \"F32\""},
      {"shape against d_model", [](RawFile& f) { tensor(f, "blocks.0.heads.0.query").shape = {7, 2}; },
       "blocks.0.heads.0.query is 7x2, expected 2x7"},
      {"d_model against shapes", [](RawFile& f) { f.c2w["d_model"] = 8; }, "embedding is 7x11, expected 8x11"},
      {"vocabulary size", [](RawFile& f) { f.c2w["vocabulary"].erase(10); }, "embedding is 7x11, expected 7x10"},
      {"3-D shape", [](RawFile& f) { tensor(f, "embedding").shape = {7, 11, 1}; }, "has 3 dimensions"},
      {"NaN", [&](RawFile& f) { set_first(tensor(f, "blocks.1.heads.0.value"), nan); }, "non-finite value (NaN)"},
      {"infinity", [&](RawFile& f) { set_first(tensor(f, "unembedding"), -inf); }, "non-finite value (infinity)"},
      {"missing tensor",
       [](RawFile& f) { std::erase_if(f.tensors, [](auto& t) { return t.name == "blocks.1.ffn.output"; }); },
       "tensor 'blocks.1.ffn.output' is missing"},
      {"extra tensor", [](RawFile& f) { f.tensors.push_back({"blocks.2.ffn.gate", "F64", {1, 7}, std::string(56, '\0')}); },
       "unexpected tensor 'blocks.2.ffn.gate'"},
      {"data size against shape", [](RawFile& f) { tensor(f, "embedding").bytes += std::string(8, '\0'); },
       "but 624 bytes of data"},
      {"tie mode", [](RawFile& f) { f.c2w["blocks"][0]["heads"][1]["tie"] = "first"; },
       "tie mode \"first\", expected \"average\" or \"latest\""},
      {"version", [](RawFile& f) { f.c2w["version"] = 2; }, "version 2; this c2w reads version 1"},
      {"format", [](RawFile& f) { f.c2w["format"] = "gguf"; }, "format \"gguf\", expected \"c2w-model\""},
      {"positional coordinate", [](RawFile& f) { f.c2w["positional"]["one"] = 7; },
       "positional coordinate 'one' is 7"},
      {"unknown metadata key", [](RawFile& f) { f.c2w["layers"] = 2; }, "unknown key 'layers'"},
      {"config not an object", [](RawFile& f) { f.c2w["config"] = Json::array(); }, "config is not a JSON object"},
      {"head count against tensors", [](RawFile& f) { f.c2w["blocks"][1]["heads"].push_back({{"tie", "latest"}}); },
       "tensor 'blocks.1.heads.1.query' is missing"},
  };
  for (const Case& c : cases) {
    RawFile raw = take_apart(valid);
    c.mutate(raw);
    write_bytes(dir.file("bad.safetensors"), put_together(raw));
    INFO(c.what);
    std::string error = load_error(dir.file("bad.safetensors"));
    CHECK_THAT(error, Contains(dir.file("bad.safetensors") + ": ") && Contains(c.message));
  }

  struct ByteCase {
    const char* what;
    std::function<std::string(const std::string&)> build;
    const char* message;
  };
  const ByteCase byte_cases[] = {
      {"header length 2^63", [](const std::string& f) { return length_prefix(uint64_t{1} << 63) + f.substr(8); },
       "header length 9223372036854775808 is absurd"},
      {"header length past the end", [](const std::string& f) { return length_prefix(f.size()) + f.substr(8); },
       "is larger than the"},
      {"shorter than 8 bytes", [](const std::string& f) { return f.substr(0, 5); }, "shorter than the 8-byte header length"},
      {"empty", [](const std::string&) { return std::string(); }, "the file is 0 bytes long"},
      {"trailing garbage", [](const std::string& f) { return f + "garbage!"; }, "8 bytes of trailing data"},
      {"not JSON", [](const std::string& f) { return edit_header(f, [](std::string h) { h[1] = '!'; return h; }); },
       "the header is not valid JSON"},
      {"not starting with {", [](const std::string& f) { return edit_header(f, [](std::string h) { return " " + h; }); },
       "does not start with '{'"},
      {"duplicated tensor",
       [](const std::string& f) {
         return edit_header(f, [](std::string h) {
           return replace_once(h, "{\"__metadata__\"",
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

  CHECK_THAT(load_error(dir.file("absent.safetensors")), Contains("absent.safetensors: cannot read the model file"));
}

TEST_CASE("a failed save throws and leaves nothing behind; a save replaces an existing file whole",
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
  CHECK_THROWS_WITH(save_model(nan_weight, dir.file("m.safetensors")), Contains("blocks.0.ffn.value holds a non-finite"));
  Model bad_shape = model;
  bad_shape.blocks[1].heads[0].output.resize(7, 6);
  CHECK_THROWS_WITH(save_model(bad_shape, dir.file("m.safetensors")),
                    Contains("inconsistent model: blocks.1.heads.0.output is 7x6"));
  Model bad_config = model;
  bad_config.config_json = "[1, 2]";
  CHECK_THROWS_WITH(save_model(bad_config, dir.file("m.safetensors")), Contains("config_json is not a JSON object"));
  CHECK(read_bytes(dir.file("m.safetensors")) == before);
  CHECK(dir.entries() == std::vector<std::string>{"m.safetensors"});
}

TEST_CASE("check_model names the first inconsistent matrix; shape_of counts the model", "[model_file]") {
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
