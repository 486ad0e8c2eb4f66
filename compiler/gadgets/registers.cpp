// The registers before the step: the frame pointer fp and the input cursor.
//
// Neither lives in memory: a step that changes one spells it, as its first three bytes
// (call and calli spell the callee's fp, ret the caller's, getc the new cursor;
// isa/trace_format.h). A register is complete at that step's third spelled byte, so
// the position at offset 3 of such a step is marked ([op] * [o == 3], one is_zero_if),
// and a head with query (1, 0) and key (mark, 0) returns, with tie `latest`, the
// spelled bytes 1..3 seen at the latest mark. At P nothing of the current step is
// spelled yet, so the head returns the register as it is before the instruction.
//
// The initial fp: in specialised mode <bos> is marked too and carries the initial fp's
// bytes in its embedding (the spelled bytes there are 0). In universal mode the mark
// is the third fp byte of the prompt's header, and the values there are the header's
// bytes read by position instead of the spelled ones. The cursor starts at 0: <bos> is
// its initial mark, with no bytes.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "compiler/universal_prompt.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;
using isa::Opcode;

void make_registers(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr& o = m.offset;
  const LinExpr f_call = m.flags({Opcode::Call, Opcode::CallI});
  const LinExpr f_ret = m.flag(Opcode::Ret), f_getc = m.flag(Opcode::GetC);
  const LinExpr mark_fp = feature(c.is_zero_if("mark.fp", f_call + f_ret, o - 3, kSmall));
  const LinExpr mark_cursor = feature(c.is_zero_if("mark.cursor", f_getc, o - 3, kSmall));
  // The initial fp: at <bos> (specialised), or at the header's third fp byte (universal).
  const LinExpr initial_mark =
      m.universal ? feature(c.is_zero("mark.fp0", c.p() - m.field("eoi") - (1 + kHeaderInitialFp + 2)))
                  : feature(m.is_bos);
  auto latest_register = [&](const std::string& name, const LinExpr& mark, bool with_init) {
    HeadOp h;
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = mark + (with_init ? initial_mark : feature(m.is_bos));
    h.key_y = 0;
    h.values = {m.spelled[0], m.spelled[1], m.spelled[2]};
    if (with_init && !m.universal)
      for (int k = 0; k < 3; ++k) h.values[size_t(k)] += feature(m.initial_fp[size_t(k)]);
    if (with_init && m.universal)  // at the initial mark: the prompt's fp bytes after <eoi>
      for (int k = 0; k < 3; ++k) {
        std::string n = name + ".init" + std::to_string(k);
        h.values[size_t(k)] =
            feature(c.relu_mul(n + ".step", 1 - initial_mark, m.spelled[size_t(k)])) +
            feature(c.relu_mul(n, initial_mark,
                               m.prompt_token(n + ".byte", m.field("eoi") + 1 + kHeaderInitialFp + k)));
      }
    h.role = "register:" + name;
    auto out = c.head(name, h);
    return Bytes{feature(out[0]), feature(out[1]), feature(out[2]), 0};
  };
  m.fp_bytes = latest_register("fp", mark_fp, true);
  m.cursor_bytes = latest_register("cursor", mark_cursor, false);  // 0 at <bos>
  m.fp = word(m.fp_bytes);
  m.cursor = word(m.cursor_bytes);
}

}  // namespace c2w::compiler::gadgets
