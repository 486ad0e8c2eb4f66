// The refutation search of `c2w verify` for one machine op: programs that execute the
// op on edge and random operands (every operand kind: frame slot, absolute word,
// immediate) run through a transformer engine built from the model's weights,
// teacher-forced against the reference interpreter's trace (the ISA's semantics,
// isa/semantics.h). A mismatch is a counterexample: the instruction, its operand values,
// the token the weights predict and the reference's. No mismatch proves nothing: the
// caller reports `unknown`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "neural/model.h"
#include "neural/transformer.h"

namespace c2w::verify {

struct OpSearchResult {
  bool refuted = false;
  bool ran = false;            // false when the op could not be tested on this model
  std::string counterexample;  // refuted: where, the operands, predicted vs reference token
  uint64_t instructions = 0;   // op instructions checked
  uint64_t tokens = 0;         // trace tokens compared
  std::string note;            // why not run, or what was covered
};

// The mnemonics the search knows (every opcode of isa.h).
std::vector<std::string> searchable_ops();

// Runs the search for `op` on a universal model (`forward` is its forward pass, reset
// before each program) within `seconds`. `pc_count` (the layout's max_pc, 0 unknown):
// the jmp search also sweeps every pc.
OpSearchResult search_op_universal(const neural::Model& model, neural::ForwardPass& forward,
                                   const std::string& op, int samples, uint64_t seed, double seconds,
                                   int64_t pc_count = 0);

// A specialised model against the program it was compiled from, on `input`: the
// reference trace must be predicted token for token. `op_filter` (a mnemonic or "")
// limits which mismatches count as the op's (for the rom obligation: all).
OpSearchResult check_program_trace(const neural::Model& model, neural::ForwardPass& forward,
                                   const isa::Program& program, const std::string& input);

}  // namespace c2w::verify
