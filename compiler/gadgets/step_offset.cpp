// Where in the step a position is: its offset o = p - P from the step's pc token P,
// the flags [o == k], and the step's first three spelled bytes.
//
// [o == k] is one is_zero test each (three neurons: ReLU(d+1) - 2 ReLU(d) + ReLU(d-1)
// is 1 at d = 0 and 0 at every other integer). The step's k-th spelled byte (k = 1..3)
// is a head with query (1, 0) and key ([o == k], 0): every position at offset k scores
// 1, all others 0, and tie `latest` returns the byte token of the latest position at
// offset k, the current step's once it has spelled it. Only two distinct keys exist, so
// the KV cache of these heads stays O(1). A register, a store address or a callee fp is
// spelled as bytes 1..3 of its step; the register heads (registers.cpp) and the store
// write addresses (write_addresses.cpp) read these.
//
// The static next pc (the ROM's or the record's) is also taken here as the start of
// the step's next pc; calls, rets and taken branches add their corrections to it.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;

void make_step_offset(MachineBuilder& m) {
  Circuit& c = m.circuit;
  m.offset = c.p() - m.field("P");
  for (int k = 0; k <= kMaxStepBytes; ++k)
    m.at_offset.push_back(feature(c.is_zero("o==" + std::to_string(k), m.offset - k)));
  m.spelled = Bytes{0, 0, 0, 0};
  for (int k = 1; k <= 3; ++k) {
    HeadOp h;
    h.role = "spelled";
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = m.at_offset[size_t(k)];
    h.key_y = 0;
    h.values = {feature(m.token_byte)};
    m.spelled[size_t(k - 1)] = feature(c.head("spelled" + std::to_string(k), h)[0]);
  }
  m.next_pc = m.field("next");
}

}  // namespace c2w::compiler::gadgets
