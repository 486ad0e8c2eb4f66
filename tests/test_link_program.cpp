// Linking a lowered program: the start stub first, then the functions in order, with
// local branch targets, calls, function addresses in operands and in the data
// resolved to entry pcs; a function whose end falls through is our bug, not the user's.
#include <catch2/catch.hpp>

#include "compiler/link_program.h"
#include "isa/isa_text.h"
#include "support/errors.h"

using namespace c2w;

namespace {

// A function from instructions written without their pcs (local pc k is line k).
compiler::LoweredFunction function(const std::string& name, const std::vector<std::string>& lines,
                                   uint32_t frame_size) {
  std::string text =
      ".layout data_base=0x1000 stack_base=0x2000 stack_size=4096 heap_base=0x3000 memory_size=65536\n";
  for (size_t k = 0; k < lines.size(); ++k) text += std::to_string(k) + ": " + lines[k] + "\n";
  compiler::LoweredFunction f;
  f.name = name;
  f.code = isa::parse_assembly(text, "test.isa").code;
  f.locations.resize(f.code.size());
  f.frame_size = frame_size;
  return f;
}

std::vector<std::string> print_code(const std::vector<isa::Instruction>& code) {
  std::vector<std::string> out;
  for (const isa::Instruction& ins : code) out.push_back(isa::print_instruction(ins));
  return out;
}

compiler::LoweredProgram two_functions() {
  compiler::LoweredProgram p;
  p.functions.push_back(
      function("main", {"mov %8, #0", "call %0, #16, @0", "br_eq %0, #0, @4", "halt #1", "ret %0, _"}, 24));
  p.functions[0].relocations = {{0, 1, 1}, {1, 4, 1}};  // f's address in `a`; the call's target
  p.functions.push_back(function("f", {"ret #7, _"}, 8));
  p.main_function = 0;
  p.data.assign(12, 0);
  p.data_relocations = {{0, 1}};  // a pointer to f
  p.data_base = 0x1000;
  p.argv_address = 0x1004;
  return p;
}

}  // namespace

TEST_CASE("linking puts _start first and resolves targets, calls and function addresses") {
  isa::Program linked = compiler::link_program(two_functions());
  const std::vector<std::string> expected = {
      "mov %8, #1", "mov %12, #4100",   "call %0, #8, @4",  "halt %0",               // _start
      "mov %8, #9", "call %0, #16, @9", "br_eq %0, #0, @8", "halt #1", "ret %0, _",  // main
      "ret #7, _"};                                                                  // f
  CHECK(print_code(linked.code) == expected);
  REQUIRE(linked.functions.size() == 3);
  CHECK(linked.functions[0].name == "_start");
  CHECK(linked.functions[1].entry == 4);
  CHECK(linked.functions[1].frame_size == 24);
  CHECK(linked.functions[2].entry == 9);
  CHECK(linked.data[0] == 9);
  CHECK(linked.source_map.size() == linked.code.size());
}

TEST_CASE("linking a function whose end falls through is an internal error") {
  compiler::LoweredProgram p = two_functions();
  p.functions[1] = function("f", {"putc #1"}, 8);
  CHECK_THROWS_AS(compiler::link_program(p), InternalError);
}
