// The per-op refutation search of `c2w verify` (see op_refutation.h). Each op gets one
// or a few generated programs: operand words in the data image (so they are looked up
// from memory, the path every real program takes), immediates and frame slots mixed,
// the op's result written to a frame slot or an absolute word, so the destination's
// delta writes are exercised too.
#include "verify/op_refutation.h"

#include <chrono>
#include <map>
#include <random>
#include <sstream>

#include "compiler/machine_circuit.h"
#include "compiler/universal_prompt.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "isa/semantics.h"
#include "isa/trace_format.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"

namespace c2w::verify {

namespace {

using isa::Instruction;
using isa::Opcode;
using isa::Operand;

std::string hex(uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

std::vector<uint32_t> edge_words() {
  return {0,       1,          2,          0x7f,       0x80,       0xff,       0x100,      0xffff,
          0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0xedcba987};
}

// A program under construction: operand words in the data image, then instructions,
// each with a note of the operand values it runs on (for counterexamples).
class ProgramBuilder {
 public:
  ProgramBuilder() { program_.data_base = 0x1000; }

  Operand word(uint32_t value) {
    uint32_t address = program_.data_base + uint32_t(program_.data.size());
    for (int i = 0; i < 4; ++i) program_.data.push_back(uint8_t(value >> (8 * i)));
    return Operand::abs(address);
  }
  // The address of `bytes` fresh bytes of the data image (returned as a number).
  uint32_t bytes(const std::vector<uint8_t>& values) {
    uint32_t address = program_.data_base + uint32_t(program_.data.size());
    program_.data.insert(program_.data.end(), values.begin(), values.end());
    return address;
  }
  uint32_t pc() const { return uint32_t(program_.code.size()); }
  void emit(Instruction ins, std::string note = "") {
    program_.code.push_back(ins);
    notes_.push_back(std::move(note));
  }
  void function(std::string name, uint32_t entry, uint32_t frame) {
    if (!program_.functions.empty()) program_.functions.back().end = entry;
    program_.functions.push_back({std::move(name), entry, 0, frame});
  }

  // Ends with `halt #0` unless told otherwise; lays out the stack after the data.
  isa::Program finish(bool halt = true) {
    if (halt) emit(Instruction{Opcode::Halt, {}, Operand::imm(0), {}, {}, 0});
    if (program_.functions.empty()) program_.functions.push_back({"_start", 0, 0, 64});
    program_.functions.back().end = pc();
    if (program_.functions.front().name != "_start") program_.functions.front().name = "_start";
    while (program_.data.size() % 16) program_.data.push_back(0);
    program_.stack_base = program_.data_base + uint32_t(program_.data.size()) + 0x100;
    program_.stack_size = 0x10000;
    program_.heap_base = program_.stack_base + program_.stack_size;
    program_.memory_size = compiler::UniversalLayout{}.memory_size;
    program_.source_map.assign(program_.code.size(), isa::SourceLocation{});
    program_.files = {""};
    isa::validate_program(program_, "the op search's program");
    return program_;
  }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  isa::Program program_;
  std::vector<std::string> notes_;
};

struct TestProgram {
  isa::Program program;
  std::vector<std::string> notes;  // per pc
  std::string input;
};

Instruction make(Opcode op, Operand dst, Operand a = {}, Operand b = {}, Operand c = {},
                 uint32_t target = 0) {
  return Instruction{op, dst, a, b, c, target};
}

// Operand pairs: every edge pair and `samples` random ones (b != 0 when `nonzero_b`).
std::vector<std::pair<uint32_t, uint32_t>> operand_pairs(int samples, std::mt19937_64& rng, bool nonzero_b,
                                                         bool shift) {
  std::vector<uint32_t> as = edge_words(), bs = edge_words();
  if (shift) bs = {0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63, 0xff, 0x80000001, 0xffffffff};
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t a : as)
    for (uint32_t b : bs) pairs.push_back({a, b});
  for (int i = 0; i < samples; ++i) {
    uint32_t a = uint32_t(rng()), b = uint32_t(rng());
    if (i % 4 == 1) b &= 0xff;  // small divisors and shift amounts
    if (i % 4 == 2) a &= 0xffff;
    pairs.push_back({a, shift ? b & 63 : b});
  }
  if (nonzero_b) std::erase_if(pairs, [](auto& p) { return p.second == 0; });
  return pairs;
}

std::string mnemonic(Opcode op) { return isa::info(op).mnemonic; }

TestProgram pack(ProgramBuilder& b, bool halt = true, std::string input = "") {
  isa::Program p = b.finish(halt);
  return TestProgram{std::move(p), b.notes(), std::move(input)};
}

// The programs that exercise `op`.
// `pc_count`: the pcs the model has (0: unknown).
std::vector<TestProgram> programs_for(Opcode op, int samples, std::mt19937_64& rng, int64_t pc_count) {
  std::vector<TestProgram> out;
  const std::string m = mnemonic(op);
  auto note2 = [&](uint32_t a, uint32_t b) { return m + " a=" + hex(a) + " b=" + hex(b); };
  if ((op >= Opcode::Add && op <= Opcode::LeU)) {
    bool shift = op == Opcode::Shl || op == Opcode::ShrU || op == Opcode::ShrS;
    ProgramBuilder b;
    auto pairs = operand_pairs(samples, rng, isa::is_division(op), shift);
    std::vector<std::pair<Operand, Operand>> words;
    for (auto [x, y] : pairs) words.push_back({b.word(x), b.word(y)});
    Operand scratch = b.word(0);
    for (size_t k = 0; k < pairs.size(); ++k) {
      auto [x, y] = pairs[k];
      switch (k % 3) {
        case 0: b.emit(make(op, Operand::slot(0), words[k].first, words[k].second), note2(x, y)); break;
        case 1:
          b.emit(make(Opcode::Mov, Operand::slot(8), words[k].first), "mov a=" + hex(x));
          b.emit(make(op, Operand::slot(4), Operand::slot(8), Operand::imm(y)), note2(x, y));
          break;
        default: b.emit(make(op, scratch, Operand::imm(x), words[k].second), note2(x, y)); break;
      }
    }
    out.push_back(pack(b));
    if (isa::is_division(op)) {  // the divide-by-zero trap
      ProgramBuilder t;
      Operand a = t.word(7);
      t.emit(make(op, Operand::slot(0), a, Operand::imm(0)), note2(7, 0));
      out.push_back(pack(t));
    }
  } else if (op == Opcode::Mov || op == Opcode::SExt8 || op == Opcode::SExt16 || op == Opcode::Popcnt ||
             op == Opcode::Clz || op == Opcode::Ctz) {
    ProgramBuilder b;
    std::vector<uint32_t> values = edge_words();
    for (int i = 0; i < 32; ++i) values.insert(values.end(), {1u << i, (1u << i) - 1, ~0u << i});
    for (int i = 0; i < samples; ++i) values.push_back(uint32_t(rng()) >> (i % 32));
    for (size_t k = 0; k < values.size(); ++k) {
      Operand a = k % 2 ? b.word(values[k]) : Operand::imm(values[k]);
      b.emit(make(op, Operand::slot(4 * (k % 3)), a), m + " a=" + hex(values[k]));
    }
    out.push_back(pack(b));
  } else if (op == Opcode::Select) {
    ProgramBuilder b;
    for (uint32_t cond : {0u, 1u, 0x100u, 0x80000000u, 0xffffffffu})
      for (int i = 0; i < 1 + samples / 5; ++i) {
        uint32_t x = uint32_t(rng()), y = uint32_t(rng());
        b.emit(make(op, Operand::slot(0), b.word(cond), b.word(x), Operand::imm(y)),
               m + " a=" + hex(cond) + " b=" + hex(x) + " c=" + hex(y));
      }
    out.push_back(pack(b));
  } else if (op == Opcode::Lea) {
    ProgramBuilder b;
    for (uint32_t off : {0u, 4u, 8u, 0xfcu, 0x100u, 0x1f4u, 0xfff0u})
      b.emit(make(op, Operand::slot(0), Operand::imm(off)), m + " a=" + hex(off));
    out.push_back(pack(b));
  } else if (isa::is_load(op)) {
    ProgramBuilder b;
    std::vector<uint8_t> region(64);
    for (auto& byte : region) byte = uint8_t(rng());
    region[5] = 0x80, region[6] = 0xff, region[9] = 0x7f;
    uint32_t base = b.bytes(region);
    for (uint32_t i = 0; i + 4 <= region.size(); ++i) {
      uint32_t off = i % 4;
      Operand address = b.word(base + i - off);
      b.emit(make(op, Operand::slot(4 * (i % 2)), address, Operand::imm(off)),
             m + " address=" + hex(base + i));
    }
    out.push_back(pack(b));
    // Out of bounds: the null guard, then the end of memory.
    for (uint32_t address : {0u, compiler::UniversalLayout{}.memory_size - 1}) {
      ProgramBuilder t;
      t.emit(make(op, Operand::slot(0), t.word(address), Operand::imm(0)), m + " address=" + hex(address));
      out.push_back(pack(t));
    }
  } else if (isa::is_store(op)) {
    ProgramBuilder b;
    uint32_t base = b.bytes(std::vector<uint8_t>(72, 0));
    for (int i = 0; i < 64; ++i) {
      uint32_t value = uint32_t(rng()), off = uint32_t(i % 3);
      Operand address = b.word(base + uint32_t(i) - off);
      b.emit(make(op, {}, address, i % 2 ? b.word(value) : Operand::imm(value), Operand::imm(off)),
             m + " address=" + hex(base + uint32_t(i)) + " value=" + hex(value));
    }
    out.push_back(pack(b));
    for (uint32_t address : {8u, compiler::UniversalLayout{}.memory_size - 1}) {  // out of bounds
      ProgramBuilder t;
      t.emit(make(op, {}, t.word(address), Operand::imm(0x5a), Operand::imm(0)),
             m + " address=" + hex(address));
      out.push_back(pack(t));
    }
  } else if (isa::is_branch(op) || op == Opcode::Jmp) {
    ProgramBuilder b;
    auto pairs = operand_pairs(samples, rng, false, false);
    for (size_t k = 0; k < pairs.size(); ++k) {
      auto [x, y] = pairs[k];
      if (k % 2) y = x;  // equal operands: the other side of every comparison
      uint32_t pc = b.pc();
      if (op == Opcode::Jmp) {
        b.emit(make(op, {}, {}, {}, {}, pc + 2), "jmp");
      } else {
        b.emit(make(op, {}, b.word(x), k % 3 ? b.word(y) : Operand::imm(y), {}, pc + 2), note2(x, y));
      }
      b.emit(make(Opcode::Mov, Operand::slot(12), Operand::imm(uint32_t(k + 1))), "fall-through marker");
    }
    out.push_back(pack(b));
    if (op == Opcode::Jmp && pc_count > 2) {
      // Every pc of the model once: each pc token's embedding and unembedding row is
      // used (a chain of jumps, in two interleaved halves so no jump is to the next pc).
      ProgramBuilder sweep;
      uint32_t n = uint32_t(pc_count) - 1, half = (n + 1) / 2;
      for (uint32_t pc = 0; pc < n; ++pc) {
        // Visit order: 0, half, 1, half + 1, ...; the last one visited jumps to n (the halt).
        uint32_t rank = pc < half ? 2 * pc : 2 * (pc - half) + 1;
        uint32_t next_rank = rank + 1;
        uint32_t target = next_rank >= n ? n : (next_rank % 2 == 0 ? next_rank / 2 : half + next_rank / 2);
        sweep.emit(make(op, {}, {}, {}, {}, target), "jmp sweep");
      }
      out.push_back(pack(sweep));
    }
  } else if (op == Opcode::Call || op == Opcode::CallI || op == Opcode::Ret) {
    // _start calls `add2` (one word back) and `pair` (two words back) directly and
    // through addresses, into slots and absolute words.
    ProgramBuilder b;
    b.function("_start", 0, 64);
    Operand result = b.word(0);
    std::vector<uint32_t> values = edge_words();
    const uint32_t calls_per_value = 4;
    uint32_t add2 = 1 + uint32_t(values.size()) * (2 + calls_per_value), pair = add2 + 2;
    Operand add2_word = b.word(add2);
    for (uint32_t v : values) {
      b.emit(make(Opcode::Mov, Operand::slot(32), b.word(v)), "argument " + hex(v));
      b.emit(make(Opcode::Mov, Operand::slot(36), Operand::imm(~v)), "argument " + hex(~v));
      b.emit(make(Opcode::Call, Operand::slot(8), Operand::imm(32), {}, {}, add2),
             "call add2(" + hex(v) + ")");
      b.emit(make(Opcode::Call, Operand::slot(0), Operand::imm(32), {}, {}, pair),
             "call pair(" + hex(v) + ")");
      b.emit(make(Opcode::CallI, result, Operand::imm(add2), Operand::imm(32)), "calli add2(" + hex(v) + ")");
      b.emit(make(Opcode::CallI, Operand::slot(12), add2_word, Operand::imm(32)),
             "calli [add2](" + hex(v) + ")");
    }
    b.emit(make(Opcode::Halt, {}, Operand::slot(8)), "halt");
    b.function("add2", add2, 16);
    b.emit(make(Opcode::Add, Operand::slot(0), Operand::slot(0), Operand::imm(2)), "add2 body");
    b.emit(make(Opcode::Ret, {}, Operand::slot(0)), "ret one word");
    b.function("pair", pair, 16);
    b.emit(make(Opcode::Xor, Operand::slot(4), Operand::slot(0), Operand::slot(4)), "pair body");
    b.emit(make(Opcode::Ret, {}, Operand::slot(0), Operand::slot(4)), "ret two words");
    out.push_back(pack(b, false));
    // The call traps: an indirect call to a pc that starts no function, and a call whose
    // callee frame would end past the stack.
    ProgramBuilder bad;
    bad.function("_start", 0, 64);
    bad.emit(make(Opcode::CallI, Operand::slot(8), bad.word(1), Operand::imm(32)),
             "calli to pc 1 (no entry)");
    bad.emit(make(Opcode::Halt, {}, Operand::imm(0)), "halt");
    bad.function("f", 2, 16);
    bad.emit(make(Opcode::Ret, {}, Operand::slot(0)), "ret");
    out.push_back(pack(bad, false));
    // The frame limit at its boundary: the callee fp (fp + 32) is the highest whose frame
    // of stack_size − 32 bytes fits, one word less fits no more (a stack overflow), for
    // a direct and an indirect call (whose limit is read at the callee's entry).
    for (Opcode call : {Opcode::Call, Opcode::CallI})
      for (uint32_t frame : {0x10000u - 32, 0x10000u - 28}) {
        ProgramBuilder deep;
        deep.function("_start", 0, 64);
        std::string note = mnemonic(call) + " f of frame " + hex(frame) + " at fp + 32";
        if (call == Opcode::Call)
          deep.emit(make(call, Operand::slot(8), Operand::imm(32), {}, {}, 2), note);
        else
          deep.emit(make(call, Operand::slot(8), Operand::imm(2), Operand::imm(32)), note);
        deep.emit(make(Opcode::Halt, {}, Operand::slot(8)), "halt");
        deep.function("f", 2, frame);
        deep.emit(make(Opcode::Ret, {}, Operand::imm(0x2a)), "ret");
        out.push_back(pack(deep, false));
      }
  } else if (op == Opcode::GetC) {
    ProgramBuilder b;
    std::string input;
    for (int i = 0; i < 256; ++i) input += char(i);
    for (int i = 0; i < 258; ++i) b.emit(make(op, Operand::slot(4 * (i % 2))), "getc #" + std::to_string(i));
    out.push_back(pack(b, true, input));
  } else if (op == Opcode::PutC) {
    ProgramBuilder b;
    for (uint32_t v = 0; v < 256; ++v)
      b.emit(make(op, {}, v % 2 ? b.word(v | (v << 8)) : Operand::imm(v)), "putc a=" + hex(v));
    out.push_back(pack(b));
  } else if (op == Opcode::Halt) {
    for (uint32_t v : {0u, 1u, 42u, 0xffu, 0x1234u, 0xffffffffu}) {
      ProgramBuilder b;
      b.emit(make(op, {}, b.word(v)), "halt a=" + hex(v));
      out.push_back(pack(b, false));
    }
  } else if (op == Opcode::Trap) {
    ProgramBuilder b;
    b.emit(make(op, {}), "trap");
    out.push_back(pack(b, false));
  }
  return out;
}

// Runs one program teacher-forced; fills `result` on a mismatch. Returns false then.
bool run_checked(const neural::Model& model, neural::ForwardPass& forward, const TestProgram& t,
                 const std::vector<std::string>& prompt, OpSearchResult& result) {
  runtime::RunOptions options;
  options.record_trace = true;
  options.input = t.input;
  options.max_steps = 1'000'000;
  runtime::RunResult ref = runtime::run_reference(t.program, options);
  size_t prompt_tokens = runtime::prompt_tokens(t.input).size();
  std::map<std::string, int> ids;
  for (size_t i = 0; i < model.vocabulary.size(); ++i) ids[model.vocabulary[i]] = int(i);
  std::vector<int> trace;
  for (trace::Token token : ref.trace) {
    auto it = ids.find(trace::token_name(token));
    if (it == ids.end()) {
      // The model cannot emit a token the reference trace needs.
      result.ran = true;
      result.refuted = true;
      result.counterexample = "the reference trace needs token " + trace::token_name(token) +
                              ", which the model's vocabulary lacks";
      return false;
    }
    trace.push_back(it->second);
  }
  forward.reset();
  int next = 0;
  runtime::TeacherForcedCheck check;
  try {
    for (const std::string& name : prompt) {
      auto it = ids.find(name);
      if (it == ids.end()) {
        result.note = "the model's vocabulary has no prompt token " + name;
        return true;
      }
      next = forward.step(it->second);
    }
    check = runtime::check_teacher_forced(forward, next, trace, prompt_tokens);
  } catch (const std::exception& e) {
    // The engine cannot run these weights on this program (a key that is not an exact
    // integer, say): the program's trace is not computed, a counterexample in itself.
    result.ran = true;
    result.refuted = true;
    result.counterexample = "the engine stopped at position " + std::to_string(forward.position()) +
                            " of the program's run: " + e.what();
    return false;
  }
  result.ran = true;
  result.tokens += check.matched;
  result.instructions += ref.instructions;
  if (!check.mismatch) return true;
  // The instruction whose step holds the mismatch: the last pc token before it.
  uint32_t pc = 0;
  for (size_t i = check.position; i-- > prompt_tokens - 1;) {
    const std::string& name = model.vocabulary[size_t(trace[i])];
    if (name.size() > 1 && name[0] == '@') {
      pc = uint32_t(std::stoul(name.substr(1)));
      break;
    }
  }
  std::ostringstream s;
  s << "pc " << pc << ": " << isa::print_instruction(t.program.code[pc]);
  if (pc < t.notes.size() && !t.notes[pc].empty()) s << " (" << t.notes[pc] << ")";
  s << ": at trace position " << check.position << " the weights give "
    << model.vocabulary[size_t(check.predicted)] << ", the ISA gives "
    << model.vocabulary[size_t(trace[check.position])];
  result.refuted = true;
  result.counterexample = s.str();
  return false;
}

}  // namespace

std::vector<std::string> searchable_ops() {
  std::vector<std::string> names;
  for (int i = 0; i < isa::kOpcodeCount; ++i) names.push_back(isa::kOpcodeInfo[i].mnemonic);
  return names;
}

OpSearchResult search_op_universal(const neural::Model& model, neural::ForwardPass& forward,
                                   const std::string& op, int samples, uint64_t seed, double seconds,
                                   int64_t pc_count) {
  OpSearchResult result;
  Opcode code;
  if (!isa::opcode_from_mnemonic(op, code)) throw UserError("unknown op '" + op + "'");
  auto start = std::chrono::steady_clock::now();
  std::mt19937_64 rng(seed * 7919 + uint64_t(code));
  for (const TestProgram& t : programs_for(code, samples, rng, pc_count)) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > seconds) {
      result.note = "stopped at the time budget";
      break;
    }
    std::vector<std::string> prompt;
    try {
      prompt = compiler::universal_prompt(t.program, t.input);
    } catch (const std::exception& e) {  // the program does not fit this model's layout
      result.note = std::string("a program of the search does not fit the model: ") + e.what();
      break;
    }
    if (!run_checked(model, forward, t, prompt, result) || !result.note.empty()) break;
  }
  return result;
}

OpSearchResult check_program_trace(const neural::Model& model, neural::ForwardPass& forward,
                                   const isa::Program& program, const std::string& input) {
  OpSearchResult result;
  TestProgram t{program, {}, input};
  std::vector<std::string> prompt;
  for (trace::Token token : runtime::prompt_tokens(input)) prompt.push_back(trace::token_name(token));
  run_checked(model, forward, t, prompt, result);
  return result;
}

}  // namespace c2w::verify
