// Formatting of user errors that point into a source file.
#include "support/errors.h"

#include <fstream>

namespace c2w {

std::string format_source_error(const std::string& file, unsigned line, unsigned column,
                                const std::string& message) {
  std::string out = file;
  if (line) {
    out += ":" + std::to_string(line);
    if (column) out += ":" + std::to_string(column);
  }
  out += ": error: " + message + "\n";
  std::ifstream in(file);
  std::string text;
  for (unsigned n = 1; line && in && std::getline(in, text); ++n) {
    if (n != line) continue;
    out += text + "\n";
    if (column) {
      std::string pad;
      for (unsigned i = 0; i + 1 < column && i < text.size(); ++i) pad += text[i] == '\t' ? '\t' : ' ';
      out += pad + "^\n";
    }
    break;
  }
  return out;
}

}  // namespace c2w
