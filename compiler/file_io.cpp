// All-or-nothing file output (see file_io.h).
#include "compiler/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "compiler/diagnostics.h"

namespace c2w {

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": error: cannot read the file (" + std::strerror(errno) + ")");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string read_file_text(const std::string& path) {
  auto bytes = read_file_bytes(path);
  return std::string(bytes.begin(), bytes.end());
}

void write_file_atomically(const std::string& path, const void* data, size_t size) {
  std::string temporary = path + ".tmp." + std::to_string(::getpid());
  FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) throw UserError(path + ": error: cannot write the file (" + std::strerror(errno) + ")");
  bool ok = std::fwrite(data, 1, size, f) == size;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    int saved = errno;
    std::remove(temporary.c_str());
    throw UserError(path + ": error: writing the file failed (" + std::strerror(saved) + ")");
  }
}

}  // namespace c2w
