// Fuzz target: the text assembly parser (isa/isa_text.h) and the validator; a program
// that parses must print and parse back to itself.
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "tests/fuzz/targets/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return c2w::fuzz::expect_user_errors_only([&] {
    std::string text(reinterpret_cast<const char*>(data), size);
    c2w::isa::Program p = c2w::isa::parse_assembly(text, "fuzz.isa");
    c2w::isa::validate_program(p, "fuzz.isa");
    C2W_CHECK(c2w::isa::parse_assembly(c2w::isa::print_assembly(p), "reprinted") == p,
              "print(parse(text)) does not parse back to the same program");
  });
}
