// support/file_io.h: all-or-nothing writes, and devices written in place.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/errors.h"
#include "support/file_io.h"

using namespace c2w;

TEST_CASE("file io: a write to /dev/null goes to the device and leaves it a device") {
  write_file_atomically("/dev/null", std::string(100000, 'x'));
  struct stat s {};
  REQUIRE(::stat("/dev/null", &s) == 0);
  CHECK(S_ISCHR(s.st_mode));
}

TEST_CASE("file io: a file appears whole, and a failed writer leaves nothing") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("c2w_test_file_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "out.txt").string();
  write_file_atomically(path, "hello");
  CHECK(read_file_text(path) == "hello");
  {
    AtomicFileWriter w(path);
    w.write("half");  // destroyed without commit: the old file stays, no temporary
  }
  CHECK(read_file_text(path) == "hello");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  CHECK(files == 1);
  CHECK_THROWS_AS(write_file_atomically((dir / "no" / "such" / "dir.txt").string(), "x"), UserError);
  CHECK_THROWS_AS(write_file_atomically(dir.string(), "x"), UserError);  // a directory
  fs::remove_all(dir);
}
