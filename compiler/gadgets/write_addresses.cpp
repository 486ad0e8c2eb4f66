// Memory: every byte written gets its address as its key, and a read is the latest
// write to the address it asks for.
//
// A position that is a memory write knows its address from tokens alone, without
// reading memory (isa/trace_format.h explains why the trace is shaped so):
//   destination op   destination base + o - 1
//   getc             destination base + o - 4
//   store            the store's spelled address + o - 4
//   ret              the caller's destination base + o - 4
//   (universal)      a data token d:XX of the prompt: the address spelled by the three
//                    byte tokens before it
// write_address is the one address that applies, ReLU(address + 2^36 (mark - 1))
// summed over the roles (at most one mark is 1; 0 at positions that write nothing), and
// write_address_squared the same neurons with the address as their value, so a write
// to A has the key (2A, -A^2).
//
// A read of byte Q (MachineBuilder::memory_lookup, below) is a head with query (Q, 1):
// the score 2AQ - A^2 = Q^2 - (A - Q)^2 peaks at A = Q with a margin of 1 over every
// other address, and tie `latest` returns the most recent write to Q. Its values are the
// winner's address and byte; the caller checks the address ([winner == Q], a miss when
// Q was never written) and falls back to the data image or zero. Q < 2^25, so every
// score is an integer below 2^51.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;

std::pair<LinExpr, LinExpr> MachineBuilder::memory_lookup(const std::string& name, const LinExpr& address,
                                                          const std::string& role) {
  HeadOp h;
  h.role = role;
  h.query_x = address;
  h.query_y = 1;
  h.key_x = 2 * write_address;
  h.key_y = -write_address_squared;
  h.values = {write_address, feature(token_byte)};
  auto out = circuit.head(name, h);
  return {feature(out[0]), feature(out[1])};
}

void make_write_addresses(MachineBuilder& m) {
  Circuit& c = m.circuit;
  // The offset, clamped to 2^20 (min(o, c) = o - ReLU(o - c)): a generated step spells at
  // most 15 tokens, so nothing changes in a trace, but in any sequence of tokens the
  // write addresses stay below 2^24 + 2^24 + 2^20 and no sum of their squares reaches 2^53.
  const LinExpr o = m.offset - feature(c.relu_mul("write.offset", m.offset - 1048576.0, 1));
  const LinExpr p = c.p();
  struct Role {
    LinExpr mark, address;
  };
  std::vector<Role> roles = {
      {m.writes_destination, m.destination_base + o - 1},
      {m.writes_getc_value, m.destination_base + o - 4},
      {m.writes_store, word(m.spelled) + o - 4},
      {m.writes_return_value, m.return_base + o - 4},
  };
  if (m.universal)  // the data image: records x(a0) x(a1) x(a2) d:XX in the prompt
    roles.push_back({feature(m.is_data), m.prompt_token("data.a0", p - 3) +
                                             256 * m.prompt_token("data.a1", p - 2) +
                                             65536 * m.prompt_token("data.a2", p - 1)});
  std::vector<circuit::Neuron> address, squared;
  for (const Role& r : roles) {
    LinExpr gate = r.address + kGate * (r.mark - 1);
    address.push_back({gate, 1, 1});
    squared.push_back({gate, r.address, 1});
  }
  m.write_address = feature(c.ffn("write.address", address));
  m.write_address_squared = feature(c.ffn("write.address^2", squared));
}

}  // namespace c2w::compiler::gadgets
