// LLVM IR (i386 data layout, optimised) -> a lowered c2w program: instruction
// selection, the frame's fixed part and the global data layout, over the functions
// reachable from `main` (plus the runtime routines the lowering itself calls).
//
// Integer values of up to 32 bits live in one frame word, zero-extended (i1, i8, i16
// are kept canonical); 33..64-bit values in two words (low, high). Casts between
// same-sized values cost nothing: the result shares its operand's word. Every value
// and temporary gets a frame word of its own; allocate_frame_slots shares them
// afterwards, and link_program resolves the references between functions
// (lowered_program.h describes the result).
//
// Unsupported IR (an undefined function, a wider-than-64-bit integer, ...) is
// reported with the C source location from the debug info; all problems are
// collected and thrown as one UserError.
#pragma once

#include <cstdint>

#include "compiler/lowered_program.h"
#include "isa/isa.h"

namespace llvm {
class Module;
}

namespace c2w::compiler {

struct LowerOptions {
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;
};

LoweredProgram lower_to_isa(const llvm::Module& module, const LowerOptions& options);

}  // namespace c2w::compiler
