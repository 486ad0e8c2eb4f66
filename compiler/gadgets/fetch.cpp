// Universal mode: the instruction fetch. The program is in the prompt
// (compiler/universal_prompt.h), and heads keyed by position read the current
// instruction's record from it.
//
// "Where am I": the head `step` (query (1, 0), key ([token is a pc token], 0), tie
// latest) finds the step's pc token P and returns P's position, P's number pc (the
// pc token's embedding) and valid = [a pc token has been seen] (0 throughout the
// prompt). A second head finds <eoi> the same way.
//
// Reading the prompt by position: only the prompt's byte tokens get a key on the
// parabola, (2j, -j^2) at position j; every other position shares the one key
// (0, -2^50). The query (Q, 1) scores 2jQ - j^2 = Q^2 - (j - Q)^2, which peaks at
// j = Q with a margin of 1, so the head returns the byte token at Q. The keys are
// gated by off = valid + 1 - [byte token], 0 exactly at the prompt's byte tokens:
// ReLU(p - 2^26 off) is p there and 0 elsewhere (p < 2^25), likewise for p^2. All
// other positions sharing one key keeps the KV cache at O(prompt) keys however long
// the run.
//
// The record of instruction pc starts at records = eoi + 1 + kHeaderSize plus
// kRecordSize * pc; one head per byte reads its fields (25 heads; the entry fields
// are read by calli from its target's record, call_ret.cpp), and two heads the
// header's instruction count N. The fields are then decoded with a few neurons each:
// the opcode flags [op == k] and the operand kinds [kind == 1, 2, 3] are is_zero
// tests gated by valid; an operand in memory gets its value bytes as its address, an
// immediate as its fallback bytes (in this mode an absolute operand's data image is in
// the prompt as writes, so its fallback is 0); the static next pc is pc + 1, or the
// target for jmp and call. The names of the fields match the ROM's (rom.cpp).
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "compiler/universal_prompt.h"
#include "isa/semantics.h"
#include "isa/trace_format.h"

namespace c2w::compiler::gadgets {

using circuit::HeadOp;
using isa::Opcode;

LinExpr MachineBuilder::prompt_token(const std::string& name, const LinExpr& position) {
  HeadOp h;
  h.role = "prompt";
  h.query_x = position;
  h.query_y = 1;
  h.key_x = prompt_key_x;
  h.key_y = prompt_key_y;
  h.values = {feature(token_byte)};
  return feature(circuit.head(name, h)[0]);
}

namespace {

// The heads that find the step's pc token P and <eoi>, and the keys of the prompt's
// byte tokens. Sets the fields P, pc and eoi; returns valid = [a pc token was seen].
LinExpr locate_step(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr p = c.p();
  HeadOp h;
  h.query_x = 1;
  h.query_y = 0;
  h.key_x = feature(m.is_pc);
  h.key_y = 0;
  h.values = {p, feature(m.token_pc), feature(m.is_pc)};
  h.role = "step";
  auto step = c.head("step", h);
  HeadOp e;
  e.query_x = 1;
  e.query_y = 0;
  e.key_x = feature(m.is_eoi);
  e.key_y = 0;
  e.values = {p};
  e.role = "marker";
  const LinExpr eoi = feature(c.head("eoi", e)[0]);
  const LinExpr pc = feature(step[1]), valid = feature(step[2]);  // valid: a pc token has been seen
  {
    const LinExpr off = valid + 1 - feature(m.is_byte);  // 0 exactly at the prompt's byte tokens
    LinExpr marked = feature(c.all_of("prompt.byte", {feature(m.is_byte), 1 - valid}));
    LinExpr position = feature(c.ffn("prompt.p", {{p - 67108864.0 * off, 1, 1}}));
    LinExpr position_squared =
        feature(c.ffn("prompt.p^2", {{feature(c.square()) - 2251799813685248.0 * off, 1, 1}}));
    m.prompt_key_x = 2 * position;
    m.prompt_key_y = -position_squared + kHuge * marked - kHuge;
  }
  m.fields["P"] = feature(step[0]);
  m.fields["pc"] = pc;
  m.fields["eoi"] = eoi;
  return valid;
}

// The current instruction's record: byte `field` of it, read by position.
struct Record {
  MachineBuilder& m;
  LinExpr base;  // the record's first position
  LinExpr operator()(int field) const {
    return m.prompt_token("fetch." + std::to_string(field), base + field);
  }
};

// Operand i (0, 1, 2 for a, b, c): the fields "x.slot", "x.mem", "x.addr", "x.fb0".."x.fb3".
// Returns its value bytes; `present` = [it is not none].
Bytes decode_operand(MachineBuilder& m, const Record& record, const LinExpr& valid, int i, LinExpr& present) {
  Circuit& c = m.circuit;
  const std::string x = std::string(1, char('a' + i));
  LinExpr kind = record(kFieldOperand + kOperandFieldSize * i);
  Bytes v;
  for (int k = 0; k < 4; ++k) v[size_t(k)] = record(kFieldOperand + kOperandFieldSize * i + 1 + k);
  LinExpr slot = feature(c.is_zero_if(x + ".slot", valid, kind - 1, kSmall));
  LinExpr abs = feature(c.is_zero_if(x + ".abs", valid, kind - 2, kSmall));
  LinExpr imm = feature(c.is_zero_if(x + ".imm", valid, kind - 3, kSmall));
  present = feature(c.is_nonneg_if(x + ".present", valid, kind - 1, kSmall));
  m.fields[x + ".slot"] = slot;
  m.fields[x + ".mem"] = slot + abs;
  // The operand's offset or address, clamped to 2^24 (the prompt encoder writes no
  // larger one): the memory lookups' queries stay below 2^25 whatever the prompt says.
  const LinExpr addr = feature(c.gate_nonneg(x + ".addr", slot + abs, word(v), kGate));
  m.fields[x + ".addr"] = addr - feature(c.relu_mul(x + ".addr.clamp", addr - 16777216.0, 1));
  for (int k = 0; k < 4; ++k)
    m.fields[x + ".fb" + std::to_string(k)] =
        feature(c.gate_nonneg(x + ".fb" + std::to_string(k), imm, v[size_t(k)], kSmall));
  return v;
}

// trace::step_byte_count of the current op, from its flags.
LinExpr static_byte_count(const MachineBuilder& m) {
  LinExpr n;
  for (Opcode op : {Opcode::GetC, Opcode::St8, Opcode::St16, Opcode::St32, Opcode::Call, Opcode::CallI,
                    Opcode::Ret, Opcode::Halt})
    n += trace::step_byte_count(op) * m.flag(op);
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    if (isa::kOpcodeInfo[k].writes_dst_word && Opcode(k) != Opcode::GetC)
      n += trace::step_byte_count(Opcode(k)) * m.flag(Opcode(k));
  return n;
}

}  // namespace

void make_fetch(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const LinExpr valid = locate_step(m);
  std::map<std::string, LinExpr>& fields = m.fields;
  const LinExpr eoi = fields["eoi"], pc = fields["pc"];
  fields["N"] = m.prompt_token("count0", eoi + 1 + kHeaderInstructionCount) +
                256 * m.prompt_token("count1", eoi + 1 + kHeaderInstructionCount + 1);
  fields["records"] = eoi + 1 + kHeaderSize;
  const Record record{m, fields["records"] + kRecordSize * pc};
  LinExpr op = record(kFieldOp);
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    fields[std::string("op.") + isa::kOpcodeInfo[k].mnemonic] =
        feature(c.is_zero_if(std::string("op.") + isa::kOpcodeInfo[k].mnemonic, valid, op - k, kSmall));
  std::array<Bytes, 3> value_bytes;
  std::array<LinExpr, 3> present;
  for (int i = 0; i < 3; ++i)
    value_bytes[size_t(i)] = decode_operand(m, record, valid, i, present[size_t(i)]);
  LinExpr dst_kind = record(kFieldDstKind);
  fields["dst.slot"] = feature(c.is_zero_if("dst.slot", valid, dst_kind - 1, kSmall));
  fields["has_dst"] = feature(c.is_nonneg_if("has_dst", valid, dst_kind - 1, kSmall));
  fields["dst"] = record(kFieldDst) + 256 * record(kFieldDst + 1) + 65536 * record(kFieldDst + 2);
  const LinExpr target = record(kFieldTarget) + 256 * record(kFieldTarget + 1);
  fields["target"] = target;
  fields["limit"] = record(kFieldLimit) + 256 * record(kFieldLimit + 1) + 65536 * record(kFieldLimit + 2);
  const LinExpr f_call = m.field("op.call"), f_calli = m.field("op.calli");
  // out (where the callee's frame starts) from its three low bytes: the encoder writes
  // 0 < out < 2^24 (universal_prompt.cpp), so the fourth byte is 0, and reading it would
  // let fp + out and the frame key (fp + out)^2 pass 2^53 for a prompt it never writes.
  auto low3 = [](const Bytes& b) { return b[0] + 256 * b[1] + 65536 * b[2]; };
  fields["out"] = feature(c.gate_nonneg("out.call", f_call, low3(value_bytes[0]), kGate)) +
                  feature(c.gate_nonneg("out.calli", f_calli, low3(value_bytes[1]), kGate));
  for (int k = 0; k < 3; ++k)
    fields["out" + std::to_string(k)] = feature(c.gate_nonneg("out" + std::to_string(k) + ".call", f_call,
                                                              value_bytes[0][size_t(k)], kSmall)) +
                                        feature(c.gate_nonneg("out" + std::to_string(k) + ".calli", f_calli,
                                                              value_bytes[1][size_t(k)], kSmall));
  fields["next"] = pc + 1 + feature(c.relu_mul("next.jump", m.field("op.jmp") + f_call, target - pc - 1));
  LinExpr width;
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    if (isa::is_load(Opcode(k)) || isa::is_store(Opcode(k)))
      width += isa::access_width(Opcode(k)) * m.flag(Opcode(k));
  fields["width"] = width;
  fields["ret_words4"] = 4 * feature(c.all_of("ret.a", {m.field("op.ret"), present[0]})) +
                         4 * feature(c.all_of("ret.b", {m.field("op.ret"), present[1]}));
  fields["n"] = static_byte_count(m);
}

}  // namespace c2w::compiler::gadgets
