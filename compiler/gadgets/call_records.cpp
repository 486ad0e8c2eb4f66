// Call records: the keys of the frame lookup (frame_lookup.cpp).
//
// A ret must find the frame it returns to: the caller's fp, the pc after the call and
// the call's destination. Every call step leaves a record of them at its first spelled
// byte (o == 1), keyed by the callee's fp F = fp + out (fp is still the caller's there:
// the callee's fp is complete only at the third byte). The key is the parabola point
// (2F, -F^2), F^2 one ReLU(F) * F neuron (F >= 0); positions that are not records get a
// penalty of 2^50 on their key (frame_lookup.cpp), so a query (fp, 1) at a ret scores
// fp^2 - (F - fp)^2 and finds, with tie `latest`, the latest call into the frame at fp.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_call_records(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr f_call = m.flags({Opcode::Call, Opcode::CallI});
  m.call_record_mark = feature(c.is_zero_if("mark.call", f_call, m.offset - 1, kSmall));
  m.callee_fp = m.fp + m.field("out");
  m.callee_fp_squared = feature(c.relu_mul("callee_fp^2", m.callee_fp, m.callee_fp));
}

}  // namespace c2w::compiler::gadgets
