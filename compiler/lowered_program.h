// A lowered program: c2w machine code per function, not yet linked. The form that
// instruction selection (lower_llvm.h) produces, frame-slot allocation
// (allocate_frame_slots.h) and the peephole pass (peephole.h) rewrite, and the linker
// (link_program.h) turns into an isa::Program.
//
// Each function's code stands alone: jmp and branch targets are indices into its own
// code (local pcs), and whatever names another function (a call's target, a function
// address in an operand or in the data) is a relocation, resolved when the functions
// are laid out one after another.
//
// Frame of a function (byte offsets from fp):
//   [0, P)            parameters, as the caller wrote them (i386 cdecl layout)
//   [P, ...)          allocas, then one word per 32-bit SSA value (two for 64-bit)
//   [out, out + A)    outgoing arguments: the callee's parameters (callee fp = fp + out)
// Lowering gives every value and temporary a word of its own in
// [values_begin, values_end) and writes the outgoing area at kOutgoingMark;
// allocate_frame_slots shares the value words, puts the outgoing area after them and
// fixes frame_size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "isa/isa.h"

namespace c2w::compiler {

// Slot offsets at or above this mark are in the outgoing area, relative to its start;
// they are rebased once the frame size is known. Until then a call's frame operand
// (`a` of call, `b` of calli) is this mark too.
constexpr int32_t kOutgoingMark = 0x40000000;

// An operand or call target that names a function: filled in with the function's
// entry pc when the program is linked.
struct CodeRelocation {
  uint32_t index;     // instruction index within the function
  int field;          // 0 dst, 1 a, 2 b, 3 c, 4 target (a call)
  uint32_t function;  // index into LoweredProgram::functions
};

// A function's address stored in the data (a function pointer in an initialiser).
struct DataRelocation {
  uint32_t offset;    // byte offset into LoweredProgram::data
  uint32_t function;  // index into LoweredProgram::functions
};

struct LoweredFunction {
  std::string name;
  std::vector<isa::Instruction> code;          // jmp and branch targets: local pcs
  std::vector<isa::SourceLocation> locations;  // one per instruction
  std::vector<CodeRelocation> relocations;
  uint32_t values_begin = 0;  // the words of values and temporaries: [values_begin, values_end)
  uint32_t values_end = 0;
  uint32_t outgoing_size = 0;  // bytes of the outgoing argument area
  uint32_t frame_size = 0;     // 0 until allocate_frame_slots lays the frame out
};

struct LoweredProgram {
  // In the order they were lowered (the order of the linked code, after the start
  // stub); relocations name them by index.
  std::vector<LoweredFunction> functions;
  uint32_t main_function = 0;             // the index of main
  std::optional<uint32_t> exit_function;  // exit's index when the start code calls it (atexit is used)
  // Memory: the initial bytes at data_base (globals, then main's argv), the stack
  // above them and the heap above the stack.
  std::vector<uint8_t> data;
  std::vector<DataRelocation> data_relocations;
  uint32_t data_base = 0;
  uint32_t argv_address = 0;  // main's argv: {"c2w", NULL}
  uint32_t stack_base = 0;
  uint32_t stack_size = 0;
  uint32_t heap_base = 0;
  uint32_t memory_size = 0;
  std::vector<std::string> files;  // files[0] = "" (unknown)
};

}  // namespace c2w::compiler
