// Fuzz target: the binary program decoder (isa/isa_binary.h) and the validator.
#include "isa/isa_binary.h"
#include "tests/fuzz/targets/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return c2w::fuzz::expect_user_errors_only([&] {
    c2w::isa::Program p = c2w::isa::decode_program(std::vector<uint8_t>(data, data + size), "fuzz.bin");
    c2w::isa::validate_program(p, "fuzz.bin");
  });
}
