// LLVM IR (i386 data layout, optimised) -> a linked c2w machine program.
//
// Instruction selection, frame layout, global data layout and linking in one pass
// over the functions reachable from `main` (plus the runtime routines the lowering
// itself calls). Integer values of up to 32 bits live in one frame word, zero-extended
// (i1, i8, i16 are kept canonical); 33..64-bit values in two words (low, high). Casts
// between same-sized values cost nothing: the result shares its operand's word.
//
// Unsupported IR (an undefined function, a wider-than-64-bit integer, ...) is
// reported with the C source location from the debug info; all problems are
// collected and thrown as one UserError.
#pragma once

#include <cstdint>

#include "isa/isa.h"

namespace llvm {
class Module;
}

namespace c2w::compiler {

struct LowerOptions {
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;
};

isa::Program lower_to_isa(const llvm::Module& module, const LowerOptions& options);

}  // namespace c2w::compiler
