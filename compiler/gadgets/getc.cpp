// getc: the next input byte, or the end of input; the cursor moves past it.
//
// The input is the prompt's in:XX tokens, byte j at position j + 1 (after <bos>); the
// cursor counts the bytes consumed, so the next one is at position cursor + 1. A head
// reads it by position: only the in:XX tokens get keys on the parabola (2j, -j^2)
// (gated like the prompt's byte tokens in fetch.cpp: ReLU(p - 2^26 [not an input]),
// likewise p^2), every other position shares the one key (0, -2^50), so the cache keeps
// O(input) keys however long the run. The query (cursor + 1, 1) finds the input token
// there when there is one: got = [the winner is an input token at cursor + 1].
//
// getc spells the new cursor (cursor + got, add_bytes) and then its value: the byte when
// got, else isa::kGetcEndOfInput (0xFFFFFFFF, all bytes 255):
//   byte 0 = 255 + ReLU(got) * (byte - 255), bytes 1..3 = 255 - 255 got.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "isa/semantics.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;
using isa::Opcode;

void make_getc(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr f_getc = m.flag(Opcode::GetC);
  if (f_getc.is_constant()) return;
  const LinExpr p = c.p();
  const LinExpr not_input = 1 - feature(m.is_input);
  const LinExpr input_position = feature(c.ffn("input.p", {{p - 67108864.0 * not_input, 1, 1}}));
  const LinExpr input_position_squared =
      feature(c.ffn("input.p^2", {{feature(c.square()) - 2251799813685248.0 * not_input, 1, 1}}));
  HeadOp h;
  h.query_x = m.cursor + 1;
  h.query_y = 1;
  h.key_x = 2 * input_position;
  h.key_y = -input_position_squared + kHuge * feature(m.is_input) - kHuge;
  h.values = {p, feature(m.input_byte), feature(m.is_input)};
  h.role = "input";
  auto in = c.head("input", h);
  LinExpr got = feature(c.is_zero_if("input.got", feature(in[2]), feature(in[0]) - m.cursor - 1, kGate));
  Bytes moved = add_bytes(c, "getc.cursor", m.cursor_bytes, {got, 0, 0, 0}, 0);
  // At the end of the input: the bytes of isa::kGetcEndOfInput (all 255).
  static_assert(isa::kGetcEndOfInput == 0xFFFFFFFFu);
  Bytes v{255 + feature(c.relu_mul("getc.byte", got, feature(in[1]) - 255)), 255 - 255 * got, 255 - 255 * got,
          255 - 255 * got};
  Bytes g1 = gate_bytes(c, "getc.cursor", f_getc, moved), g2 = gate_bytes(c, "getc.value", f_getc, v);
  for (int k = 0; k < 3; ++k) m.plan[size_t(k)] += g1[size_t(k)];
  for (int k = 0; k < 4; ++k) m.plan[size_t(3 + k)] += g2[size_t(k)];
}

}  // namespace c2w::compiler::gadgets
