// The strict JSON reader (strict_json.h): a recursive descent over the text, one
// function per kind of value. Depth is bounded by the limits before any recursion, so
// a hostile file cannot overflow the stack.
#include "neural/strict_json.h"

#include "neural/arena_json.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>

namespace c2w::neural {
namespace {

// A key or text from the file, fit for a one-line message: control bytes become '?',
// anything past 80 bytes is cut.
std::string shown(std::string_view text) {
  std::string out(text.substr(0, 80));
  if (text.size() > 80) out += "...";
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

// The bytes a string holds as they are: ASCII from the space on, but '"' and '\\'.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

template <typename Json>  // nlohmann::json or ArenaJson (arena_json.h)
class StrictJsonReader {
 public:
  StrictJsonReader(const char* begin, const char* end, const StrictJsonLimits& limits,
                   const std::vector<std::string>& unbuilt)
      : begin_(begin), p_(begin), end_(end), limits_(limits), unbuilt_(unbuilt) {}

  Json document() {
    skip_space();
    Json value = parse_value(0, unbuilt_.empty() ? kOffPath : 0);
    skip_space();
    if (p_ != end_) syntax("unexpected '" + shown(std::string_view(p_, 1)) + "' after the value");
    return value;
  }

 private:
  [[noreturn]] void syntax(const std::string& what) const {
    throw StrictJsonError{"is not valid JSON (syntax error at byte " + std::to_string(p_ - begin_) + ": " +
                          what + ")"};
  }

  // An object's key and the ':' after it, with the space around it. (The view is
  // valid until the next string is read: see read_string_body.)
  std::string_view parse_key() {
    if (p_ == end_ || *p_ != '"') syntax("expected a string as an object key");
    ++p_;
    const std::string_view key = read_string_body();
    skip_space();
    if (p_ == end_ || *p_ != ':') syntax("expected ':' after an object key");
    ++p_;
    skip_space();
    return key;
  }
  void skip_space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  void count_value() {
    if (++values_ > limits_.max_values)
      throw StrictJsonError{"holds more than " + std::to_string(limits_.max_values) + " values"};
  }

  // `depth`: the containers open around this value. `on_path`: how many keys of
  // unbuilt_ lead to it (kOffPath: it is not on that path).
  Json parse_value(size_t depth, size_t on_path = kOffPath) {
    if (p_ == end_) syntax("unexpected end of input; expected a value");
    count_value();
    switch (*p_) {
      case '{': return parse_object(depth, on_path);
      case '[': return parse_array(depth);
      case '"': {
        ++p_;
        return Json(read_string_body());
      }
      case 't': return literal("true", Json(true));
      case 'f': return literal("false", Json(false));
      case 'n': return literal("null", Json(nullptr));
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) return parse_number();
        syntax("unexpected '" + shown(std::string_view(p_, 1)) + "'; expected a value");
    }
  }

  Json literal(std::string_view word, Json value) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      syntax("invalid literal; expected '" + std::string(word) + "'");
    p_ += word.size();
    return value;
  }

  void open_container(size_t depth) {
    if (depth >= limits_.max_depth)
      throw StrictJsonError{"nests deeper than " + std::to_string(limits_.max_depth) + " levels"};
    ++p_;
    skip_space();
  }

  Json parse_array(size_t depth) {
    open_container(depth);
    Json array = Json::array();
    auto& items = array.template get_ref<typename Json::array_t&>();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return array;
    }
    for (;;) {
      items.push_back(parse_value(depth + 1));
      skip_space();
      if (p_ == end_) syntax("unexpected end of input; expected ',' or ']'");
      if (*p_ == ']') {
        ++p_;
        return array;
      }
      if (*p_ != ',') syntax("unexpected '" + shown(std::string_view(p_, 1)) + "'; expected ',' or ']'");
      ++p_;
      skip_space();
    }
  }

  Json parse_object(size_t depth, size_t on_path) {
    open_container(depth);
    bool unbuilt_seen = false;  // (for the duplicate-key check of the member not built)
    Json object = Json::object();
    auto& members = object.template get_ref<typename Json::object_t&>();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return object;
    }
    for (;;) {
      const std::string_view key = parse_key();
      const size_t child_path =
          on_path < unbuilt_.size() && key == unbuilt_[on_path] ? on_path + 1 : kOffPath;
      if (child_path == unbuilt_.size()) {
        if (unbuilt_seen || members.count(std::string(key)))
          throw StrictJsonError{"has a duplicated key '" + shown(key) + "'"};
        unbuilt_seen = true;
        scan_value(depth + 1);
      } else if (members.empty() || members.rbegin()->first < key) {
        // Keys in order (the files' are sorted) go at the end of the map at once.
        auto at = members.emplace_hint(members.end(), std::string(key), nullptr);
        at->second = parse_value(depth + 1, child_path);
      } else {
        auto [at, inserted] = members.emplace(std::string(key), nullptr);
        if (!inserted) throw StrictJsonError{"has a duplicated key '" + shown(at->first) + "'"};
        at->second = parse_value(depth + 1, child_path);
      }
      skip_space();
      if (p_ == end_) syntax("unexpected end of input; expected ',' or '}'");
      if (*p_ == '}') {
        ++p_;
        return object;
      }
      if (*p_ != ',') syntax("unexpected '" + shown(std::string_view(p_, 1)) + "'; expected ',' or '}'");
      ++p_;
      skip_space();
    }
  }

  // A value read as parse_value reads it, the same checks in the same order, but
  // nothing built: for the member unbuilt_ names.
  void scan_value(size_t depth) {
    if (p_ == end_) syntax("unexpected end of input; expected a value");
    count_value();
    switch (*p_) {
      case '{': return scan_container(depth, '}');
      case '[': return scan_container(depth, ']');
      case '"':
        ++p_;
        read_string_body();
        return;
      case 't': literal("true", Json(true)); return;
      case 'f': literal("false", Json(false)); return;
      case 'n': literal("null", Json(nullptr)); return;
      default:
        if (*p_ == '-' || (*p_ >= '0' && *p_ <= '9')) {
          parse_number();
          return;
        }
        syntax("unexpected '" + shown(std::string_view(p_, 1)) + "'; expected a value");
    }
  }

  // An array (close ']') or an object (close '}'), as parse_array and parse_object
  // read them; an object's keys are kept only to find a duplicate, on one stack for
  // all the objects open (no allocation per object).
  void scan_container(size_t depth, char close) {
    open_container(depth);
    const bool object = close == '}';
    const char* const expected = object ? "; expected ',' or '}'" : "; expected ',' or ']'";
    const size_t first_key = scan_keys_.size();  // this object's keys: from here on
    const size_t first_text = scan_text_.size();
    bool ascending = true;  // so far (then a new key above the last is new)
    if (p_ != end_ && *p_ == close) {
      ++p_;
      return;
    }
    for (;;) {
      if (object) {
        const std::string_view key = parse_key();
        if (scan_keys_.size() > first_key && !(ascending && scan_key(scan_keys_.size() - 1) < key)) {
          for (size_t k = first_key; k < scan_keys_.size(); ++k)
            if (scan_key(k) == key) throw StrictJsonError{"has a duplicated key '" + shown(key) + "'"};
          ascending = false;
        }
        if (key.data() >= begin_ && key.data() < end_) {  // (a view of the text: kept as it is)
          scan_keys_.push_back({key.data(), 0, key.size()});
        } else {  // (of escaped_, which the next string overwrites: copied)
          scan_keys_.push_back({nullptr, scan_text_.size(), key.size()});
          scan_text_.append(key);
        }
      }
      scan_value(depth + 1);
      skip_space();
      if (p_ == end_) syntax(std::string("unexpected end of input") + expected);
      if (*p_ == close) {
        ++p_;
        scan_keys_.resize(first_key);
        scan_text_.resize(first_text);
        return;
      }
      if (*p_ != ',') syntax("unexpected '" + shown(std::string_view(p_, 1)) + "'" + expected);
      ++p_;
      skip_space();
    }
  }

  std::string_view scan_key(size_t k) const {
    const ScanKey& key = scan_keys_[k];
    return key.text ? std::string_view(key.text, key.size)
                    : std::string_view(scan_text_).substr(key.offset, key.size);
  }

  // Four hex digits of a \u escape.
  uint32_t hex4() {
    if (end_ - p_ < 4) syntax("unexpected end of input in a \\u escape");
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<uint32_t>(c - 'A' + 10);
      else
        syntax("a \\u escape needs four hex digits");
    }
    return value;
  }

  // `code` in UTF-8 at `out`; returns the end of what it wrote.
  static char* put_utf8(char* out, uint32_t code) {
    if (code < 0x80) {
      *out++ = static_cast<char>(code);
    } else if (code < 0x800) {
      *out++ = static_cast<char>(0xc0 | (code >> 6));
      *out++ = static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      *out++ = static_cast<char>(0xe0 | (code >> 12));
      *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      *out++ = static_cast<char>(0x80 | (code & 0x3f));
    } else {
      *out++ = static_cast<char>(0xf0 | (code >> 18));
      *out++ = static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      *out++ = static_cast<char>(0x80 | (code & 0x3f));
    }
    return out;
  }

  // One UTF-8 sequence starting at a byte >= 0x80 (RFC 3629: no overlong forms, no
  // surrogates, nothing above U+10FFFF); p_ moves past it.
  void check_utf8_sequence() {
    const auto byte = [&](ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
    const unsigned char lead = byte(0);
    int length = 0;
    unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) low = 0xa0;
      if (lead == 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) low = 0x90;
      if (lead == 0xf4) high = 0x8f;
    } else {
      syntax("invalid UTF-8 byte in a string");
    }
    if (end_ - p_ < length) syntax("invalid UTF-8 byte in a string");
    if (byte(1) < low || byte(1) > high) syntax("invalid UTF-8 byte in a string");
    for (int i = 2; i < length; ++i)
      if (byte(i) < 0x80 || byte(i) > 0xbf) syntax("invalid UTF-8 byte in a string");
    p_ += length;
  }

  // A string's characters after its opening quote, up to and past the closing one, as
  // a view: of the text itself when the string has no escape (most do, and then
  // nothing is copied), else of escaped_, which the next string read overwrites.
  std::string_view read_string_body() {
    const char* const start = p_;
    scan_plain();
    if (p_ != end_ && *p_ == '"') {
      ++p_;
      return {start, static_cast<size_t>(p_ - 1 - start)};
    }
    // Decoded into escaped_ through a pointer, with room made before each write (the
    // runs between escapes are long, the checks few).
    size_t used = 0;
    const auto room = [&](size_t more) {
      if (escaped_.size() - used < more) escaped_.resize(std::max(used + more, 2 * escaped_.size()));
      return escaped_.data() + used;
    };
    char* out = nullptr;
    const auto copy = [&](const char* from, const char* to) {
      const auto n = static_cast<size_t>(to - from);
      std::memcpy(room(n), from, n);
      used += n;
    };
    copy(start, p_);
    for (;;) {
      if (p_ == end_) syntax("unexpected end of input in a string");
      const char c = *p_++;
      if (c == '"') return {escaped_.data(), used};
      if (c != '\\') {
        --p_;
        syntax("a control byte in a string must be escaped");
      }
      if (p_ == end_) syntax("unexpected end of input in a string");
      out = room(4);  // (the most an escape stands for: a code point in UTF-8)
      switch (*p_++) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u': {
          uint32_t code = hex4();
          if (code >= 0xdc00 && code <= 0xdfff) syntax("a low surrogate without a high one before it");
          if (code >= 0xd800 && code <= 0xdbff) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u')
              syntax("a high surrogate must be followed by a \\u low surrogate");
            p_ += 2;
            const uint32_t low = hex4();
            if (low < 0xdc00 || low > 0xdfff) syntax("a high surrogate must be followed by a low surrogate");
            code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          }
          out = put_utf8(out, code);
          break;
        }
        default: --p_; syntax("invalid escape '\\" + shown(std::string_view(p_, 1)) + "'");
      }
      used = static_cast<size_t>(out - escaped_.data());
      copy_plain(used);
    }
  }

  // scan_plain that copies what it passes to escaped_ from `used` on (moved past it):
  // eight bytes are stored at once, as they are tested, so a short run between two
  // escapes costs one load and one store (the bytes stored past the run are
  // overwritten next).
  void copy_plain(size_t& used) {
    while (end_ - p_ >= 8) {
      if (escaped_.size() - used < 8) escaped_.resize(std::max(used + 8, 2 * escaped_.size()));
      std::memcpy(escaped_.data() + used, p_, 8);
      const uint64_t special = special_bytes(p_);
      if (special == 0) {
        p_ += 8;
        used += 8;
        continue;
      }
      const auto plain = static_cast<size_t>(std::countr_zero(special) / 8);
      p_ += plain;
      used += plain;
      if (static_cast<unsigned char>(*p_) < 0x80) return;  // '"', '\\' or a control byte
      const char* const lead = p_;
      check_utf8_sequence();
      const auto n = static_cast<size_t>(p_ - lead);  // (at most 4: room for 8 was made)
      std::memcpy(escaped_.data() + used, lead, n);
      used += n;
    }
    const char* const run = p_;
    scan_plain();
    const auto n = static_cast<size_t>(p_ - run);
    if (escaped_.size() - used < n) escaped_.resize(std::max(used + n, 2 * escaped_.size()));
    std::memcpy(escaped_.data() + used, run, n);
    used += n;
  }

  // The special bytes among the eight at `at` (a control byte, '"', '\\', a byte from
  // 0x80 on), flagged by the high bit of each, the first of them in the lowest byte.
  static uint64_t special_bytes(const char* at) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    uint64_t x = 0;
    std::memcpy(&x, at, 8);
    if constexpr (std::endian::native != std::endian::little) x = __builtin_bswap64(x);
    // (x - 0x20 in each byte) & ~x & the high bits: the bytes below 0x20.
    return ((x - 0x20 * kOnes) & ~x & kHigh) | has_zero(x ^ ('"' * kOnes)) | has_zero(x ^ ('\\' * kOnes)) |
           (x & kHigh);
  }

  // Past the plain bytes of a string from p_ on: printable ASCII but '"' and '\\', and
  // valid UTF-8 sequences. Eight bytes are tested at once for the special ones (a
  // control byte, '"', '\\', a byte from 0x80 on): the lowest byte a test flags is the
  // first special one (a borrow only runs upwards from a true match).
  void scan_plain() {
    while (end_ - p_ >= 8) {
      const uint64_t special = special_bytes(p_);
      if (special == 0) {
        p_ += 8;
        continue;
      }
      p_ += std::countr_zero(special) / 8;
      if (static_cast<unsigned char>(*p_) < 0x80) return;  // '"', '\\' or a control byte
      check_utf8_sequence();
    }
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (kPlain[c]) {
        ++p_;
      } else if (c >= 0x80) {
        check_utf8_sequence();
      } else {
        break;
      }
    }
  }

  // A number as RFC 8259 writes it; an integer while it fits 64 bits, else a double.
  Json parse_number() {
    const char* start = p_;
    const auto digit = [&] { return p_ != end_ && *p_ >= '0' && *p_ <= '9'; };
    if (*p_ == '-') ++p_;
    if (!digit()) syntax("a number needs a digit");
    if (*p_ == '0') {
      ++p_;
    } else {
      while (digit()) ++p_;
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (!digit()) syntax("a number needs a digit after '.'");
      while (digit()) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digit()) syntax("a number needs a digit in its exponent");
      while (digit()) ++p_;
    }
    // An integer of up to 19 digits fits in 64 bits: its value is summed here (what
    // strtoull and strtoll give); longer ones and the rest go through the C library.
    const bool negative = *start == '-';
    const char* const digits = start + (negative ? 1 : 0);
    if (integer && p_ - digits <= 19) {
      uint64_t magnitude = 0;
      for (const char* d = digits; d != p_; ++d) magnitude = 10 * magnitude + static_cast<uint64_t>(*d - '0');
      if (!negative) return Json(static_cast<typename Json::number_unsigned_t>(magnitude));
      if (magnitude <= uint64_t{1} << 63)
        return Json(static_cast<typename Json::number_integer_t>(0 - magnitude));
    }
    const std::string text(start, p_);
    errno = 0;
    char* stop = nullptr;
    if (integer && *start == '-') {
      const long long value = std::strtoll(text.c_str(), &stop, 10);
      if (errno == 0) return Json(static_cast<typename Json::number_integer_t>(value));
    } else if (integer) {
      const unsigned long long value = std::strtoull(text.c_str(), &stop, 10);
      if (errno == 0) return Json(static_cast<typename Json::number_unsigned_t>(value));
    }
    errno = 0;
    const double value = std::strtod(text.c_str(), &stop);
    if (errno == ERANGE && (value == HUGE_VAL || value == -HUGE_VAL)) {
      p_ = start;
      syntax("number overflow parsing '" + shown(text) + "'");
    }
    return Json(value);
  }

  const char* const begin_;
  const char* p_;
  const char* const end_;
  const StrictJsonLimits limits_;
  const std::vector<std::string>& unbuilt_;
  // The keys of the objects scan_container reads: a view of the text when the key has
  // no escape (most), else (offset, size) in scan_text_.
  struct ScanKey {
    const char* text;
    size_t offset, size;
  };
  std::vector<ScanKey> scan_keys_;
  std::string scan_text_;
  std::string escaped_;  // the last string read that had an escape, unescaped (at its start)
  size_t values_ = 0;
  static constexpr size_t kOffPath = SIZE_MAX;
};

}  // namespace

template <typename Json>
Json parse_strict_json(const char* begin, const char* end, const StrictJsonLimits& limits,
                       const std::vector<std::string>& unbuilt) {
  return StrictJsonReader<Json>(begin, end, limits, unbuilt).document();
}

template nlohmann::json parse_strict_json<nlohmann::json>(const char*, const char*, const StrictJsonLimits&,
                                                          const std::vector<std::string>&);
template ArenaJson parse_strict_json<ArenaJson>(const char*, const char*, const StrictJsonLimits&,
                                                const std::vector<std::string>&);

}  // namespace c2w::neural
