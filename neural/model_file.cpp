// Reading and writing model files (model_file.h).
//
// Writing follows the safetensors specification exactly (little-endian header
// length, JSON header padded with spaces to a multiple of 8, tensors back to back in
// header order, metadata a string-to-string map), so Python's safetensors and other
// readers load the weights. The header text is assembled in a fixed order from
// sorted-key JSON pieces, so the same model always gives the same bytes.
//
// Reading trusts nothing: every size is checked against the file before it is used
// (all arithmetic overflow-checked); JSON is parsed with bounded nesting and value
// count and duplicate keys refused; the tensors must tile the data section exactly;
// the configuration in the metadata must name exactly the tensors present, with
// consistent shapes (check_model's checks, made on the header before any weight is
// read) and finite values. The weights are then streamed from the file in bounded
// chunks, into dense or sparse matrices by the same reader (a matrix stored as its
// non-zeros is read whole, straight into compressed form): the file is never held in
// memory, and the sparse form never holds a dense matrix.
//
// A header in the plain form save_model writes takes a fast path that builds no JSON
// tree (read_plain_header); any other header, and any the fast path would refuse, is
// read by the general strict reader, which gives every error (the tests read headers
// both ways and compare).
#include "neural/model_file.h"

#include "neural/arena_json.h"
#include "neural/model_config.h"
#include "neural/strict_json.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/errors.h"
#include "support/file_io.h"

namespace c2w::neural {

namespace {

using Json = nlohmann::json;  // sorted keys: deterministic dumps, O(log n) lookups
// The header as read: the same JSON, its tree in the reader's arena (arena_json.h).
using ReadJson = ArenaJson;

constexpr uint64_t kMaxHeaderBytes = 100'000'000;  // the limit of the reference reader
constexpr size_t kMaxJsonDepth = 128;              // bounds recursion in dump()
constexpr size_t kMaxJsonValues = 4'000'000;       // per JSON text (header; c2w metadata)
constexpr uint64_t kMaxDimension = 0x7fffffff;     // matrix dimensions are ints
constexpr const char* kFormat = "c2w-model";
// Version 1: every matrix a dense F64 tensor. Version 2: a matrix whose non-zeros take
// fewer bytes than its dense form is stored as NAME.indices (I32, nnz x 2: row, column,
// in row-major order) and NAME.values (F64, nnz), its shape in the metadata's "sparse".
constexpr int kOldestVersion = 1;

std::atomic<bool> plain_header_path{true};      // use_plain_header_path (tests)
std::atomic<uint64_t> plain_headers{0};         // plain_headers_read
std::atomic<uint64_t> plain_configurations{0};  // plain_configurations_read

// Visits every matrix of `model` under its tensor name, in file order. (The names are
// built in one buffer, valid during the visit: a model has hundreds of them.)
template <typename M, typename Visit>
void for_each_tensor(M& model, Visit&& visit) {
  std::string name;
  name.reserve(48);
  visit(name.assign("embedding"), model.embedding);
  for (size_t b = 0; b < model.blocks.size(); ++b) {
    auto& block = model.blocks[b];
    name.assign("blocks.").append(std::to_string(b));
    const size_t prefix = name.size();
    for (size_t h = 0; h < block.heads.size(); ++h) {
      auto& head = block.heads[h];
      name.resize(prefix);
      name.append(".heads.").append(std::to_string(h));
      const size_t hp = name.size();
      visit(name.append(".query"), head.query);
      visit(name.replace(hp, std::string::npos, ".key"), head.key);
      visit(name.replace(hp, std::string::npos, ".value"), head.value);
      visit(name.replace(hp, std::string::npos, ".output"), head.output);
    }
    visit(name.replace(prefix, std::string::npos, ".ffn.gate"), block.ffn.gate);
    visit(name.replace(prefix, std::string::npos, ".ffn.value"), block.ffn.value);
    visit(name.replace(prefix, std::string::npos, ".ffn.output"), block.ffn.output);
  }
  visit(name.assign("unembedding"), model.unembedding);
}

// a * b and a + b, or false on overflow.
bool checked_multiply(uint64_t a, uint64_t b, uint64_t& result) {
  return !__builtin_mul_overflow(a, b, &result);
}
bool checked_add(uint64_t a, uint64_t b, uint64_t& result) { return !__builtin_add_overflow(a, b, &result); }

void put_f64_le(double value, uint8_t* out) {
  uint64_t bits = std::bit_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(bits >> (8 * i));
}

// (On a little-endian host, one load: the loop below is what it computes.)
double get_f64_le(const uint8_t* in) {
  uint64_t bits = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&bits, in, sizeof bits);
  } else {
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | in[i];
  }
  return std::bit_cast<double>(bits);
}

void put_i32_le(int32_t value, uint8_t* out) {
  const auto bits = static_cast<uint32_t>(value);
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(bits >> (8 * i));
}

int32_t get_i32_le(const uint8_t* in) {
  uint32_t bits = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&bits, in, sizeof bits);
  } else {
    for (int i = 3; i >= 0; --i) bits = (bits << 8) | in[i];
  }
  return static_cast<int32_t>(bits);
}

uint64_t get_u64_le(const uint8_t* in) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | in[i];
  return value;
}

// Text from a file, made fit for a one-line message: control bytes become '?' and
// anything past `limit` bytes is cut (a corrupt file can hold a 50 MB key).
std::string shown(const std::string& text, size_t limit = 80) {
  std::string out = text.size() > limit ? text.substr(0, limit) + "..." : text;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}
template <typename J>  // Json or ReadJson
requires requires(const J& value) { value.dump(); }
std::string shown(const J& value) { return shown(value.dump()); }

// A JSON parser's message, which may quote the offending bytes, made printable.
std::string printable(const char* message) {
  std::string text = shown(message, 300);
  for (char& c : text)
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  return text;
}

// Parses JSON text with the reader's limits (strict_json.h); throws StrictJsonError.
Json parse_json_text(const char* begin, const char* end) {
  return parse_strict_json(begin, end, StrictJsonLimits{kMaxJsonDepth, kMaxJsonValues});
}

// ---- writing ----

// The "c2w" metadata text: fixed key order, the configuration last.
std::string configuration_text(const Model& model, int version, const nlohmann::ordered_json& sparse,
                               const std::string& path) {
  Json config;
  try {
    config = parse_json_text(model.config_json.data(), model.config_json.data() + model.config_json.size());
  } catch (const StrictJsonError& problem) {
    throw ModelFileError(path + ": error: cannot save the model: its config_json " + problem.message);
  }
  if (!config.is_object())
    throw ModelFileError(path + ": error: cannot save the model: its config_json is not a JSON object");

  nlohmann::ordered_json positional = {{"position", model.positional.position},
                                       {"square", model.positional.square},
                                       {"one", model.positional.one}};
  Json blocks = Json::array();
  for (const Block& block : model.blocks) {
    Json heads = Json::array();
    for (const AttentionHead& head : block.heads)
      heads.push_back({{"tie", head.tie == TieMode::Average ? "average" : "latest"}});
    blocks.push_back({{"heads", std::move(heads)}});
  }
  std::string text;
  try {
    text = std::string("{\"format\":") + Json(kFormat).dump() + ",\"version\":" + std::to_string(version) +
           ",\"d_model\":" + std::to_string(model.d_model) +
           ",\"vocabulary\":" + Json(model.vocabulary).dump() + ",\"positional\":" + positional.dump() +
           ",\"blocks\":" + blocks.dump() + (version >= 2 ? ",\"sparse\":" + sparse.dump() : std::string()) +
           ",\"config\":" + config.dump() + "}";
  } catch (const nlohmann::json::exception& e) {
    throw ModelFileError(
        path + ": error: cannot save the model: its vocabulary or config_json is not valid UTF-8 (" +
        printable(e.what()) + ")");
  }
  try {  // what is written must be readable: the reader's limits apply
    parse_json_text(text.data(), text.data() + text.size());
  } catch (const StrictJsonError& problem) {
    throw ModelFileError(path + ": error: cannot save the model: its configuration " + problem.message);
  }
  return text;
}

// ---- reading ----

// A multiple of 8: every tensor starts 8-aligned in the data section (the tiling
// check), so reading a tensor in chunks of this size never splits a value. Small
// enough that the buffer costs a short run few page faults (a compiled model's
// tensors are mostly a few kB each).
constexpr size_t kChunkBytes = size_t{1} << 16;

// One tensor's entry in the header, its sizes already checked against the file.
struct TensorEntry {
  const std::string* name = nullptr;  // its key in the reader's table of entries
  bool integer = false;               // I32 (a sparse matrix's indices), else F64
  int dimensions = 2;                 // 1: a sparse matrix's values (rows values, cols = 1)
  uint64_t rows = 0, cols = 0, begin = 0, end = 0;
  bool used = false;
};

// Bytes that are about to be overwritten by a read: grown without zero-filling them
// first (std::vector's resize writes every new byte, which for the header and the read
// buffers of a short run was a tenth of a megabyte written twice, and page faults
// taken in user space rather than in the kernel's copy).
class ReadBuffer {
 public:
  // Room for `size` bytes; what it held before is not kept.
  void resize(size_t size) {
    if (size > capacity_) {
      bytes_.reset(new uint8_t[size]);  // (default-initialised: no fill)
      capacity_ = size;
    }
    size_ = size;
  }
  uint8_t* data() { return bytes_.get(); }
  const uint8_t* data() const { return bytes_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  std::unique_ptr<uint8_t[]> bytes_;
  size_t size_ = 0, capacity_ = 0;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The tokens of JSON in the plain form save_model writes, for the readers' fast paths
// (read_plain_header, read_plain_configuration): each test takes its token (and the
// space before it) and says whether it was there; what it refuses, the general
// strict reader reads, and gives the error if any. What it accepts, that reader reads
// to the same value.
// The bytes a plain string holds as they are: printable ASCII but '"' and '\\'.
constexpr auto kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7f; ++c) plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

struct PlainJson {
  const char* p;
  const char* end;

  void space() {
    while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
  }
  bool take(char c) {
    space();
    if (p == end || *p != c) return false;
    ++p;
    return true;
  }
  // A key or token, as it is written.
  bool take_word(std::string_view word) {
    space();
    if (static_cast<size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) return false;
    p += word.size();
    return true;
  }
  // A string of plain ASCII (no escape): its characters.
  bool plain_string(std::string_view& out) {
    if (!take('"')) return false;
    const char* const start = p;
    while (p != end && kPlainByte[static_cast<unsigned char>(*p)]) ++p;
    if (p == end || *p != '"') return false;
    out = std::string_view(start, static_cast<size_t>(p++ - start));
    return true;
  }
  // An integer without sign, fraction or exponent, at most 19 digits (a JSON number
  // the general path reads as this unsigned value).
  bool plain_integer(uint64_t& out) {
    space();
    const char* const start = p;
    out = 0;
    while (p != end && *p >= '0' && *p <= '9') out = 10 * out + static_cast<uint64_t>(*p++ - '0');
    const auto digits = p - start;
    if (digits == 0 || digits > 19 || (digits > 1 && *start == '0')) return false;
    return p == end || (*p != '.' && *p != 'e' && *p != 'E');
  }
  // [n, ...] of plain integers, at most `most` of them.
  bool integers(uint64_t* out, size_t& count, size_t most) {
    count = 0;
    if (!take('[')) return false;
    if (take(']')) return true;
    do {
      if (count == most || !plain_integer(out[count++])) return false;
    } while (take(','));
    return take(']');
  }
};

// Reads a model file into a Model or a SparseModel (M; their members have the same
// names). Everything but the weights (the header, the configuration, every tensor's
// shape against it) is checked before the first weight is read, the same way for
// both forms; the data section is then streamed tensor by tensor in bounded chunks,
// so neither form ever holds the file in memory and the sparse form never holds a
// dense matrix.
class ModelFileReader {
  // A matrix of the model with the entries that hold it (found by match_tensors; the
  // reads then look up no name).
  struct MatchedTensor {
    const TensorEntry* dense;             // a dense F64 tensor, or null
    const TensorEntry *indices, *values;  // a sparse matrix's two tensors, or null
    uint64_t rows, cols;                  // the matrix's shape
  };

 public:
  explicit ModelFileReader(const std::string& path) : path_(path) {}
  ModelFileReader(const ModelFileReader&) = delete;
  ModelFileReader& operator=(const ModelFileReader&) = delete;
  ~ModelFileReader() {
    if (fd_ >= 0) ::close(fd_);
  }

  // With `config`: the model's configuration too, read from the header parsed here
  // (what ModelConfig::from_json gives for the model's config_json), once the header
  // and the tensors' shapes have passed their checks and before the tensors' values are
  // read (a file with a bad configuration and a bad value is refused for the former).
  // The header's text and tree are then freed, so that the weights read after them
  // take the same memory: a short run's peak RSS was the header's tree and the weights
  // side by side (README, "Side by side").
  template <typename M>
  M read(ModelConfig* config = nullptr, ConfigFields fields = ConfigFields::All) {
    open_file();
    read_header();
    M model = read_configuration<M>(config == nullptr, config && fields == ConfigFields::ForRun);
    c2w_text_.reset();  // (the header's text is read: its memory is the tensors' to take)
    c2w_storage_ = std::string();
    header_ = ReadBuffer();
    match_tensors(model);
    std::string problem = check_shapes(model);
    if (!problem.empty()) fail("inconsistent model: " + problem);
    if (config) *config = model_config_from_json_value(config_, path_);
    config_ = ReadJson();
    metadata_.reset();
    arena_.release();  // (every value made in it destroyed above)
    chunk_.resize(static_cast<size_t>(std::min<uint64_t>(kChunkBytes, data_size_)));
    size_t k = 0;  // (the tensors as match_tensors found them, in the same order)
    for_each_tensor(model, [&](const std::string& name, auto& matrix) {
      const MatchedTensor& tensor = matched_[k++];
      if (tensor.indices)
        read_sparse_tensor(name, tensor, matrix);
      else
        read_tensor(*tensor.dense, matrix);
    });
    return model;
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw ModelFileError(path_ + ": error: " + problem);
  }
  [[noreturn]] void fail_to_read(const std::string& reason) const {
    fail("cannot read the model file (" + reason + ")");
  }

  // The size is taken once, up front: every offset in the header is checked against it
  // before anything is read at that offset.
  void open_file() {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) fail_to_read(std::strerror(errno));
    struct stat status;
    if (::fstat(fd_, &status) != 0) fail_to_read(std::strerror(errno));
    if (S_ISDIR(status.st_mode)) fail_to_read(std::strerror(EISDIR));
    if (!S_ISREG(status.st_mode)) fail_to_read("not a regular file");
    file_size_ = static_cast<uint64_t>(status.st_size);
  }

  // Exactly `size` bytes at `offset`, which the file held when it was opened.
  void read_at(uint64_t offset, void* out, size_t size) const {
    auto* bytes = static_cast<uint8_t*>(out);
    while (size > 0) {
      ssize_t n = ::pread(fd_, bytes, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail_to_read(std::strerror(errno));
      if (n == 0)
        fail("the file ends at byte " + std::to_string(offset) + " but was " + std::to_string(file_size_) +
             " bytes long when opened; was it changed while being read?");
      bytes += n;
      offset += static_cast<uint64_t>(n);
      size -= static_cast<size_t>(n);
    }
  }

  // The same from the data section, through a read-ahead buffer: the tensors are read
  // in file order, most of a few hundred bytes, and one system call for each (several
  // hundred in a short run) cost more than the run's decoding of them. A request the
  // buffer does not hold refills it from that offset with up to kChunkBytes.
  void read_data(uint64_t offset, void* out, size_t size) {
    if (size > kChunkBytes / 4) return read_at(offset, out, size);  // (a large one: at once)
    if (offset < ahead_offset_ || offset + size > ahead_offset_ + ahead_size_) {
      const auto n = static_cast<size_t>(std::min<uint64_t>(kChunkBytes, file_size_ - offset));
      if (n < size) return read_at(offset, out, size);  // (past the end: read_at says so)
      ahead_.resize(kChunkBytes);
      read_at(offset, ahead_.data(), n);
      ahead_offset_ = offset;
      ahead_size_ = n;
    }
    std::memcpy(out, ahead_.data() + (offset - ahead_offset_), size);
  }

  void read_header() {
    if (file_size_ < 8)
      fail("the file is " + std::to_string(file_size_) +
           " bytes long, shorter than the 8-byte header length of a safetensors file");
    uint8_t length[8];
    read_at(0, length, 8);
    const uint64_t header_length = get_u64_le(length);
    if (header_length > kMaxHeaderBytes)
      fail("header length " + std::to_string(header_length) + " is absurd (more than " +
           std::to_string(kMaxHeaderBytes) + " bytes); not a safetensors file, or corrupt");
    if (header_length > file_size_ - 8)
      fail("header length " + std::to_string(header_length) + " is larger than the " +
           std::to_string(file_size_ - 8) + " bytes that follow it; the file is truncated or corrupt");
    data_offset_ = 8 + header_length;
    data_size_ = file_size_ - data_offset_;

    header_.resize(static_cast<size_t>(header_length));
    read_at(8, header_.data(), header_.size());
    const std::string_view header(reinterpret_cast<const char*>(header_.data()), header_.size());
    if (header.empty() || header[0] != '{')
      fail("the header does not start with '{'; not a safetensors file");
    if (plain_header_path && read_plain_header(header_.data(), header_.data() + header_.size())) {
      ++plain_headers;
    } else {
      // (The plain path may have decoded the c2w string in place: the text read again.)
      if (header_changed_) read_at(8, header_.data(), header_.size());
      entries_.clear();
      c2w_text_.reset();
      c2w_storage_.clear();
      const ReadJson json = parse_json(header.data(), header.data() + header.size(), "the header");
      if (!json.is_object()) fail("the header is not a JSON object");
      for (const auto& [name, value] : json.items()) {
        if (name == "__metadata__")
          metadata_ = value;
        else
          read_entry(name, value);
      }
    }
    check_tiling();
  }

  // The fast path of read_header, for a header in the plain form save_model writes:
  // {"__metadata__":{"c2w":"..."}, then each tensor as {"dtype":"F64","shape":[r,c],
  // "data_offsets":[b,e]} (keys in that order, plain ASCII names, plain integers; any
  // space between tokens). It reads such a header straight into entries_ and
  // c2w_text_ without building a tree (a short run spent a tenth of its instructions
  // on that tree), and it accepts a header only when every check the general path
  // makes passes, to the same entries. At the first thing it does not expect (any
  // other form, a duplicate, a value read_entry would refuse, a value-count over the
  // limit) it returns false having failed nothing: read_header then reads the header
  // by the general path, which gives the error, if any, at its place in the text.
  bool read_plain_header(uint8_t* const bytes, uint8_t* const bytes_end) {
    const char* const begin = reinterpret_cast<const char*>(bytes);
    const char* const end = reinterpret_cast<const char*>(bytes_end);
    PlainJson json{begin, end};
    size_t values = 1;  // the root object (counted as parse_strict_json counts)
    // (Room for the entries the header can hold, each ~100 bytes: no rehash as they come.)
    entries_.reserve(static_cast<size_t>(end - begin) / 64);
    if (!json.take('{')) return false;
    bool metadata = false;
    do {
      std::string_view name;
      if (!json.plain_string(name) || !json.take(':')) return false;
      if (name == "__metadata__") {
        // {"c2w": a string}: the string read by the strict reader (its escapes, UTF-8).
        if (metadata || !json.take('{') || !json.take_word("\"c2w\"") || !json.take(':')) return false;
        json.space();
        if (json.p == end || *json.p != '"') return false;
        // Decoded in one pass when plain (unescape_plain), else its end found (the first
        // '"' after an even number of backslashes) and the strict reader decodes it.
        const char* const start = json.p;
        if (const char* const plain_close =
                unescape_plain(reinterpret_cast<char*>(bytes) + (start + 1 - begin), end)) {
          json.p = plain_close + 1;
        } else {
          read_at(8, bytes, static_cast<size_t>(bytes_end - bytes));  // (the text as it was)
          header_changed_ = false;
          const char* close = start + 1;
          for (;;) {
            close = static_cast<const char*>(std::memchr(close, '"', static_cast<size_t>(end - close)));
            if (close == nullptr) return false;
            const char* slash = close;
            while (slash[-1] == '\\') --slash;  // (stops at the opening '"')
            if ((close - slash) % 2 == 0) break;
            ++close;
          }
          json.p = close + 1;
          try {
            ReadJson text = parse_strict_json<ReadJson>(start, json.p);
            c2w_storage_ = std::move(text.get_ref<std::string&>());
            c2w_text_ = c2w_storage_;
          } catch (const StrictJsonError&) {
            return false;
          }
        }
        if (!json.take('}')) return false;
        metadata = true;
        values += 2;
        continue;
      }
      std::string_view dtype;
      uint64_t shape[2] = {0, 0}, offsets[2] = {0, 0};
      size_t dimensions = 0, bounds = 0;
      if (!json.take('{') || !json.take_word("\"dtype\"") || !json.take(':') || !json.plain_string(dtype) ||
          !json.take(',') || !json.take_word("\"shape\"") || !json.take(':') ||
          !json.integers(shape, dimensions, 2) || !json.take(',') || !json.take_word("\"data_offsets\"") ||
          !json.take(':') || !json.integers(offsets, bounds, 2) || !json.take('}'))
        return false;
      values += 4 + dimensions + bounds;  // the object, dtype, the two arrays and their elements
      // read_entry's checks, all passing.
      const bool indices = name.ends_with(".indices"), is_values = name.ends_with(".values");
      const bool integer = indices && dtype == "I32";
      if (dtype != "F64" && !integer) return false;
      if (dimensions != 2 && !(is_values && dimensions == 1)) return false;
      if (bounds != 2) return false;
      const uint64_t rows = shape[0], cols = dimensions == 1 ? 1 : shape[1];
      if (rows > kMaxDimension || cols > kMaxDimension || offsets[0] > data_size_ ||
          offsets[1] > data_size_ || offsets[1] < offsets[0])
        return false;
      uint64_t bytes = 0;
      if (!checked_multiply(rows, cols, bytes) || !checked_multiply(bytes, integer ? 4 : 8, bytes) ||
          bytes != offsets[1] - offsets[0])
        return false;
      auto [at, inserted] = entries_.try_emplace(std::string(name));
      if (!inserted) return false;  // (a duplicate)
      TensorEntry& entry = at->second;
      entry.name = &at->first;
      entry.integer = integer;
      entry.dimensions = static_cast<int>(dimensions);
      entry.rows = rows;
      entry.cols = cols;
      entry.begin = offsets[0];
      entry.end = offsets[1];
    } while (json.take(','));
    if (!json.take('}')) return false;
    json.space();
    return json.p == end && metadata && values <= kMaxJsonValues;
  }

  // A string's characters from `p` (after its opening quote) on, decoded in place (each
  // escape is two bytes and stands for one: the text written never passes the text
  // read) and c2w_text_ set to them, when they are printable ASCII and the escapes \"
  // \\ \/ only (JSON text as save_model writes it: its quotes escaped every few bytes,
  // which the general string reader took some 120 instructions each to decode); the
  // strict reader decodes these to the same text. Returns where its closing quote is,
  // or null (c2w_text_ unset) at any other byte or escape, or when `end` comes first.
  // Either way header_changed_ is set: the header's text is no longer the file's.
  const char* unescape_plain(char* p, const char* const end) {
    header_changed_ = true;
    char* const text = p;
    char* out = p;
    for (; p != end; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (kPlainByte[c]) {
        *out++ = static_cast<char>(c);
        continue;
      }
      if (c == '"') {
        c2w_text_ = std::string_view(text, static_cast<size_t>(out - text));
        return p;
      }
      if (c == '\\') {
        const char next = p + 1 != end ? p[1] : '\0';
        if (next != '"' && next != '\\' && next != '/') return nullptr;
        *out++ = next;
        ++p;
        continue;
      }
      return nullptr;  // (a control byte, DEL or UTF-8)
    }
    return nullptr;
  }

  ReadJson parse_json(const char* begin, const char* end, const std::string& what,
                      const std::vector<std::string>& unbuilt = {}) const {
    try {
      return parse_strict_json<ReadJson>(begin, end, StrictJsonLimits{kMaxJsonDepth, kMaxJsonValues},
                                         unbuilt);
    } catch (const StrictJsonError& problem) {
      fail(what + " " + problem.message);
    }
  }

  // What a checked value is, for a message: `prefix 'name'suffix`, its words built only
  // when a check fails (a header has hundreds of entries, as a rule all well formed).
  struct Label {
    const char* prefix;
    const std::string* name = nullptr;  // quoted when set
    const char* suffix = "";
  };
  static std::string words(const Label& label) {
    return label.prefix + (label.name ? "'" + shown(*label.name) + "'" : std::string()) + label.suffix;
  }
  static const std::string& words(const std::string& what) { return what; }

  // An unsigned integer no larger than `limit`, or failure naming `what`.
  template <typename What>  // Label or std::string
  uint64_t unsigned_value(const ReadJson& value, uint64_t limit, const What& what) const {
    if (!value.is_number_unsigned() || value.template get<uint64_t>() > limit)
      fail(words(what) + " is " + shown(value) + ", expected an integer in [0, " + std::to_string(limit) +
           "]");
    return value.template get<uint64_t>();
  }

  // `object` must have exactly the keys `keys`.
  template <typename What>  // Label or std::string
  void check_keys(const ReadJson& object, std::initializer_list<const char*> keys, const What& what) const {
    if (!object.is_object()) fail(words(what) + " is not a JSON object");
    for (const char* key : keys)
      if (!object.contains(key)) fail(words(what) + " has no '" + key + "'");
    for (const auto& item : object.items()) {
      const std::string& key = item.key();
      if (std::find_if(keys.begin(), keys.end(), [&](const char* k) { return key == k; }) == keys.end())
        fail(words(what) + " has an unknown key '" + shown(key) + "'");
    }
  }

  void read_entry(const std::string& name, const ReadJson& value) {
    check_keys(value, {"dtype", "shape", "data_offsets"}, Label{"tensor ", &name});
    const auto what = [&] { return words(Label{"tensor ", &name}); };
    // A sparse matrix's indices are I32 and its values 1-D (version 2; which matrices
    // are sparse is checked against the metadata in match_tensors).
    const bool indices = ends_with(name, ".indices"), values = ends_with(name, ".values");
    const ReadJson& dtype = value["dtype"];
    const bool integer = indices && dtype == "I32";
    if (!dtype.is_string() || (dtype.get_ref<const std::string&>() != "F64" && !integer))
      fail(what() + " has dtype " + shown(dtype) +
           (indices ? "; a sparse matrix's indices are I32" : "; c2w model weights are F64"));
    const ReadJson& shape = value["shape"];
    if (!shape.is_array()) fail(what() + " has a shape that is not an array");
    if (shape.size() != 2 && !(values && shape.size() == 1))
      fail(what() + " has " + std::to_string(shape.size()) +
           (values ? " dimensions; a sparse matrix's values are a 1-D tensor"
                   : " dimensions; c2w model weights are 2-D matrices"));
    const ReadJson& offsets = value["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2)
      fail(what() + " has data_offsets that are not [begin, end]");

    TensorEntry entry;
    entry.integer = integer;
    entry.dimensions = static_cast<int>(shape.size());
    entry.rows = unsigned_value(shape[0], kMaxDimension, Label{"tensor ", &name, " row count"});
    entry.cols = entry.dimensions == 1
                     ? 1
                     : unsigned_value(shape[1], kMaxDimension, Label{"tensor ", &name, " column count"});
    entry.begin = unsigned_value(offsets[0], data_size_, Label{"tensor ", &name, " data begin offset"});
    entry.end = unsigned_value(offsets[1], data_size_, Label{"tensor ", &name, " data end offset"});
    if (entry.end < entry.begin) fail(what() + " has data_offsets ending before they begin");
    const uint64_t element = integer ? 4 : 8;
    uint64_t bytes = 0;
    if (!checked_multiply(entry.rows, entry.cols, bytes) || !checked_multiply(bytes, element, bytes) ||
        bytes != entry.end - entry.begin)
      fail(what() + " has shape [" + std::to_string(entry.rows) +
           (entry.dimensions == 2 ? ", " + std::to_string(entry.cols) : std::string()) + "] but " +
           std::to_string(entry.end - entry.begin) + " bytes of data (" +
           (integer ? "I32 needs 4" : "F64 needs 8") + " per element)");
    auto at = entries_.emplace(name, std::move(entry)).first;
    at->second.name = &at->first;
  }

  // The tensors must cover the data section exactly: no overlap, no gap, nothing after.
  void check_tiling() const {
    std::vector<const TensorEntry*> order;
    for (const auto& [name, entry] : entries_) order.push_back(&entry);
    std::sort(order.begin(), order.end(), [](const TensorEntry* a, const TensorEntry* b) {
      return std::tie(a->begin, a->end, *a->name) < std::tie(b->begin, b->end, *b->name);
    });
    uint64_t covered = 0;
    const TensorEntry* previous = nullptr;
    for (const TensorEntry* entry : order) {
      if (entry->begin < covered)
        fail("tensor '" + shown(*entry->name) + "' overlaps tensor '" + shown(*previous->name) +
             "' in the data section");
      if (entry->begin > covered)
        fail("the data section has " + std::to_string(entry->begin - covered) +
             " unused bytes before tensor '" + shown(*entry->name) + "'");
      covered = entry->end;
      previous = entry;
    }
    if (covered != data_size_)
      fail("the file has " + std::to_string(data_size_ - covered) +
           " bytes of trailing data after the last tensor");
  }

  // The fast path of read_configuration, for c2w text in the form save_model writes
  // (version 2): {"format":"c2w-model","version":2,"d_model":d,"vocabulary":[plain
  // strings],"positional":{"position":i,"square":i,"one":i},"blocks":[{"heads":[{"tie":
  // "average"|"latest"},...]},...],"sparse":{NAME:[r,c],...},"config":{...}} (keys in
  // that order, any space between tokens). Everything but the configuration is read
  // straight into `model` and sparse_shapes_, without a tree (the vocabulary's and the
  // sparse shapes' tree, built and then copied out, was a tenth of a short run); the
  // configuration, the last member, is read by the strict reader with the limits
  // what comes before it leaves (one level of nesting, the values counted so far).
  // It accepts the text only when the general path would, to the same model and
  // configuration; at anything else it returns false having failed nothing, and the
  // general path reads the text again and gives the error, if any.
  template <typename M>
  bool read_plain_configuration(std::string_view text, bool config_text, bool for_run, M& model) {
    PlainJson json{text.data(), text.data() + text.size()};
    const auto key = [&](std::string_view quoted) { return json.take_word(quoted) && json.take(':'); };
    size_t values = 4;  // the root object, format, version, d_model
    std::string_view word;
    uint64_t number = 0;
    if (!json.take('{') || !key("\"format\"") || !json.plain_string(word) || word != kFormat ||
        !json.take(','))
      return false;
    if (!key("\"version\"") || !json.plain_integer(number) || number != 2 || !json.take(','))
      return false;  // (version 1 has no "sparse": the general path reads it)
    if (!key("\"d_model\"") || !json.plain_integer(number) || number > kMaxDimension || !json.take(','))
      return false;
    model.d_model = static_cast<int>(number);

    if (!key("\"vocabulary\"") || !json.take('[')) return false;
    ++values;
    if (!json.take(']')) {
      do {
        if (!json.plain_string(word)) return false;
        model.vocabulary.emplace_back(word);
        ++values;
      } while (json.take(','));
      if (!json.take(']')) return false;
    }

    if (!json.take(',') || !key("\"positional\"") || !json.take('{')) return false;
    values += 4;
    for (auto [quoted, field] :
         {std::pair{"\"position\"", &model.positional.position},
          std::pair{"\"square\"", &model.positional.square}, std::pair{"\"one\"", &model.positional.one}}) {
      if ((field != &model.positional.position && !json.take(',')) || !key(quoted)) return false;
      if (json.take_word("-1")) {  // (then no digit: "-12" is not -1)
        if (json.p != json.end && *json.p >= '0' && *json.p <= '9') return false;
        *field = -1;
        continue;
      }
      if (!json.plain_integer(number) || number >= static_cast<uint64_t>(model.d_model)) return false;
      *field = static_cast<int>(number);
    }
    if (!json.take('}')) return false;

    // The blocks' heads counted first, so that the blocks are made in place at once.
    if (!json.take(',') || !key("\"blocks\"") || !json.take('[')) return false;
    ++values;
    std::vector<size_t> heads_in_block;
    std::vector<TieMode> ties;
    if (!json.take(']')) {
      do {
        if (!json.take('{') || !key("\"heads\"") || !json.take('[')) return false;
        values += 2;
        size_t heads = 0;
        if (!json.take(']')) {
          do {
            if (!json.take('{') || !key("\"tie\"") || !json.plain_string(word) || !json.take('}'))
              return false;
            if (word == "average")
              ties.push_back(TieMode::Average);
            else if (word == "latest")
              ties.push_back(TieMode::Latest);
            else
              return false;
            ++heads;
            values += 2;
          } while (json.take(','));
          if (!json.take(']')) return false;
        }
        if (!json.take('}')) return false;
        heads_in_block.push_back(heads);
      } while (json.take(','));
      if (!json.take(']')) return false;
    }
    model.blocks.resize(heads_in_block.size());
    for (size_t b = 0, k = 0; b < heads_in_block.size(); ++b) {
      model.blocks[b].heads.resize(heads_in_block[b]);
      for (auto& head : model.blocks[b].heads) head.tie = ties[k++];
    }

    if (!json.take(',') || !key("\"sparse\"") || !json.take('{')) return false;
    ++values;
    sparse_shapes_.reserve(4 + 8 * model.blocks.size() + 4 * ties.size());  // (at most every matrix)
    if (!json.take('}')) {
      do {
        uint64_t shape[2] = {0, 0};
        size_t dimensions = 0;
        if (!json.plain_string(word) || !json.take(':') || !json.integers(shape, dimensions, 2) ||
            dimensions != 2 || shape[0] > kMaxDimension || shape[1] > kMaxDimension)
          return false;
        if (!sparse_shapes_.try_emplace(std::string(word), shape[0], shape[1]).second) return false;
        values += 3;
      } while (json.take(','));
      if (!json.take('}')) return false;
    }

    // The configuration: from here to the root's closing brace.
    if (!json.take(',') || !key("\"config\"")) return false;
    json.space();
    const char* config_end = json.end;
    while (config_end != json.p && (config_end[-1] == ' ' || config_end[-1] == '\n' ||
                                    config_end[-1] == '\r' || config_end[-1] == '\t'))
      --config_end;
    if (config_end == json.p || config_end[-1] != '}' || values >= kMaxJsonValues) return false;
    static const std::vector<std::string> kUnreadByRuns = {"residual_slots"}, kNone;
    try {
      config_ = parse_strict_json<ReadJson>(json.p, config_end - 1,
                                            StrictJsonLimits{kMaxJsonDepth - 1, kMaxJsonValues - values},
                                            for_run ? kUnreadByRuns : kNone);
    } catch (const StrictJsonError&) {
      return false;
    }
    if (!config_.is_object()) return false;
    if (config_text) model.config_json = config_.dump();
    return true;
  }

  // `config_text`: fill the model's config_json (else the caller takes the parsed
  // configuration instead, and config_json stays "{}"). `for_run`: the configuration's
  // residual_slots read as JSON but not built (ConfigFields::ForRun).
  template <typename M>
  M read_configuration(bool config_text, bool for_run) {
    if (!c2w_text_) {  // (read by the general path: its metadata checked here)
      if (!metadata_) fail("the header has no __metadata__; not a c2w model file");
      const ReadJson& metadata = *metadata_;
      if (!metadata.is_object()) fail("__metadata__ is not a JSON object");
      for (auto& [key, value] : metadata.items())
        if (!value.is_string()) fail("__metadata__ entry '" + shown(key) + "' is not a string");
      if (!metadata.contains("c2w")) fail("__metadata__ has no 'c2w' entry; not a c2w model file");
      c2w_text_ = metadata["c2w"].get_ref<const std::string&>();
    }
    const std::string_view text = *c2w_text_;
    if (plain_header_path) {
      M model;
      if (read_plain_configuration(text, config_text, for_run, model)) {
        ++plain_configurations;
        return model;
      }
      sparse_shapes_.clear();  // (what it read is read again below)
      config_ = ReadJson();
    }
    static const std::vector<std::string> kUnreadByRuns = {"config", "residual_slots"}, kNone;
    ReadJson c2w = parse_json(text.data(), text.data() + text.size(), "the c2w metadata",
                              for_run ? kUnreadByRuns : kNone);
    if (!c2w.is_object()) fail("the c2w metadata is not a JSON object");
    if (!c2w.contains("format") || c2w["format"] != kFormat)
      fail("the c2w metadata has format " + (c2w.contains("format") ? shown(c2w["format"]) : "(none)") +
           ", expected \"" + kFormat + "\"");
    if (!c2w.contains("version") || !c2w["version"].is_number_integer() ||
        c2w["version"].get<int64_t>() < kOldestVersion || c2w["version"].get<int64_t>() > kModelFileVersion)
      fail("the model file has version " + (c2w.contains("version") ? shown(c2w["version"]) : "(none)") +
           "; this c2w reads versions " + std::to_string(kOldestVersion) + " to " +
           std::to_string(kModelFileVersion));
    const int version = c2w["version"].get<int>();
    if (version == 1)
      check_keys(c2w, {"format", "version", "d_model", "vocabulary", "positional", "blocks", "config"},
                 "the c2w metadata");
    else
      check_keys(c2w,
                 {"format", "version", "d_model", "vocabulary", "positional", "blocks", "sparse", "config"},
                 "the c2w metadata");
    if (version >= 2) {
      const ReadJson& sparse = c2w["sparse"];
      if (!sparse.is_object()) fail("sparse is not a JSON object");
      for (const auto& [name, shape] : sparse.items()) {
        if (!shape.is_array() || shape.size() != 2)
          fail(words(Label{"the sparse matrix ", &name}) + " has a shape that is not [rows, cols]");
        sparse_shapes_[name] = {
            unsigned_value(shape[0], kMaxDimension, Label{"the sparse matrix ", &name, " row count"}),
            unsigned_value(shape[1], kMaxDimension, Label{"the sparse matrix ", &name, " column count"})};
      }
    }

    M model;
    model.d_model = static_cast<int>(unsigned_value(c2w["d_model"], kMaxDimension, Label{"d_model"}));
    const ReadJson& vocabulary = c2w["vocabulary"];
    if (!vocabulary.is_array()) fail("the vocabulary is not an array");
    for (const ReadJson& name : vocabulary) {
      if (!name.is_string()) fail("vocabulary entry " + shown(name) + " is not a string");
      model.vocabulary.push_back(name.get<std::string>());
    }

    const ReadJson& positional = c2w["positional"];
    check_keys(positional, {"position", "square", "one"}, "positional");
    for (auto [key, field] :
         {std::pair{"position", &model.positional.position}, std::pair{"square", &model.positional.square},
          std::pair{"one", &model.positional.one}}) {
      const ReadJson& value = positional[key];
      if (!value.is_number_integer() || value.get<int64_t>() < -1 || value.get<int64_t>() >= model.d_model)
        fail(std::string("positional coordinate '") + key + "' is " + shown(value) +
             ", expected -1 (none) or a residual coordinate in [0, " + std::to_string(model.d_model) + ")");
      *field = static_cast<int>(value.get<int64_t>());
    }

    const ReadJson& blocks = c2w["blocks"];
    if (!blocks.is_array()) fail("blocks is not an array");
    for (size_t b = 0; b < blocks.size(); ++b) {
      const std::string what = "block " + std::to_string(b);
      check_keys(blocks[b], {"heads"}, what);
      const ReadJson& heads = blocks[b]["heads"];
      if (!heads.is_array()) fail(what + " heads is not an array");
      auto& block = model.blocks.emplace_back();
      for (size_t h = 0; h < heads.size(); ++h) {
        const std::string head_what = what + " head " + std::to_string(h);
        check_keys(heads[h], {"tie"}, head_what);
        const ReadJson& tie = heads[h]["tie"];
        auto& head = block.heads.emplace_back();
        if (tie == "average")
          head.tie = TieMode::Average;
        else if (tie == "latest")
          head.tie = TieMode::Latest;
        else
          fail(head_what + " has tie mode " + shown(tie) + ", expected \"average\" or \"latest\"");
      }
    }

    ReadJson& config = c2w["config"];
    if (!config.is_object()) fail("config is not a JSON object");
    if (config_text) model.config_json = config.dump();
    config_ = std::move(config);  // (c2w is not read again)
    return model;
  }

  // The configured model's tensors must be exactly the file's.
  // A matrix in the metadata's "sparse" is the pair NAME.indices (I32, n x 2) and
  // NAME.values (F64, n); any other is one dense F64 tensor NAME.
  template <typename M>
  void match_tensors(M& model) {
    auto use = [&](const std::string& name) -> TensorEntry& {
      auto found = entries_.find(name);
      if (found == entries_.end()) fail("tensor '" + name + "' is missing");
      found->second.used = true;
      return found->second;
    };
    size_t sparse_matched = 0;
    std::string part;  // a sparse matrix's tensor's name (one buffer for them all)
    matched_.clear();
    for_each_tensor(model, [&](const std::string& name, auto&) {
      const auto sparse = sparse_shapes_.find(name);
      if (sparse == sparse_shapes_.end()) {
        const TensorEntry& dense = use(name);
        if (dense.integer || dense.dimensions != 2)
          fail("tensor '" + name + "' is not a 2-D F64 matrix (and not listed as sparse)");
        matched_.push_back({&dense, nullptr, nullptr, dense.rows, dense.cols});
        return;
      }
      ++sparse_matched;
      const TensorEntry& indices = use(part.assign(name).append(".indices"));
      const TensorEntry& values = use(part.assign(name).append(".values"));
      matched_.push_back({nullptr, &indices, &values, sparse->second.first, sparse->second.second});
      if (!indices.integer || indices.dimensions != 2 || indices.cols != 2)
        fail("tensor '" + name + ".indices' is not an I32 tensor of shape [n, 2]");
      if (values.integer || values.dimensions != 1 || values.rows != indices.rows)
        fail("tensor '" + name + ".values' is not an F64 tensor of shape [" + std::to_string(indices.rows) +
             "] (one value per index pair)");
    });
    // (The tables are unordered: of several, the first name in sorted order is named.)
    const std::string* unexpected = nullptr;
    for (const auto& [name, entry] : entries_)
      if (!entry.used && (!unexpected || name < *unexpected)) unexpected = &name;
    if (unexpected)
      fail("unexpected tensor '" + shown(*unexpected) + "': not part of a model with " +
           std::to_string(model.blocks.size()) + " blocks and these heads");
    if (sparse_matched != sparse_shapes_.size()) {
      const std::string* unmatched = nullptr;
      for (const auto& [name, shape] : sparse_shapes_)
        if ((!entries_.count(name + ".indices") || !entries_.at(name + ".indices").used) &&
            (!unmatched || name < *unmatched))
          unmatched = &name;
      if (unmatched)
        fail("the sparse matrix '" + shown(*unmatched) + "' is not part of a model with " +
             std::to_string(model.blocks.size()) + " blocks and these heads");
    }
  }

  // check_model's checks, in its words (model.cpp), made on the shapes in the header:
  // so they hold before a weight is read, whatever form the weights go into. The
  // positional coordinates were checked with the configuration. The shapes are
  // match_tensors's (a sparse matrix's from the metadata), in for_each_tensor's order:
  // the embedding, each block's heads (query, key, value, output) then its ffn (gate,
  // value, output), the unembedding; a message's words are built only when it fails.
  template <typename M>
  std::string check_shapes(const M& model) const {
    const uint64_t d = static_cast<uint64_t>(model.d_model), vocab = model.vocabulary.size();
    if (d == 0) return "d_model is 0, expected a positive number";
    if (vocab == 0) return "the vocabulary is empty";
    size_t matrices = 2;
    for (const auto& block : model.blocks) matrices += 3 + 4 * block.heads.size();
    C2W_CHECK(matched_.size() == matrices, "match_tensors matched every matrix");
    const std::string sd = std::to_string(d);
    const auto wrong = [&](size_t k, uint64_t rows, uint64_t cols) {
      return matched_[k].rows != rows || matched_[k].cols != cols;
    };
    const auto problem = [&](size_t k, const std::string& name, const std::string& expected) {
      return name + " is " + std::to_string(matched_[k].rows) + "x" + std::to_string(matched_[k].cols) +
             ", expected " + expected;
    };
    const size_t last = matched_.size() - 1;
    if (wrong(0, d, vocab))
      return problem(0, "embedding", sd + "x" + std::to_string(vocab) + " (d_model x vocabulary)");
    if (wrong(last, vocab, d))
      return problem(last, "unembedding", std::to_string(vocab) + "x" + sd + " (vocabulary x d_model)");
    size_t k = 1;
    for (size_t b = 0; b < model.blocks.size(); ++b) {
      const auto prefix = [&] { return "blocks." + std::to_string(b); };
      for (size_t h = 0; h < model.blocks[b].heads.size(); ++h, k += 4) {
        const auto hp = [&] { return prefix() + ".heads." + std::to_string(h); };
        const uint64_t dv = matched_[k + 2].rows;
        if (wrong(k, 2, d)) return problem(k, hp() + ".query", "2x" + sd);
        if (wrong(k + 1, 2, d)) return problem(k + 1, hp() + ".key", "2x" + sd);
        if (wrong(k + 2, dv, d)) return problem(k + 2, hp() + ".value", "d_v x " + sd);
        if (wrong(k + 3, d, dv))
          return problem(k + 3, hp() + ".output",
                         sd + "x" + std::to_string(dv) + " (d_model x d_v, d_v = rows of the value matrix)");
      }
      const uint64_t f = matched_[k].rows;
      if (wrong(k, f, d)) return problem(k, prefix() + ".ffn.gate", "f x " + sd);
      if (wrong(k + 1, f, d))
        return problem(k + 1, prefix() + ".ffn.value",
                       std::to_string(f) + "x" + sd + " (f = rows of the gate matrix)");
      if (wrong(k + 2, d, f))
        return problem(k + 2, prefix() + ".ffn.output", sd + "x" + std::to_string(f) + " (d_model x f)");
      k += 3;
    }
    return "";
  }

  // Calls visit(row, column, value) on every element of the tensor in the file's
  // row-major order, holding at most one chunk of it at a time.
  template <typename Visit>
  void stream_values(const TensorEntry& entry, Visit&& visit) {
    const auto cols = static_cast<Eigen::Index>(entry.cols);
    Eigen::Index r = 0, c = 0;
    for (uint64_t done = 0, total = entry.end - entry.begin; done < total;) {
      const auto n = static_cast<size_t>(std::min<uint64_t>(chunk_.size(), total - done));
      read_data(data_offset_ + entry.begin + done, chunk_.data(), n);
      for (size_t at = 0; at < n; at += 8) {
        const double value = get_f64_le(chunk_.data() + at);
        if (!std::isfinite(value))
          fail("tensor '" + *entry.name + "' holds a non-finite value (" +
               (std::isnan(value) ? "NaN" : "infinity") + ") at row " + std::to_string(r) + ", column " +
               std::to_string(c));
        visit(r, c, value);
        if (++c == cols) {
          c = 0;
          ++r;
        }
      }
      done += n;
    }
  }

  void read_tensor(const TensorEntry& entry, Eigen::MatrixXd& matrix) {
    matrix.resize(static_cast<Eigen::Index>(entry.rows), static_cast<Eigen::Index>(entry.cols));
    stream_values(entry, [&](Eigen::Index r, Eigen::Index c, double value) { matrix(r, c) = value; });
  }
  void read_tensor(const TensorEntry& entry, SparseRows& matrix) { matrix = read_sparse(entry); }
  void read_tensor(const TensorEntry& entry, SparseCols& matrix) { matrix = read_sparse(entry); }

  // The non-zeros arrive row by row, so they go straight into compressed-row arrays
  // (a column-major matrix is converted from those by the caller's assignment).
  SparseRows read_sparse(const TensorEntry& entry) {
    using Index = SparseRows::StorageIndex;
    std::vector<Index> outer(static_cast<size_t>(entry.rows) + 1, 0), inner;
    std::vector<double> values;
    stream_values(entry, [&](Eigen::Index r, Eigen::Index c, double value) {
      if (value == 0.0) return;  // -0.0 too: sparse_model keeps neither
      inner.push_back(static_cast<Index>(c));
      values.push_back(value);
      ++outer[static_cast<size_t>(r) + 1];
    });
    if (values.size() > static_cast<size_t>(std::numeric_limits<Index>::max()))
      fail("tensor '" + *entry.name + "' has more non-zeros than a sparse matrix can index");
    std::partial_sum(outer.begin(), outer.end(), outer.begin());
    return Eigen::Map<const SparseRows>(
        static_cast<Eigen::Index>(entry.rows), static_cast<Eigen::Index>(entry.cols),
        static_cast<Eigen::Index>(values.size()), outer.data(), inner.data(), values.data());
  }

  // A matrix stored as its non-zeros (version 2): the index pairs are read whole (8
  // bytes a non-zero), checked in bounds and strictly increasing in row-major order,
  // then the values streamed beside them. visit(row, column, value) in that order.
  template <typename Visit>
  void stream_sparse(const std::string& name, const MatchedTensor& tensor, Visit&& visit) {
    const uint64_t rows = tensor.rows, cols = tensor.cols;
    const TensorEntry& index_entry = *tensor.indices;
    ReadBuffer bytes;
    bytes.resize(static_cast<size_t>(index_entry.end - index_entry.begin));
    if (!bytes.empty()) read_data(data_offset_ + index_entry.begin, bytes.data(), bytes.size());
    std::vector<std::pair<int32_t, int32_t>> at(static_cast<size_t>(index_entry.rows));
    for (size_t k = 0; k < at.size(); ++k) {
      at[k] = {get_i32_le(bytes.data() + 8 * k), get_i32_le(bytes.data() + 8 * k + 4)};
      const auto [r, c] = at[k];
      if (r < 0 || c < 0 || uint64_t(r) >= rows || uint64_t(c) >= cols)
        fail("tensor '" + name + ".indices' has index pair " + std::to_string(k) + " (" + std::to_string(r) +
             ", " + std::to_string(c) + ") outside the " + std::to_string(rows) + "x" + std::to_string(cols) +
             " matrix");
      if (k > 0 && at[k] <= at[k - 1])
        fail("tensor '" + name + ".indices' is not in strictly increasing row-major order at index pair " +
             std::to_string(k));
    }
    bytes = ReadBuffer();
    stream_values(*tensor.values, [&](Eigen::Index k, Eigen::Index, double value) {
      const auto [r, c] = at[static_cast<size_t>(k)];
      visit(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c), value);
    });
  }

  void read_sparse_tensor(const std::string& name, const MatchedTensor& tensor, Eigen::MatrixXd& matrix) {
    matrix.setZero(static_cast<Eigen::Index>(tensor.rows), static_cast<Eigen::Index>(tensor.cols));
    stream_sparse(name, tensor, [&](Eigen::Index r, Eigen::Index c, double value) { matrix(r, c) = value; });
  }
  void read_sparse_tensor(const std::string& name, const MatchedTensor& tensor, SparseRows& matrix) {
    read_sparse_rows(name, tensor, matrix);
  }
  void read_sparse_tensor(const std::string& name, const MatchedTensor& tensor, SparseCols& matrix) {
    read_sparse_rows(name, tensor, matrix);
  }

  // Into `matrix`, a SparseRows or a SparseCols, straight from the file's arrays: the
  // index pairs read whole and checked as stream_sparse checks them, then the values
  // read whole and checked in order as stream_values checks them (the same errors in
  // the same order), their +0 and -0 dropped (sparse_model keeps neither); the kept
  // entries counted per row or per column, and put in place. In row-major order each
  // row's (and each column's) entries come with ascending inner indices: the
  // compressed form Eigen builds from the same entries, bit for bit. (A version-2
  // matrix's non-zeros are few; they are held at once, never its dense size.)
  template <typename Matrix>
  void read_sparse_rows(const std::string& name, const MatchedTensor& tensor, Matrix& matrix) {
    using Index = SparseRows::StorageIndex;
    constexpr bool kByRow = std::is_same_v<Matrix, SparseRows>;
    const uint64_t rows = tensor.rows, cols = tensor.cols;
    const TensorEntry& index_entry = *tensor.indices;
    const TensorEntry& value_entry = *tensor.values;
    const auto n = static_cast<size_t>(index_entry.rows);  // == value_entry.rows (match_tensors)
    pairs_.resize(8 * n);
    if (n > 0) read_data(data_offset_ + index_entry.begin, pairs_.data(), 8 * n);
    int32_t last_row = -1, last_col = -1;
    for (size_t k = 0; k < n; ++k) {
      const int32_t r = get_i32_le(pairs_.data() + 8 * k), c = get_i32_le(pairs_.data() + 8 * k + 4);
      if (r < 0 || c < 0 || uint64_t(r) >= rows || uint64_t(c) >= cols)
        fail("tensor '" + name + ".indices' has index pair " + std::to_string(k) + " (" + std::to_string(r) +
             ", " + std::to_string(c) + ") outside the " + std::to_string(rows) + "x" + std::to_string(cols) +
             " matrix");
      if (k > 0 && std::pair{r, c} <= std::pair{last_row, last_col})
        fail("tensor '" + name + ".indices' is not in strictly increasing row-major order at index pair " +
             std::to_string(k));
      last_row = r;
      last_col = c;
    }
    values_.resize(8 * n);
    if (n > 0) read_data(data_offset_ + value_entry.begin, values_.data(), 8 * n);
    Matrix m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));  // (its outer starts all 0)
    Index* const outer = m.outerIndexPtr();
    const auto check_value = [&](size_t k, double value) {
      if (!std::isfinite(value))
        fail("tensor '" + *value_entry.name + "' holds a non-finite value (" +
             (std::isnan(value) ? "NaN" : "infinity") + ") at row " + std::to_string(k) + ", column 0");
    };
    if constexpr (kByRow) {
      // Row-major entries go in the order they come: one pass puts them in place and
      // counts each row's (n, at most 2^31 - 1, bounds what is kept).
      m.resizeNonZeros(static_cast<Eigen::Index>(n));
      size_t kept = 0;
      for (size_t k = 0; k < n; ++k) {
        const double value = get_f64_le(values_.data() + 8 * k);
        check_value(k, value);
        if (value == 0.0) continue;  // -0.0 too
        ++outer[get_i32_le(pairs_.data() + 8 * k) + 1];
        m.innerIndexPtr()[kept] = get_i32_le(pairs_.data() + 8 * k + 4);
        m.valuePtr()[kept++] = value;
      }
      std::partial_sum(outer, outer + m.outerSize() + 1, outer);
      m.resizeNonZeros(static_cast<Eigen::Index>(kept));
      matrix.swap(m);
      return;
    }
    size_t kept = 0;
    for (size_t k = 0; k < n; ++k) {
      const double value = get_f64_le(values_.data() + 8 * k);
      check_value(k, value);
      if (value == 0.0) continue;  // -0.0 too
      ++outer[get_i32_le(pairs_.data() + 8 * k + (kByRow ? 0 : 4)) + 1];
      ++kept;
    }
    if (kept > static_cast<size_t>(std::numeric_limits<Index>::max()))
      fail("tensor '" + name + "' has more non-zeros than a sparse matrix can index");
    std::partial_sum(outer, outer + m.outerSize() + 1, outer);
    m.resizeNonZeros(static_cast<Eigen::Index>(kept));
    std::vector<Index> next(outer, outer + m.outerSize());  // where each row's (column's) next entry goes
    for (size_t k = 0; k < n; ++k) {
      const double value = get_f64_le(values_.data() + 8 * k);
      if (value == 0.0) continue;
      const int32_t r = get_i32_le(pairs_.data() + 8 * k), c = get_i32_le(pairs_.data() + 8 * k + 4);
      const Index at = next[static_cast<size_t>(kByRow ? r : c)]++;
      m.innerIndexPtr()[at] = kByRow ? c : r;
      m.valuePtr()[at] = value;
    }
    matrix.swap(m);
  }

  std::string path_;
  // (Hash tables: a tensor is looked up by name several times, and names share long
  // prefixes, "blocks.12.heads.3.", that a sorted map compares again at every step.)
  std::unordered_map<std::string, std::pair<uint64_t, uint64_t>> sparse_shapes_;  // version 2's "sparse"
  int fd_ = -1;
  uint64_t file_size_ = 0;
  uint64_t data_offset_ = 0, data_size_ = 0;  // where the tensors' bytes are in the file
  std::unordered_map<std::string, TensorEntry> entries_;
  std::vector<MatchedTensor> matched_;  // each matrix of the model, in for_each_tensor's order
  // The header's JSON trees live in this arena (arena_json.h), freed before the
  // tensors are read.
  JsonArena arena_;
  std::optional<ReadJson> metadata_;  // the header's __metadata__ (by the general path)
  // Its "c2w" entry: decoded in header_ by the plain path, or in c2w_storage_, or a
  // string of metadata_.
  std::optional<std::string_view> c2w_text_;
  std::string c2w_storage_;
  ReadBuffer header_;            // the header's text, until the configuration is read
  bool header_changed_ = false;  // by the plain path (unescape_plain)
  ReadJson config_;              // the configuration object in its "c2w" entry
  ReadBuffer chunk_;
  ReadBuffer pairs_, values_;  // read_sparse_rows's buffers: a matrix's index pairs, values
  ReadBuffer ahead_;           // read_data's buffer: the file's bytes from ahead_offset_ on
  uint64_t ahead_offset_ = 0;
  size_t ahead_size_ = 0;
};

// How save_model stores one matrix: dense, or (version 2) as its stored entries: every
// element whose bits are not +0.0 (a -0.0 is kept, so a dense load gives back the very
// same bits).
struct StoredMatrix {
  std::string name;
  const Eigen::MatrixXd* matrix = nullptr;
  bool sparse = false;
  std::vector<std::pair<int32_t, int32_t>> at;  // row-major
};

bool stored(double value) { return std::bit_cast<uint64_t>(value) != 0; }

void write_model_bytes(const std::vector<StoredMatrix>& layout, const std::string& text,
                       const std::string& path);

}  // namespace

void save_model(const Model& model, const std::string& path, int version) {
  C2W_CHECK(version >= kOldestVersion && version <= kModelFileVersion, "no such model file version");
  std::string problem = check_model(model);
  if (!problem.empty()) throw ModelFileError(path + ": error: cannot save an inconsistent model: " + problem);

  // Each matrix stored dense or sparse, whichever is smaller (a non-zero takes 16
  // bytes sparse: two I32 indices and an F64; an element 8 dense).
  std::vector<StoredMatrix> layout;
  nlohmann::ordered_json sparse = nlohmann::ordered_json::object();
  for_each_tensor(model, [&](const std::string& name, const Eigen::MatrixXd& matrix) {
    if (!matrix.allFinite())
      throw ModelFileError(path + ": error: cannot save the model: " + name + " holds a non-finite value");
    StoredMatrix& m = layout.emplace_back();
    m.name = name;
    m.matrix = &matrix;
    if (version < 2) return;
    uint64_t count = 0;
    for (Eigen::Index r = 0; r < matrix.rows(); ++r)
      for (Eigen::Index c = 0; c < matrix.cols(); ++c) count += stored(matrix(r, c));
    if (16 * count >= 8 * static_cast<uint64_t>(matrix.size())) return;
    m.sparse = true;
    m.at.reserve(static_cast<size_t>(count));
    for (Eigen::Index r = 0; r < matrix.rows(); ++r)
      for (Eigen::Index c = 0; c < matrix.cols(); ++c)
        if (stored(matrix(r, c))) m.at.emplace_back(static_cast<int32_t>(r), static_cast<int32_t>(c));
    sparse[name] = {matrix.rows(), matrix.cols()};
  });

  // The header, written by hand for a fixed order: metadata first, then the tensors
  // in file order, each right after the previous one in the data section.
  std::string text =
      "{\"__metadata__\":{\"c2w\":" + Json(configuration_text(model, version, sparse, path)).dump() + "}";
  uint64_t offset = 0;
  auto entry = [&](const std::string& name, const char* dtype, const std::string& shape, uint64_t count,
                   uint64_t element) {
    uint64_t bytes = 0, end = 0;
    if (!checked_multiply(count, element, bytes) || !checked_add(offset, bytes, end))
      throw ModelFileError(path + ": error: cannot save the model: it is too large");
    text += ",\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + shape + "],\"data_offsets\":[" +
            std::to_string(offset) + "," + std::to_string(end) + "]}";
    offset = end;
  };
  for (const StoredMatrix& m : layout) {
    const auto rows = static_cast<uint64_t>(m.matrix->rows()), cols = static_cast<uint64_t>(m.matrix->cols());
    if (m.sparse) {
      const uint64_t n = m.at.size();
      entry(m.name + ".indices", "I32", std::to_string(n) + ",2", 2 * n, 4);
      entry(m.name + ".values", "F64", std::to_string(n), n, 8);
    } else {
      uint64_t count = 0;
      if (!checked_multiply(rows, cols, count))
        throw ModelFileError(path + ": error: cannot save the model: it is too large");
      entry(m.name, "F64", std::to_string(rows) + "," + std::to_string(cols), count, 8);
    }
  }
  text += "}";
  text.append((8 - text.size() % 8) % 8, ' ');  // the data starts 8-byte aligned
  if (text.size() > kMaxHeaderBytes)
    throw ModelFileError(path + ": error: cannot save the model: its header would exceed " +
                         std::to_string(kMaxHeaderBytes) + " bytes (is config_json too large?)");

  try {  // the shared all-or-nothing writer (support/file_io.h); its failures are this file's
    write_model_bytes(layout, text, path);
  } catch (const ModelFileError&) {
    throw;
  } catch (const UserError& e) {
    throw ModelFileError(e.what());
  }
}

namespace {
void write_model_bytes(const std::vector<StoredMatrix>& layout, const std::string& text,
                       const std::string& path) {
  AtomicFileWriter out(path);
  uint8_t length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(static_cast<uint64_t>(text.size()) >> (8 * i));
  out.write(length, 8);
  out.write(text.data(), text.size());
  std::vector<uint8_t> row;
  for (const StoredMatrix& m : layout) {
    const Eigen::MatrixXd& matrix = *m.matrix;
    if (m.sparse) {
      row.resize(m.at.size() * 8);
      for (size_t k = 0; k < m.at.size(); ++k) {
        put_i32_le(m.at[k].first, row.data() + 8 * k);
        put_i32_le(m.at[k].second, row.data() + 8 * k + 4);
      }
      out.write(row.data(), row.size());
      for (size_t k = 0; k < m.at.size(); ++k)
        put_f64_le(matrix(m.at[k].first, m.at[k].second), row.data() + 8 * k);
      out.write(row.data(), row.size());
      continue;
    }
    row.resize(static_cast<size_t>(matrix.cols()) * 8);
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
      for (Eigen::Index c = 0; c < matrix.cols(); ++c) put_f64_le(matrix(r, c), row.data() + 8 * c);
      out.write(row.data(), row.size());
    }
  }
  out.commit();
}
}  // namespace

bool use_plain_header_path(bool use) { return plain_header_path.exchange(use); }
uint64_t plain_headers_read() { return plain_headers.load(); }
uint64_t plain_configurations_read() { return plain_configurations.load(); }

Model load_model(const std::string& path) { return ModelFileReader(path).read<Model>(); }

SparseModel load_sparse_model(const std::string& path, ModelConfig* config, ConfigFields fields) {
  return ModelFileReader(path).read<SparseModel>(config, fields);
}

}  // namespace c2w::neural
