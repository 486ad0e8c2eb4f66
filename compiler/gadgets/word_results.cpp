// The integer results of shifts, mul and rem, cut into bytes once.
//
// Those gadgets produce words as integers in [0, 2^32), each gated by its op's flag,
// so their sum is the current op's result (0 for any other op). It is cut into bytes by
// three threshold counts, high byte first (bytes.h, extract_bytes): byte k is the
// number of m in 1..255 with rest >= m 256^k. rem_s of a negative dividend then
// negates the bytes (div_rem.cpp). Cutting once for the eight ops saves three counts of
// 255 thresholds per op.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_word_results(MachineBuilder& m) {
  Circuit& c = m.circuit;
  if (m.word_to_cut.is_constant()) return;
  Bytes e = extract_bytes(c, "word", m.word_to_cut);
  if (!m.negate_remainder.is_constant()) {
    Bytes minus_e = negate_bytes(c, "rems.-r", e);
    for (int k = 0; k < 4; ++k)
      e[size_t(k)] += feature(
          c.relu_mul("rems.s" + std::to_string(k), m.negate_remainder, minus_e[size_t(k)] - e[size_t(k)]));
  }
  m.offer_value("word",
                m.flags({Opcode::Mul, Opcode::MulHU, Opcode::MulHS, Opcode::Shl, Opcode::ShrU, Opcode::ShrS,
                         Opcode::RemU, Opcode::RemS}),
                e);
}

}  // namespace c2w::compiler::gadgets
