// Frame-slot allocation on hand-written functions: values that are never live
// together share a word, a call's destination keeps its place, and the outgoing area
// (written at kOutgoingMark) moves to the 8-aligned end of the values.
#include <catch2/catch.hpp>

#include "compiler/allocate_frame_slots.h"
#include "isa/isa_text.h"

using namespace c2w;

namespace {

compiler::LoweredFunction function(const std::vector<std::string>& lines) {
  std::string text =
      ".layout data_base=0x1000 stack_base=0x2000 stack_size=4096 heap_base=0x3000 memory_size=65536\n";
  for (size_t k = 0; k < lines.size(); ++k) text += std::to_string(k) + ": " + lines[k] + "\n";
  compiler::LoweredFunction f;
  f.name = "f";
  f.code = isa::parse_assembly(text, "test.isa").code;
  f.locations.resize(f.code.size());
  return f;
}

std::vector<std::string> print_code(const std::vector<isa::Instruction>& code) {
  std::vector<std::string> out;
  for (const isa::Instruction& ins : code) out.push_back(isa::print_instruction(ins));
  return out;
}

}  // namespace

TEST_CASE("values never live together share a word and the outgoing area follows them") {
  const std::string mark = std::to_string(compiler::kOutgoingMark);
  compiler::LoweredProgram p;
  // Parameter at 0; values %4..%16: a chain of three short-lived words and a call's result.
  p.functions.push_back(function({"mov %4, %0", "add %8, %4, #1", "mov %12, %8", "mov %" + mark + ", %12",
                                  "call %16, #" + mark + ", @0", "ret %16, _"}));
  p.functions[0].values_begin = 4;
  p.functions[0].values_end = 20;
  p.functions[0].outgoing_size = 4;
  compiler::allocate_frame_slots(p);
  const compiler::LoweredFunction& f = p.functions[0];
  // The call's destination is pinned first (%4), the chain shares one word (%8).
  const std::vector<std::string> expected = {"mov %8, %0",  "add %8, %8, #1",   "mov %8, %8",
                                             "mov %16, %8", "call %4, #16, @0", "ret %4, _"};
  CHECK(print_code(f.code) == expected);
  CHECK(f.values_end == 12);
  CHECK(f.frame_size == 24);  // outgoing area [16, 20), 8-aligned
}
