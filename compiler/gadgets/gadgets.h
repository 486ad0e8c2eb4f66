// The gadgets of the machine circuit, one per file in this folder, in the order
// build_machine (compiler/machine_circuit.cpp) runs them. Each reads the fields of
// MachineBuilder that the gadgets before it filled and fills its own
// (machine_builder.h); each file opens with the construction and its math.
#pragma once

#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

// ---- where am I ----
// The vocabulary and the token features of the embedding.
void make_tokens(MachineBuilder& m);
// Specialised mode: the program as a ROM in the pc tokens' embeddings; the head that
// finds the step's pc token P and carries the instruction's fields.
void make_rom(MachineBuilder& m);
// Universal mode: the head that finds P, and the heads that fetch the instruction's
// record from the prompt.
void make_fetch(MachineBuilder& m);
// The offset o = p - P, the flags [o == k] and the step's spelled bytes 1..3.
void make_step_offset(MachineBuilder& m);

// ---- the machine state before the step, at P ----
// fp and the input cursor: the latest values spelled by call/ret and getc.
void make_registers(MachineBuilder& m);
// The call records: at a call's first spelled byte, keyed by the callee's fp.
void make_call_records(MachineBuilder& m);
// Which byte tokens are memory writes, by kind (destination, getc, store, ret).
void make_write_marks(MachineBuilder& m);
// The frame a ret returns to, and the base addresses of destination writes.
void make_frame_lookup(MachineBuilder& m);
// The address of every memory write, as the key the memory lookups find.
void make_write_addresses(MachineBuilder& m);
// The operands a, b, c: four byte lookups each, the fallback when never written.
void make_operands(MachineBuilder& m);
// a == b and the unsigned and signed orders of a and b.
void make_comparisons(MachineBuilder& m);

// ---- the ops: each offers its value or adds to the step's plan ----
// add, sub, lea: carry look-ahead on bytes.
void make_add_sub(MachineBuilder& m);
// mov, sext8, sext16, the compare ops' 0/1 values, select.
void make_moves(MachineBuilder& m);
// and, or, xor on bits; popcnt, clz, ctz; the bits of a for the shifts.
void make_bitwise(MachineBuilder& m);
// shl, shr_u, shr_s by masks and powers of two.
void make_shifts(MachineBuilder& m);
// mul, mulhu, mulhs: byte products, column sums, one carry count.
void make_mul(MachineBuilder& m);
// div_u, div_s, rem_u, rem_s: four radix-256 digit steps, sign fix-ups.
void make_div_rem(MachineBuilder& m);
// The integer results of shifts, mul and rem cut into bytes once.
void make_word_results(MachineBuilder& m);
// Loads (four byte lookups, sign extension) and stores (address and data bytes), with
// their bounds traps; the step's plan starts here from the destination value.
void make_loads_stores(MachineBuilder& m);
// call, calli, ret: the new fp, the returned words, the next pc, the call traps.
void make_call_ret(MachineBuilder& m);
// Which of the value's bytes equal the destination's bytes before the step.
void make_delta_writes(MachineBuilder& m);
// getc: the next input byte or the end of input, and the moved cursor.
void make_getc(MachineBuilder& m);
// The branches: the target when the comparison holds.
void make_branches(MachineBuilder& m);

// ---- the end of the step and the output ----
// The traps, halt's exit code, the step's byte count and its final token.
void make_step_end(MachineBuilder& m);
// Every position fetches P's plan and emits token o + 1 of it: the logits.
void make_output(MachineBuilder& m);

}  // namespace c2w::compiler::gadgets
