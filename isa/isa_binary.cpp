// Binary encoding of c2w programs. Layout: magic "C2WPROG1", the memory layout, then
// length-prefixed sections: files, functions, code (op, four operand kinds, four
// values, target), source map, data.
#include "isa/isa_binary.h"

#include <cstring>

#include "support/errors.h"

namespace c2w::isa {
namespace {

constexpr char kMagic[8] = {'C', '2', 'W', 'P', 'R', 'O', 'G', '1'};

class Writer {
 public:
  void u8(uint8_t v) { bytes.push_back(v); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    bytes.insert(bytes.end(), s.begin(), s.end());
  }
  std::vector<uint8_t> bytes;
};

class Reader {
 public:
  Reader(const std::vector<uint8_t>& b, const std::string& what) : b_(b), what_(what) {}
  [[noreturn]] void fail(const std::string& why) {
    throw UserError(what_ + ": error: not a valid c2w program image (" + why + ")");
  }
  void need(size_t n) {
    if (b_.size() - pos_ < n) fail("truncated at byte " + std::to_string(pos_));
  }
  uint8_t u8() {
    need(1);
    return b_[pos_++];
  }
  uint32_t u32() {
    need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(b_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return v;
  }
  // A count of items each at least `item_size` bytes: bounded by what is left.
  uint32_t count(size_t item_size) {
    uint32_t n = u32();
    if (item_size && n > (b_.size() - pos_) / item_size)
      fail("count " + std::to_string(n) + " exceeds the file");
    return n;
  }
  std::string str() {
    uint32_t n = count(1);
    std::string s(reinterpret_cast<const char*>(&b_[pos_]), n);
    pos_ += n;
    return s;
  }
  void magic() {
    need(sizeof kMagic);
    if (std::memcmp(&b_[pos_], kMagic, sizeof kMagic) != 0) fail("bad magic");
    pos_ += sizeof kMagic;
  }
  bool at_end() const { return pos_ == b_.size(); }

 private:
  const std::vector<uint8_t>& b_;
  std::string what_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<uint8_t> encode_program(const Program& p) {
  Writer w;
  w.bytes.insert(w.bytes.end(), kMagic, kMagic + sizeof kMagic);
  for (uint32_t v : {p.data_base, p.stack_base, p.stack_size, p.heap_base, p.memory_size}) w.u32(v);
  w.u32(static_cast<uint32_t>(p.files.size()));
  for (const auto& f : p.files) w.str(f);
  w.u32(static_cast<uint32_t>(p.functions.size()));
  for (const auto& f : p.functions) {
    w.str(f.name);
    w.u32(f.entry);
    w.u32(f.end);
    w.u32(f.frame_size);
  }
  w.u32(static_cast<uint32_t>(p.code.size()));
  for (const auto& ins : p.code) {
    w.u8(static_cast<uint8_t>(ins.op));
    for (const Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c}) w.u8(static_cast<uint8_t>(o->kind));
    for (const Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c}) w.u32(static_cast<uint32_t>(o->value));
    w.u32(ins.target);
  }
  for (const auto& loc : p.source_map) {
    w.u32(loc.file);
    w.u32(loc.line);
    w.u32(loc.column);
  }
  w.u32(static_cast<uint32_t>(p.data.size()));
  w.bytes.insert(w.bytes.end(), p.data.begin(), p.data.end());
  return std::move(w.bytes);
}

Program decode_program(const std::vector<uint8_t>& bytes, const std::string& what) {
  Reader r(bytes, what);
  r.magic();
  Program p;
  p.data_base = r.u32();
  p.stack_base = r.u32();
  p.stack_size = r.u32();
  p.heap_base = r.u32();
  p.memory_size = r.u32();
  p.files.resize(r.count(4));
  for (auto& f : p.files) f = r.str();
  p.functions.resize(r.count(16));
  for (auto& f : p.functions) {
    f.name = r.str();
    f.entry = r.u32();
    f.end = r.u32();
    f.frame_size = r.u32();
  }
  p.code.resize(r.count(25 + 12));
  for (auto& ins : p.code) {
    uint8_t op = r.u8();
    if (op >= kOpcodeCount) r.fail("unknown opcode " + std::to_string(op));
    ins.op = static_cast<Opcode>(op);
    for (Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c}) {
      uint8_t k = r.u8();
      if (k > static_cast<uint8_t>(OperandKind::Imm)) r.fail("unknown operand kind");
      o->kind = static_cast<OperandKind>(k);
    }
    for (Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c}) o->value = static_cast<int32_t>(r.u32());
    ins.target = r.u32();
  }
  p.source_map.resize(p.code.size());
  for (auto& loc : p.source_map) {
    loc.file = r.u32();
    loc.line = r.u32();
    loc.column = r.u32();
  }
  uint32_t data_size = r.count(1);
  p.data.resize(data_size);
  for (auto& b : p.data) b = r.u8();
  if (!r.at_end()) r.fail("trailing bytes");
  validate_program(p, what);
  return p;
}

void validate_program(const Program& p, const std::string& what) {
  auto fail = [&](const std::string& why) {
    throw UserError(what + ": error: inconsistent c2w program (" + why + ")");
  };
  if (p.code.empty() || p.functions.empty()) fail("no code");
  if (p.source_map.size() != p.code.size()) fail("source map size differs from code size");
  if (p.memory_size > kMaxMemorySize) fail("memory larger than 16 MiB");
  if (p.data_base < 4 || uint64_t(p.data_base) + p.data.size() > p.stack_base ||
      uint64_t(p.stack_base) + p.stack_size > p.heap_base || p.heap_base > p.memory_size)
    fail("memory layout out of order");
  uint32_t expected_entry = 0;
  for (const Function& f : p.functions) {
    if (f.entry != expected_entry || f.end < f.entry || f.end > p.code.size())
      fail("function '" + f.name + "' pc range");
    if (f.frame_size > p.stack_size) fail("function '" + f.name + "' frame larger than the stack");
    expected_entry = f.end;
  }
  if (expected_entry != p.code.size()) fail("functions do not cover the code");
  for (const SourceLocation& loc : p.source_map)
    if (loc.file >= p.files.size()) fail("source map names an unknown file");
  for (uint32_t pc = 0; pc < p.code.size(); ++pc) {
    const Instruction& ins = p.code[pc];
    if (has_target(ins.op) && ins.target >= p.code.size())
      fail("target out of range at pc " + std::to_string(pc));
    if (ins.op == Opcode::Call && !p.function_entered_at(ins.target))
      fail("call to a non-function at pc " + std::to_string(pc));
    if (info(ins.op).writes_dst_word &&
        (ins.dst.kind == OperandKind::None || ins.dst.kind == OperandKind::Imm))
      fail("instruction without a writable destination at pc " + std::to_string(pc));
    const Operand* out = ins.op == Opcode::Call ? &ins.a : ins.op == Opcode::CallI ? &ins.b : nullptr;
    if (out && (out->kind != OperandKind::Imm || out->value < 8 ||
                uint32_t(out->value) > p.function_at(pc)->frame_size))
      fail("call without a valid outgoing-area offset at pc " + std::to_string(pc));
    if (ins.op == Opcode::Lea && ins.a.kind != OperandKind::Imm)
      fail("lea of a non-immediate at pc " + std::to_string(pc));
    for (const Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c}) {
      if (o->kind == OperandKind::Abs &&
          (uint32_t(o->value) < p.data_base || uint64_t(uint32_t(o->value)) + 4 > p.memory_size))
        fail("absolute operand out of memory at pc " + std::to_string(pc));
      if (o->kind == OperandKind::Slot &&
          (o->value < 0 || uint64_t(uint32_t(o->value)) + 4 > p.function_at(pc)->frame_size))
        fail("frame slot outside the function's frame at pc " + std::to_string(pc));
    }
  }
}

}  // namespace c2w::isa
