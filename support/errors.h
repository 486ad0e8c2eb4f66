// The two error channels of c2w.
//
// UserError: the user's input is at fault (malformed or unsupported C, a corrupt
// file, a bad flag). Its message is complete and ready to print: it names the place
// (file:line:col with the source line and a caret where there is one) and says what
// to do. The CLI prints it and exits with status 1.
//
// InternalError: an invariant of c2w itself failed (a bug). It carries the c2w
// source file and line; the CLI prints it and exits with status 70.
#pragma once

#include <stdexcept>
#include <string>

namespace c2w {

class UserError : public std::runtime_error {
 public:
  explicit UserError(const std::string& message) : std::runtime_error(message) {}
};

class InternalError : public std::logic_error {
 public:
  InternalError(const std::string& message, const char* file, int line)
      : std::logic_error(std::string(file) + ":" + std::to_string(line) + ": internal error: " + message) {}
};

#define C2W_INTERNAL_ERROR(message) throw ::c2w::InternalError((message), __FILE__, __LINE__)
#define C2W_CHECK(condition, message)              \
  do {                                             \
    if (!(condition)) C2W_INTERNAL_ERROR(message); \
  } while (0)

// "file:line:col: error: message\n  source line\n  ^" — the source line and caret
// are read from `file` when it can be read.
std::string format_source_error(const std::string& file, unsigned line, unsigned column,
                                const std::string& message);

}  // namespace c2w
