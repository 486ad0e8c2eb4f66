// Fuzz target: the model configuration reader (neural/model_config.h); a config that
// reads must write and read back to the same text.
#include "neural/model_config.h"
#include "tests/fuzz/targets/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return c2w::fuzz::expect_user_errors_only([&] {
    std::string text(reinterpret_cast<const char*>(data), size);
    c2w::neural::ModelConfig c = c2w::neural::ModelConfig::from_json(text, "fuzz");
    std::string again = c.to_json();
    C2W_CHECK(c2w::neural::ModelConfig::from_json(again, "again").to_json() == again,
              "a config does not read back to itself");
  });
}
