// Proofs of the step's other token roles from the weights: control flow, stores and the
// trap tokens (the `op` obligations of jmp, st8/st16/st32, call, calli, ret and trap,
// and the `trap` obligations of the loads and of division), for ALL operand values.
//
// The value ops' proofs (op_proofs.h) read the plan head's value bytes B1..B4. A step's
// other tokens come from the same plan head (compiler/gadgets/output.cpp): its bytes
// B1..B11, its next pc and whether it ends with it, and one 0/1 component per trap kind.
// Each claim here is one such component at the pc token P of a step of the op, cut as
// op_proofs.h cuts (the operand bytes, fp, the ROM fields that a head copies to P:
// target, next, a call's outgoing area out0..out2 and frame limit, an access's width),
// the op's flag 1 and every other flag 0, and checked by Z3 against isa/semantics.h and
// the reference interpreter's rules (OpProver::check_components):
// * jmp, call: the next pc is the ROM's `next` field (which the rom obligation decodes
//   as the instruction's target; on the universal model the record's target);
// * st8/st16/st32: B1..B3 are the bytes of the address a + c, B4.. the stored bytes of
//   b (1, 2 or 4), the memory trap is set exactly when isa::access_in_bounds fails on
//   a + c (wrapping at 2^32) with the ROM's width (shown for each of 1, 2 and 4, so for
//   the op's), and the step ends with its pc exactly when it does not trap;
// * call: B1..B3 are the callee's fp, fp + out (isa::callee_fp), and the stack trap is
//   set exactly when fp + out exceeds the limit (isa::frame_fits with the callee's
//   frame, the ROM's `limit` being isa::highest_callee_fp of it); never a bad call;
// * calli: the next pc is a; the bad-call trap is set exactly when a is not a function
//   entry (the config's functions, isa::entry_frame_sizes), the stack trap exactly when
//   a is one and fp + out exceeds isa::highest_callee_fp of its frame; on the universal
//   model against the prompt's table: a < N and record a's entry flag 1, fp + out above
//   record a's entry limit (universal_prompt.cpp writes both from those functions);
// * ret: B4..B11 are the words a and b it returns; B1..B3 and the next pc are the
//   caller's fp bytes and the pc after the call that the frame head returns, and the
//   bad-call trap fires exactly when the frame head's winner is not a call record of
//   this frame (its mark 1, its callee fp the current fp). This needs the frame head's
//   outputs (OpProver::use_head_ranges), and assumes the head returns the latest call
//   record into the frame (its head and margin obligations), the frame the ISA's ret pops;
// * getc: B1..B3 are the new cursor, cursor + [a byte was read], B4 the byte read and
//   B5..B7 0, or the bytes of isa::kGetcEndOfInput; [a byte was read] is the input
//   head's winner being the in:XX token at cursor + 1 (assumed: the input head returns
//   that token when the input has a byte there, its head and margin obligations);
// * trap: the trap-instruction component 1 and the step does not end with a pc;
// * loads (trap family): the memory trap exactly when isa::access_in_bounds fails on
//   a + b; divu/divs/remu/rems: the division trap exactly when b == 0.
// Every component not named above that the ISA fixes (putc, halt and the other traps 0)
// is checked too. The byte count is a claim of its own: trace::step_byte_count of the
// op, 0 when the step traps; on the universal model the weights decode it from the
// fetched op byte, on a specialised model they copy the ROM's field n, cut at the copy
// and assumed to be the op's count (the rom obligation decodes it; its ret_words4 is
// assumed 0 for every op but ret). ret's count is 3, plus 4 per returned word (a and b
// present: the record's operand kinds, or the ROM's ret_words4) when the call that the
// frame head returns had a destination (the record's has_dst, frame output 7), 0 when
// it traps. The value ops' count (delta writes): op_proofs.h.
//
// The universal model (op_proofs.h): the cut is at the fetch heads' outputs, the
// record's bytes; target, next, limit, out and width are the ISA's functions of them
// (next = target for jmp and call, else pc + 1), so every claim above holds for every
// record the prompt encoder can write.
//
// Assumed (written in each obligation): the cut's inputs hold the instruction's
// operands and ROM fields or record bytes (the memory, ROM and fetch heads' margins),
// the flags are one-hot (the ROM) or decoded from the op byte (the fetch), the plan
// head returns P's values. A claim that depends on anything else (a head output the
// analysis does not bound) leaves the obligation unknown, naming it.
#pragma once

#include <string>
#include <vector>

#include "neural/model_config.h"
#include "verify/op_proofs.h"
#include "verify/verify_model.h"

namespace c2w::verify {

// True for the ops whose `op` obligation these proofs give: jmp, st8, st16, st32, call,
// calli, ret, getc, trap.
bool control_attempts(const std::string& op);

// The `op` obligation of such an op: Proved when every claim of its roles is; else
// Unknown with the first claim not shown and why.
Obligation prove_control(OpProver& prover, const neural::ModelConfig& config, const std::string& op,
                         double timeout_seconds);

// The `trap` obligations of an op whose value is proved elsewhere: the loads' memory
// trap, the divisions' division by zero (empty for other ops).
std::vector<Obligation> trap_obligations(OpProver& prover, const neural::ModelConfig& config,
                                         const std::string& op, double timeout_seconds);

// The claims behind those obligations (an op's roles, or a load's or division's trap),
// each checkable on its own with OpProver::check_components; empty for other ops.
std::vector<OpProver::ComponentClaim> control_claims(const neural::ModelConfig& config,
                                                     const std::string& op);

}  // namespace c2w::verify
