// The output: every position of the step fetches P's plan and emits token o + 1 of it.
//
// P has computed the whole step: the bytes B1..B11, the byte count n, the next pc,
// whether it ends with the pc, putc and its byte, halt and the traps. One head with
// P's key (MachineBuilder::fetch_from_step, tie latest) carries all of it to every
// position of the step. At offset o the next token is
//   out:XX             at o = 0 for putc (the byte is a's low byte)
//   byte B(o+1)        while o + 1 <= n: the plan's byte o, picked by ReLU(B + 1024
//                      ([o == k] - 1)) summed over k
//   the final token    at o = n + [putc]: the next pc, <halt> or the trap
// The logits make the argmax exact: the logit of byte token j is 2jx - j^2 for the
// byte x to emit, which peaks at j = x with a margin of 1; likewise for out:XX and the
// pc tokens. The kind of token to emit adds a bonus of 2^20 to its group (or to <halt>
// or its trap token); a group not chosen has x = 0 (gated), so its logits are
// -j^2 <= 0, and the tokens never emitted stay at -2^20.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "isa/trace_format.h"

namespace c2w::compiler::gadgets {

namespace {
constexpr double kLogitKind = 1048576;  // 2^20: the bonus of the token kind to emit
}  // namespace

using isa::Opcode;

void make_output(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr& o = m.offset;
  std::vector<LinExpr> carried(m.plan.begin(), m.plan.end());
  carried.push_back(m.byte_count);
  carried.push_back(m.next_pc);
  carried.push_back(m.ends_with_pc);
  carried.push_back(m.flag(Opcode::PutC));
  carried.push_back(m.a[0]);
  carried.push_back(m.flag(Opcode::Halt));
  for (int k = 1; k < 6; ++k) carried.push_back(m.traps[size_t(k)]);
  auto got = m.fetch_from_step("plan", carried);
  const LinExpr step_n = got[kMaxStepBytes], step_next = got[kMaxStepBytes + 1],
                step_final_pc = got[kMaxStepBytes + 2];
  const LinExpr step_putc = got[kMaxStepBytes + 3], step_out = got[kMaxStepBytes + 4],
                step_halt = got[kMaxStepBytes + 5];

  std::vector<circuit::Neuron> pick;
  for (int k = 0; k < kMaxStepBytes; ++k)
    pick.push_back({got[size_t(k)] + kSmall * (m.at_offset[size_t(k)] - 1), 1, 1});
  LinExpr byte_here = feature(c.ffn("emit.byte_value", pick));
  LinExpr kind_byte = feature(c.is_nonneg("emit.is_byte", step_n - o - 1));
  LinExpr kind_out = feature(c.all_of("emit.is_out", {step_putc, m.at_offset[0]}));
  LinExpr is_final = feature(c.is_zero("emit.is_final", o - step_n - step_putc));
  LinExpr kind_pc = feature(c.all_of("emit.is_pc", {is_final, step_final_pc}));
  LinExpr kind_halt = feature(c.all_of("emit.is_halt", {is_final, step_halt}));
  LinExpr x_byte = feature(c.gate_nonneg("emit.byte", kind_byte, byte_here, kSmall));
  LinExpr x_out = feature(c.gate_nonneg("emit.out", kind_out, step_out, kSmall));
  LinExpr x_pc = feature(c.gate_nonneg("emit.pc", kind_pc, step_next, kGate));

  for (int t = 0; t < c.vocab_size(); ++t) c.set_logit(t, -kLogitKind);
  for (int j = 0; j < 256; ++j) {
    c.set_logit(int(trace::byte_token(uint32_t(j))),
                2.0 * j * x_byte - double(j) * j + kLogitKind * kind_byte);
    c.set_logit(int(trace::out_token(uint32_t(j))), 2.0 * j * x_out - double(j) * j + kLogitKind * kind_out);
  }
  for (uint32_t pc = 0; pc < uint32_t(m.pc_count()); ++pc)
    c.set_logit(int(trace::pc_token(pc)), 2.0 * pc * x_pc - double(pc) * pc + kLogitKind * kind_pc);
  c.set_logit(int(trace::kHalt), kLogitKind * kind_halt);
  for (int k = 1; k < 6; ++k) {
    LinExpr kind =
        feature(c.all_of("emit.trap" + std::to_string(k), {is_final, got[size_t(kMaxStepBytes + 5 + k)]}));
    c.set_logit(int(trace::trap_token(uint32_t(k))), kLogitKind * kind);
  }
}

}  // namespace c2w::compiler::gadgets
