// The c2w machine as a circuit (see machine_circuit.h for the plan).
#include "compiler/machine_circuit.h"
#include "compiler/universal_prompt.h"

#include <array>
#include <cmath>
#include <map>

#include "isa/semantics.h"
#include "isa/trace_format.h"

namespace c2w::compiler {
namespace {

using circuit::Circuit;
using circuit::FeatureId;
using circuit::HeadOp;
using circuit::LinExpr;
using isa::Opcode;
using isa::OperandKind;
using Bytes = std::array<LinExpr, 4>;

constexpr double kHuge = 1125899906842624.0;  // 2^50: a key penalty no real score reaches
constexpr double kGate = 68719476736.0;        // 2^36: big-M for gating values below 2^36
constexpr double kSmall = 1024;                // big-M for offsets and counts
constexpr double kLogitKind = 1048576;         // 2^20: the bonus of the token kind to emit
constexpr int kMaxStepBytes = 11;              // ret: fp (3) + two words (8)

constexpr double pow256(int k) { return k == 0 ? 1 : 256 * pow256(k - 1); }
LinExpr F(FeatureId f) { return LinExpr::of(f); }
LinExpr word(const Bytes& b) { return b[0] + pow256(1) * b[1] + pow256(2) * b[2] + pow256(3) * b[3]; }

class Builder {
 public:
  // Specialised: the program's instructions in the pc tokens' embeddings.
  Builder(Circuit& c, const isa::Program& p) : c_(c), p_(p), universal_(false) {}
  // Universal: the program in the prompt (compiler/universal_prompt.h).
  Builder(Circuit& c, const isa::Program& layout_only, const UniversalLayout& u) : c_(c), p_(layout_only), universal_(true), u_(u) {}

  void build();

 private:
  // ---- ROM: per-pc fields in the embeddings of the pc tokens ----
  FeatureId rom(const std::string& name) {
    FeatureId f = c_.embedding("rom." + name);
    rom_order_.push_back(f);
    rom_[name] = f;
    return f;
  }
  void rom_set(const std::string& name, uint32_t pc, double v) { c_.set_embedding(rom_.at(name), int(trace::pc_token(pc)), v); }
  LinExpr cur(const std::string& name) const {
    auto it = cur_.find(name);
    return it == cur_.end() ? LinExpr(0) : it->second;
  }
  LinExpr flag(Opcode op) const { return cur(std::string("op.") + isa::info(op).mnemonic); }
  LinExpr flags(std::initializer_list<Opcode> ops) const {
    LinExpr e;
    for (Opcode op : ops) e += flag(op);
    return e;
  }

  // ---- gadgets over bytes ----
  Bytes add_bytes(const std::string& name, const Bytes& x, const Bytes& y, const LinExpr& carry_in) {
    std::array<LinExpr, 5> carry;
    carry[0] = carry_in;
    LinExpr low = carry_in;
    for (int k = 1; k <= 4; ++k) {
      low += pow256(k - 1) * (x[k - 1] + y[k - 1]);
      carry[k] = F(c_.is_nonneg(name + ".carry" + std::to_string(k), low - pow256(k)));
    }
    Bytes r;
    for (int k = 0; k < 4; ++k) r[k] = x[k] + y[k] + carry[k] - 256 * carry[k + 1];
    return r;
  }
  Bytes negate_bytes(const std::string& name, const Bytes& x) {
    Bytes inverted;
    for (int k = 0; k < 4; ++k) inverted[k] = 255 - x[k];
    return add_bytes(name, inverted, {0, 0, 0, 0}, 1);
  }
  // The bytes of an integer word in [0, 2^32): three threshold counts, high first.
  Bytes extract_bytes(const std::string& name, const LinExpr& x) {
    Bytes r;
    LinExpr rest = x;
    for (int k = 3; k >= 1; --k) {
      FeatureId digit = c_.count_thresholds(name + ".byte" + std::to_string(k), rest, pow256(k), 255);
      r[k] = F(digit);
      rest = rest - pow256(k) * F(digit);
    }
    r[0] = rest;
    return r;
  }
  // Bits of a byte, low first: split into nibbles, then a bit table per nibble.
  std::array<LinExpr, 8> bits_of(const std::string& name, const LinExpr& byte) {
    FeatureId hi = c_.count_thresholds(name + ".hi", byte, 16, 15);
    LinExpr nibble[2] = {byte - 16 * F(hi), F(hi)};
    std::array<LinExpr, 8> bits;
    for (int n = 0; n < 2; ++n)
      for (int j = 0; j < 4; ++j) {
        std::vector<double> table(16);
        for (int v = 0; v < 16; ++v) table[size_t(v)] = (v >> j) & 1;
        bits[size_t(4 * n + j)] = F(c_.table(name + ".bit" + std::to_string(4 * n + j), nibble[n], table));
      }
    return bits;
  }
  // flag * bytes, flag in {0, 1}.
  Bytes gate_bytes(const std::string& name, const LinExpr& flag, const Bytes& b) {
    Bytes r;
    for (int k = 0; k < 4; ++k) r[k] = F(c_.relu_mul(name + ".b" + std::to_string(k), flag, b[k]));
    return r;
  }
  // Reads of a memory byte at `address` (an integer < 2^25): the latest write to it.
  // Returns (winner address, byte) features.
  std::pair<LinExpr, LinExpr> memory_lookup(const std::string& name, const LinExpr& address) {
    HeadOp h;
    h.query_x = address;
    h.query_y = 1;
    h.key_x = 2 * write_address_;
    h.key_y = -write_address_sq_;
    h.values = {write_address_, F(tok_byte_)};
    auto out = c_.head(name, h);
    return {F(out[0]), F(out[1])};
  }
  // Values of P's features at every position of P's step.
  std::vector<LinExpr> fetch_from_step(const std::string& name, const std::vector<LinExpr>& values) {
    HeadOp h;
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = F(is_pc_);
    h.key_y = 0;
    h.values = values;
    std::vector<LinExpr> r;
    for (FeatureId f : c_.head(name, h)) r.push_back(F(f));
    return r;
  }

  void make_vocabulary_and_embeddings();
  void make_rom();

  Circuit& c_;
  const isa::Program& p_;  // universal mode: only the memory layout fields are used
  bool universal_;
  UniversalLayout u_;
  FeatureId tok_pc_ = -1, is_eoi_ = -1, is_data_ = -1;
  int pc_count() const { return universal_ ? u_.max_pc : int(p_.code.size()); }
  // Universal mode: the byte token of the prompt at `position`. Only the prompt's byte
  // tokens have a key on the parabola (2p, -p^2); every other position shares the one
  // key (0, -2^50), so the cache keeps O(prompt) keys however long the run.
  LinExpr prompt_kx_, prompt_ky_;
  LinExpr token_at(const std::string& name, const LinExpr& position) {
    HeadOp h;
    h.query_x = position;
    h.query_y = 1;
    h.key_x = prompt_kx_;
    h.key_y = prompt_ky_;
    h.values = {F(tok_byte_)};
    return F(c_.head(name, h)[0]);
  }
  void make_fetch();
  std::map<std::string, FeatureId> rom_;
  std::map<std::string, LinExpr> cur_;  // the current instruction's fields, at every position
  std::vector<FeatureId> rom_order_;
  FeatureId tok_byte_ = -1, is_byte_ = -1, is_pc_ = -1, is_in_ = -1, in_val_ = -1, is_bos_ = -1;
  std::array<FeatureId, 3> init_fp_{};
  LinExpr write_address_, write_address_sq_;

 public:
  std::vector<std::string> vocabulary;
};

void Builder::make_vocabulary_and_embeddings() {
  const int vocab = int(trace::kPcBase) + pc_count() + (universal_ ? 256 : 0);
  c_.set_vocab_size(vocab);
  for (int t = 0; t < vocab; ++t) {
    std::string name = trace::token_name(trace::Token(t));
    if (name == "<trap:?>" || name == "<trap:none>") name = "<unused:" + std::to_string(t) + ">";
    if (t >= int(trace::kPcBase) + pc_count()) name = data_token_name(uint32_t(t - int(trace::kPcBase) - pc_count()));
    vocabulary.push_back(name);
  }
  tok_byte_ = c_.embedding("tok.byte");
  is_byte_ = c_.embedding("tok.is_byte");
  is_pc_ = c_.embedding("tok.is_pc");
  is_in_ = c_.embedding("tok.is_in");
  in_val_ = c_.embedding("tok.in");
  is_bos_ = c_.embedding("tok.is_bos");
  for (int b = 0; b < 256; ++b) {
    c_.set_embedding(tok_byte_, int(trace::byte_token(uint32_t(b))), b);
    c_.set_embedding(is_byte_, int(trace::byte_token(uint32_t(b))), 1);
    c_.set_embedding(is_in_, int(trace::in_token(uint32_t(b))), 1);
    c_.set_embedding(in_val_, int(trace::in_token(uint32_t(b))), b);
  }
  c_.set_embedding(is_bos_, int(trace::kBos), 1);
  for (int k = 0; k < 3; ++k) {
    init_fp_[size_t(k)] = c_.embedding("tok.init_fp" + std::to_string(k));
    c_.set_embedding(init_fp_[size_t(k)], int(trace::kBos), (p_.stack_base >> (8 * k)) & 0xFF);
  }
  for (int pc = 0; pc < pc_count(); ++pc) c_.set_embedding(is_pc_, int(trace::pc_token(uint32_t(pc))), 1);
  if (universal_) {
    tok_pc_ = c_.embedding("tok.pc");
    is_eoi_ = c_.embedding("tok.is_eoi");
    is_data_ = c_.embedding("tok.is_data");
    c_.set_embedding(is_eoi_, int(trace::kEndOfInput), 1);
    for (int pc = 0; pc < pc_count(); ++pc) c_.set_embedding(tok_pc_, int(trace::pc_token(uint32_t(pc))), pc);
    for (int b = 0; b < 256; ++b) {
      int t = int(trace::kPcBase) + pc_count() + b;
      c_.set_embedding(is_data_, t, 1);
      c_.set_embedding(tok_byte_, t, b);
    }
  }
}

void Builder::make_rom() {
  // Which opcodes occur: only those get a flag.
  std::vector<bool> present(isa::kOpcodeCount, false);
  for (const isa::Instruction& ins : p_.code) present[size_t(ins.op)] = true;
  for (int op = 0; op < isa::kOpcodeCount; ++op)
    if (present[size_t(op)]) rom(std::string("op.") + isa::kOpcodeInfo[op].mnemonic);
  rom("pc");
  rom("next");  // the pc after the step when nothing dynamic decides it
  rom("target");
  for (const char* x : {"a", "b", "c"}) {
    rom(std::string(x) + ".slot");
    rom(std::string(x) + ".addr");
    rom(std::string(x) + ".mem");
    for (int k = 0; k < 4; ++k) rom(std::string(x) + ".fb" + std::to_string(k));
  }
  rom("dst");
  rom("dst.slot");
  rom("has_dst");
  for (int k = 0; k < 4; ++k) rom("dst.fb" + std::to_string(k));  // a global destination's data-image bytes
  rom("out");
  for (int k = 0; k < 3; ++k) rom("out" + std::to_string(k));
  rom("limit");  // call: the highest callee fp whose frame fits the stack
  rom("width");
  rom("ret_words4");
  rom("n");  // byte tokens of the step (before the final token), when static

  std::vector<uint32_t> entry_frame(p_.code.size(), 0);
  for (size_t i = 1; i < p_.functions.size(); ++i) entry_frame[p_.functions[i].entry] = p_.functions[i].frame_size;

  auto initial_byte = [&](uint32_t address) -> uint32_t {
    if (address >= p_.data_base && address - p_.data_base < p_.data.size()) return p_.data[address - p_.data_base];
    return 0;
  };
  for (uint32_t pc = 0; pc < p_.code.size(); ++pc) {
    const isa::Instruction& ins = p_.code[pc];
    const std::string where = "pc " + std::to_string(pc) + " (" + std::string(isa::info(ins.op).mnemonic) + ")";
    rom_set(std::string("op.") + isa::info(ins.op).mnemonic, pc, 1);
    rom_set("pc", pc, pc);
    bool jumps = ins.op == Opcode::Jmp || ins.op == Opcode::Call;
    rom_set("next", pc, jumps ? ins.target : pc + 1);
    rom_set("target", pc, ins.target);
    const isa::Operand* ops[3] = {&ins.a, &ins.b, &ins.c};
    const char* names[3] = {"a", "b", "c"};
    for (int i = 0; i < 3; ++i) {
      const isa::Operand& o = *ops[i];
      std::string x = names[i];
      switch (o.kind) {
        case OperandKind::Slot:
          rom_set(x + ".slot", pc, 1);
          rom_set(x + ".addr", pc, o.value);
          rom_set(x + ".mem", pc, 1);
          break;
        case OperandKind::Abs:
          if (o.value < 0) throw MachineCircuitError(where + ": an unresolved function reference");
          rom_set(x + ".addr", pc, o.value);
          rom_set(x + ".mem", pc, 1);
          for (int k = 0; k < 4; ++k) rom_set(x + ".fb" + std::to_string(k), pc, initial_byte(uint32_t(o.value) + uint32_t(k)));
          break;
        case OperandKind::Imm:
          for (int k = 0; k < 4; ++k) rom_set(x + ".fb" + std::to_string(k), pc, (uint32_t(o.value) >> (8 * k)) & 0xFF);
          break;
        case OperandKind::None: break;
      }
    }
    bool writes = isa::info(ins.op).writes_dst_word || ins.op == Opcode::Call || ins.op == Opcode::CallI;
    if (writes && !ins.dst.is_none()) {
      if (ins.dst.kind != OperandKind::Slot && ins.dst.kind != OperandKind::Abs)
        throw MachineCircuitError(where + ": a destination that is neither a frame slot nor an address");
      if (ins.dst.kind == OperandKind::Slot) rom_set("dst.slot", pc, 1);
      if (ins.dst.kind == OperandKind::Abs)
        for (int k = 0; k < 4; ++k) rom_set("dst.fb" + std::to_string(k), pc, initial_byte(uint32_t(ins.dst.value) + uint32_t(k)));
      rom_set("dst", pc, ins.dst.value);
      rom_set("has_dst", pc, 1);
    }
    if (ins.op == Opcode::Call || ins.op == Opcode::CallI) {
      int32_t out = ins.op == Opcode::Call ? ins.a.value : ins.b.value;
      if (out <= 0 || out >= (1 << 24))
        throw MachineCircuitError(where + ": the outgoing area must start inside the frame, after offset 0");
      rom_set("out", pc, out);
      for (int k = 0; k < 3; ++k) rom_set("out" + std::to_string(k), pc, (uint32_t(out) >> (8 * k)) & 0xFF);
      if (ins.op == Opcode::Call)
        rom_set("limit", pc, double(isa::highest_callee_fp(p_, entry_frame.at(ins.target))));
    }
    if (isa::is_load(ins.op) || isa::is_store(ins.op)) rom_set("width", pc, isa::access_width(ins.op));
    if (ins.op == Opcode::Ret) {
      if (ins.a.is_none() && !ins.b.is_none()) throw MachineCircuitError(where + ": a high word without a low word");
      rom_set("ret_words4", pc, 4 * (!ins.a.is_none()) + 4 * (!ins.b.is_none()));
    }
    rom_set("n", pc, trace::step_byte_count(ins.op));
  }
}

void Builder::make_fetch() {
  const LinExpr p = c_.p();
  HeadOp h;
  h.query_x = 1;
  h.query_y = 0;
  h.key_x = F(is_pc_);
  h.key_y = 0;
  h.values = {p, F(tok_pc_), F(is_pc_)};
  auto step = c_.head("step", h);
  HeadOp e;
  e.query_x = 1;
  e.query_y = 0;
  e.key_x = F(is_eoi_);
  e.key_y = 0;
  e.values = {p};
  const LinExpr eoi = F(c_.head("eoi", e)[0]);
  const LinExpr pc = F(step[1]), valid = F(step[2]);  // valid: a pc token has been seen
  {
    const LinExpr off = valid + 1 - F(is_byte_);  // 0 exactly at the prompt's byte tokens
    LinExpr marked = F(c_.all_of("prompt.byte", {F(is_byte_), 1 - valid}));
    LinExpr pm = F(c_.ffn("prompt.p", {{p - 67108864.0 * off, 1, 1}}));
    LinExpr p2m = F(c_.ffn("prompt.p^2", {{F(c_.square()) - 2251799813685248.0 * off, 1, 1}}));
    prompt_kx_ = 2 * pm;
    prompt_ky_ = -p2m + kHuge * marked - kHuge;
  }
  cur_["P"] = F(step[0]);
  cur_["pc"] = pc;
  cur_["eoi"] = eoi;
  cur_["N"] = token_at("count0", eoi + 1 + kHeaderInstructionCount) + 256 * token_at("count1", eoi + 1 + kHeaderInstructionCount + 1);
  cur_["records"] = eoi + 1 + kHeaderSize;
  const LinExpr base = cur_["records"] + kRecordSize * pc;
  auto field = [&](int f) { return token_at("fetch." + std::to_string(f), base + f); };
  LinExpr op = field(kFieldOp);
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    cur_[std::string("op.") + isa::kOpcodeInfo[k].mnemonic] =
        F(c_.is_zero_if(std::string("op.") + isa::kOpcodeInfo[k].mnemonic, valid, op - k, kSmall));
  std::array<Bytes, 3> value_bytes;
  std::array<LinExpr, 3> present;
  const char* names[3] = {"a", "b", "c"};
  for (int i = 0; i < 3; ++i) {
    std::string x = names[i];
    LinExpr kind = field(kFieldOperand + kOperandFieldSize * i);
    Bytes v;
    for (int k = 0; k < 4; ++k) v[size_t(k)] = field(kFieldOperand + kOperandFieldSize * i + 1 + k);
    value_bytes[size_t(i)] = v;
    LinExpr slot = F(c_.is_zero_if(x + ".slot", valid, kind - 1, kSmall));
    LinExpr abs = F(c_.is_zero_if(x + ".abs", valid, kind - 2, kSmall));
    LinExpr imm = F(c_.is_zero_if(x + ".imm", valid, kind - 3, kSmall));
    present[size_t(i)] = F(c_.is_nonneg_if(x + ".present", valid, kind - 1, kSmall));
    cur_[x + ".slot"] = slot;
    cur_[x + ".mem"] = slot + abs;
    cur_[x + ".addr"] = F(c_.gate_nonneg(x + ".addr", slot + abs, word(v), kGate));
    for (int k = 0; k < 4; ++k) cur_[x + ".fb" + std::to_string(k)] = F(c_.gate_nonneg(x + ".fb" + std::to_string(k), imm, v[size_t(k)], kSmall));
  }
  LinExpr dst_kind = field(kFieldDstKind);
  cur_["dst.slot"] = F(c_.is_zero_if("dst.slot", valid, dst_kind - 1, kSmall));
  cur_["has_dst"] = F(c_.is_nonneg_if("has_dst", valid, dst_kind - 1, kSmall));
  cur_["dst"] = field(kFieldDst) + 256 * field(kFieldDst + 1) + 65536 * field(kFieldDst + 2);
  const LinExpr target = field(kFieldTarget) + 256 * field(kFieldTarget + 1);
  cur_["target"] = target;
  cur_["limit"] = field(kFieldLimit) + 256 * field(kFieldLimit + 1) + 65536 * field(kFieldLimit + 2);
  const LinExpr f_call = cur("op.call"), f_calli = cur("op.calli");
  cur_["out"] = F(c_.gate_nonneg("out.call", f_call, word(value_bytes[0]), kGate)) +
                F(c_.gate_nonneg("out.calli", f_calli, word(value_bytes[1]), kGate));
  for (int k = 0; k < 3; ++k)
    cur_["out" + std::to_string(k)] = F(c_.gate_nonneg("out" + std::to_string(k) + ".call", f_call, value_bytes[0][size_t(k)], kSmall)) +
                                      F(c_.gate_nonneg("out" + std::to_string(k) + ".calli", f_calli, value_bytes[1][size_t(k)], kSmall));
  cur_["next"] = pc + 1 + F(c_.relu_mul("next.jump", cur("op.jmp") + f_call, target - pc - 1));
  LinExpr width;
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    if (isa::is_load(Opcode(k)) || isa::is_store(Opcode(k))) width += isa::access_width(Opcode(k)) * flag(Opcode(k));
  cur_["width"] = width;
  cur_["ret_words4"] = 4 * F(c_.all_of("ret.a", {cur("op.ret"), present[0]})) + 4 * F(c_.all_of("ret.b", {cur("op.ret"), present[1]}));
  LinExpr n;  // trace::step_byte_count of the current op
  for (Opcode op : {Opcode::GetC, Opcode::St8, Opcode::St16, Opcode::St32, Opcode::Call, Opcode::CallI, Opcode::Ret,
                    Opcode::Halt})
    n += trace::step_byte_count(op) * flag(op);
  for (int k = 0; k < isa::kOpcodeCount; ++k)
    if (isa::kOpcodeInfo[k].writes_dst_word && Opcode(k) != Opcode::GetC) n += trace::step_byte_count(Opcode(k)) * flag(Opcode(k));
  cur_["n"] = n;
}

void Builder::build() {
  make_vocabulary_and_embeddings();
  const LinExpr p = c_.p();
  const LinExpr tok = F(tok_byte_);

  // ---- where am I: the step's pc token and its ROM (or its record in the prompt) ----
  if (universal_) make_fetch();
  else {
    make_rom();
    HeadOp h;
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = F(is_pc_);
    h.key_y = 0;
    h.values.push_back(p);
    for (FeatureId f : rom_order_) h.values.push_back(F(f));
    auto out = c_.head("step", h);
    cur_["P"] = F(out[0]);
    for (size_t i = 0; i < rom_order_.size(); ++i) cur_[c_.features()[size_t(rom_order_[i])].name.substr(4)] = F(out[i + 1]);
  }
  const LinExpr o = p - cur("P");
  std::vector<LinExpr> at_offset;  // [o == k]
  for (int k = 0; k <= kMaxStepBytes; ++k) at_offset.push_back(F(c_.is_zero("o==" + std::to_string(k), o - k)));
  // The step's k-th spelled byte (k = 1..3): the latest position at offset k. Two keys
  // in all, so the cache stays O(1) for these heads.
  Bytes spelled{0, 0, 0, 0};
  for (int k = 1; k <= 3; ++k) {
    HeadOp h;
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = at_offset[size_t(k)];
    h.key_y = 0;
    h.values = {tok};
    spelled[size_t(k - 1)] = F(c_.head("spelled" + std::to_string(k), h)[0]);
  }

  const LinExpr f_call = flags({Opcode::Call, Opcode::CallI});
  const LinExpr f_ret = flag(Opcode::Ret), f_getc = flag(Opcode::GetC);

  // ---- registers: fp and the input cursor, complete at the third spelled byte ----
  const LinExpr mark_fp = F(c_.is_zero_if("mark.fp", f_call + f_ret, o - 3, kSmall));
  const LinExpr mark_cursor = F(c_.is_zero_if("mark.cursor", f_getc, o - 3, kSmall));
  // The initial fp: at <bos> (specialised), or spelled after <eoi> (universal).
  const LinExpr initial_mark = universal_ ? F(c_.is_zero("mark.fp0", p - cur("eoi") - 3)) : F(is_bos_);
  auto latest_register = [&](const std::string& name, const LinExpr& mark, bool with_init) {
    HeadOp h;
    h.query_x = 1;
    h.query_y = 0;
    h.key_x = mark + (with_init ? initial_mark : F(is_bos_));
    h.key_y = 0;
    h.values = {spelled[0], spelled[1], spelled[2]};
    if (with_init && !universal_)
      for (int k = 0; k < 3; ++k) h.values[size_t(k)] += F(init_fp_[size_t(k)]);
    if (with_init && universal_)  // at the initial mark: the prompt's fp bytes after <eoi>
      for (int k = 0; k < 3; ++k) {
        std::string n = name + ".init" + std::to_string(k);
        h.values[size_t(k)] = F(c_.relu_mul(n + ".step", 1 - initial_mark, spelled[size_t(k)])) +
                              F(c_.relu_mul(n, initial_mark, token_at(n + ".byte", cur("eoi") + 1 + kHeaderInitialFp + k)));
      }
    auto out = c_.head(name, h);
    return Bytes{F(out[0]), F(out[1]), F(out[2]), 0};
  };
  const Bytes fp_bytes = latest_register("fp", mark_fp, true);
  const Bytes cursor_bytes = latest_register("cursor", mark_cursor, false);  // 0 at <bos>
  const LinExpr fp = word(fp_bytes), cursor = word(cursor_bytes);

  // ---- call records: at a call's first fp byte, keyed by the callee fp ----
  const LinExpr mark_call = F(c_.is_zero_if("mark.call", f_call, o - 1, kSmall));
  const LinExpr callee_fp = fp + cur("out");
  const LinExpr callee_fp_sq = F(c_.relu_mul("callee_fp^2", callee_fp, callee_fp));

  // ---- the address of the byte written at this position ----
  const LinExpr f_dst_op = [&] {
    LinExpr e;
    for (int op = 0; op < isa::kOpcodeCount; ++op)
      if (isa::kOpcodeInfo[op].writes_dst_word && Opcode(op) != Opcode::GetC) e += flag(Opcode(op));
    return e;
  }();
  const LinExpr f_store = flags({Opcode::St8, Opcode::St16, Opcode::St32});
  const LinExpr is_byte = F(is_byte_);
  const LinExpr w_dst = F(c_.all_of("write.dst", {f_dst_op, is_byte}));
  const LinExpr w_getc = F(c_.is_nonneg_if("write.getc", f_getc + is_byte - 1, o - 4, kSmall));
  const LinExpr w_store = F(c_.is_nonneg_if("write.store", f_store + is_byte - 1, o - 4, kSmall));
  const LinExpr w_ret = F(c_.is_nonneg_if("write.ret", f_ret + is_byte - 1, o - 4, kSmall));

  // The frame a ret returns to: looked up at P, fetched by the return value's bytes.
  HeadOp rec;
  rec.query_x = fp;
  rec.query_y = 1;
  rec.key_x = 2 * callee_fp;
  rec.key_y = -callee_fp_sq + kHuge * mark_call - kHuge;
  rec.values = {callee_fp, mark_call, fp_bytes[0], fp_bytes[1], fp_bytes[2], cur("pc") + 1, cur("dst"), cur("has_dst"), cur("dst.slot")};
  auto rec_out = c_.head("frame", rec);
  const LinExpr rec_fp = F(rec_out[0]), rec_mark = F(rec_out[1]);
  const Bytes rec_caller{F(rec_out[2]), F(rec_out[3]), F(rec_out[4]), 0};
  const LinExpr rec_return = F(rec_out[5]), rec_dst = F(rec_out[6]), rec_has_dst = F(rec_out[7]);
  const LinExpr rec_ok = F(c_.is_zero_if("frame.ok", rec_mark, rec_fp - fp, kGate));
  const auto step_rec = fetch_from_step("frame.dst@step", {rec_dst, F(rec_out[8])});
  const LinExpr step_rec_dst = step_rec[0];
  // Destination bases: fp for frame slots, 0 for absolute addresses.
  const LinExpr dst_base = F(c_.gate_nonneg("dst.fp", cur("dst.slot"), fp, kGate)) + cur("dst");
  const LinExpr ret_base = F(c_.gate_nonneg("ret.fp", step_rec[1], fp, kGate)) + step_rec_dst;

  {
    struct Role { LinExpr mark, address; };
    std::vector<Role> roles = {
        {w_dst, dst_base + o - 1},
        {w_getc, dst_base + o - 4},
        {w_store, word(spelled) + o - 4},
        {w_ret, ret_base + o - 4},
    };
    if (universal_)  // the data image: records x(a0) x(a1) x(a2) d:XX in the prompt
      roles.push_back({F(is_data_), token_at("data.a0", p - 3) + 256 * token_at("data.a1", p - 2) + 65536 * token_at("data.a2", p - 1)});
    std::vector<circuit::Neuron> addr, sq;
    for (const Role& r : roles) {
      LinExpr gate = r.address + kGate * (r.mark - 1);
      addr.push_back({gate, 1, 1});
      sq.push_back({gate, r.address, 1});
    }
    write_address_ = F(c_.ffn("write.address", addr));
    write_address_sq_ = F(c_.ffn("write.address^2", sq));
  }

  // ---- operands at P ----
  auto read_operand = [&](const std::string& x) {
    LinExpr address = F(c_.gate_nonneg(x + ".fp", cur(x + ".slot"), fp, kGate)) + cur(x + ".addr");
    Bytes bytes;
    for (int k = 0; k < 4; ++k) {
      std::string n = x + std::to_string(k);
      auto [winner, byte] = memory_lookup("read." + n, address + k);
      LinExpr hit = F(c_.is_zero("hit." + n, winner - address - k));
      LinExpr fallback = cur(x + ".fb" + std::to_string(k));
      bytes[size_t(k)] = fallback + F(c_.relu_mul(x + std::to_string(k), cur(x + ".mem") + hit - 1, byte - fallback));
    }
    return bytes;
  };
  const Bytes a = read_operand("a"), b = read_operand("b"), cc = read_operand("c");
  const LinExpr A = word(a), B = word(b);
  const LinExpr sign_a = F(c_.is_nonneg("sign.a", a[3] - 128)), sign_b = F(c_.is_nonneg("sign.b", b[3] - 128));

  // Comparisons (shared by the compare ops and the branches).
  const LinExpr sa = A + 2147483648.0 - 4294967296.0 * sign_a, sb = B + 2147483648.0 - 4294967296.0 * sign_b;
  const LinExpr eq = F(c_.is_zero("eq", A - B));
  const LinExpr lt_u = F(c_.is_nonneg("lt_u", B - A - 1)), le_u = F(c_.is_nonneg("le_u", B - A));
  const LinExpr lt_s = F(c_.is_nonneg("lt_s", sb - sa - 1)), le_s = F(c_.is_nonneg("le_s", sb - sa));

  // Dst value bytes: every op's candidate, gated by its flag.
  Bytes value{0, 0, 0, 0};
  auto offer = [&](const std::string& name, const LinExpr& f, const Bytes& bytes) {
    if (f.is_constant()) return;
    Bytes g = gate_bytes("value." + name, f, bytes);
    for (int k = 0; k < 4; ++k) value[size_t(k)] += g[size_t(k)];
  };
  auto bool_bytes = [](const LinExpr& v) { return Bytes{v, 0, 0, 0}; };
  Bytes inv_b;
  for (int k = 0; k < 4; ++k) inv_b[size_t(k)] = 255 - b[size_t(k)];
  offer("add", flag(Opcode::Add), add_bytes("add", a, b, 0));
  offer("sub", flag(Opcode::Sub), add_bytes("sub", a, inv_b, 1));
  offer("lea", flag(Opcode::Lea), add_bytes("lea", fp_bytes, a, 0));
  offer("mov", flag(Opcode::Mov), a);
  {
    LinExpr s8 = F(c_.is_nonneg("sext8.sign", a[0] - 128)), s16 = F(c_.is_nonneg("sext16.sign", a[1] - 128));
    offer("sext8", flag(Opcode::SExt8), {a[0], 255 * s8, 255 * s8, 255 * s8});
    offer("sext16", flag(Opcode::SExt16), {a[0], a[1], 255 * s16, 255 * s16});
  }
  offer("eq", flag(Opcode::Eq), bool_bytes(eq));
  offer("ne", flag(Opcode::Ne), bool_bytes(1 - eq));
  offer("lt_u", flag(Opcode::LtU), bool_bytes(lt_u));
  offer("le_u", flag(Opcode::LeU), bool_bytes(le_u));
  offer("lt_s", flag(Opcode::LtS), bool_bytes(lt_s));
  offer("le_s", flag(Opcode::LeS), bool_bytes(le_s));
  if (!flag(Opcode::Select).is_constant()) {
    LinExpr nonzero = 1 - F(c_.is_zero("select.zero", A));
    Bytes sel;
    for (int k = 0; k < 4; ++k) sel[size_t(k)] = cc[size_t(k)] + F(c_.relu_mul("select" + std::to_string(k), nonzero, b[size_t(k)] - cc[size_t(k)]));
    offer("select", flag(Opcode::Select), sel);
  }

  // Bits (bitwise ops and shifts).
  const LinExpr f_bitwise = flags({Opcode::And, Opcode::Or, Opcode::Xor});
  const LinExpr f_shift = flags({Opcode::Shl, Opcode::ShrU, Opcode::ShrS});
  const LinExpr f_count = flags({Opcode::Popcnt, Opcode::Clz, Opcode::Ctz});
  LinExpr extract_in;  // integer results cut into bytes below
  if (!f_bitwise.is_constant() || !f_shift.is_constant() || !f_count.is_constant()) {
    std::array<std::array<LinExpr, 8>, 4> abits;
    for (int k = 0; k < 4; ++k) abits[size_t(k)] = bits_of("a.bits" + std::to_string(k), a[size_t(k)]);
    if (!f_count.is_constant()) {
      // popcnt is the sum of the bits. clz counts the k whose bits k..31 are all 0,
      // ctz the k whose bits 0..k are all 0: ReLU(1 - s) is 1 for a zero count s of
      // set bits and 0 for any other.
      auto bit = [&](int i) { return abits[size_t(i / 8)][size_t(i % 8)]; };
      LinExpr ones, suffix, prefix;
      std::vector<circuit::Neuron> leading, trailing;
      for (int i = 0; i < 32; ++i) {
        ones += bit(i);
        suffix += bit(31 - i);
        prefix += bit(i);
        leading.push_back({1 - suffix, 1, 1});
        trailing.push_back({1 - prefix, 1, 1});
      }
      offer("popcnt", flag(Opcode::Popcnt), {ones, 0, 0, 0});
      if (!flag(Opcode::Clz).is_constant()) offer("clz", flag(Opcode::Clz), {F(c_.ffn("clz", leading)), 0, 0, 0});
      if (!flag(Opcode::Ctz).is_constant()) offer("ctz", flag(Opcode::Ctz), {F(c_.ffn("ctz", trailing)), 0, 0, 0});
    }
    if (!f_bitwise.is_constant()) {
      Bytes band, bor, bxor;
      for (int k = 0; k < 4; ++k) {
        auto bbits = bits_of("b.bits" + std::to_string(k), b[size_t(k)]);
        std::vector<circuit::Neuron> n;
        for (int j = 0; j < 8; ++j) n.push_back({abits[size_t(k)][size_t(j)] + bbits[size_t(j)] - 1, 1, double(1 << j)});
        LinExpr both = F(c_.ffn("and" + std::to_string(k), n));
        band[size_t(k)] = both;
        bor[size_t(k)] = a[size_t(k)] + b[size_t(k)] - both;
        bxor[size_t(k)] = a[size_t(k)] + b[size_t(k)] - 2 * both;
      }
      offer("and", flag(Opcode::And), band);
      offer("or", flag(Opcode::Or), bor);
      offer("xor", flag(Opcode::Xor), bxor);
    }
    if (!f_shift.is_constant()) {
      // s = b & 31: the low five bits of b's first byte.
      LinExpr b0low = b[0] - 32 * F(c_.count_thresholds("shift.high", b[0], 32, 7));
      const LinExpr& s = b0low;
      std::vector<circuit::Neuron> low, high;
      for (int i = 0; i < 32; ++i) {
        LinExpr bit = abits[size_t(i / 8)][size_t(i % 8)];
        LinExpr keep_low = F(c_.is_nonneg("shl.keep" + std::to_string(i), 31 - i - s));
        LinExpr keep_high = F(c_.is_nonneg("shr.keep" + std::to_string(i), i - s));
        low.push_back({bit + keep_low - 1, 1, std::ldexp(1.0, i)});
        high.push_back({bit + keep_high - 1, 1, std::ldexp(1.0, i)});
      }
      LinExpr low_bits = F(c_.ffn("shl.low", low)), high_bits = F(c_.ffn("shr.high", high));
      std::vector<double> pow(32), ipow(32), fill(32);
      for (int i = 0; i < 32; ++i) pow[size_t(i)] = std::ldexp(1.0, i), ipow[size_t(i)] = std::ldexp(1.0, -i),
                                   fill[size_t(i)] = 4294967296.0 - std::ldexp(1.0, 32 - i);
      LinExpr shl = F(c_.relu_mul("shl", F(c_.table("2^s", s, pow)), low_bits));
      LinExpr shr = F(c_.relu_mul("shr_u", F(c_.table("2^-s", s, ipow)), high_bits));
      LinExpr sra = shr + F(c_.relu_mul("shr_s.fill", sign_a, F(c_.table("fill(s)", s, fill))));
      extract_in += F(c_.relu_mul("ext.shl", flag(Opcode::Shl), shl));
      extract_in += F(c_.relu_mul("ext.shr_u", flag(Opcode::ShrU), shr));
      extract_in += F(c_.relu_mul("ext.shr_s", flag(Opcode::ShrS), sra));
    }
  }

  // Multiplication: byte products, column sums, one carry count.
  const LinExpr f_mul = flags({Opcode::Mul, Opcode::MulHU, Opcode::MulHS});
  if (!f_mul.is_constant()) {
    std::array<LinExpr, 7> column;
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j)
        column[size_t(i + j)] += F(c_.relu_mul("mul.p" + std::to_string(i) + std::to_string(j), a[size_t(i)], b[size_t(j)]));
    LinExpr low = column[0] + pow256(1) * column[1] + pow256(2) * column[2] + pow256(3) * column[3];
    LinExpr carry = F(c_.count_thresholds("mul.carry", low, 4294967296.0, 1023));
    LinExpr mul = low - 4294967296.0 * carry;
    LinExpr mulhu = carry + column[4] + pow256(1) * column[5] + pow256(2) * column[6];
    LinExpr t = mulhu - F(c_.relu_mul("mulhs.a", sign_a, B)) - F(c_.relu_mul("mulhs.b", sign_b, A)) + 8589934592.0;
    LinExpr mulhs = t - 4294967296.0 * F(c_.count_thresholds("mulhs.wrap", t, 4294967296.0, 2));
    extract_in += F(c_.relu_mul("ext.mul", flag(Opcode::Mul), mul));
    extract_in += F(c_.relu_mul("ext.mulhu", flag(Opcode::MulHU), mulhu));
    extract_in += F(c_.relu_mul("ext.mulhs", flag(Opcode::MulHS), mulhs));
  }

  // Division: radix-256 long division of |a| by |b| (signed ops) or a by b.
  const LinExpr f_div = flags({Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS});
  LinExpr rems_negate;
  if (!f_div.is_constant()) {
    LinExpr f_signed = flags({Opcode::DivS, Opcode::RemS});
    LinExpr neg_a = F(c_.all_of("div.neg_a", {f_signed, sign_a})), neg_b = F(c_.all_of("div.neg_b", {f_signed, sign_b}));
    Bytes na = negate_bytes("div.-a", a), nb = negate_bytes("div.-b", b);
    Bytes n;
    for (int k = 0; k < 4; ++k) n[size_t(k)] = a[size_t(k)] + F(c_.relu_mul("div.n" + std::to_string(k), neg_a, na[size_t(k)] - a[size_t(k)]));
    LinExpr d = c_.compact("div.d", B + F(c_.relu_mul("div.d", neg_b, word(nb) - B)));
    LinExpr r = 0;
    Bytes q;
    for (int k = 3; k >= 0; --k) {
      LinExpr rk = c_.compact("div.r" + std::to_string(k), 256 * r + n[size_t(k)]);
      std::vector<circuit::Neuron> steps;
      for (int m = 1; m <= 255; ++m) {
        steps.push_back({rk - m * d + 1, 1, 1});
        steps.push_back({rk - m * d, 1, -1});
      }
      LinExpr digit = F(c_.ffn("div.q" + std::to_string(k), steps));
      q[size_t(k)] = digit;
      r = rk - F(c_.relu_mul("div.qd" + std::to_string(k), digit, d));
    }
    LinExpr neg_q = neg_a + neg_b - 2 * F(c_.all_of("div.both", {neg_a, neg_b}));
    Bytes minus_q = negate_bytes("div.-q", q);
    Bytes quotient;
    for (int k = 0; k < 4; ++k) quotient[size_t(k)] = q[size_t(k)] + F(c_.relu_mul("div.sq" + std::to_string(k), neg_q, minus_q[size_t(k)] - q[size_t(k)]));
    offer("div", flags({Opcode::DivU, Opcode::DivS}), quotient);
    extract_in += F(c_.relu_mul("ext.rem", flags({Opcode::RemU, Opcode::RemS}), r));
    rems_negate = F(c_.all_of("rems.neg", {flag(Opcode::RemS), neg_a}));
  }
  if (!extract_in.is_constant()) {
    Bytes e = extract_bytes("word", extract_in);
    if (!rems_negate.is_constant()) {
      Bytes minus_e = negate_bytes("rems.-r", e);
      for (int k = 0; k < 4; ++k) e[size_t(k)] += F(c_.relu_mul("rems.s" + std::to_string(k), rems_negate, minus_e[size_t(k)] - e[size_t(k)]));
    }
    offer("word", flags({Opcode::Mul, Opcode::MulHU, Opcode::MulHS, Opcode::Shl, Opcode::ShrU, Opcode::ShrS, Opcode::RemU, Opcode::RemS}), e);
  }

  // Loads: address a + b, four byte lookups, the data image when never written.
  const LinExpr f_load = flags({Opcode::Ld8U, Opcode::Ld8S, Opcode::Ld16U, Opcode::Ld16S, Opcode::Ld32});
  LinExpr trap_mem = 0;
  auto bounds_trap = [&](const std::string& name, const LinExpr& f, const LinExpr& address) {
    LinExpr above = F(c_.is_nonneg(name + ".low_ok", address - double(p_.data_base)));
    LinExpr below = F(c_.is_nonneg(name + ".high_ok", double(p_.memory_size) - cur("width") - address));
    return F(c_.is_nonneg_if(name + ".oob", f, 1 - above - below, kSmall));  // 2 - ok - ok >= 1
  };
  if (!f_load.is_constant()) {
    LinExpr sum = A + B;
    LinExpr address = sum - 4294967296.0 * F(c_.is_nonneg("load.wrap", sum - 4294967296.0));
    LinExpr clamped = address - F(c_.relu_mul("load.clamp", address - 16777216.0, 1));
    Bytes l;
    std::vector<double> image(p_.data.begin(), p_.data.end());
    image.push_back(0);
    for (int k = 0; k < 4; ++k) {
      auto [winner, byte] = memory_lookup("load" + std::to_string(k), clamped + k);
      LinExpr hit = F(c_.is_zero("load.hit" + std::to_string(k), winner - clamped - k));
      // Never written: the data image (specialised: a table over the address; universal:
      // the image is in the prompt as writes, so a miss reads zero).
      LinExpr initial = universal_ ? LinExpr(0) : F(c_.table("data" + std::to_string(k), clamped + k - double(p_.data_base), image));
      l[size_t(k)] = initial + F(c_.relu_mul("load" + std::to_string(k) + ".byte", hit, byte - initial));
    }
    LinExpr s0 = F(c_.is_nonneg("ld8.sign", l[0] - 128)), s1 = F(c_.is_nonneg("ld16.sign", l[1] - 128));
    offer("ld32", flag(Opcode::Ld32), l);
    offer("ld16_u", flag(Opcode::Ld16U), {l[0], l[1], 0, 0});
    offer("ld16_s", flag(Opcode::Ld16S), {l[0], l[1], 255 * s1, 255 * s1});
    offer("ld8_u", flag(Opcode::Ld8U), {l[0], 0, 0, 0});
    offer("ld8_s", flag(Opcode::Ld8S), {l[0], 255 * s0, 255 * s0, 255 * s0});
    trap_mem += bounds_trap("load", f_load, address);
  }

  // The step's byte tokens B1..B11.
  std::array<LinExpr, kMaxStepBytes> plan;
  for (int k = 0; k < 4; ++k) plan[size_t(k)] += value[size_t(k)];
  if (!f_store.is_constant()) {
    Bytes address = add_bytes("store.address", a, cc, 0);
    LinExpr wrapped = word(address);
    trap_mem += bounds_trap("store", f_store, wrapped);
    Bytes ga = gate_bytes("store.addr", f_store, address), gb = gate_bytes("store.data", f_store, b);
    for (int k = 0; k < 3; ++k) plan[size_t(k)] += ga[size_t(k)];
    for (int k = 0; k < 4; ++k) plan[size_t(3 + k)] += gb[size_t(k)];
  }
  LinExpr trap_overflow = 0, trap_badcall = 0, next = cur("next");
  if (!f_call.is_constant()) {
    Bytes callee = add_bytes("call.fp", fp_bytes, {cur("out0"), cur("out1"), cur("out2"), 0}, 0);
    Bytes g = gate_bytes("call.fp", f_call, callee);
    for (int k = 0; k < 3; ++k) plan[size_t(k)] += g[size_t(k)];
    trap_overflow += F(c_.is_nonneg_if("call.overflow", flag(Opcode::Call), callee_fp - cur("limit") - 1, kGate));
    if (!flag(Opcode::CallI).is_constant()) {
      // Clamp the target first: a wild pointer must not blow the tables up.
      LinExpr target = A - F(c_.relu_mul("calli.clamp", A - double(pc_count()), 1));
      LinExpr is_entry, limit;
      if (!universal_) {
        std::vector<double> entry(p_.code.size() + 1, 0), limits(p_.code.size() + 1, 0);
        for (size_t i = 1; i < p_.functions.size(); ++i) {
          entry[p_.functions[i].entry] = 1;
          limits[p_.functions[i].entry] = double(isa::highest_callee_fp(p_, p_.functions[i].frame_size));
        }
        is_entry = F(c_.table("calli.entry", target, entry));
        limit = F(c_.table("calli.limit", target, limits));
      } else {  // the target's record: its entry flag and limit, valid when target < N
        LinExpr record = cur("records") + kRecordSize * target;
        LinExpr in_range = F(c_.is_nonneg("calli.in_range", cur("N") - 1 - target));
        is_entry = F(c_.gate_nonneg("calli.entry", in_range, token_at("calli.entry_raw", record + kFieldEntry), kSmall));
        Bytes l{token_at("calli.limit0", record + kFieldEntryLimit), token_at("calli.limit1", record + kFieldEntryLimit + 1),
                token_at("calli.limit2", record + kFieldEntryLimit + 2), 0};
        limit = word(l);
      }
      LinExpr good = F(c_.all_of("calli.good", {flag(Opcode::CallI), is_entry}));
      trap_badcall += flag(Opcode::CallI) - good;
      trap_overflow += F(c_.is_nonneg_if("calli.overflow", good, callee_fp - limit - 1, kGate));
      next += F(c_.relu_mul("next.calli", flag(Opcode::CallI), A - cur("next")));
    }
  }
  LinExpr n_dynamic = 0;
  if (!f_ret.is_constant()) {
    Bytes g = gate_bytes("ret.fp", f_ret, rec_caller);
    for (int k = 0; k < 3; ++k) plan[size_t(k)] += g[size_t(k)];
    Bytes lo = gate_bytes("ret.lo", f_ret, a), hi = gate_bytes("ret.hi", f_ret, b);
    for (int k = 0; k < 4; ++k) plan[size_t(3 + k)] += lo[size_t(k)], plan[size_t(7 + k)] += hi[size_t(k)];
    n_dynamic += F(c_.relu_mul("ret.words", rec_has_dst, cur("ret_words4")));
    trap_badcall += f_ret - F(c_.all_of("ret.ok", {f_ret, rec_ok}));
    next += F(c_.relu_mul("next.ret", f_ret, rec_return - cur("next")));
  }
  // A destination op spells its value only up to the highest byte that differs from
  // the destination's bytes before the step (trace_format.h): read those at P like an
  // operand (a miss: the data image in the ROM, or 0); the equal top bytes are dropped
  // from the step's byte count below.
  Bytes same{0, 0, 0, 0};
  if (!f_dst_op.is_constant()) {
    Bytes old;
    for (int k = 0; k < 4; ++k) {
      const std::string n = "dst.old" + std::to_string(k);
      auto [winner, byte] = memory_lookup("read." + n, dst_base + k);
      LinExpr hit = F(c_.is_zero("hit." + n, winner - dst_base - k));
      LinExpr fallback = cur("dst.fb" + std::to_string(k));
      old[size_t(k)] = fallback + F(c_.relu_mul(n, hit, byte - fallback));
      same[size_t(k)] = F(c_.is_zero("dst.same" + std::to_string(k), value[size_t(k)] - old[size_t(k)]));
    }
  }
  if (!f_getc.is_constant()) {
    // Keys on the parabola (2p, -p^2) at the prompt's input bytes only; every other
    // position shares the one key (0, -2^50), so the cache keeps O(input) keys however
    // long the run.
    const LinExpr not_in = 1 - F(is_in_);
    const LinExpr p_in = F(c_.ffn("input.p", {{p - 67108864.0 * not_in, 1, 1}}));
    const LinExpr p2_in = F(c_.ffn("input.p^2", {{F(c_.square()) - 2251799813685248.0 * not_in, 1, 1}}));
    HeadOp h;
    h.query_x = cursor + 1;
    h.query_y = 1;
    h.key_x = 2 * p_in;
    h.key_y = -p2_in + kHuge * F(is_in_) - kHuge;
    h.values = {p, F(in_val_), F(is_in_)};
    auto in = c_.head("input", h);
    LinExpr got = F(c_.is_zero_if("input.got", F(in[2]), F(in[0]) - cursor - 1, kGate));
    Bytes moved = add_bytes("getc.cursor", cursor_bytes, {got, 0, 0, 0}, 0);
    // At the end of the input: the bytes of isa::kGetcEndOfInput (all 255).
    static_assert(isa::kGetcEndOfInput == 0xFFFFFFFFu);
    Bytes v{255 + F(c_.relu_mul("getc.byte", got, F(in[1]) - 255)), 255 - 255 * got, 255 - 255 * got, 255 - 255 * got};
    Bytes g1 = gate_bytes("getc.cursor", f_getc, moved), g2 = gate_bytes("getc.value", f_getc, v);
    for (int k = 0; k < 3; ++k) plan[size_t(k)] += g1[size_t(k)];
    for (int k = 0; k < 4; ++k) plan[size_t(3 + k)] += g2[size_t(k)];
  }
  const LinExpr f_branch = flags({Opcode::BrEq, Opcode::BrNe, Opcode::BrLtS, Opcode::BrLeS, Opcode::BrLtU, Opcode::BrLeU});
  if (!f_branch.is_constant()) {
    std::vector<circuit::Neuron> taken;
    auto cond = [&](Opcode op, const LinExpr& v) {
      if (!flag(op).is_constant()) taken.push_back({flag(op) + v - 1, 1, 1});
    };
    cond(Opcode::BrEq, eq), cond(Opcode::BrNe, 1 - eq), cond(Opcode::BrLtS, lt_s), cond(Opcode::BrLeS, le_s);
    cond(Opcode::BrLtU, lt_u), cond(Opcode::BrLeU, le_u);
    LinExpr t = F(c_.ffn("branch.taken", taken));
    next += F(c_.relu_mul("next.branch", t, cur("target") - cur("next")));
  }
  LinExpr trap_div = 0;
  if (!f_div.is_constant()) trap_div = F(c_.all_of("div0", {f_div, F(c_.is_zero("b==0", B))}));
  const LinExpr halt = flag(Opcode::Halt), putc = flag(Opcode::PutC);
  if (!halt.is_constant()) plan[0] += F(c_.relu_mul("halt.code", halt, a[0]));

  std::array<LinExpr, 6> trap{0, trap_div, trap_mem, trap_overflow, trap_badcall, flag(Opcode::Trap)};
  LinExpr trap_any = 0;
  for (int k = 1; k < 6; ++k) trap_any += trap[size_t(k)];
  LinExpr n = F(c_.gate_nonneg("n", 1 - trap_any, cur("n") + n_dynamic, kSmall));
  if (!f_dst_op.is_constant()) {  // the equal top bytes of a destination op that does not trap: one neuron layer
    const LinExpr go = f_dst_op - trap_any;  // 1 for a destination op that does not trap, <= 0 otherwise
    n -= F(c_.all_of("dst.kept3", {go, same[3]})) + F(c_.all_of("dst.kept2", {go, same[3], same[2]})) +
         F(c_.all_of("dst.kept1", {go, same[3], same[2], same[1]})) +
         F(c_.all_of("dst.kept0", {go, same[3], same[2], same[1], same[0]}));
  }
  LinExpr final_pc = 1 - halt - trap_any;

  // ---- every position of the step: emit token o+1 of P's plan ----
  std::vector<LinExpr> carried(plan.begin(), plan.end());
  carried.push_back(n);
  carried.push_back(next);
  carried.push_back(final_pc);
  carried.push_back(putc);
  carried.push_back(a[0]);
  carried.push_back(halt);
  for (int k = 1; k < 6; ++k) carried.push_back(trap[size_t(k)]);
  auto got = fetch_from_step("plan", carried);
  const LinExpr step_n = got[kMaxStepBytes], step_next = got[kMaxStepBytes + 1], step_final_pc = got[kMaxStepBytes + 2];
  const LinExpr step_putc = got[kMaxStepBytes + 3], step_out = got[kMaxStepBytes + 4], step_halt = got[kMaxStepBytes + 5];

  std::vector<circuit::Neuron> pick;
  for (int k = 0; k < kMaxStepBytes; ++k) pick.push_back({got[size_t(k)] + kSmall * (at_offset[size_t(k)] - 1), 1, 1});
  LinExpr byte_here = F(c_.ffn("emit.byte_value", pick));
  LinExpr kind_byte = F(c_.is_nonneg("emit.is_byte", step_n - o - 1));
  LinExpr kind_out = F(c_.all_of("emit.is_out", {step_putc, at_offset[0]}));
  LinExpr is_final = F(c_.is_zero("emit.is_final", o - step_n - step_putc));
  LinExpr kind_pc = F(c_.all_of("emit.is_pc", {is_final, step_final_pc}));
  LinExpr kind_halt = F(c_.all_of("emit.is_halt", {is_final, step_halt}));
  LinExpr x_byte = F(c_.gate_nonneg("emit.byte", kind_byte, byte_here, kSmall));
  LinExpr x_out = F(c_.gate_nonneg("emit.out", kind_out, step_out, kSmall));
  LinExpr x_pc = F(c_.gate_nonneg("emit.pc", kind_pc, step_next, kGate));

  for (int t = 0; t < c_.vocab_size(); ++t) c_.set_logit(t, -kLogitKind);
  for (int j = 0; j < 256; ++j) {
    c_.set_logit(int(trace::byte_token(uint32_t(j))), 2.0 * j * x_byte - double(j) * j + kLogitKind * kind_byte);
    c_.set_logit(int(trace::out_token(uint32_t(j))), 2.0 * j * x_out - double(j) * j + kLogitKind * kind_out);
  }
  for (uint32_t pc = 0; pc < uint32_t(pc_count()); ++pc)
    c_.set_logit(int(trace::pc_token(pc)), 2.0 * pc * x_pc - double(pc) * pc + kLogitKind * kind_pc);
  c_.set_logit(int(trace::kHalt), kLogitKind * kind_halt);
  for (int k = 1; k < 6; ++k) {
    LinExpr kind = F(c_.all_of("emit.trap" + std::to_string(k), {is_final, got[size_t(kMaxStepBytes + 5 + k)]}));
    c_.set_logit(int(trace::trap_token(uint32_t(k))), kLogitKind * kind);
  }
}

}  // namespace

MachineCircuit build_universal_circuit(const UniversalLayout& layout) {
  isa::Program memory;  // only the layout fields matter
  memory.data_base = isa::kNullGuardSize;
  memory.memory_size = layout.memory_size;
  MachineCircuit m;
  Builder b(m.circuit, memory, layout);
  b.build();
  m.vocabulary = std::move(b.vocabulary);
  return m;
}

MachineCircuit build_machine_circuit(const isa::Program& program) {
  if (program.code.empty()) throw MachineCircuitError("the program has no code");
  if (program.memory_size > isa::kMaxMemorySize) throw MachineCircuitError("memory is larger than 2^24 bytes");
  MachineCircuit m;
  Builder b(m.circuit, program);
  b.build();
  m.vocabulary = std::move(b.vocabulary);
  return m;
}

}  // namespace c2w::compiler
