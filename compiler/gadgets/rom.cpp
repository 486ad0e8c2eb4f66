// Specialised mode: the program is a ROM in the embeddings of the pc tokens, and one head
// carries the current instruction's row to every position.
//
// Each instruction field is an embedding feature "rom.NAME" whose value at pc token @pc
// is that field of instruction pc: a flag per opcode the program uses (an opcode it
// never uses gets no flag, so its gadgets fold away), the pc and the static next pc,
// the target, per operand a/b/c [is a frame slot], its offset or address, [reads
// memory] and its fallback bytes (an immediate's bytes, or the data image behind an
// absolute address, read when memory has no write there), the destination, the
// outgoing area of a call and the limit its callee's frame must fit under, a load or
// store's width, a ret's word count and the step's static byte count.
//
// "Where am I": the head `step` has query (1, 0) and key ([token is a pc token], 0);
// every pc token scores 1 and every other token 0, so tie `latest` picks the step's pc
// token P. Its values are P's position and the ROM row, so every position of the step
// knows its instruction (MachineBuilder::fields, named without the "rom." prefix).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "isa/semantics.h"
#include "isa/trace_format.h"

namespace c2w::compiler::gadgets {
namespace {

using circuit::HeadOp;
using isa::Opcode;
using isa::OperandKind;

// The ROM's features, in the order they are created.
class Rom {
 public:
  explicit Rom(Circuit& circuit) : circuit_(circuit) {}
  FeatureId add(const std::string& name) {
    FeatureId f = circuit_.embedding("rom." + name);
    order_.push_back(f);
    by_name_[name] = f;
    return f;
  }
  void set(const std::string& name, uint32_t pc, double v) {
    circuit_.set_embedding(by_name_.at(name), int(trace::pc_token(pc)), v);
  }
  const std::vector<FeatureId>& order() const { return order_; }

 private:
  Circuit& circuit_;
  std::map<std::string, FeatureId> by_name_;
  std::vector<FeatureId> order_;
};

// The ROM's fields, in the order of their features.
void add_fields(Rom& rom, const isa::Program& p) {
  // Which opcodes occur: only those get a flag.
  std::vector<bool> present(isa::kOpcodeCount, false);
  for (const isa::Instruction& ins : p.code) present[size_t(ins.op)] = true;
  for (int op = 0; op < isa::kOpcodeCount; ++op)
    if (present[size_t(op)]) rom.add(std::string("op.") + isa::kOpcodeInfo[op].mnemonic);
  rom.add("pc");
  rom.add("next");  // the pc after the step when nothing dynamic decides it
  rom.add("target");
  for (const char* x : {"a", "b", "c"}) {
    rom.add(std::string(x) + ".slot");
    rom.add(std::string(x) + ".addr");
    rom.add(std::string(x) + ".mem");
    for (int k = 0; k < 4; ++k) rom.add(std::string(x) + ".fb" + std::to_string(k));
  }
  rom.add("dst");
  rom.add("dst.slot");
  rom.add("has_dst");
  for (int k = 0; k < 4; ++k)
    rom.add("dst.fb" + std::to_string(k));  // a global destination's data-image bytes
  rom.add("out");
  for (int k = 0; k < 3; ++k) rom.add("out" + std::to_string(k));
  rom.add("limit");  // call: the highest callee fp whose frame fits the stack
  rom.add("width");
  rom.add("ret_words4");
  rom.add("n");  // byte tokens of the step (before the final token), when static
}

// Operand x ("a", "b" or "c") of instruction pc: [slot], its offset or address,
// [in memory], and its fallback bytes (an immediate's, or the data image behind an
// absolute address).
void set_operand(Rom& rom, const isa::Program& p, uint32_t pc, const std::string& x, const isa::Operand& o,
                 const std::string& where) {
  switch (o.kind) {
    case OperandKind::Slot:
      rom.set(x + ".slot", pc, 1);
      rom.set(x + ".addr", pc, o.value);
      rom.set(x + ".mem", pc, 1);
      break;
    case OperandKind::Abs:
      if (o.value < 0) throw MachineCircuitError(where + ": an unresolved function reference");
      rom.set(x + ".addr", pc, o.value);
      rom.set(x + ".mem", pc, 1);
      for (int k = 0; k < 4; ++k)
        rom.set(x + ".fb" + std::to_string(k), pc, isa::initial_byte(p, uint32_t(o.value) + uint32_t(k)));
      break;
    case OperandKind::Imm:
      for (int k = 0; k < 4; ++k)
        rom.set(x + ".fb" + std::to_string(k), pc, (uint32_t(o.value) >> (8 * k)) & 0xFF);
      break;
    case OperandKind::None: break;
  }
}

// Instruction pc's row. entry_frame: the frame size of the function entered at each pc.
void set_row(Rom& rom, const isa::Program& p, uint32_t pc, const std::vector<uint32_t>& entry_frame) {
  const isa::Instruction& ins = p.code[pc];
  const std::string where = "pc " + std::to_string(pc) + " (" + std::string(isa::info(ins.op).mnemonic) + ")";
  rom.set(std::string("op.") + isa::info(ins.op).mnemonic, pc, 1);
  rom.set("pc", pc, pc);
  bool jumps = ins.op == Opcode::Jmp || ins.op == Opcode::Call;
  rom.set("next", pc, jumps ? ins.target : pc + 1);
  rom.set("target", pc, ins.target);
  set_operand(rom, p, pc, "a", ins.a, where);
  set_operand(rom, p, pc, "b", ins.b, where);
  set_operand(rom, p, pc, "c", ins.c, where);
  bool writes = isa::info(ins.op).writes_dst_word || ins.op == Opcode::Call || ins.op == Opcode::CallI;
  if (writes && !ins.dst.is_none()) {
    if (ins.dst.kind != OperandKind::Slot && ins.dst.kind != OperandKind::Abs)
      throw MachineCircuitError(where + ": a destination that is neither a frame slot nor an address");
    if (ins.dst.kind == OperandKind::Slot) rom.set("dst.slot", pc, 1);
    if (ins.dst.kind == OperandKind::Abs)
      for (int k = 0; k < 4; ++k)
        rom.set("dst.fb" + std::to_string(k), pc,
                isa::initial_byte(p, uint32_t(ins.dst.value) + uint32_t(k)));
    rom.set("dst", pc, ins.dst.value);
    rom.set("has_dst", pc, 1);
  }
  if (ins.op == Opcode::Call || ins.op == Opcode::CallI) {
    int32_t out = ins.op == Opcode::Call ? ins.a.value : ins.b.value;
    if (out <= 0 || out >= (1 << 24))
      throw MachineCircuitError(where + ": the outgoing area must start inside the frame, after offset 0");
    rom.set("out", pc, out);
    for (int k = 0; k < 3; ++k) rom.set("out" + std::to_string(k), pc, (uint32_t(out) >> (8 * k)) & 0xFF);
    if (ins.op == Opcode::Call)
      rom.set("limit", pc, double(isa::highest_callee_fp(p, entry_frame.at(ins.target))));
  }
  if (isa::is_load(ins.op) || isa::is_store(ins.op)) rom.set("width", pc, isa::access_width(ins.op));
  if (ins.op == Opcode::Ret) {
    if (ins.a.is_none() && !ins.b.is_none())
      throw MachineCircuitError(where + ": a high word without a low word");
    rom.set("ret_words4", pc, 4 * (!ins.a.is_none()) + 4 * (!ins.b.is_none()));
  }
  rom.set("n", pc, trace::step_byte_count(ins.op));
}

}  // namespace

void make_rom(MachineBuilder& m) {
  const isa::Program& p = m.program;
  Rom rom(m.circuit);
  add_fields(rom, p);
  std::vector<uint32_t> entry_frame(p.code.size(), 0);
  for (size_t i = 1; i < p.functions.size(); ++i)
    entry_frame[p.functions[i].entry] = p.functions[i].frame_size;
  for (uint32_t pc = 0; pc < p.code.size(); ++pc) set_row(rom, p, pc, entry_frame);

  // The head that finds P and carries its row.
  HeadOp h;
  h.query_x = 1;
  h.query_y = 0;
  h.key_x = feature(m.is_pc);
  h.key_y = 0;
  h.values.push_back(m.circuit.p());
  for (FeatureId f : rom.order()) h.values.push_back(feature(f));
  h.role = "step";
  auto out = m.circuit.head("step", h);
  m.fields["P"] = feature(out[0]);
  for (size_t i = 0; i < rom.order().size(); ++i)
    m.fields[m.circuit.features()[size_t(rom.order()[i])].name.substr(4)] = feature(out[i + 1]);
}

}  // namespace c2w::compiler::gadgets
