// The universal model's prompt (see universal_prompt.h for the layout). Every field is
// checked against the layout constants as it is written, so the encoder and the
// instruction-fetch heads cannot drift apart.
#include "compiler/universal_prompt.h"

#include <cstdio>

#include "isa/semantics.h"
#include "isa/trace_format.h"
#include "support/errors.h"

namespace c2w::compiler {

using isa::Opcode;
using isa::OperandKind;

std::string data_token_name(uint32_t byte) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "d:%02x", byte & 0xFF);
  return buf;
}

namespace {

[[noreturn]] void fail(const std::string& why) {
  throw MachineCircuitError("the universal model cannot take this program: " + why);
}

void add_byte(std::vector<std::string>& t, uint32_t v) {
  t.push_back(trace::token_name(trace::byte_token(v & 0xFF)));
}

// Instruction pc's record. entry_limit: at a function's entry the highest callee fp
// whose frame fits (what a call into it checks), else -1.
void add_record(std::vector<std::string>& t, const isa::Program& program, uint32_t pc,
                const std::vector<int64_t>& entry_limit) {
  const isa::Instruction& ins = program.code[pc];
  const std::string where = "pc " + std::to_string(pc);
  const size_t start = t.size();
  auto byte = [&](uint32_t v) { add_byte(t, v); };
  auto expect_field = [&](int field) {
    C2W_CHECK(t.size() - start == size_t(field), "a record field is not where the layout puts it");
  };
  expect_field(kFieldOp);
  byte(uint32_t(ins.op));
  const isa::Operand* operands[3] = {&ins.a, &ins.b, &ins.c};
  for (int i = 0; i < 3; ++i) {
    const isa::Operand* o = operands[i];
    expect_field(kFieldOperand + kOperandFieldSize * i);
    uint32_t kind = o->kind == OperandKind::None   ? 0
                    : o->kind == OperandKind::Slot ? 1
                    : o->kind == OperandKind::Abs  ? 2
                                                   : 3;
    if (o->kind == OperandKind::Abs && o->value < 0) fail(where + ": an unresolved function reference");
    if ((o->kind == OperandKind::Slot || o->kind == OperandKind::Abs) && o->value >= (1 << 24))
      fail(where + ": an operand address beyond 2^24");
    byte(kind);
    for (int k = 0; k < 4; ++k) byte(uint32_t(o->value) >> (8 * k));
  }
  bool writes = isa::info(ins.op).writes_dst_word || ins.op == Opcode::Call || ins.op == Opcode::CallI;
  uint32_t dst_kind = 0;
  if (writes && !ins.dst.is_none()) {
    if (ins.dst.kind != OperandKind::Slot && ins.dst.kind != OperandKind::Abs)
      fail(where + ": an immediate destination");
    if (ins.dst.value < 0 || ins.dst.value >= (1 << 24)) fail(where + ": a destination beyond 2^24");
    dst_kind = ins.dst.kind == OperandKind::Slot ? 1 : 2;
  }
  expect_field(kFieldDstKind);
  byte(dst_kind);
  expect_field(kFieldDst);
  for (int k = 0; k < 3; ++k) byte(dst_kind ? uint32_t(ins.dst.value) >> (8 * k) : 0);
  if (ins.target >= 65536) fail(where + ": a target beyond 65535");
  expect_field(kFieldTarget);
  byte(ins.target), byte(ins.target >> 8);
  if (ins.op == Opcode::Call || ins.op == Opcode::CallI) {
    int32_t out = ins.op == Opcode::Call ? ins.a.value : ins.b.value;
    if (out <= 0 || out >= (1 << 24))
      fail(where + ": the outgoing area must start inside the frame, after offset 0");
  }
  if (ins.op == Opcode::Ret && ins.a.is_none() && !ins.b.is_none())
    fail(where + ": a high word without a low word");
  int64_t limit = ins.op == Opcode::Call && entry_limit.at(ins.target) >= 0 ? entry_limit[ins.target] : 0;
  expect_field(kFieldLimit);
  for (int k = 0; k < 3; ++k) byte(uint32_t(limit) >> (8 * k));
  expect_field(kFieldEntry);
  byte(entry_limit[pc] >= 0 ? 1 : 0);
  expect_field(kFieldEntryLimit);
  for (int k = 0; k < 3; ++k) byte(entry_limit[pc] >= 0 ? uint32_t(entry_limit[pc]) >> (8 * k) : 0);
  C2W_CHECK(t.size() - start == size_t(kRecordSize), "a record does not have the size of the layout");
}

}  // namespace

std::vector<std::string> universal_prompt(const isa::Program& program, const std::string& input,
                                          const UniversalLayout& layout) {
  if (program.code.size() > size_t(layout.max_pc))
    fail(std::to_string(program.code.size()) + " instructions (at most " + std::to_string(layout.max_pc) +
         ")");
  if (program.memory_size != layout.memory_size)
    fail("memory size " + std::to_string(program.memory_size) + " (the model's is " +
         std::to_string(layout.memory_size) + ")");
  if (program.data_base != isa::kNullGuardSize) fail("an unusual data base");
  std::vector<std::string> t;
  t.push_back(trace::token_name(trace::kBos));
  for (unsigned char ch : input) t.push_back(trace::token_name(trace::in_token(ch)));
  t.push_back(trace::token_name(trace::kEndOfInput));

  // The header.
  const size_t header = t.size();
  C2W_CHECK(t.size() - header == size_t(kHeaderInitialFp), "the header's initial fp is misplaced");
  for (int k = 0; k < 3; ++k) add_byte(t, program.stack_base >> (8 * k));
  C2W_CHECK(t.size() - header == size_t(kHeaderInstructionCount),
            "the header's instruction count is misplaced");
  add_byte(t, uint32_t(program.code.size())), add_byte(t, uint32_t(program.code.size()) >> 8);
  C2W_CHECK(t.size() - header == size_t(kHeaderSize), "the header does not have the size of the layout");

  // One record per instruction.
  std::vector<int64_t> entry_limit(program.code.size(), -1);
  for (size_t i = 1; i < program.functions.size(); ++i)
    entry_limit[program.functions[i].entry] =
        isa::highest_callee_fp(program, program.functions[i].frame_size);
  for (uint32_t pc = 0; pc < program.code.size(); ++pc) add_record(t, program, pc, entry_limit);

  // The data image: a write per non-zero byte (memory starts zeroed).
  for (size_t i = 0; i < program.data.size(); ++i) {
    if (program.data[i] == 0) continue;
    uint32_t address = program.data_base + uint32_t(i);
    for (int k = 0; k < 3; ++k) add_byte(t, address >> (8 * k));
    t.push_back(data_token_name(program.data[i]));
  }
  t.push_back(trace::token_name(trace::pc_token(0)));
  return t;
}

}  // namespace c2w::compiler
