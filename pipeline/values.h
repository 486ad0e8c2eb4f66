// The typed values that flow between a pipeline's stages (pipeline.h): the bytes a
// program reads and prints, integer vectors, grids, and named assignments from the
// solver. Each has one text form, the one a C program reads on stdin and prints: bytes
// as they are; integers separated by spaces; a grid one row per line; an assignment
// one "name value" pair per line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace c2w::pipeline {

struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};
struct Integers {
  std::vector<int64_t> values;
  bool operator==(const Integers&) const = default;
};
struct Grid {
  std::vector<std::vector<int64_t>> rows;
  bool operator==(const Grid&) const = default;
};
struct Assignment {
  std::map<std::string, int64_t> values;
  bool operator==(const Assignment&) const = default;
};
using Value = std::variant<Bytes, Integers, Grid, Assignment>;

const char* kind_name(const Value& v);  // "bytes", "integers", "grid", "assignment"
std::string to_text(const Value& v);    // the text form above
std::string describe(const Value& v);   // a short readable summary for logs

// Parsing a text form. Throws UserError (naming `what`) on malformed text.
Integers parse_integers(const std::string& text, const std::string& what);
// Rows of integers; in a row of digits only ("530070000") each digit is a cell, and
// '.' is 0, so Sudoku grids can be written compactly.
Grid parse_grid(const std::string& text, const std::string& what);
Value parse_value(const std::string& kind, const std::string& text, const std::string& what);

}  // namespace c2w::pipeline
