// The ROM read back from the weights (see rom_check.h).
#include "verify/rom_check.h"

#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "isa/semantics.h"
#include "isa/trace_format.h"

namespace c2w::verify {
namespace {

using isa::Opcode;
using isa::OperandKind;

// One pc token's column, read by field name; a field the model lacks reads 0.
class Column {
 public:
  Column(const neural::Model& model, const std::map<std::string, int>& coordinate, int token)
      : model_(model), coordinate_(coordinate), token_(token) {}
  double operator()(const std::string& field) const {
    auto it = coordinate_.find("rom." + field);
    return it == coordinate_.end() ? 0.0 : model_.embedding(it->second, token_);
  }

 private:
  const neural::Model& model_;
  const std::map<std::string, int>& coordinate_;
  int token_;
};

// The first difference between a pc's column and its instruction, or nothing.
class RowCheck {
 public:
  RowCheck(const Column& column, const isa::Program& p, uint32_t pc) : col_(column), p_(p), pc_(pc) {}

  std::optional<std::string> run(const std::vector<uint32_t>& entry_frames) {
    const isa::Instruction& ins = p_.code[pc_];
    opcode(ins.op);
    expect("pc", pc_);
    expect("target", ins.target);
    expect("next", ins.op == Opcode::Jmp || ins.op == Opcode::Call ? ins.target : pc_ + 1);
    operand("a", ins.a);
    operand("b", ins.b);
    operand("c", ins.c);
    destination(ins);
    const bool call = ins.op == Opcode::Call || ins.op == Opcode::CallI;
    const uint32_t out = call ? isa::outgoing_offset(ins) : 0;
    expect("out", out);
    for (int k = 0; k < 3; ++k) expect("out" + std::to_string(k), (out >> (8 * k)) & 0xFF);
    double limit = 0;
    if (ins.op == Opcode::Call) {
      uint32_t frame = ins.target < entry_frames.size() ? entry_frames[ins.target] : isa::kNotAnEntry;
      limit = double(isa::highest_callee_fp(p_, frame == isa::kNotAnEntry ? 0 : frame));
    }
    expect("limit", limit);
    expect("width", isa::is_load(ins.op) || isa::is_store(ins.op) ? isa::access_width(ins.op) : 0);
    expect("ret_words4", ins.op == Opcode::Ret ? 4 * !ins.a.is_none() + 4 * !ins.b.is_none() : 0);
    expect("n", trace::step_byte_count(ins.op));
    return difference_;
  }

 private:
  void expect(const std::string& field, double want) {
    if (difference_) return;
    double got = col_(field);
    if (got != want)
      difference_ = "rom." + field + " is " + number(got) + ", the instruction says " + number(want);
  }
  static std::string number(double v) {
    return v == std::floor(v) && std::fabs(v) < 1e15 ? std::to_string(int64_t(v)) : std::to_string(v);
  }

  void opcode(Opcode op) {
    for (int code = 0; code < isa::kOpcodeCount; ++code)
      expect(std::string("op.") + isa::kOpcodeInfo[code].mnemonic, code == int(op) ? 1 : 0);
  }

  // Slot: slot 1, mem 1, addr the offset, no fallback; Abs: mem 1, addr, the data
  // image's bytes as fallback; Imm (and an absent operand, the immediate 0): mem 0,
  // addr 0, the value's bytes.
  void operand(const std::string& x, const isa::Operand& o) {
    const uint32_t value = uint32_t(o.value);
    expect(x + ".slot", o.kind == OperandKind::Slot);
    expect(x + ".mem", o.kind == OperandKind::Slot || o.kind == OperandKind::Abs);
    expect(x + ".addr", o.kind == OperandKind::Slot || o.kind == OperandKind::Abs ? double(o.value) : 0.0);
    for (int k = 0; k < 4; ++k) {
      uint32_t fb = o.kind == OperandKind::Abs   ? isa::initial_byte(p_, value + uint32_t(k))
                    : o.kind == OperandKind::Imm ? (value >> (8 * k)) & 0xFF
                                                 : 0;
      expect(x + ".fb" + std::to_string(k), fb);
    }
  }

  void destination(const isa::Instruction& ins) {
    const bool writes =
        isa::info(ins.op).writes_dst_word || ins.op == Opcode::Call || ins.op == Opcode::CallI;
    const bool has = writes && !ins.dst.is_none();
    expect("has_dst", has);
    expect("dst", has ? double(ins.dst.value) : 0.0);
    expect("dst.slot", has && ins.dst.kind == OperandKind::Slot);
    for (int k = 0; k < 4; ++k)
      expect("dst.fb" + std::to_string(k), has && ins.dst.kind == OperandKind::Abs
                                               ? isa::initial_byte(p_, uint32_t(ins.dst.value) + uint32_t(k))
                                               : 0);
  }

  const Column& col_;
  const isa::Program& p_;
  uint32_t pc_;
  std::optional<std::string> difference_;
};

}  // namespace

Obligation check_rom(const neural::Model& model, const neural::ModelConfig& config,
                     const isa::Program& program) {
  auto start = std::chrono::steady_clock::now();
  Obligation o{"rom", "the pc embeddings are the program", Status::Unknown, "", "", 0};
  auto done = [&](Status s, const std::string& text) {
    o.status = s;
    (s == Status::Refuted ? o.counterexample : o.detail) = text;
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return o;
  };

  // The ROM's coordinates: embedding features (written at stage -1) named rom.*.
  std::map<std::string, int> coordinate;
  for (size_t c = 0; c < config.residual_slots.size(); ++c)
    for (const auto& use : config.residual_slots[c])
      if (use.written == -1 && use.feature.rfind("rom.", 0) == 0) {
        if (!coordinate.emplace(use.feature, int(c)).second)
          return done(Status::Unknown, "the config names " + use.feature + " twice");
        if (int(c) >= model.d_model) return done(Status::Refuted, use.feature + " lies outside the residual");
      }
  if (coordinate.empty()) return done(Status::Unknown, "the config names no rom.* coordinates");

  const std::vector<uint32_t> entry_frames = isa::entry_frame_sizes(program);
  for (uint32_t pc = 0; pc < program.code.size(); ++pc) {
    const int token = int(trace::pc_token(pc));
    if (token >= model.vocab_size() ||
        model.vocabulary[size_t(token)] != trace::token_name(trace::Token(token)))
      return done(Status::Refuted, "pc " + std::to_string(pc) + ": the vocabulary has no token " +
                                       trace::token_name(trace::Token(token)) + " where the trace puts it");
    Column column(model, coordinate, token);
    if (auto difference = RowCheck(column, program, pc).run(entry_frames))
      return done(Status::Refuted, "pc " + std::to_string(pc) + " (" +
                                       isa::info(program.code[pc].op).mnemonic + "): " + *difference);
  }
  return done(Status::Proved, std::to_string(program.code.size()) + " pc columns decoded over " +
                                  std::to_string(coordinate.size()) +
                                  " rom.* coordinates: each is its instruction (op, operands, "
                                  "destination, target, next pc, call area and limit, width, byte count)");
}

}  // namespace c2w::verify
