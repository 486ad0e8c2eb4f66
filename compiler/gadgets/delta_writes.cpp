// Delta writes: a destination op spells its value only up to the highest byte that
// differs from the destination's bytes before the step (isa/trace_format.h).
//
// At P the destination's four bytes are read like an operand: a memory lookup of
// destination base + k (write_addresses.cpp), and on a miss the fallback (a global
// destination's data-image byte from the ROM, or 0). [value byte k == old byte k] is
// one is_zero each. The equal top bytes are dropped from the step's byte count
// (step_end.cpp): a later read finds them at their older write, which holds the same
// bytes.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

void make_delta_writes(MachineBuilder& m) {
  Circuit& c = m.circuit;
  m.destination_unchanged = Bytes{0, 0, 0, 0};
  if (m.destination_op_flags().is_constant()) return;
  Bytes old;
  for (int k = 0; k < 4; ++k) {
    const std::string n = "dst.old" + std::to_string(k);
    auto [winner, byte] = m.memory_lookup("read." + n, m.destination_base + k, "memory:destination");
    LinExpr hit = feature(c.is_zero("hit." + n, winner - m.destination_base - k));
    LinExpr fallback = m.field("dst.fb" + std::to_string(k));
    old[size_t(k)] = fallback + feature(c.relu_mul(n, hit, byte - fallback));
    m.destination_unchanged[size_t(k)] =
        feature(c.is_zero("dst.same" + std::to_string(k), m.value[size_t(k)] - old[size_t(k)]));
  }
}

}  // namespace c2w::compiler::gadgets
