// Whole-file reads and all-or-nothing writes: an output file either appears complete
// or not at all (written to a temporary beside it, then renamed).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace c2w {

// Throws UserError when the file cannot be read.
std::vector<uint8_t> read_file_bytes(const std::string& path);
std::string read_file_text(const std::string& path);
// Throws UserError when the file cannot be written; no partial file is left.
void write_file_atomically(const std::string& path, const void* data, size_t size);
inline void write_file_atomically(const std::string& path, const std::string& text) {
  write_file_atomically(path, text.data(), text.size());
}

}  // namespace c2w
