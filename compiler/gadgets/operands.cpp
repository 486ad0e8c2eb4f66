// The operands a, b, c at P: four byte lookups each.
//
// An operand in memory has the address fp + offset (a frame slot: [slot] * fp by a
// big-M gate, plus the ROM's or the record's offset) or its absolute address. Byte k
// is the memory lookup of address + k (write_addresses.cpp); when it misses (the
// winner's address is not address + k: never written) or the operand is not in
// memory at all, the byte is the operand's fallback: an immediate's byte, the data
// image behind an absolute address, or 0. One neuron picks:
//   byte_k = fallback + ReLU([in memory] + [hit] - 1) * (looked-up byte - fallback).
// At P nothing of the current step is written yet, so these are the values before the
// instruction. The words of a and b and their sign bits ([top byte >= 128]) follow.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

void make_operands(MachineBuilder& m) {
  Circuit& c = m.circuit;
  auto read_operand = [&](const std::string& x) {
    LinExpr address =
        feature(c.gate_nonneg(x + ".fp", m.field(x + ".slot"), m.fp, kGate)) + m.field(x + ".addr");
    Bytes bytes;
    for (int k = 0; k < 4; ++k) {
      std::string n = x + std::to_string(k);
      auto [winner, byte] = m.memory_lookup("read." + n, address + k, "memory:" + x);
      LinExpr hit = feature(c.is_zero("hit." + n, winner - address - k));
      LinExpr fallback = m.field(x + ".fb" + std::to_string(k));
      bytes[size_t(k)] = fallback + feature(c.relu_mul(x + std::to_string(k), m.field(x + ".mem") + hit - 1,
                                                       byte - fallback));
    }
    return bytes;
  };
  m.a = read_operand("a");
  m.b = read_operand("b");
  m.c = read_operand("c");
  m.word_a = word(m.a);
  m.word_b = word(m.b);
  m.sign_a = feature(c.is_nonneg("sign.a", m.a[3] - 128));
  m.sign_b = feature(c.is_nonneg("sign.b", m.b[3] - 128));
}

}  // namespace c2w::compiler::gadgets
