// A strict JSON reader for model files (internal to neural/: model_file.cpp and its
// tests). It reads RFC 8259 JSON into an nlohmann::json value, as
// nlohmann::json::parse would, with limits a file from anywhere needs: nesting depth,
// a number of values, and no duplicate keys (nlohmann keeps the last one silently).
//
// Why not nlohmann's own parser: a model file's header is read at every run, and
// nlohmann's lexer takes about 70 instructions per byte of a string (it appends one
// character at a time); a 200 kB header and the configuration text inside it cost a
// short run more than its decoding. This reader scans plain runs of a string in one
// go and builds objects in key order (the files' keys are sorted, so an insertion is
// at the end of the map). The values it builds are those nlohmann builds: a number
// without fraction or exponent is an unsigned integer (a signed one when negative)
// while it fits in 64 bits, a double otherwise; strings must be valid UTF-8, escapes
// and surrogate pairs are decoded, control bytes refused.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace c2w::neural {

struct StrictJsonLimits {
  size_t max_depth = 128;         // containers open at once
  size_t max_values = 4'000'000;  // values in the document, containers included
};

// What is wrong with a JSON text, worded as a predicate to follow "the header":
// "is not valid JSON (...)", "has a duplicated key 'k'", "nests deeper than ...".
struct StrictJsonError {
  std::string message;
};

// The JSON value in [begin, end), whitespace around it allowed; throws StrictJsonError.
// Json: nlohmann::json, or ArenaJson (arena_json.h) for a tree that lives only while a
// file is read.
// `unbuilt`: the keys, from the root down through objects, of one member the caller
// never reads (e.g. {"config", "residual_slots"}). Its value is read as strictly as
// the rest (syntax, UTF-8, escapes, numbers, limits, duplicate keys: the same errors at
// the same bytes) but not built: the tree has no such member. Empty: all is built.
template <typename Json = nlohmann::json>
Json parse_strict_json(const char* begin, const char* end, const StrictJsonLimits& limits = {},
                       const std::vector<std::string>& unbuilt = {});

}  // namespace c2w::neural
