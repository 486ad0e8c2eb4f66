// Which byte tokens are memory writes, by the kind of step that spells them.
//
// A step's byte tokens are at offsets o = 1, 2, ... (isa/trace_format.h):
//   destination op   the value's bytes, o = 1..4           -> writes_destination
//   getc             cursor (1..3), then the value (4..7)  -> writes_getc_value
//   st8/st16/st32    address (1..3), then the data (4..)   -> writes_store
//   ret              caller's fp (1..3), then the words    -> writes_return_value
// Each mark is [the op's flag] and [a byte token] (and o >= 4), one neuron each:
// flag + [byte] - 1 is 1 exactly when both hold, and is_nonneg_if gates o - 4 >= 0 by
// it. Its big-M is kGate, not kSmall: o is below max_positions (2^25), so a mark is 0
// at every distance from its pc token when its op or the byte is missing. With a big-M
// of 1024 a token more than 1028 positions after its pc token (never in a generated
// trace, but in a sequence of tokens that c2w verify covers) turned every mark on, and
// four squared write addresses near (2^25 + 2^24)^2 added up above 2^53. The addresses
// of these writes are made in write_addresses.cpp.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_write_marks(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr& o = m.offset;
  const LinExpr f_dst_op = m.destination_op_flags();
  const LinExpr f_store = m.flags({Opcode::St8, Opcode::St16, Opcode::St32});
  const LinExpr f_ret = m.flag(Opcode::Ret), f_getc = m.flag(Opcode::GetC);
  const LinExpr is_byte = feature(m.is_byte);
  m.writes_destination = feature(c.all_of("write.dst", {f_dst_op, is_byte}));
  m.writes_getc_value = feature(c.is_nonneg_if("write.getc", f_getc + is_byte - 1, o - 4, kGate));
  m.writes_store = feature(c.is_nonneg_if("write.store", f_store + is_byte - 1, o - 4, kGate));
  m.writes_return_value = feature(c.is_nonneg_if("write.ret", f_ret + is_byte - 1, o - 4, kGate));
}

}  // namespace c2w::compiler::gadgets
