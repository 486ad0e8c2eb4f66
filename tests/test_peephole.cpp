// The peephole pass on one function's code: each rule on hand-written instruction
// lists (self-moves, jump threading, branch inversion, jumps to the next instruction,
// unreachable code), with the cases where a rule must not fire.
#include <catch2/catch.hpp>

#include "isa/semantics.h"
#include "isa/isa_text.h"
#include "compiler/peephole.h"

using namespace c2w;

namespace {

// Parses instructions written without their pcs (local pc k is line k).
std::vector<isa::Instruction> parse_code(const std::vector<std::string>& lines) {
  std::string text =
      ".layout data_base=0x1000 stack_base=0x2000 stack_size=4096 heap_base=0x3000 memory_size=65536\n";
  for (size_t k = 0; k < lines.size(); ++k) text += std::to_string(k) + ": " + lines[k] + "\n";
  return isa::parse_assembly(text, "test.isa").code;
}

std::vector<std::string> print_code(const std::vector<isa::Instruction>& code) {
  std::vector<std::string> out;
  for (const isa::Instruction& ins : code) out.push_back(isa::print_instruction(ins));
  return out;
}

// The simplified code, printed; locations are checked to stay parallel.
std::vector<std::string> simplify(const std::vector<std::string>& lines) {
  std::vector<isa::Instruction> code = parse_code(lines);
  std::vector<isa::SourceLocation> locations(code.size());
  compiler::simplify_function_code(code, locations);
  CHECK(locations.size() == code.size());
  return print_code(code);
}

struct Case {
  const char* behaviour;
  std::vector<std::string> input;
  std::vector<std::string> expected;
};

}  // namespace

TEST_CASE("each peephole rule simplifies the code it applies to and leaves the rest") {
  const Case cases[] = {
      {"a move of a slot or an absolute word onto itself is deleted; equal values of different kinds are "
       "kept",
       {"mov %8, %8", "mov [0x1000], [0x1000]", "mov %4096, [0x1000]", "mov [0x1000], %4096", "mov %8, #8",
        "halt #0"},
       {"mov %4096, [0x1000]", "mov [0x1000], %4096", "mov %8, #8", "halt #0"}},
      {"a target naming a deleted self-move moves to the next instruction",
       {"br_eq %0, #0, @3", "putc #1", "halt #0", "mov %4, %4", "putc #2", "halt #1"},
       {"br_eq %0, #0, @3", "putc #1", "halt #0", "putc #2", "halt #1"}},
      {"jumps and branches to a chain of jmps go to its end; the skipped jmps become unreachable",
       {"br_eq %0, #0, @3", "putc #1", "halt #0", "jmp @4", "jmp @6", "halt #1", "putc #2", "halt #2"},
       {"br_eq %0, #0, @3", "putc #1", "halt #0", "putc #2", "halt #2"}},
      {"a cycle of jmps is left as it is",
       {"br_eq %0, #0, @3", "putc #1", "jmp @4", "jmp @2", "jmp @3"},
       {"br_eq %0, #0, @3", "putc #1", "jmp @4", "jmp @2", "jmp @3"}},
      {"a chain into a jmp to itself ends there", {"jmp @1", "jmp @2", "jmp @2"}, {"jmp @0"}},
      {"a branch over a jmp becomes the inverted branch to the jmp's target",
       {"br_lt_s %0, %4, @2", "jmp @4", "putc #1", "halt #0", "putc #2", "halt #1"},
       {"br_le_s %4, %0, @3", "putc #1", "halt #0", "putc #2", "halt #1"}},
      {"a branch over a jmp that something else targets is kept",
       {"br_eq %0, #0, @2", "jmp @3", "halt #0", "jmp @1"},
       {"br_eq %0, #0, @2", "jmp @3", "halt #0", "jmp @1"}},
      {"a branch over a jmp to itself is kept",
       {"br_eq %0, #0, @2", "jmp @1", "halt #0"},
       {"br_eq %0, #0, @2", "jmp @1", "halt #0"}},
      {"a jmp or branch to the next instruction is deleted",
       {"jmp @1", "br_ne %0, #0, @2", "putc #1", "halt #0"},
       {"putc #1", "halt #0"}},
      {"code after jmp, ret, halt and trap that nothing targets is deleted",
       {"br_eq %0, #0, @3", "ret #0, _", "putc #1", "br_eq %0, #1, @6", "jmp @8", "putc #2", "halt #0",
        "putc #3", "trap", "putc #4"},
       {"br_eq %0, #0, @2", "ret #0, _", "br_ne %0, #1, @4", "halt #0", "trap"}},
      {"a call returns to the next instruction, and its target (another function's entry) is left alone",
       {"call %8, #16, @99", "calli %8, %4, #16", "halt #0", "putc #1"},
       {"call %8, #16, @99", "calli %8, %4, #16", "halt #0"}},
      {"phi copies coalesced into one slot and the jmps around them (sudoku's inner loop)",
       {"putc #0", "br_eq %128, #0, @6", "br_eq %116, #81, @8", "mov %108, %108", "mov %116, %116", "jmp @0",
        "mov %108, %108", "jmp @2", "halt #0"},
       {"putc #0", "br_ne %116, #81, @0", "halt #0"}},
      {"when control can reach the end after deletions, a trap is appended",
       {"br_eq %0, #0, @2", "halt #0", "mov %4, %4"},
       {"br_eq %0, #0, @2", "halt #0", "trap"}},
      {"code that falls off its end gets a trap", {"putc #1"}, {"putc #1", "trap"}},
      {"empty code becomes a trap", {}, {"trap"}},
  };
  for (const Case& c : cases) {
    INFO(c.behaviour);
    CHECK(simplify(c.input) == c.expected);
    CHECK(simplify(c.expected) == c.expected);  // a fixed point
  }
}

TEST_CASE("the peephole pass keeps source locations parallel and maps old indices to new") {
  std::vector<isa::Instruction> code =
      parse_code({"mov %4, %4", "br_eq %0, #0, @4", "jmp @5", "putc #1", "halt #0", "halt #1", "putc #2"});
  std::vector<isa::SourceLocation> locations;
  for (uint32_t k = 0; k < code.size(); ++k) locations.push_back({1, 10 + k, 1});
  std::vector<uint32_t> index_of = compiler::simplify_function_code(code, locations).index_of;
  CHECK(print_code(code) == std::vector<std::string>{"br_ne %0, #0, @2", "halt #0", "halt #1"});
  const uint32_t gone = compiler::kDeletedInstruction;
  CHECK(index_of == std::vector<uint32_t>{gone, 0, gone, gone, 1, 2, gone});
  CHECK(locations == std::vector<isa::SourceLocation>{{1, 11, 1}, {1, 14, 1}, {1, 15, 1}});
}

TEST_CASE("the peephole pass reports which inverted branches exchanged their operands") {
  // br_lt_u at 0 and br_eq at 3 are inverted over their jmps; only the ordered one swaps
  // a and b (a relocation of its operand a must follow it to b).
  std::vector<isa::Instruction> code =
      parse_code({"br_lt_u %4, #100, @2", "jmp @4", "br_eq %8, #0, @4", "jmp @5", "halt #0", "halt #1"});
  std::vector<isa::SourceLocation> locations(code.size());
  compiler::SimplifiedCode s = compiler::simplify_function_code(code, locations);
  CHECK(print_code(code) ==
        std::vector<std::string>{"br_le_u #100, %4, @2", "br_ne %8, #0, @3", "halt #0", "halt #1"});
  CHECK(s.operands_swapped == std::vector<bool>{true, false, false, false, false, false});
}

TEST_CASE("an inverted branch is taken exactly when the original is not") {
  const isa::Opcode branches[] = {isa::Opcode::BrEq,  isa::Opcode::BrNe,  isa::Opcode::BrLtS,
                                  isa::Opcode::BrLeS, isa::Opcode::BrLtU, isa::Opcode::BrLeU};
  const uint32_t values[] = {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
  for (isa::Opcode op : branches)
    for (uint32_t x : values)
      for (uint32_t y : values) {
        isa::Operand a = isa::Operand::imm(x), b = isa::Operand::imm(y);
        isa::Opcode inverted = compiler::inverted_branch(op, a, b);
        INFO(isa::info(op).mnemonic << " " << x << ", " << y);
        CHECK(isa::is_branch(inverted));
        CHECK(isa::eval_branch(inverted, static_cast<uint32_t>(a.value), static_cast<uint32_t>(b.value)) ==
              !isa::eval_branch(op, x, y));
      }
}
