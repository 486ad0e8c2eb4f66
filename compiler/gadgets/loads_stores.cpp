// Loads and stores, with their bounds checks.
//
// A load reads the word at a + b: the sum wraps mod 2^32 (one threshold), and the
// lookup address is clamped to 2^24 (min(x, 2^24) = x - ReLU(x - 2^24)) so the query
// stays below 2^25 however wild the pointer; an address that far is out of bounds and
// traps anyway. Its four bytes are memory lookups (write_addresses.cpp); a byte never
// written is the data image's (specialised: a piecewise-linear table over the address;
// universal: the image is in the prompt as writes, so a miss reads 0). ld8/ld16 keep
// the low bytes and fill the rest with 0 or with 255 [the top kept byte >= 128].
//
// A store spells its address a + c (add_bytes; the low three bytes, memory being below
// 2^24) and then its data bytes b: those byte tokens are the writes
// (write_addresses.cpp). Every value is offered by now, so the step's plan starts here
// from the destination value (B1..B4), and the store adds its bytes to it.
//
// Bounds: an access is in bounds when data_base <= address <= memory_size - width;
// with the two 0/1 tests above and below, [2 - above - below >= 1] (one is_nonneg_if
// gated by the op's flag) is the memory trap.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using isa::Opcode;

void make_loads_stores(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const isa::Program& p = m.program;
  auto bounds_trap = [&](const std::string& name, const LinExpr& f, const LinExpr& address) {
    LinExpr above = feature(c.is_nonneg(name + ".low_ok", address - double(p.data_base)));
    LinExpr below =
        feature(c.is_nonneg(name + ".high_ok", double(p.memory_size) - m.field("width") - address));
    return feature(c.is_nonneg_if(name + ".oob", f, 1 - above - below, kSmall));  // 2 - ok - ok >= 1
  };

  // Loads: address a + b, four byte lookups, the data image when never written.
  const LinExpr f_load = m.flags({Opcode::Ld8U, Opcode::Ld8S, Opcode::Ld16U, Opcode::Ld16S, Opcode::Ld32});
  if (!f_load.is_constant()) {
    LinExpr sum = m.word_a + m.word_b;
    LinExpr address = sum - 4294967296.0 * feature(c.is_nonneg("load.wrap", sum - 4294967296.0));
    LinExpr clamped = address - feature(c.relu_mul("load.clamp", address - 16777216.0, 1));
    Bytes l;
    std::vector<double> image(p.data.begin(), p.data.end());
    image.push_back(0);
    for (int k = 0; k < 4; ++k) {
      auto [winner, byte] = m.memory_lookup("load" + std::to_string(k), clamped + k, "memory:load");
      LinExpr hit = feature(c.is_zero("load.hit" + std::to_string(k), winner - clamped - k));
      LinExpr initial =
          m.universal
              ? LinExpr(0)
              : feature(c.table("data" + std::to_string(k), clamped + k - double(p.data_base), image));
      l[size_t(k)] = initial + feature(c.relu_mul("load" + std::to_string(k) + ".byte", hit, byte - initial));
    }
    LinExpr s0 = feature(c.is_nonneg("ld8.sign", l[0] - 128)),
            s1 = feature(c.is_nonneg("ld16.sign", l[1] - 128));
    m.offer_value("ld32", m.flag(Opcode::Ld32), l);
    m.offer_value("ld16_u", m.flag(Opcode::Ld16U), {l[0], l[1], 0, 0});
    m.offer_value("ld16_s", m.flag(Opcode::Ld16S), {l[0], l[1], 255 * s1, 255 * s1});
    m.offer_value("ld8_u", m.flag(Opcode::Ld8U), {l[0], 0, 0, 0});
    m.offer_value("ld8_s", m.flag(Opcode::Ld8S), {l[0], 255 * s0, 255 * s0, 255 * s0});
    m.trap_memory += bounds_trap("load", f_load, address);
  }

  // The step's byte tokens B1..B11 start with the destination value.
  for (int k = 0; k < 4; ++k) m.plan[size_t(k)] += m.value[size_t(k)];

  // Stores: address a + c (3 bytes), then the data bytes of b.
  const LinExpr f_store = m.flags({Opcode::St8, Opcode::St16, Opcode::St32});
  if (!f_store.is_constant()) {
    Bytes address = add_bytes(c, "store.address", m.a, m.c, 0);
    LinExpr wrapped = word(address);
    m.trap_memory += bounds_trap("store", f_store, wrapped);
    Bytes gated_address = gate_bytes(c, "store.addr", f_store, address),
          gated_data = gate_bytes(c, "store.data", f_store, m.b);
    for (int k = 0; k < 3; ++k) m.plan[size_t(k)] += gated_address[size_t(k)];
    for (int k = 0; k < 4; ++k) m.plan[size_t(3 + k)] += gated_data[size_t(k)];
  }
}

}  // namespace c2w::compiler::gadgets
