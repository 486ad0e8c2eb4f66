// Frame-slot allocation: lowering gives every SSA value and temporary of a function
// its own frame word. Words whose values are never live at the same time can share
// one; this pass computes liveness over each function's machine code, builds the
// interference graph (Boost.Graph) and colours it, then rewrites the slot operands.
// With the values' words known, it places the outgoing argument area after them and
// fixes the frame's size (the frame is drawn in lowered_program.h).
#pragma once

#include "compiler/lowered_program.h"

namespace c2w::compiler {

// For every function: reuses the words of [values_begin, values_end) (branch targets
// are local pcs). Words a call's destination names (two of them: a return value may
// be 64-bit) and words whose address is taken with `lea` keep their layout and are not
// shared; operands outside the region are untouched. Then rebases the outgoing slots
// (kOutgoingMark) and the calls' frame operands to the 8-aligned end of the values,
// and sets values_end and frame_size.
void allocate_frame_slots(LoweredProgram& program);

}  // namespace c2w::compiler
