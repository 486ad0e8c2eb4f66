// The frame a ret returns to, and the base addresses of destination writes.
//
// The head `frame` has query (fp, 1) and key (2F, -F^2 + 2^50 (mark - 1)) over the call
// records (call_records.cpp): a record scores fp^2 - (F - fp)^2, the latest call into
// the frame at fp wins with a margin of 1, and any other position is 2^50 below. Its
// values are the record's callee fp and mark, the caller's fp bytes, the pc after the
// call and the call's destination (offset or address, whether there is one, whether it
// is a frame slot). The lookup is right when the winner is a record for this very fp
// (frame_found, checked by the ret: a ret with no matching call traps as a bad call).
// It is computed at every position but meant for a ret's P; the caller's destination
// is fetched from P to the step's other positions, where the return value's bytes are
// written.
//
// Write bases: a destination is fp + offset for a frame slot and its address otherwise
// (gate_nonneg: [slot] * fp, exact for fp < 2^36). The return value goes to the
// caller's destination, relative to the caller's fp, which is the current fp at the
// return value's bytes (the ret step spelled it as bytes 1..3).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;

void make_frame_lookup(MachineBuilder& m) {
  Circuit& c = m.circuit;
  HeadOp frame;
  frame.role = "frame";
  frame.query_x = m.fp;
  frame.query_y = 1;
  frame.key_x = 2 * m.callee_fp;
  frame.key_y = -m.callee_fp_squared + kHuge * m.call_record_mark - kHuge;
  frame.values = {m.callee_fp,    m.call_record_mark, m.fp_bytes[0],
                  m.fp_bytes[1],  m.fp_bytes[2],      m.field("pc") + 1,
                  m.field("dst"), m.field("has_dst"), m.field("dst.slot")};
  auto found = c.head("frame", frame);
  const LinExpr found_fp = feature(found[0]), found_mark = feature(found[1]);
  m.caller_fp_bytes = Bytes{feature(found[2]), feature(found[3]), feature(found[4]), 0};
  m.return_pc = feature(found[5]);
  const LinExpr caller_dst = feature(found[6]);
  m.caller_has_destination = feature(found[7]);
  m.frame_found = feature(c.is_zero_if("frame.ok", found_mark, found_fp - m.fp, kGate));
  const auto at_step = m.fetch_from_step("frame.dst@step", {caller_dst, feature(found[8])});
  const LinExpr caller_dst_at_step = at_step[0], caller_dst_slot_at_step = at_step[1];
  // Destination bases: fp for frame slots, 0 for absolute addresses.
  m.destination_base = feature(c.gate_nonneg("dst.fp", m.field("dst.slot"), m.fp, kGate)) + m.field("dst");
  m.return_base = feature(c.gate_nonneg("ret.fp", caller_dst_slot_at_step, m.fp, kGate)) + caller_dst_at_step;
}

}  // namespace c2w::compiler::gadgets
