// Fuzz target: the pipeline file reader (pipeline/pipeline_file.h) in its check-only
// mode — YAML/JSON parsing, every step's keys, types, paths and value names — which
// runs no program, solver or search, so an input costs microseconds.
#include <unistd.h>

#include <cstdio>

#include "pipeline/pipeline.h"
#include "pipeline/pipeline_file.h"
#include "tests/fuzz/targets/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/c2w-fuzz-" + std::to_string(::getpid()) + ".yaml";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  c2w::fuzz::expect_user_errors_only([&] {
    c2w::pipeline::Pipeline p(c2w::pipeline::pipeline_file_name(path));
    c2w::pipeline::run_pipeline_file(path, p, {.quiet = true, .check_only = true});
  });
  std::remove(path.c_str());
  return 0;
}
