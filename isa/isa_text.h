// Text assembly of c2w programs: a deterministic printer (the `--emit=isa` dump and
// the golden-test format) and a parser that reads it back; print(parse(print(p)))
// equals print(p) and parse(print(p)) equals p.
//
//   .layout data_base=0x1000 stack_base=0x2000 stack_size=1048576 ...
//   .file 1 "prog.c"
//   .datasize 24
//   .data 0 48656c6c6f...        (32 bytes a line; all-zero lines are omitted)
//   .func main entry=3 end=9 frame=16
//      3: add %4, %0, #1        ; prog.c:3:5
//      4: br_lt_s %4, #10, @3   ; prog.c:4:3
//
// Operands: %N frame slot (fp + N), [0xA] memory word at address A, #N immediate,
// _ absent; @N is a pc (branch or call target).
#pragma once

#include <string>

#include "isa/isa.h"

namespace c2w::isa {

std::string print_assembly(const Program& program);
std::string print_instruction(const Instruction& instruction);

// Throws UserError naming `source_name:line` on malformed text.
Program parse_assembly(const std::string& text, const std::string& source_name);

}  // namespace c2w::isa
