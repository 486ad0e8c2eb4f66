// Typed pipeline values (see values.h).
#include "pipeline/values.h"

#include <cctype>
#include <sstream>

#include "support/errors.h"

namespace c2w::pipeline {

const char* kind_name(const Value& v) {
  switch (v.index()) {
    case 0: return "bytes";
    case 1: return "integers";
    case 2: return "grid";
    default: return "assignment";
  }
}

namespace {
std::string join(const std::vector<int64_t>& values) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) s += (i ? " " : "") + std::to_string(values[i]);
  return s;
}
}  // namespace

std::string to_text(const Value& v) {
  if (const auto* b = std::get_if<Bytes>(&v)) return b->data;
  if (const auto* i = std::get_if<Integers>(&v)) return join(i->values) + "\n";
  if (const auto* g = std::get_if<Grid>(&v)) {
    std::string s;
    for (const auto& row : g->rows) s += join(row) + "\n";
    return s;
  }
  std::string s;
  for (const auto& [name, value] : std::get<Assignment>(v).values)
    s += name + " " + std::to_string(value) + "\n";
  return s;
}

std::string describe(const Value& v) {
  if (const auto* b = std::get_if<Bytes>(&v)) {
    std::string shown;
    for (char c : b->data.substr(0, 40)) shown += std::isprint(static_cast<unsigned char>(c)) ? c : '.';
    return std::to_string(b->data.size()) + " bytes \"" + shown + (b->data.size() > 40 ? "...\"" : "\"");
  }
  if (const auto* i = std::get_if<Integers>(&v)) return std::to_string(i->values.size()) + " integers";
  if (const auto* g = std::get_if<Grid>(&v))
    return std::to_string(g->rows.size()) + "x" + std::to_string(g->rows.empty() ? 0 : g->rows[0].size()) +
           " grid";
  return std::to_string(std::get<Assignment>(v).values.size()) + " assigned names";
}

Integers parse_integers(const std::string& text, const std::string& what) {
  Integers out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    size_t used = 0;
    int64_t value = 0;
    try {
      value = std::stoll(word, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != word.size()) throw UserError(what + ": error: '" + word + "' is not an integer");
    out.values.push_back(value);
  }
  return out;
}

Grid parse_grid(const std::string& text, const std::string& what) {
  Grid g;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    bool compact = !line.empty();
    for (char c : line) compact = compact && (std::isdigit(static_cast<unsigned char>(c)) || c == '.');
    if (compact && line.size() > 1) {
      std::vector<int64_t> row;
      for (char c : line) row.push_back(c == '.' ? 0 : c - '0');
      g.rows.push_back(row);
      continue;
    }
    Integers row = parse_integers(line, what);
    if (!row.values.empty()) g.rows.push_back(row.values);
  }
  return g;
}

Value parse_value(const std::string& kind, const std::string& text, const std::string& what) {
  if (kind == "bytes") return Bytes{text};
  if (kind == "integers") return parse_integers(text, what);
  if (kind == "grid") return parse_grid(text, what);
  if (kind == "assignment") {
    Assignment a;
    std::istringstream in(text);
    std::string name, number;
    while (in >> name >> number) a.values[name] = parse_integers(number, what).values.at(0);
    return a;
  }
  throw UserError(what + ": error: unknown value kind '" + kind + "' (bytes, integers, grid or assignment)");
}

}  // namespace c2w::pipeline
