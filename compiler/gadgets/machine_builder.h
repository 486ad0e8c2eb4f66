// The state the gadgets of the machine circuit share while they build it (internal to
// the weight compiler: compiler/machine_circuit.cpp and compiler/gadgets/*).
//
// Each gadget (gadgets.h, one per file) reads fields that earlier gadgets filled and
// fills its own; the fields below are grouped by the gadget that fills them, in the
// order build() runs them. Conventions, stated once:
//
// * Every field is a linear expression of circuit features (circuit.h), one number
//   per position. Most are only meaningful at the step's pc token P, where the whole
//   step is computed (machine_circuit.h); the output gadget fetches P's plan to the
//   other positions of the step.
// * A flag is 0 or 1. `flag(op)` is the current instruction's opcode flag, and the
//   constant 0 when the program has no such op (specialised mode), so a gadget whose
//   flags are all constant builds nothing.
// * The circuit numbers features and ops in the order they are created, and that order
//   is the weights' layout: a gadget's calls (and the terms it appends to a shared
//   expression) must keep their order for the weights to stay the same.
#pragma once

#include <array>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/circuit.h"
#include "compiler/gadgets/bytes.h"
#include "compiler/machine_circuit.h"
#include "isa/isa.h"

namespace c2w::compiler::gadgets {

// Big-M constants: a gate that must be off adds -big, so it must exceed every value the
// gated expression can take.
constexpr double kHuge = 1125899906842624.0;  // 2^50: a key penalty no real score reaches
constexpr double kGate = 68719476736.0;       // 2^36: big-M for gating values below 2^36
constexpr double kSmall = 1024;               // big-M for offsets and counts

// The most byte tokens a step spells before its final token (ret: fp (3) + two words (8)).
constexpr int kMaxStepBytes = 11;

// Operand comparisons at P (comparisons.cpp), 0/1 each.
struct Comparisons {
  LinExpr equal;                // a == b
  LinExpr less_unsigned;        // a < b, unsigned
  LinExpr less_equal_unsigned;  // a <= b, unsigned
  LinExpr less_signed;          // a < b, signed
  LinExpr less_equal_signed;    // a <= b, signed
};

struct MachineBuilder {
  // Specialised: the program's instructions in the pc tokens' embeddings.
  MachineBuilder(Circuit& circuit, const isa::Program& program)
      : circuit(circuit), program(program), universal(false) {}
  // Universal: the program in the prompt (compiler/universal_prompt.h); of `layout_only`
  // only the memory layout fields are used.
  MachineBuilder(Circuit& circuit, const isa::Program& layout_only, const UniversalLayout& layout)
      : circuit(circuit), program(layout_only), universal(true), layout(layout) {}

  Circuit& circuit;
  const isa::Program& program;  // universal mode: only the memory layout fields are used
  const bool universal;
  const UniversalLayout layout;
  // The pc tokens of the vocabulary.
  int pc_count() const { return universal ? layout.max_pc : int(program.code.size()); }

  // ---- tokens.cpp: the vocabulary and the token features ----
  std::vector<std::string> vocabulary;
  FeatureId token_byte = -1;  // the value of a byte token (and of a data token, universal)
  FeatureId is_byte = -1, is_pc = -1, is_input = -1, is_bos = -1;
  FeatureId input_byte = -1;                           // the value of an in:XX token
  std::array<FeatureId, 3> initial_fp{};               // specialised: the initial fp's bytes, at <bos>
  FeatureId token_pc = -1, is_eoi = -1, is_data = -1;  // universal only

  // ---- rom.cpp / fetch.cpp: the current instruction, at every position ----
  // Its fields by name ("P": the position of the step's pc token; "pc", "next",
  // "a.slot", "a.fb0", "dst", "op.add", ...; fetch.cpp adds "eoi", "N", "records").
  std::map<std::string, LinExpr> fields;
  // A field, or 0 when the instruction has none by that name.
  LinExpr field(const std::string& name) const;
  // [the current op is `op`]: 0 when the program has no such op.
  LinExpr flag(isa::Opcode op) const;
  // The sum of the flags of `ops` (1 when the current op is one of them).
  LinExpr flags(std::initializer_list<isa::Opcode> ops) const;
  // The ops that write their value to a destination word and spell it by the delta
  // rule of trace_format.h (getc spells its bytes in full and is not one of them).
  LinExpr destination_op_flags() const;
  // Universal: the keys of the prompt's byte tokens (fetch.cpp).
  LinExpr prompt_key_x, prompt_key_y;
  // Universal: the byte token of the prompt at `position` (defined in fetch.cpp).
  LinExpr prompt_token(const std::string& name, const LinExpr& position);

  // ---- step_offset.cpp: where in the step this position is ----
  LinExpr offset;                  // o = p - P
  std::vector<LinExpr> at_offset;  // [o == k] for k = 0..kMaxStepBytes
  Bytes spelled;                   // the step's spelled bytes 1..3 (the fourth is 0)

  // ---- registers.cpp: fp and the input cursor before the step ----
  Bytes fp_bytes, cursor_bytes;  // three bytes each (the fourth is 0)
  LinExpr fp, cursor;

  // ---- call_records.cpp: the keys of the frame lookup ----
  LinExpr call_record_mark;  // [a call's first spelled byte]
  LinExpr callee_fp, callee_fp_squared;

  // ---- write_marks.cpp: which byte tokens are memory writes, by kind ----
  LinExpr writes_destination, writes_getc_value, writes_store, writes_return_value;

  // ---- frame_lookup.cpp: the frame a ret returns to, and the bases of the writes ----
  Bytes caller_fp_bytes;  // three bytes (the fourth is 0)
  LinExpr return_pc, caller_has_destination, frame_found;
  LinExpr destination_base;  // fp for a frame slot, 0 for an absolute address; + dst
  LinExpr return_base;       // the same for the caller's destination, at every position

  // ---- write_addresses.cpp: the key of every memory write ----
  LinExpr write_address, write_address_squared;
  // The latest write to memory byte `address` (an integer < 2^25): the winner's
  // address and its byte (defined in write_addresses.cpp). A miss is a winner at
  // another address.
  std::pair<LinExpr, LinExpr> memory_lookup(const std::string& name, const LinExpr& address,
                                            const std::string& role);

  // ---- operands.cpp: the operands' bytes at P ----
  Bytes a, b, c;
  LinExpr word_a, word_b;  // the words of a and b
  LinExpr sign_a, sign_b;  // their sign bits

  // ---- comparisons.cpp ----
  Comparisons compare;

  // ---- the ops (add_sub.cpp .. loads_stores.cpp): the destination value ----
  // Every op's candidate bytes, gated by its flag, summed.
  Bytes value;
  // Adds flag * bytes to the value (nothing when the flag is constant: no such op).
  void offer_value(const std::string& name, const LinExpr& flag, const Bytes& bytes);
  // bitwise.cpp: the bits of a, by byte, low first (read by the shifts too).
  std::array<std::array<LinExpr, 8>, 4> a_bits;
  // The integer results of shifts, mul and rem, gated by their flags; cut into bytes
  // once (word_results.cpp).
  LinExpr word_to_cut;
  // div_rem.cpp: [rem_s of a negative dividend]: the cut remainder is negated.
  LinExpr negate_remainder;

  // ---- loads_stores.cpp .. branches.cpp: P's plan of the step ----
  // The step's byte tokens B1..B11 (the destination value first).
  std::array<LinExpr, kMaxStepBytes> plan;
  LinExpr next_pc;  // the static next pc (step_offset.cpp), corrected by calls, rets and branches
  LinExpr trap_memory, trap_stack_overflow, trap_bad_call;
  LinExpr return_byte_count;  // ret: the words it spells (when the caller has a destination)
  // delta_writes.cpp: [value byte k == the destination's byte k before the step]
  Bytes destination_unchanged;

  // ---- step_end.cpp: how the step ends ----
  // [the step traps with kind k] for k = 1..5 (isa::TrapKind); entry 0 is unused.
  std::array<LinExpr, 6> traps;
  LinExpr byte_count;    // the byte tokens before the final token
  LinExpr ends_with_pc;  // the final token is the next pc (no halt, no trap)

  // P's values of `values` at every position of P's step: a head keyed by
  // [token is a pc token], tie latest.
  std::vector<LinExpr> fetch_from_step(const std::string& name, const std::vector<LinExpr>& values);
};

}  // namespace c2w::compiler::gadgets
