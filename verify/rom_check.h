// The ROM of a specialised model, read back from its weights: every pc token's
// embedding column, decoded field by field (the "rom.*" residual coordinates the
// config names), must be the program's instruction at that pc.
//
// What is proved (for every pc of the program, over the exact float64 weights):
//   * the column has exactly one opcode flag, equal to 1, and it names the
//     instruction's op; rom.pc is the pc;
//   * rom.target is the instruction's target and rom.next the static next pc
//     (the target for jmp and call, pc + 1 otherwise);
//   * each operand a, b, c decodes to the instruction's: a frame slot (slot = 1,
//     mem = 1, addr = its offset), an absolute address (slot = 0, mem = 1, addr, and
//     fallback bytes = the data image there), or an immediate (mem = 0, addr = 0, its
//     four bytes in fb0..fb3; an absent operand reads as the immediate 0);
//   * the destination (has_dst, dst, dst.slot, a global's data-image bytes), a
//     call's outgoing area (out, its bytes) and its callee's frame limit, a memory
//     access's width, a ret's word count and the step's byte count are the ISA's
//     (isa/semantics.h, isa/trace_format.h);
//   * every vocabulary entry of a pc token is named as the trace names it.
// Assumed, not proved here: that the config's slot names are the coordinates the
// heads and FFNs read (the op and margin obligations are about those); that the
// `step` head carries P's column to the step (its head and margin obligations).
#pragma once

#include "isa/isa.h"
#include "neural/model.h"
#include "neural/model_config.h"
#include "verify/verify_model.h"

namespace c2w::verify {

// The obligation "rom": proved, or refuted at the first pc and field that differ.
Obligation check_rom(const neural::Model& model, const neural::ModelConfig& config,
                     const isa::Program& program);

}  // namespace c2w::verify
