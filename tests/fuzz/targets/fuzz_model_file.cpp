// Fuzz target: the model-file loader (neural/model_file.h), dense and sparse; both
// must agree on whether a file is valid.
#include <unistd.h>

#include <cstdio>

#include "neural/model_file.h"
#include "tests/fuzz/targets/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/c2w-fuzz-model-" + std::to_string(::getpid()) + ".c2w";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  bool dense_ok = false, sparse_ok = false;
  c2w::fuzz::expect_user_errors_only([&] {
    c2w::neural::load_model(path);
    dense_ok = true;
  });
  c2w::fuzz::expect_user_errors_only([&] {
    c2w::neural::load_sparse_model(path);
    sparse_ok = true;
  });
  if (dense_ok != sparse_ok) {
    __builtin_printf("the dense and sparse loaders disagree\n");
    std::abort();
  }
  std::remove(path.c_str());
  return 0;
}
