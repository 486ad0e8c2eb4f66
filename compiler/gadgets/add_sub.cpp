// add, sub and lea: carry look-ahead on bytes (bytes.h, add_bytes).
//
//   add   a + b
//   sub   a - b = a + (2^32 - 1 - b) + 1: the inverted bytes 255 - b_k, carry in 1
//   lea   fp + a: the address of a frame slot (a is its offset)
// Each sum is four bytes mod 2^32: byte k is x_k + y_k + carry_k - 256 carry_(k+1),
// where carry_k = [the low k bytes' sum >= 256^k], four thresholds side by side. The
// three sums are built whether or not the program has the op; offer_value adds each
// to the destination value gated by its flag.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_add_sub(MachineBuilder& m) {
  Circuit& c = m.circuit;
  Bytes inverted_b;
  for (int k = 0; k < 4; ++k) inverted_b[size_t(k)] = 255 - m.b[size_t(k)];
  m.offer_value("add", m.flag(Opcode::Add), add_bytes(c, "add", m.a, m.b, 0));
  m.offer_value("sub", m.flag(Opcode::Sub), add_bytes(c, "sub", m.a, inverted_b, 1));
  m.offer_value("lea", m.flag(Opcode::Lea), add_bytes(c, "lea", m.fp_bytes, m.a, 0));
}

}  // namespace c2w::compiler::gadgets
