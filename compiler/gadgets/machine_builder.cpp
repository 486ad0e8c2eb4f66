// The shared state of the machine circuit's gadgets (see machine_builder.h).
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;
using isa::Opcode;

LinExpr MachineBuilder::field(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? LinExpr(0) : it->second;
}

LinExpr MachineBuilder::flag(Opcode op) const { return field(std::string("op.") + isa::info(op).mnemonic); }

LinExpr MachineBuilder::flags(std::initializer_list<Opcode> ops) const {
  LinExpr e;
  for (Opcode op : ops) e += flag(op);
  return e;
}

LinExpr MachineBuilder::destination_op_flags() const {
  LinExpr e;
  for (int op = 0; op < isa::kOpcodeCount; ++op)
    if (isa::kOpcodeInfo[op].writes_dst_word && Opcode(op) != Opcode::GetC) e += flag(Opcode(op));
  return e;
}

void MachineBuilder::offer_value(const std::string& name, const LinExpr& flag, const Bytes& bytes) {
  if (flag.is_constant()) return;
  Bytes gated = gate_bytes(circuit, "value." + name, flag, bytes);
  for (int k = 0; k < 4; ++k) value[size_t(k)] += gated[size_t(k)];
}

std::vector<LinExpr> MachineBuilder::fetch_from_step(const std::string& name,
                                                     const std::vector<LinExpr>& values) {
  HeadOp h;
  h.query_x = 1;
  h.query_y = 0;
  h.key_x = feature(is_pc);
  h.key_y = 0;
  h.values = values;
  h.role = "step";
  std::vector<LinExpr> r;
  for (FeatureId f : circuit.head(name, h)) r.push_back(feature(f));
  return r;
}

}  // namespace c2w::compiler::gadgets
