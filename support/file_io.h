// Whole-file reads and all-or-nothing writes: an output file either appears complete
// or not at all. Every output c2w writes (models, dumps, traces, reports) goes through
// AtomicFileWriter: bytes go to a fresh temporary beside the target, which is flushed
// to disk (fsync) and renamed over the target on commit; a writer destroyed before its
// commit removes its temporary, so a failure (disk full, an exception) leaves nothing.
// A target that is not a regular file (/dev/null, a pipe) is written in place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace c2w {

// Throws UserError when the file cannot be read.
std::vector<uint8_t> read_file_bytes(const std::string& path);
std::string read_file_text(const std::string& path);

class AtomicFileWriter {
 public:
  // Creates the temporary; throws UserError ("PATH: error: cannot ...") when it cannot.
  explicit AtomicFileWriter(const std::string& path);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  void write(const void* data, size_t size);  // buffered
  void write(const std::string& text) { write(text.data(), text.size()); }
  // Flushes, syncs and renames the temporary into place; throws UserError on failure.
  void commit();

 private:
  void flush();
  [[noreturn]] void fail(const std::string& what);

  std::string path_, temporary_;
  int fd_ = -1;
  bool committed_ = false;
  std::vector<char> buffer_;
};

// One call: the whole content, all or nothing. Throws UserError; no partial file is left.
void write_file_atomically(const std::string& path, const void* data, size_t size);
inline void write_file_atomically(const std::string& path, const std::string& text) {
  write_file_atomically(path, text.data(), text.size());
}

}  // namespace c2w
