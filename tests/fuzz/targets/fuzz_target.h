// The libFuzzer entry point every target in this folder defines, and the one rule they
// all check: bad input is a UserError (a clear message), never a crash, a hang, an
// InternalError or another exception. Built with clang's -fsanitize=fuzzer,address,
// undefined in the fuzz build (tests/fuzz/run_fuzzers.sh); in the normal build the same
// targets are linked with replay_main.cpp and replay the regression inputs kept in
// tests/fuzz/regressions/<target>/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>

#include "support/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace c2w::fuzz {

// Runs `f`; a UserError is the expected answer to bad input, anything else aborts
// (libFuzzer then saves the input as a crash).
template <class F>
int expect_user_errors_only(F&& f) {
  try {
    f();
  } catch (const UserError&) {
  } catch (const std::exception& e) {
    std::string what = e.what();
    __builtin_printf("not a user error: %s\n", what.c_str());
    std::abort();
  }
  return 0;
}

}  // namespace c2w::fuzz
