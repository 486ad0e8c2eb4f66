// Writes a hand-built model file for the command-line tests: from the prompt of an
// empty input (<bos> <eoi> @0) it emits out:48 out:69 out:0a x03 <halt>, i.e. prints
// "Hi\n" and exits with 3.
//   make_demo_model OUT.c2w
#include <cstdio>

#include "neural/model_file.h"
#include "tests/support/hand_built_models.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_demo_model OUT.c2w\n");
    return 2;
  }
  c2w::neural::Model m = c2w::test_support::successor_model(
      {"<bos>", "<eoi>", "@0", "out:48", "out:69", "out:0a", "x03", "<halt>"});
  m.config_json = R"({"note": "hand-built demo model: a successor function over its vocabulary"})";
  c2w::neural::save_model(m, argv[1]);
  return 0;
}
