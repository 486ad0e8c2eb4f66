// call, calli and ret: the new fp, the returned words, the next pc and the call traps.
//
// call and calli spell the callee's fp = fp + out (add_bytes over three bytes; out is
// where the outgoing area starts in the caller's frame). call jumps to its static
// target (already the ROM's or the record's next pc); calli jumps to a, but only to a
// function entry: a is clamped to the pc count (min(a, N) = a - ReLU(a - N)), so that a
// wild pointer cannot blow up the tables, and then looked up as [is an entry] and that
// function's limit (specialised: tables over the pc; universal: the target's record in
// the prompt, valid when target < N). A calli to anything else traps as a bad call.
// Either call traps with a stack overflow when the callee's fp exceeds the limit, the
// highest fp whose frame fits the stack (isa/semantics.h, highest_callee_fp).
//
// ret spells the caller's fp from the frame lookup (frame_lookup.cpp), then the words a
// and b it returns. They are spelled only when the caller's call has a destination:
// the step's byte count grows by ret_words4 (4 per word) times [has destination]. The
// next pc is the one after the call; a ret whose frame has no call record traps as a
// bad call. The next pc's corrections are added as flag * (new - static next), the
// flags of one step being exclusive.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "compiler/universal_prompt.h"
#include "isa/semantics.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_call_ret(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const isa::Program& p = m.program;
  const LinExpr f_call = m.flags({Opcode::Call, Opcode::CallI});
  if (!f_call.is_constant()) {
    Bytes callee =
        add_bytes(c, "call.fp", m.fp_bytes, {m.field("out0"), m.field("out1"), m.field("out2"), 0}, 0);
    Bytes g = gate_bytes(c, "call.fp", f_call, callee);
    for (int k = 0; k < 3; ++k) m.plan[size_t(k)] += g[size_t(k)];
    m.trap_stack_overflow += feature(
        c.is_nonneg_if("call.overflow", m.flag(Opcode::Call), m.callee_fp - m.field("limit") - 1, kGate));
    if (!m.flag(Opcode::CallI).is_constant()) {
      const LinExpr& A = m.word_a;
      // Clamp the target first: a wild pointer must not blow the tables up.
      LinExpr target = A - feature(c.relu_mul("calli.clamp", A - double(m.pc_count()), 1));
      LinExpr is_entry, limit;
      if (!m.universal) {
        std::vector<double> entry(p.code.size() + 1, 0), limits(p.code.size() + 1, 0);
        for (size_t i = 1; i < p.functions.size(); ++i) {
          entry[p.functions[i].entry] = 1;
          limits[p.functions[i].entry] = double(isa::highest_callee_fp(p, p.functions[i].frame_size));
        }
        is_entry = feature(c.table("calli.entry", target, entry));
        limit = feature(c.table("calli.limit", target, limits));
      } else {  // the target's record: its entry flag and limit, valid when target < N
        LinExpr record = m.field("records") + kRecordSize * target;
        LinExpr in_range = feature(c.is_nonneg("calli.in_range", m.field("N") - 1 - target));
        // [entry byte >= 1], not the byte itself: the encoder writes 0 or 1, where both
        // agree, but a prompt with an entry byte of 255 made good = 255 and the bad-call
        // trap -254, so ends_with_pc = 255 gated the emitted pc by 2^36 · 254 and its
        // logits passed 2^53 (c2w verify: exact in float64 for every token sequence).
        is_entry = feature(c.is_nonneg_if(
            "calli.entry", in_range, m.prompt_token("calli.entry_raw", record + kFieldEntry) - 1, kSmall));
        Bytes l{m.prompt_token("calli.limit0", record + kFieldEntryLimit),
                m.prompt_token("calli.limit1", record + kFieldEntryLimit + 1),
                m.prompt_token("calli.limit2", record + kFieldEntryLimit + 2), 0};
        limit = word(l);
      }
      LinExpr good = feature(c.all_of("calli.good", {m.flag(Opcode::CallI), is_entry}));
      m.trap_bad_call += m.flag(Opcode::CallI) - good;
      m.trap_stack_overflow +=
          feature(c.is_nonneg_if("calli.overflow", good, m.callee_fp - limit - 1, kGate));
      m.next_pc += feature(c.relu_mul("next.calli", m.flag(Opcode::CallI), A - m.field("next")));
    }
  }
  const LinExpr f_ret = m.flag(Opcode::Ret);
  if (!f_ret.is_constant()) {
    Bytes g = gate_bytes(c, "ret.fp", f_ret, m.caller_fp_bytes);
    for (int k = 0; k < 3; ++k) m.plan[size_t(k)] += g[size_t(k)];
    Bytes lo = gate_bytes(c, "ret.lo", f_ret, m.a), hi = gate_bytes(c, "ret.hi", f_ret, m.b);
    for (int k = 0; k < 4; ++k)
      m.plan[size_t(3 + k)] += lo[size_t(k)], m.plan[size_t(7 + k)] += hi[size_t(k)];
    m.return_byte_count += feature(c.relu_mul("ret.words", m.caller_has_destination, m.field("ret_words4")));
    m.trap_bad_call += f_ret - feature(c.all_of("ret.ok", {f_ret, m.frame_found}));
    m.next_pc += feature(c.relu_mul("next.ret", f_ret, m.return_pc - m.field("next")));
  }
}

}  // namespace c2w::compiler::gadgets
