// The c2w machine as a circuit: the weight compiler's description of how a
// transformer produces the token trace of isa/trace_format.h (specialised mode:
// the program is a ROM in the embeddings of the pc tokens).
//
// How a fixed-depth transformer computes the next token of the trace:
//
// * Where am I. A head with key [token is a pc token] and tie `latest` finds the
//   step's pc token P and carries the instruction's ROM fields; o = p - P is the
//   offset in the step.
// * Everything is computed at P. At P nothing of the current step is written yet, so
//   the lookups there see exactly the machine state before the instruction: the frame
//   pointer (the latest complete fp spelled by a call or ret, or the initial one at
//   <bos>), the input cursor (the latest spelled by getc), the operand words (four
//   byte lookups each: key (2A, -A^2) at every byte written to memory address A,
//   query (Q, 1), tie `latest`, so the latest write to Q wins with a margin of 1; a
//   miss falls back to the data image or zero), the frame a `ret` returns to (a
//   lookup keyed by the callee fp among the call steps). P computes the whole step:
//   its byte tokens B1..Bn, an optional out:XX token and the final token (the next
//   pc, <halt> or a trap).
// * The other positions of the step fetch P's plan (the same latest-pc key, a later
//   layer) and emit token o+1 of it. They also compute their own memory address when
//   they are a written byte, from tokens alone (fp + offset, the spelled store
//   address, or the caller's frame for a return value), so later reads can find them.
// * Every op is native: add/sub by carry look-ahead on bytes, bitwise ops on bits,
//   shifts by masks and powers of two, mul by byte products and one carry count,
//   div/rem by four radix-256 digit steps (a digit is a count of thresholds), signed
//   variants by sign fix-ups; a result that is a word is cut into bytes by three
//   threshold counts.
//
// The construction is in compiler/gadgets/, one gadget per file with its math;
// gadgets.h lists them in the order build_machine_circuit runs them.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/circuit.h"
#include "isa/isa.h"
#include "support/errors.h"

namespace c2w::compiler {

// A program the weight compiler cannot express (the message says why): a user error.
struct MachineCircuitError : UserError {
  using UserError::UserError;
};

struct MachineCircuit {
  circuit::Circuit circuit;
  std::vector<std::string> vocabulary;
};

// Specialised mode: the program baked into the weights.
MachineCircuit build_machine_circuit(const isa::Program& program);

// Universal mode: one model for every program within the layout; the program is in
// the prompt (compiler/universal_prompt.h), read by instruction-fetch heads keyed by
// position.
struct UniversalLayout {
  int max_pc = 8192;                               // pc tokens in the vocabulary
  uint32_t memory_size = isa::kDefaultMemorySize;  // the bounds the loads and stores check
};
MachineCircuit build_universal_circuit(const UniversalLayout& layout);

}  // namespace c2w::compiler
