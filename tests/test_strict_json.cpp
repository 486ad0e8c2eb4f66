// The strict JSON reader of model files (neural/strict_json.h): on every valid text it
// builds the value nlohmann::json::parse builds, number kinds included (into an arena's
// tree too, arena_json.h, as the model file reader does); every text
// nlohmann refuses it refuses too, as "is not valid JSON (...)"; and it adds the
// limits nlohmann lacks (duplicate keys, depth, number of values).
#include <catch2/catch.hpp>

#include <random>
#include <type_traits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "neural/arena_json.h"
#include "neural/strict_json.h"

using c2w::neural::parse_strict_json;
using c2w::neural::StrictJsonError;
using c2w::neural::StrictJsonLimits;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

namespace {

Json parse(const std::string& text, const StrictJsonLimits& limits = {}) {
  return parse_strict_json(text.data(), text.data() + text.size(), limits);
}

// The same value with the same kinds all the way down (1 and 1u and 1.0 compare equal
// in nlohmann, but a reader must keep them apart as its parser does).
// (A and B: nlohmann::json or the arena's ArenaJson; leaves of one kind compare by text.)
template <typename A, typename B>
bool same(const A& a, const B& b) {
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt)
      if (it.key() != jt.key() || !same(it.value(), jt.value())) return false;
    return true;
  }
  if constexpr (std::is_same_v<A, B>)
    return a == b;
  else
    return a.dump() == b.dump();
}

std::string problem(const std::string& text, const StrictJsonLimits& limits = {}) {
  try {
    parse(text, limits);
  } catch (const StrictJsonError& e) {
    return e.message;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the strict reader builds what nlohmann's parser builds from valid JSON", "[strict_json]") {
  const std::vector<std::string> texts = {"0",
                                          "-0",
                                          "1",
                                          "-1",
                                          "18446744073709551615",
                                          "18446744073709551616",
                                          "-9223372036854775808",
                                          "-9223372036854775809",
                                          "1.5",
                                          "-2.25e-3",
                                          "1E+2",
                                          "1e-400",
                                          "0.1",
                                          "123456789012345678901234567890",
                                          "true",
                                          "false",
                                          "null",
                                          "\"\"",
                                          "\"abc\"",
                                          "  [1, 2 ,3 ]  ",
                                          "{}",
                                          "[]",
                                          "[[],[[]],{}]",
                                          "{\"b\":1,\"a\":[true,null],\"c\":{\"d\":\"e\"}}",
                                          "{\"z\":1,\"a\":2,\"m\":3}",
                                          "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
                                          "\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"",
                                          "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
                                          "\"\\u0000x\"",
                                          "\n\t\r {\"k\" : [ -0.0 , 1e5 , 2E-2 ] } \n"};
  for (const std::string& text : texts) {
    INFO(text);
    CHECK(same(parse(text), Json::parse(text)));
  }
  // A document like a model file's header, every kind of value in it, and its text as
  // a string inside another (the "c2w" metadata is JSON within a JSON string).
  std::mt19937 random(7);
  Json inner = Json::object();
  for (int i = 0; i < 300; ++i) {
    Json row = Json::array();
    for (int k = 0; k < 5; ++k) row.push_back(static_cast<int64_t>(random()) - (1 << 30));
    inner["key" + std::to_string(i)] = {{"row", row},
                                        {"name", "n\"" + std::to_string(random() % 1000) + "\\\xc3\xa9"},
                                        {"x", static_cast<double>(random()) / 7.0},
                                        {"flag", random() % 2 == 0}};
  }
  const Json outer = {{"__metadata__", {{"c2w", inner.dump()}}}, {"tensor", {{"shape", {3, 4}}}}};
  const std::string text = outer.dump();
  const Json read = parse(text);
  CHECK(same(read, Json::parse(text)));
  const std::string& nested = read["__metadata__"]["c2w"].get_ref<const std::string&>();
  CHECK(same(parse(nested), Json::parse(nested)));
  CHECK(parse(nested) == inner);

  // The same documents into a tree in an arena: the same value, kind for kind; and with
  // no arena live, the arena's JSON is an ordinary heap tree.
  auto arena_parse = [](const std::string& t) {
    return c2w::neural::parse_strict_json<c2w::neural::ArenaJson>(t.data(), t.data() + t.size());
  };
  for (const std::string& t : texts) {
    INFO(t);
    c2w::neural::JsonArena arena(64);  // (a small first block: the arena grows)
    const c2w::neural::ArenaJson value = arena_parse(t);
    CHECK(same(value, Json::parse(t)));
  }
  {
    c2w::neural::JsonArena arena;
    const c2w::neural::ArenaJson value = arena_parse(text);
    CHECK(same(value, read));
    CHECK(value["__metadata__"]["c2w"].get_ref<const std::string&>() == nested);
  }
  const c2w::neural::ArenaJson on_heap = arena_parse(text);
  CHECK(same(on_heap, read));
}

TEST_CASE("the strict reader refuses what nlohmann's parser refuses", "[strict_json]") {
  const std::vector<std::string> texts = {"",
                                          " ",
                                          "{",
                                          "}",
                                          "[1,]",
                                          "[,1]",
                                          "{\"a\":1,}",
                                          "{\"a\" 1}",
                                          "{a:1}",
                                          "{\"a\":}",
                                          "[1 2]",
                                          "01",
                                          "-",
                                          "1.",
                                          ".5",
                                          "1e",
                                          "1e+",
                                          "+1",
                                          "tru",
                                          "nul",
                                          "True",
                                          "\"abc",
                                          "\"a\\x\"",
                                          "\"\\u12\"",
                                          "\"\\u12g4\"",
                                          "\"\\ud83d\"",
                                          "\"\\ud83d\\u0041\"",
                                          "\"\\ude00\"",
                                          std::string("\"a\x01\""),
                                          "\"\xff\"",
                                          "\"\xc0\xaf\"",
                                          "\"\xed\xa0\x80\"",
                                          "\"\xf4\x90\x80\x80\"",
                                          "\"\xe2\x82\"",
                                          "1e400",
                                          "-1e400",
                                          "[1] x",
                                          "{} {}",
                                          "[\"a\"]]"};
  for (const std::string& text : texts) {
    INFO(text);
    CHECK_THROWS(Json::parse(text));
    CHECK_THAT(problem(text), Contains("is not valid JSON ("));
  }
}

TEST_CASE("the strict reader refuses duplicate keys, deep nesting and too many values", "[strict_json]") {
  CHECK(problem("{\"a\":1,\"b\":2,\"a\":3}") == "has a duplicated key 'a'");
  CHECK(problem("{\"b\":{\"x\":1},\"a\":2,\"b\":3}") == "has a duplicated key 'b'");
  CHECK(problem("[{\"k\":1,\"k\":1}]") == "has a duplicated key 'k'");

  const auto nested = [](size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(parse(nested(128)).is_array());
  CHECK(problem(nested(129)) == "nests deeper than 128 levels");
  CHECK(problem(std::string(100000, '[')) == "nests deeper than 128 levels");  // no stack overflow
  CHECK(problem("[[1]]", StrictJsonLimits{1, 100}) == "nests deeper than 1 levels");

  CHECK(parse("[1,2,3]", StrictJsonLimits{128, 4}).size() == 3);  // the array and its three values
  CHECK(problem("[1,2,3,4]", StrictJsonLimits{128, 4}) == "holds more than 4 values");
  CHECK(problem("{\"a\":[1],\"b\":2}", StrictJsonLimits{128, 3}) == "holds more than 3 values");
}
