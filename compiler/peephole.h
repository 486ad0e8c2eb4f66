// Peephole simplification of the lowered functions: removes instructions that only
// cost steps. Every executed instruction is a step of the transformer's token trace,
// so a `mov %8, %8` left behind when frame-slot reuse gave a phi copy's source and
// destination the same word, or a `jmp` to a `jmp`, is pure waste.
//
// The rules, applied until none changes anything:
//   1. `mov d, s` with d and s the same operand (same kind and value) is deleted.
//   2. Jump threading: a jmp or branch to `jmp T` goes to T (chains followed; a
//      cycle of jmps is left as it is).
//   3. `br_c @i+2; jmp @T` (the jmp targeted by nothing else) becomes `br_!c @T`.
//   4. A jmp or branch to the next instruction is deleted.
//   5. Instructions unreachable from the entry (index 0) are deleted.
// Deleting an instruction moves the targets that named it to the next surviving
// instruction; that is only done for instructions that behave like a fall-through
// (rules 1 and 4) or that nothing reachable targets (rules 3 and 5).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/lowered_program.h"
#include "isa/isa.h"

namespace c2w::compiler {

// Simplifies every function's code (simplify_function_code below) and moves its
// relocations along with their instructions. Runs after allocate_frame_slots, whose
// word sharing leaves the self-moves rule 1 deletes.
void simplify_code(LoweredProgram& program);

// The branch taken exactly when `op x, y` is not: br_eq <-> br_ne, and the ordered
// comparisons swap their operands (x < y is false exactly when y <= x).
isa::Opcode inverted_branch(isa::Opcode op, isa::Operand& x, isa::Operand& y);

// In SimplifiedCode::index_of: the instruction was deleted.
constexpr uint32_t kDeletedInstruction = UINT32_MAX;

// What callers need to remap whatever else refers to instructions (relocations).
struct SimplifiedCode {
  // Per input instruction: its index in the result, or kDeletedInstruction.
  std::vector<uint32_t> index_of;
  // Per input instruction: its operands a and b were exchanged (an ordered branch
  // inverted by rule 3), so a relocation of field a now belongs to field b and back.
  std::vector<bool> operands_swapped;
};

// Simplifies one function's code in place; jmp and branch targets are indices into
// `code` (local pcs), a call's target is left alone. `locations` runs parallel to
// `code` and is kept so. The entry stays index 0, and control never falls off the end
// (if it could, a trap is appended).
SimplifiedCode simplify_function_code(std::vector<isa::Instruction>& code,
                                      std::vector<isa::SourceLocation>& locations);

}  // namespace c2w::compiler
