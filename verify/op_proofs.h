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
// heads' output matrices). It is cut at the operand features — the residual slots that
// the config's `residual_slots` names a0..a3, b0..b3, c0..c3 (with their fallbacks
// a.fb0.., the looked-up part being byte − fallback), fp.0..fp.2, and the opcode flags
// op.* — at the stage that writes them. From the cut to the plan head every neuron of the
// cone is encoded exactly (integer and dyadic weights as exact rationals, ReLU(gate) ·
// value as an if-then-else; a gate shown integral and <= 1 makes the product a choice)
// and handed to Z3 (symbolic/real_solver.h), with each operand byte a sum of 8 boolean
// bits (so every value is an integer in [0, 255]) and the op's flag 1, every other flag 0.
// The ISA's result is built from the same bits by instantiating isa/semantics.h with a
// bit-level domain. Unsat of "some byte differs" is the proof.
//
// What is assumed (written in each obligation's detail): the operand features hold the
// bytes the ISA reads (the operand lookups and fallbacks: backed by the memory heads'
// margin obligations, tested by the refutation search), the opcode flags are one-hot
// (the fetch or ROM of the instruction), the plan head at P returns P's own values (its
// margin obligation). Any other residual coordinate or head output that reaches the
// value is left unconstrained: if the value depends on it the op stays `unknown`, naming
// it. A satisfiable query is a counterexample of the FFN cone under these assumptions,
// not an engine run: the op stays `unknown` with it (the refutation search may then
// refute it on the engine).
//
// Not attempted: mul, mulhu, mulhs, divu, divs, remu, rems (products of two symbolic
// bytes, beyond what the solver decides quickly), loads, stores, branches, calls, rets,
// getc, putc, halt, trap (their results are not the plan's value bytes of operands).
#pragma once

#include <memory>
#include <string>

#include "neural/model.h"
#include "neural/model_config.h"
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
  // The ops this prover attempts.
  static bool attempts(const std::string& op);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace c2w::verify
