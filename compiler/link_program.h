// Linking: a lowered program (lowered_program.h), its frames laid out and its code
// simplified, -> the c2w machine program that runs.
//
// The code starts with `_start`, which calls main(1, {"c2w", NULL}) and halts with
// its result; the functions follow one after another in the order they were lowered.
// Local jmp and branch targets become program pcs, and every relocation (a call's
// target, a function address in an operand or in the data) becomes the entry pc of
// the function it names.
#pragma once

#include "compiler/lowered_program.h"
#include "isa/isa.h"

namespace c2w::compiler {

isa::Program link_program(const LoweredProgram& program);

}  // namespace c2w::compiler
