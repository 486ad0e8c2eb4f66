// Fuzz target: the C front end driver, source text to a c2w program (Clang in-process,
// the checks of unsupported constructs, LLVM's optimiser, the lowering). It compiles
// against a one-file libc (tests/fuzz/minimal_libc) so that an input costs
// milliseconds, not the whole libc's compile.
#include <unistd.h>

#include <cstdio>

#include "compiler/compile.h"
#include "tests/fuzz/targets/fuzz_target.h"

#ifndef C2W_FUZZ_LIBC_DIR
#error "C2W_FUZZ_LIBC_DIR must name tests/fuzz/minimal_libc"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/c2w-fuzz-" + std::to_string(::getpid()) + ".c";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  c2w::compiler::CompileOptions o;
  o.source_path = path;
  o.libc_dir = C2W_FUZZ_LIBC_DIR;
  o.no_warnings = true;
  c2w::fuzz::expect_user_errors_only([&] { c2w::compiler::compile_c_program(o); });
  std::remove(path.c_str());
  return 0;
}
