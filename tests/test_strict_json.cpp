// The strict JSON reader of model files (neural/strict_json.h): on every valid text it
// builds the value nlohmann::json::parse builds, number kinds included (into an arena's
// tree too, arena_json.h, as the model file reader does); every text
// nlohmann refuses it refuses too, as "is not valid JSON (...)"; and it adds the
// limits nlohmann lacks (duplicate keys, depth, number of values); a member it is told
// not to build it reads as strictly, with the same errors.
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

// Valid JSON texts, every kind of value and form.
const std::vector<std::string> kValidTexts = {"0",
                                              "-0",
                                              "1",
                                              "-1",
                                              "18446744073709551615",
                                              "18446744073709551616",
                                              "-9223372036854775808",
                                              "-9223372036854775809",
                                              "9999999999999999999",
                                              "-9999999999999999999",
                                              "10000000000000000000",
                                              "-1000000000000000000",
                                              "-9223372036854775807",
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

// Texts nlohmann refuses: syntax, escapes, UTF-8, number overflow.
const std::vector<std::string> kInvalidTexts = {"",
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
  for (const std::string& text : kValidTexts) {
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
  for (const std::string& t : kValidTexts) {
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
  for (const std::string& text : kInvalidTexts) {
    INFO(text);
    CHECK_THROWS(Json::parse(text));
    CHECK_THAT(problem(text), Contains("is not valid JSON ("));
  }
}

TEST_CASE("the strict reader finds every special byte of a string wherever it stands", "[strict_json]") {
  // Plain runs are scanned eight bytes at a time: each kind of byte at each offset in a
  // long string, read as nlohmann reads it (or refused as it refuses it).
  const std::vector<std::string> specials = {"\x01",         "\x1f",
                                             "\x7f",         "\xc3\xa9",
                                             "\xe2\x82\xac", "\xff",
                                             "\xc3",         "\\n",
                                             "\\\"",         "\\u00e9",
                                             "\"",           " ",
                                             "\\n\xc3\xa9",  "\\t\xe2\x82\xac\\\\",
                                             "\\n\xff",      "\\n\x01",
                                             "\\n\"",        "\\u00e9\xf0\x9f\x98\x80x"};
  for (const std::string& special : specials)
    for (size_t at = 0; at < 20; ++at) {
      const std::string text = "[\"" + std::string(at, 'a') + special + std::string(19 - at, 'b') + "\"]";
      INFO(text << " (" << at << ")");
      bool refused = false;
      Json expected;
      try {
        expected = Json::parse(text);
      } catch (const nlohmann::json::exception&) {
        refused = true;
      }
      if (refused)
        CHECK_THAT(problem(text), Contains("is not valid JSON ("));
      else
        CHECK(same(parse(text), expected));
    }
}

TEST_CASE("the strict reader refuses duplicate keys, deep nesting and too many values", "[strict_json]") {
  CHECK(problem("{\"a\":1,\"b\":2,\"a\":3}") == "has a duplicated key 'a'");
  CHECK(problem("{\"b\":{\"x\":1},\"a\":2,\"b\":3}") == "has a duplicated key 'b'");
  CHECK(problem("[{\"k\":1,\"k\":1}]") == "has a duplicated key 'k'");
  // Keys compared as read, escapes decoded (one key written two ways is one key).
  CHECK(problem("{\"a\\\"b\":1,\"c\":{\"x\":\"\\u0041\"},\"a\\u0022b\":2}") == "has a duplicated key 'a\"b'");

  const auto nested = [](size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(parse(nested(128)).is_array());
  CHECK(problem(nested(129)) == "nests deeper than 128 levels");
  CHECK(problem(std::string(100000, '[')) == "nests deeper than 128 levels");  // no stack overflow
  CHECK(problem("[[1]]", StrictJsonLimits{1, 100}) == "nests deeper than 1 levels");

  CHECK(parse("[1,2,3]", StrictJsonLimits{128, 4}).size() == 3);  // the array and its three values
  CHECK(problem("[1,2,3,4]", StrictJsonLimits{128, 4}) == "holds more than 4 values");
  CHECK(problem("{\"a\":[1],\"b\":2}", StrictJsonLimits{128, 3}) == "holds more than 3 values");
}

TEST_CASE("the strict reader reads a member it does not build as strictly as the rest", "[strict_json]") {
  const std::vector<std::string> unbuilt = {"config", "slots"};
  auto document = [](const std::string& value) {
    return "{\"a\":[0],\"config\":{\"mode\":\"m\",\"slots\":" + value + ",\"z\":1},\"slots\":2}";
  };
  auto outcome = [](const std::string& text, const std::vector<std::string>& skip,
                    const StrictJsonLimits& limits = {}) -> std::string {
    try {
      return parse_strict_json(text.data(), text.data() + text.size(), limits, skip).dump();
    } catch (const StrictJsonError& e) {
      return "error: " + e.message;
    }
  };
  // A valid value: the tree without that member (the root's "slots" is not on the path).
  for (const std::string& value : kValidTexts) {
    INFO(value);
    Json expected = Json::parse(document(value));
    expected["config"].erase("slots");
    CHECK(outcome(document(value), unbuilt) == expected.dump());
  }
  // Any fault inside it: the same error, at the same byte, as when it is built.
  std::vector<std::string> faults = kInvalidTexts;
  for (const char* more : {"{\"k\":1,\"k\":2}", "[{\"b\":1,\"a\":2,\"b\":3}]",
                           "[{\"k\":[{\"k\":1}],\"k\":0}]", "[1,{\"x\":[\"\\u00e9\",1e400]}]"})
    faults.push_back(more);
  for (const std::string& value : faults) {
    INFO(value);
    const std::string built = outcome(document(value), {});
    CHECK(outcome(document(value), unbuilt) == built);
  }
  CHECK(outcome(document("{\"k\":1,\"k\":2}"), unbuilt) == "error: has a duplicated key 'k'");
  // The member twice, built first or not: a duplicated key either way.
  CHECK(outcome("{\"config\":{\"slots\":1,\"slots\":2}}", unbuilt) == "error: has a duplicated key 'slots'");
  CHECK(outcome("{\"config\":{\"x\":0,\"slots\":[],\"a\":1,\"slots\":2}}", unbuilt) ==
        "error: has a duplicated key 'slots'");
  // Depth and the number of values count inside it too.
  const std::string deep = document(std::string(126, '[') + std::string(126, ']'));
  CHECK(outcome(deep, unbuilt).rfind("error", 0) != 0);
  CHECK(outcome(deep, {}).rfind("error", 0) != 0);
  // The keys of objects inside one another are apart.
  CHECK(outcome(document("{\"a\":{\"b\":1},\"c\":{\"b\":[{\"a\":0}]}}"), unbuilt).rfind("error", 0) != 0);
  CHECK_THAT(outcome(document(std::string(127, '[') + std::string(127, ']')), unbuilt),
             Contains("nests deeper than 128 levels"));
  const std::string many = document("[1,2,3,[4,{\"q\":5}]]");
  for (size_t limit : {8, 12, 14, 15, 100}) {  // (15 values in all)
    INFO(limit);
    const std::string skipped = outcome(many, unbuilt, StrictJsonLimits{128, limit});
    const std::string built = outcome(many, {}, StrictJsonLimits{128, limit});
    CHECK((skipped.rfind("error: ", 0) == 0) == (built.rfind("error: ", 0) == 0));
    CHECK((limit < 15) == (built == "error: holds more than " + std::to_string(limit) + " values"));
    if (limit < 15) CHECK(skipped == built);
  }
  // Off the path (in an array, or under another key) a member of that name is built.
  CHECK(outcome("[{\"config\":{\"slots\":1}}]", unbuilt) == "[{\"config\":{\"slots\":1}}]");
  CHECK(outcome("{\"other\":{\"slots\":1}}", unbuilt) == "{\"other\":{\"slots\":1}}");
}
