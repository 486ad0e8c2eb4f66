// Frame-slot reuse: after lowering, every SSA value and temporary of a function has
// its own frame word. Words whose values are never live at the same time can share
// one; this pass computes liveness over the function's machine code, builds the
// interference graph (Boost.Graph) and colours it, then rewrites the slot operands.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/isa.h"

namespace c2w::compiler {

// Reuses the words of [first, end) in `code` (branch targets are local pcs). Words a
// call's destination names (two of them: a return value may be 64-bit) and words
// whose address is taken with `lea` keep their layout and are not shared. Returns the
// new end of the region; operands outside it are untouched.
uint32_t allocate_frame_slots(std::vector<isa::Instruction>& code, uint32_t first, uint32_t end);

}  // namespace c2w::compiler
