// Proofs of the machine ops' value semantics from the weights (the `op` obligations of
// `c2w verify`, verify_model.h), for ALL operand values.
//
// What is proved, per op: at the step's pc token P, the destination value the weights
// put into the step's plan — the value rows 0..3 of the `plan` head (the bytes B1..B4 the
// step spells, output.cpp) applied to the residual stream the head reads — equals the
// op's result in isa/semantics.h (apply_binary / apply_unary / apply_select, the op table
// the reference interpreter uses), byte for byte, for every operand valuation.
//
// How: the dependency cone of those rows is computed backwards through the blocks from
// the weights (the non-zero entries of the FFN gate, value and output matrices and of the
// heads' output matrices). It is cut at the input features — the residual slots that
// the config's `residual_slots` names a0..a3, b0..b3, c0..c3 (with their fallbacks
// a.fb0.., the feature being byte − fallback), fp.0..fp.2, a load's looked-up bytes
// load0.byte.. (with the data image data0.. as fallback), and the opcode flags op.* — at
// the stage that writes them; on a specialised model the instruction's fields are the
// ROM row of P's pc token ("rom.op.add", ...) that a head copies to P (value and output
// weight 1 on one coordinate each), and that copy is cut the same way. On the universal
// model the cut is at the outputs of the heads that read the prompt: the bytes rec.K of
// the record of instruction pc (the fetch heads), the step head's pc (and its valid flag,
// 1 at P), the header's count bytes and calli's target record (entry flag, entry limit);
// the op byte rec.0 is the op's code, so the weights decode the opcode flags (and every
// field the claims read: next, out, width, the byte count) inside the cone, and the
// ISA's fields are defined from the record bytes (fetched_fields in op_proofs.cpp), each
// byte free within what universal_prompt.cpp writes. From the cut to
// the plan head every neuron of the cone is evaluated exactly, as linear forms with
// dyadic coefficients over atoms (input bytes and one atom per ReGLU neuron that does not
// fold away once the op's flag is 1 and every other flag 0). Each plan byte is then
// checked on its own:
// * when it depends on one input byte only: every one of the 256 values evaluated
//   exactly and compared with isa::eval_* (after Z3 shows the ISA's byte depends on no
//   other operand byte);
// * otherwise Z3 on bit-vectors (symbolic/expr.h, symbolic/solver.h) just wide enough
//   for the cone's interval bounds (every gate and the byte within 2^(width-2), so
//   arithmetic modulo 2^width is exact where it is compared): ReLU(gate) * value as an
//   if-then-else; a neuron (or a sum of neurons) that depends on one input byte only as
//   its exact 256-entry table; a gate that a separate Z3 query shows <= 1 (and integral)
//   makes its product a choice. The ISA's result is isa/semantics.h instantiated with the
//   symbolic executor's bit-vector domain (ExprContext). Unsat of "the byte differs" is
//   the proof.
//
// The shifts (shl, shr_u, shr_s) compute an integer word 2^s * (kept bits) or
// 2^-s * (kept bits) that the byte extraction shared with mul and rem cuts into bytes;
// their proof is split at that word's residual slot (`ext.OP`):
// * up to the slot, a case split on s = b0 & 31: in each of the 32 cases the neurons that
//   depend on b0 alone and have one exact value on all 8 values of b0 with that s (the
//   keep flags, the 2^s, 2^-s and fill tables) fold into constants, which turns the
//   products into linear maps of the bits of a; Z3 then shows the slot equals the ISA's
//   32-bit result for every a and b with that s (one-byte tables keep 2^-s exact);
// * after it, the slot is a free 32-bit w, and Z3 shows the plan bytes are w's bytes for
//   every w (a threshold count of one input is encoded as the step function it sums to,
//   checked from its breakpoints; a gate of one byte that is <= 0 on all 256 values makes
//   its neuron 0).
// Other token roles: a branch's next pc (the plan's component 12) is shown to be the
// instruction's target when isa::apply_branch holds on a and b, else its static next pc
// (both inputs: the ROM fields a head copies, on a specialised model; on the universal
// model the record's target, rec.20 + 256 rec.21, and pc + 1);
// putc's out:XX byte (component 15) and halt's exit code B1 are a's low byte, with the
// putc or halt component 1.
//
// Bounds pick the bit-vector width: a sum of neurons of one gate y (up to constants) with
// constant values is bounded as the piecewise-linear function of y it is.
//
// What is assumed (written in each obligation's detail): the input features hold the
// bytes the ISA reads (the operand and load lookups and fallbacks: backed by the memory
// heads' head and margin obligations, tested by the refutation search), the opcode flags are
// one-hot (the ROM of the instruction; on the universal model: the fetch heads return
// the bytes of the record of instruction pc, their head and margin obligations), the plan head
// at P returns P's own values (its head and margin obligations). Any other residual coordinate or head output
// that reaches the value is left unconstrained: if the value depends on it the op stays `unknown`, naming it.
// A counterexample of the FFN cone under these assumptions is not an engine run: the op stays `unknown` with
// it (the refutation search may then refute it on the engine).
//
// The multiplications (mul, mulhu, mulhs) are cut at their word (`ext.OP`) like the
// shifts; before it, each neuron that multiplies two operand bytes becomes a free byte
// product p_xy in [0, 255^2] and Z3 shows the word is the ISA's word of the schoolbook
// sum of the p's; the steps from there to isa/semantics.h are verify/arith_proofs.h's.
//
// The divisions are cut at every slot of their long division (the divisor div.d, the
// running remainders div.r3..r0, the digits div.q3..q0): each cut slot's form is
// captured, then it is a free input. From the weights: the divisor is b (|b| for divs
// and rems), the first remainder a's top byte (|a|'s), each digit exactly the 255
// threshold pairs ReLU(r - m d + 1) - ReLU(r - m d) of its remainder and the divisor
// (read off the form), each next remainder 256 (r - q d) + the next byte (Z3, given
// q d <= r < q d + d, what a digit of r < 256 d is), and the result the digits (their
// word negated when the signs differ, divs) or the word ext.rem = r0 - q0 d with its
// byte cut (negated when a < 0, rems); the long division's induction and the sign
// rule are stated (arith_proofs.h).
//
// The byte count of a value op (the plan's component 11; delta writes, isa/trace_format.h):
// the step spells its value up to the highest byte that differs from the destination's
// bytes before it. Once B1..B4 are proved, the count is a claim of the same obligation (the
// op is proved only with it), over the proved bytes as free inputs v0..v3: every form of
// the count's cone that holds q (B_k - its constant) has it replaced by q (v_k - the
// constant), the same number whenever v_k = B_k (a constant byte stays a constant, a
// byte whose form is an earlier byte's shares its input). The old bytes come from the
// `memory:destination` heads: their outputs (the winner's address and byte) are bounded
// inputs (use_head_ranges; without the boxes the count is named as not shown). Each hit
// test hit.dst.oldK is cut at its slot as a 1-bit input hitK and proved apart to be
// [winner == the destination's address + K] (isa::operand_address: fp + the offset for a
// frame slot, from the record's kind and offset bytes, or the ROM's dst.slot and dst);
// then Z3 shows the count equals trace::delta_byte_count(old, v), old byte K being the
// winner's byte on a hit and the fallback on a miss (0 on the universal model, the ROM's
// dst.fbK on a specialised one), and 0 when the step traps (a load's or a division's
// trap component, cut the same way as the 1-bit input trap: its own `trap` obligation,
// control_proofs.h, shows it is the ISA's condition). Assumed, and written into the
// obligation: each destination head returns the latest write of destination byte K or
// misses (its head and margin obligations); on a specialised model the ROM's n, ret_words4, dst.slot
// (and a load's width) are the instruction's (the rom obligation decodes them).
//
// jmp, stores, calls, ret, getc and trap, and the loads' and divisions' trap tokens:
// control_proofs.h, on check_components.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "neural/model.h"
#include "neural/model_config.h"
#include "symbolic/expr.h"
#include "verify/numeric_bounds.h"
#include "verify/verify_model.h"

namespace c2w::verify {

class OpProver {
 public:
  // Finds the plan head and the cone once (from the weights and the config's slot names).
  OpProver(const neural::Model& model, const neural::ModelConfig& config);
  ~OpProver();
  // The obligation of `op` (a mnemonic): Proved, or Unknown with the reason or the
  // FFN-level counterexample. Never Refuted (no engine run).
  Obligation prove(const std::string& op, double timeout_seconds);
  // With the numeric analysis' boxes: the output c of the `frame` or `input` head (a `latest` head:
  // it returns one position's values) whose value row c is an integer in [low, high] at
  // every position below max_positions (numeric_bounds.h) becomes an input in that range
  // instead of an unconstrained leaf. Without it, head outputs stay free.
  void use_head_ranges(const NumericBounds& bounds);
  // Such a bounded output c of the head with config role `role` ("frame"), as the
  // claims of check_components name it: the output is low + the variable (bits wide).
  struct HeadOutput {
    std::string variable;
    int bits = 0;
    int64_t low = 0;
  };
  std::optional<HeadOutput> head_output(const std::string& role, size_t c) const;
  // The ops this prover attempts.
  static bool attempts(const std::string& op);

  // A claim on one component of the plan head (output.cpp's order: 0..10 the bytes
  // B1..B11, 11 the byte count, 12 the next pc, 13 ends with the pc, 14 putc, 15 the
  // out:XX byte, 16 halt, 17..21 the traps in isa::TrapKind order) at the pc token of a
  // step of `op`: for every valuation of the cut's inputs (the variables of the
  // context, named as the cut names them: "a0".."c3", "fp.0".."fp.2", "load0".."load3"
  // bytes, "out0".."out2" and "width" bytes, "target", "next", "limit" 32-bit words)
  // that satisfies `assume` (if set), the component equals `expected` (a bit-vector of
  // at most 32 bits, zero-extended, or a boolean taken as 0/1). control_proofs.h
  // states the claims of the control-flow, memory and trap roles.
  struct ComponentClaim {
    int component = 0;
    std::string what;  // "B1, the store address's low byte"
    std::function<symbolic::Expr(symbolic::ExprContext&)> expected, assume;
  };
  struct ComponentOutcome {
    bool proved = false;
    bool counterexample = false;      // Z3 found inputs where the weights differ (not replayed)
    std::string how, failure;         // "Z3 0.2 s on 35-bit vectors"; why not
    std::vector<std::string> inputs;  // the cut's inputs the component depends on
    size_t neurons = 0;               // the cone's neurons after the cut
  };
  // Each claim checked on its own, the op's flag 1 and every other flag 0; "" reasons
  // when the model has no plan head or no flag of `op` (then every outcome says so).
  std::vector<ComponentOutcome> check_components(const std::string& op,
                                                 const std::vector<ComponentClaim>& claims,
                                                 double timeout_seconds);
  // The plan head's block and head ("5.0"), and the heads that copy ROM fields, for
  // the assumptions written in an obligation.
  std::string plan_head_name() const;
  std::string rom_head_name() const;  // "" on a universal model
  // On a universal model, what its cut at the fetch heads' outputs assumes and how the
  // fields are defined from the fetched record (starting "; "); "" on a specialised one.
  std::string fetch_assumption() const;
  std::string flags_assumption() const;  // "the op flags are one-hot", or the op byte's
  bool universal() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace c2w::verify
