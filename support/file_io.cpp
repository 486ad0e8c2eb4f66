// All-or-nothing file output (see file_io.h).
#include "support/file_io.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/errors.h"

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

AtomicFileWriter::AtomicFileWriter(const std::string& path) : path_(path) {
  // A target that exists and is not a regular file (/dev/null, a pipe, a terminal) is
  // written in place: renaming over it would replace the device with a file.
  struct stat target {};
  if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode)) {
    if (S_ISDIR(target.st_mode)) {
      errno = EISDIR;
      fail("cannot write the file");
    }
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail("cannot write the file");
    return;
  }
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temporary_ = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0 || errno != EEXIST) break;
  }
  if (fd_ < 0) {
    temporary_.clear();
    fail("cannot create a temporary file beside it");
  }
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicFileWriter::write(const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  buffer_.insert(buffer_.end(), bytes, bytes + size);
  if (buffer_.size() >= (1u << 20)) flush();
}

void AtomicFileWriter::commit() {
  flush();
  if (temporary_.empty()) {  // written in place (not a regular file): nothing to rename
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("cannot close the file");
    committed_ = true;
    return;
  }
  if (::fsync(fd_) != 0) fail("cannot flush the file to disk");
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot close the file");
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    fail("cannot rename the temporary file into place");
  committed_ = true;
}

void AtomicFileWriter::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write the file");
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void AtomicFileWriter::fail(const std::string& what) {
  const int error = errno;
  throw UserError(path_ + ": error: " + what + " (" + std::strerror(error) + ")");
}

void write_file_atomically(const std::string& path, const void* data, size_t size) {
  AtomicFileWriter out(path);
  out.write(data, size);
  out.commit();
}

}  // namespace c2w
