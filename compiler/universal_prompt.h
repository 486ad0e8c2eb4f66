// The universal model's prompt: the program and its input spelled as tokens, so that
// one model (compiler::build_universal_circuit) runs every program within its layout.
//
//   <bos> in:XX.. <eoi>  header  record(pc 0) .. record(pc N-1)  data records  @0
//
// The header and the records are byte tokens; the data image is spelled as
// x(a0) x(a1) x(a2) d:XX for each non-zero byte XX at address a (low byte first),
// a write the memory lookups find like any other. The record layout below is stated
// once: this encoder writes it and the instruction-fetch heads
// (compiler/gadgets/fetch.cpp) read it, keyed by position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/machine_circuit.h"
#include "isa/isa.h"

namespace c2w::compiler {

// The header, right after <eoi>: the initial fp (3 bytes), the instruction count (2).
constexpr int kHeaderInitialFp = 0;
constexpr int kHeaderInstructionCount = 3;
constexpr int kHeaderSize = 5;

// An instruction's record: the byte offset of each field, little-endian values.
constexpr int kFieldOp = 0;       // the opcode
constexpr int kFieldOperand = 1;  // a, b, c at 1, 6, 11: kind (0 none, 1 slot, 2 abs, 3 imm), 4 value bytes
constexpr int kOperandFieldSize = 5;  //   the size of one operand's fields
constexpr int kFieldDstKind = 16;     // the destination: kind (0 none, 1 slot, 2 abs)
constexpr int kFieldDst = 17;         //   and its offset or address, 3 bytes
constexpr int kFieldTarget = 20;      // the jump, branch or call target, 2 bytes
constexpr int kFieldLimit = 22;       // call: the highest callee fp whose frame fits, 3 bytes
constexpr int kFieldEntry = 25;       // 1 when a function starts here
constexpr int kFieldEntryLimit = 26;  // that function's limit (what calli checks), 3 bytes
constexpr int kRecordSize = 29;

// The universal model's prompt for a program and its input (token names).
// Throws MachineCircuitError when the program does not fit the layout.
std::vector<std::string> universal_prompt(const isa::Program& program, const std::string& input,
                                          const UniversalLayout& layout = {});

// The name of the token that carries a data-image byte in the prompt: "d:XX".
std::string data_token_name(uint32_t byte);

}  // namespace c2w::compiler
