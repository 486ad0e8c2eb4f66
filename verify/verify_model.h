// `c2w verify`: translation validation of a model file (DESIGN.md §6), from its weights.
//
// The result is a list of obligations, each proved, refuted (with a counterexample
// replayed on the engine) or unknown. What each family proves, and what it assumes:
//
// * model       the matrices have the shapes of model.h and every weight is finite.
// * exact       every quantity of the forward pass (numeric_bounds.h: embedding,
//               queries, keys, scores, values, head outputs, gates, FFN values and
//               products, every partial sum of the residual and of the logits) is an
//               integer multiple of 2^g below 2^(53+g) at every position below the
//               config's max_positions, for every token sequence: float64 is exact,
//               so the order of summation and the engine cannot change a result.
//               A sound over-approximation (boxes refined by tables over discrete
//               sources, piecewise-linear forms and relations between neuron groups,
//               numeric_bounds.h): a failure is `unknown`, naming the first quantity not
//               shown exact, never refuted. Figures: per float format, a position count
//               proved exact (within 1/64 of the largest the analysis shows), the next
//               count tried that is not shown, and at max_positions the first quantity
//               not shown exact.
// * margin      per head: every score is an exact integer (every quantity computed
//               before the head's scores shown exact), so the winner beats every key it
//               does not tie by >= 1 and the hard-max decision is exact; ties resolved by
//               `latest` are exact too (an `average` tie of unequal values is not
//               covered: unknown). Unembedding: every logit an exact integer (the whole
//               pass exact), so the argmax beats every logit it does not tie by >= 1,
//               and within each family of generated tokens (bytes, out:XX, pcs; read
//               off the rows, unembedding_margin.h) the member j beats every other by
//               >= 1 when the family's coordinate X holds j; refuted when two generated
//               tokens (bytes, out:XX, pcs, <halt>, traps) have identical rows (the
//               higher one could never be emitted) or a family's row makes a member tie
//               or lose at its own number whatever the other coordinates hold.
// * head        per head: the RIGHT key wins (head_semantics.h). The query and key rows,
//               read as linear forms over the coordinates they read (named through the
//               config's residual_slots), with each coordinate replaced by what the
//               earlier layers put there (the cut, assumed and written into the detail),
//               give the score as a polynomial; Z3 (nonlinear real arithmetic) proves for
//               all values in range that an intended key beats every other by >= 1 and
//               that intended keys tie (tie `latest`): memory heads the latest write of
//               the address asked for, frame the latest call record into the current
//               frame, input the in:XX token at cursor + 1, prompt the byte token at the
//               position asked for, step/marker/spelled/register the latest marked
//               position; byte heads of one lookup ask for byte 0's address + k. Not
//               shown: that the cut's coordinates hold what is assumed. A counterexample
//               (two keys and their scores) is under the cut, not an engine run: unknown.
// * op NAME     the machine op's semantics (isa/semantics.h, the reference interpreter's
//               op table). The value ops (mov, add, sub, lea, and, or, xor, the compares,
//               select, sext8/16, popcnt, clz, ctz, the loads) are PROVED from the weights for all
//               operand values (op_proofs.h: the plan head's value bytes over the FFN cone
//               cut at the operand features, by Z3 bit-vectors or exhaustive enumeration),
//               assuming what the detail says (the operand features hold the operand bytes,
//               the flags are one-hot, the plan head returns P's values), and with them
//               the step's byte count, the delta write's (trace::delta_byte_count of the
//               destination's old bytes, which the memory:destination heads return, and the
//               value; 0 when the step traps); so are mul/div
//               (arith_proofs.h), the branches, jmp, stores, call/calli/ret, getc and trap
//               (control_proofs.h; on a universal model cut at the fetch heads' outputs).
//               An op whose proof does not succeed stays `unknown`: on a universal
//               model a refutation search (op_refutation.h) runs programs of that op on edge
//               and random operands through the transformer (hull engine, teacher-forced
//               against the reference trace), each program in its prompt; a mismatch
//               refutes the op with its operands and both tokens, as does an engine that
//               cannot run the weights. On a specialised model the ops not proved are
//               only covered by the program's trace (rom).
// * rom         specialised models with --program: every pc token's embedding column,
//               decoded through the config's rom.* coordinates, is the program's
//               instruction (op, operands, destination, target, next pc, call area and
//               limit, width, byte count; rom_check.h) — proved from the weights. Beside
//               it, a test that can only refute: the reference trace of the program (on
//               --input) is what the model predicts, token for token.
//
// The numeric obligations are proved by the abstract interpretation alone; the op proofs
// query Z3 (symbolic/solver.h) on bit-vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "neural/model.h"

namespace c2w::verify {

enum class Status { Proved, Refuted, Unknown };
const char* status_name(Status s);

struct Obligation {
  std::string family;  // "model", "exact", "margin", "head", "op", "trap", "rom"
  std::string name;    // "float64 below 33554432 positions", "head 3.1 (memory:a)", "add"
  Status status = Status::Unknown;
  std::string detail;          // what was shown, or why not
  std::string counterexample;  // refuted: the operands, the token the weights produce and the ISA's
  double seconds = 0;
};

struct FormatFigure {
  std::string format;
  int64_t exact_positions = 0;      // a proved position count (0: none), within 1/64 of the largest
  std::string first_unproved;       // at max_positions: the first quantity not shown exact ("" none)
  int64_t not_shown_positions = 0;  // the smallest count tried that is not shown exact (0: none)
};

struct VerifyReport {
  std::string model_path, mode;
  std::vector<Obligation> obligations;
  std::vector<FormatFigure> formats;
  double seconds = 0;
  bool all_proved() const;
  int count(Status s) const;
};

struct VerifyOptions {
  std::string op;               // only this op's obligation (and the weight-level ones); "" = all
  double timeout_seconds = 60;  // budget of the op refutation search, per op
  int samples = 48;             // random operand pairs per op, besides the edge values
  uint64_t seed = 1;
  std::optional<isa::Program> program;  // a specialised model's program (rom and op checks)
  std::string input;                    // its input for the rom check
  bool format_figures = true;           // bisect the largest exact position count per format
  bool op_proofs = true;                // prove the value ops from the weights (op_proofs.h)
};

// Every obligation of `model` (read from `model_path`, named in the report).
VerifyReport verify_model(const neural::Model& model, const std::string& model_path,
                          const VerifyOptions& options);

// The report as a table (one line per obligation, then the figures and a summary).
std::string format_report(const VerifyReport& report);
// The report as JSON.
std::string report_json(const VerifyReport& report);

}  // namespace c2w::verify
