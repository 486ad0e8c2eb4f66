// The weight compiler, one gadget at a time: small hand-written c2w programs are
// compiled into transformer weights, and the transformer must predict the reference
// interpreter's token trace token for token (teacher-forced: it is fed the reference's
// tokens and every prediction is compared). Edge values of every ALU op, branches,
// loads and stores, calls and returns, input and output, and every trap. The sections
// follow the gadgets of compiler/gadgets/ and name the files each one exercises.
//
// Each test also checks that the reference ran what the program was written to do
// (status, trap, exit code, instruction count, output), so a program that silently
// stops early cannot make a gadget look right.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "isa/semantics.h"
#include "compiler/compile_weights.h"
#include "isa/isa.h"
#include "compiler/machine_circuit.h"
#include "compiler/universal_prompt.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "isa/trace_format.h"
#include "neural/transformer.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"

using namespace c2w;
using isa::Opcode;
using isa::TrapKind;
using runtime::RunStatus;

namespace {

// ---- a small assembler over the text format of isa_text.h ----

constexpr const char* kDefaultLayout =
    ".layout data_base=0x1000 stack_base=0x1100 stack_size=4096 heap_base=0x2100 memory_size=0x3000";

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Replaces @NAME by @pc and #@NAME by #pc (a function's address as an immediate).
std::string resolve_labels(const std::string& line, const std::map<std::string, uint32_t>& labels) {
  std::string out;
  for (size_t i = 0; i < line.size();) {
    if (line[i] == '@' && i + 1 < line.size() && is_ident_start(line[i + 1])) {
      size_t j = i + 1;
      while (j < line.size() && is_ident(line[j])) ++j;
      std::string name = line.substr(i + 1, j - i - 1);
      auto it = labels.find(name);
      if (it == labels.end()) throw std::runtime_error("test assembler: unknown label '" + name + "'");
      bool immediate = !out.empty() && out.back() == '#';
      out += (immediate ? "" : "@") + std::to_string(it->second);
      i = j;
    } else {
      out += line[i++];
    }
  }
  return out;
}

// Assembles c2w text assembly written without pc numbers:
//   .layout / .datasize / .data   as in isa_text.h (kDefaultLayout when no .layout)
//   .func NAME frame=N            starts a function; its entry and end are computed
//   NAME:                         labels the next instruction
//   instructions                  as printed by isa::print_instruction; @NAME is a
//                                 label's pc, #@NAME its pc as an immediate
// The result is parsed by isa::parse_assembly and checked by isa::validate_program.
isa::Program assemble(const std::string& source) {
  struct Func {
    std::string name;
    uint32_t entry;
    std::string frame;
  };
  std::vector<std::string> directives;
  std::vector<Func> functions;
  std::vector<std::string> code;
  std::map<std::string, uint32_t> labels;
  bool has_layout = false;
  std::istringstream in(source);
  std::string raw;
  while (std::getline(in, raw)) {
    std::string line = trim(raw.substr(0, raw.find(';')));
    if (line.empty()) continue;
    if (line.rfind(".func", 0) == 0) {
      std::istringstream words(line.substr(5));
      Func f;
      words >> f.name >> f.frame;
      f.entry = uint32_t(code.size());
      labels[f.name] = f.entry;
      functions.push_back(f);
    } else if (line[0] == '.') {
      if (line.rfind(".layout", 0) == 0) has_layout = true;
      directives.push_back(line);
    } else if (line.back() == ':' && line.find(' ') == std::string::npos) {
      labels[line.substr(0, line.size() - 1)] = uint32_t(code.size());
    } else {
      code.push_back(line);
    }
  }
  std::string text = has_layout ? "" : std::string(kDefaultLayout) + "\n";
  for (const std::string& d : directives) text += d + "\n";
  size_t next_function = 0;
  for (uint32_t pc = 0; pc <= code.size(); ++pc) {
    while (next_function < functions.size() && functions[next_function].entry == pc) {
      const Func& f = functions[next_function];
      uint32_t end =
          next_function + 1 < functions.size() ? functions[next_function + 1].entry : uint32_t(code.size());
      text += ".func " + f.name + " entry=" + std::to_string(f.entry) + " end=" + std::to_string(end) + " " +
              f.frame + "\n";
      ++next_function;
    }
    if (pc < code.size()) text += std::to_string(pc) + ": " + resolve_labels(code[pc], labels) + "\n";
  }
  isa::Program p = isa::parse_assembly(text, "gadget-test.isa");
  isa::validate_program(p, "gadget-test.isa");
  return p;
}

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}
std::string imm(uint32_t v) { return "#" + hex(v); }

// ---- the check: the transformer against the reference, token for token ----

enum class Engine { Hull, Dense };

// The budget of one test program, in generated tokens.
constexpr size_t kMaxGeneratedTokens = 3200;

struct Checked {
  runtime::RunResult ref;
  size_t generated = 0;  // predictions compared (and matching)
  bool matched = false;  // every generated token matched
};

std::string listing_window(const isa::Program& p, uint32_t pc) {
  std::ostringstream out;
  uint32_t from = pc > 24 ? pc - 24 : 0, to = std::min<uint32_t>(uint32_t(p.code.size()), pc + 3);
  for (uint32_t q = from; q < to; ++q)
    out << (q == pc ? "  => " : "     ") << q << ": " << isa::print_instruction(p.code[q]) << "\n";
  return out.str();
}

struct Comparison {
  size_t generated = 0;  // predictions that matched before the first mismatch (all, when none)
  std::string mismatch;  // empty when every token after the prompt matched
};

// Feeds `trace` to the transformer of `model` and compares its prediction at every
// position after the prompt with the trace's token there. The first mismatch is
// described by its position, its step (pc and instruction), the expected and predicted
// tokens, the tokens of the previous and the current step, and the code around the pc.
Comparison compare_with_trace(const isa::Program& program, const neural::Model& model,
                              const std::vector<trace::Token>& trace, size_t prompt, Engine engine) {
  Comparison r;
  std::unique_ptr<neural::ForwardPass> forward = runtime::make_forward_pass(
      model, engine == Engine::Hull ? runtime::TransformerEngine::Hull : runtime::TransformerEngine::Dense);
  const std::vector<int> ids(trace.begin(), trace.end());  // the model's token ids are trace tokens
  int next = 0;
  for (size_t i = 0; i < prompt; ++i) next = forward->step(ids[i]);
  runtime::TeacherForcedCheck check = runtime::check_teacher_forced(*forward, next, ids, prompt);
  r.generated = check.matched;
  if (!check.mismatch) return r;
  // A step starts at its pc token: find the latest two before the mismatch.
  size_t i = check.position;
  auto step_start_before = [&](size_t end) {
    size_t k = end - 1;
    while (k >= prompt && !trace::is_pc(trace[k])) --k;
    return k;
  };
  size_t step_start = step_start_before(i);
  size_t previous_step = step_start >= prompt ? step_start_before(step_start) : step_start;
  uint32_t pc = trace[step_start] - trace::kPcBase;
  int got = check.predicted;
  std::ostringstream m;
  m << "MISMATCH at trace position " << i << " (token " << i - 1 - step_start << " of the step of pc " << pc
    << ": " << (pc < program.code.size() ? isa::print_instruction(program.code[pc]) : "?") << "): expected "
    << trace::token_name(trace[i]) << ", the transformer predicted "
    << (got >= 0 && size_t(got) < model.vocabulary.size() ? model.vocabulary[size_t(got)]
                                                          : "#" + std::to_string(got))
    << "\nthe previous step and this one so far:";
  for (size_t k = previous_step; k < i; ++k) m << " " << trace::token_name(trace[k]);
  if (pc < program.code.size()) m << "\nthe code around pc " << pc << ":\n" << listing_window(program, pc);
  r.mismatch = m.str();
  return r;
}

runtime::RunResult run_reference(const isa::Program& program, const std::string& input) {
  runtime::RunOptions options;
  options.input = input;
  options.record_trace = true;
  options.max_steps = 200000;
  return runtime::run_reference(program, options);
}

// Runs `program` on the reference interpreter (recording the trace), compiles it into
// weights and checks the transformer's prediction at every position after the prompt
// (teacher-forced with the reference's tokens). A mismatch is a test failure that
// names the program and describes the first differing position.
Checked check_weights(const std::string& what, const isa::Program& program, const std::string& input = "",
                      Engine engine = Engine::Hull) {
  INFO("program: " << what << (engine == Engine::Hull ? " (hull engine)" : " (dense engine)"));
  Checked r;
  r.ref = run_reference(program, input);
  REQUIRE(r.ref.status != RunStatus::StepLimit);
  REQUIRE(r.ref.prompt_tokens == input.size() + 3);
  REQUIRE(r.ref.trace.size() > r.ref.prompt_tokens);
  compiler::CompiledWeights w = compiler::compile_weights(program);
  Comparison cmp = compare_with_trace(program, w.model, r.ref.trace, r.ref.prompt_tokens, engine);
  r.generated = cmp.generated;
  r.matched = cmp.mismatch.empty();
  if (!r.matched)
    FAIL_CHECK("in '" << what << "': " << cmp.mismatch);
  else
    CHECK(r.generated == r.ref.trace.size() - r.ref.prompt_tokens);
  CHECK(r.ref.trace.size() - r.ref.prompt_tokens <= kMaxGeneratedTokens);  // keeps the suite fast
  return r;
}

// check_weights on the universal model (compiled once): the program is in its prompt
// (compiler::universal_prompt), the generated tokens must be the reference's. The
// program gets the universal model's memory size (the bounds its loads and stores check).
Checked check_universal(const std::string& what, isa::Program program) {
  INFO("program: " << what << " (universal model, hull engine)");
  static const compiler::CompiledWeights universal = compiler::compile_universal_weights();
  const neural::Model& model = universal.model;
  program.memory_size = compiler::UniversalLayout{}.memory_size;
  Checked r;
  r.ref = run_reference(program, "");
  REQUIRE(r.ref.status != RunStatus::StepLimit);
  std::map<std::string, int> ids;
  for (size_t i = 0; i < model.vocabulary.size(); ++i) ids[model.vocabulary[i]] = int(i);
  std::unique_ptr<neural::ForwardPass> forward =
      runtime::make_forward_pass(model, runtime::TransformerEngine::Hull);
  int next = 0;
  for (const std::string& name : compiler::universal_prompt(program, "")) next = forward->step(ids.at(name));
  const std::vector<int> trace(r.ref.trace.begin(), r.ref.trace.end());  // token ids are trace tokens
  runtime::TeacherForcedCheck check =
      runtime::check_teacher_forced(*forward, next, trace, r.ref.prompt_tokens);
  r.generated = check.matched;
  r.matched = !check.mismatch;
  if (check.mismatch)
    FAIL_CHECK("in '" << what << "' (universal model): at trace position " << check.position << " expected "
                      << trace::token_name(r.ref.trace[check.position]) << ", the transformer predicted "
                      << model.vocabulary[size_t(check.predicted)]);
  else
    CHECK(r.generated == r.ref.trace.size() - r.ref.prompt_tokens);
  return r;
}

// The reference halted with `exit_code` after exactly `instructions` steps.
void require_halted(const Checked& c, int exit_code, uint64_t instructions) {
  REQUIRE(c.ref.status == RunStatus::Halted);
  CHECK(c.ref.exit_code == exit_code);
  CHECK(c.ref.instructions == instructions);
  CHECK(c.ref.trace.back() == trace::kHalt);
}

// The reference trapped with `kind` at `pc`; the trace ends with that trap token.
void require_trapped(const Checked& c, TrapKind kind, uint32_t pc) {
  REQUIRE(c.ref.status == RunStatus::Trapped);
  CHECK(c.ref.trap == kind);
  CHECK(c.ref.stop_pc == pc);
  CHECK(c.ref.trace.back() == trace::trap_token(uint32_t(kind)));
}

// ---- operand values ----

const std::vector<uint32_t>& edge_values() {
  static const std::vector<uint32_t> values = [] {
    std::vector<uint32_t> v = {0,      1,        2,         0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 255,
                               256,    0x10000,  0xFFFF,    31,          32,          33,          0x80,
                               0x8000, 0x800000, 0x1000000, 0x40000000,  0xFFFFFFFEu, 0x80000001u};
    std::mt19937 rng(20240611);  // fixed seed: the same four values on every run
    for (int i = 0; i < 4; ++i) v.push_back(uint32_t(rng()));
    return v;
  }();
  return values;
}

std::vector<std::pair<uint32_t, uint32_t>> edge_pairs() {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (uint32_t a : edge_values())
    for (uint32_t b : edge_values()) pairs.push_back({a, b});
  return pairs;
}

template <class T>
std::vector<std::vector<T>> chunks(const std::vector<T>& items, size_t size) {
  std::vector<std::vector<T>> out;
  for (size_t i = 0; i < items.size(); i += size)
    out.emplace_back(items.begin() + long(i), items.begin() + long(std::min(items.size(), i + size)));
  return out;
}

const std::vector<Opcode> kBinaryOps = {
    Opcode::Add,  Opcode::Sub,  Opcode::Mul, Opcode::MulHU, Opcode::MulHS, Opcode::DivU, Opcode::DivS,
    Opcode::RemU, Opcode::RemS, Opcode::And, Opcode::Or,    Opcode::Xor,   Opcode::Shl,  Opcode::ShrU,
    Opcode::ShrS, Opcode::Eq,   Opcode::Ne,  Opcode::LtS,   Opcode::LeS,   Opcode::LtU,  Opcode::LeU};

const std::vector<Opcode> kBranchOps = {Opcode::BrEq,  Opcode::BrNe,  Opcode::BrLtS,
                                        Opcode::BrLeS, Opcode::BrLtU, Opcode::BrLeU};

std::string mnemonic(Opcode op) { return isa::info(op).mnemonic; }

// Pairs per ALU program: about 2,900 generated tokens each.
constexpr size_t kAluPairsPerProgram = 25;

}  // namespace

// ---------------------------------------------------------------------------------
// 0. The check itself
// ---------------------------------------------------------------------------------

TEST_CASE("weights: the check reports the first token that differs from the trace", "[weights][harness]") {
  isa::Program p = assemble(".func _start frame=16\nmov %0, #40\nadd %8, %0, #2\nputc %8\nhalt %8\n");
  runtime::RunResult ref = run_reference(p, "");
  REQUIRE(ref.status == RunStatus::Halted);
  REQUIRE(ref.exit_code == 42);
  compiler::CompiledWeights w = compiler::compile_weights(p);
  const size_t prompt = ref.prompt_tokens;
  Comparison same = compare_with_trace(p, w.model, ref.trace, prompt, Engine::Dense);
  CHECK(same.mismatch.empty());
  CHECK(same.generated == ref.trace.size() - prompt);
  // <bos> <eoi> @0 | x28 @1 | x2a @2 | out:2a @3 | x2a <halt>  (delta writes: one byte each)
  REQUIRE(ref.trace.size() == prompt + 8);
  for (size_t position : {prompt + 2, prompt + 3, prompt + 5}) {
    std::vector<trace::Token> wrong = ref.trace;
    wrong[position] =
        wrong[position] == trace::byte_token(0x2a) ? trace::byte_token(0x2b) : trace::pc_token(0);
    Comparison c = compare_with_trace(p, w.model, wrong, prompt, Engine::Hull);
    INFO(c.mismatch);
    CHECK(c.generated == position - prompt);
    CHECK(c.mismatch.find("position " + std::to_string(position) + " ") != std::string::npos);
  }
}

// ---------------------------------------------------------------------------------
// 1. Every binary ALU op on edge values
//   compiler/gadgets/add_sub.cpp, comparisons.cpp, moves.cpp (the compare ops), bitwise.cpp,
//   shifts.cpp, mul.cpp, div_rem.cpp, word_results.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: every binary ALU op on edge values, operands in frame slots", "[weights][alu]") {
  auto pairs = edge_pairs();
  auto groups = chunks(pairs, kAluPairsPerProgram);
  size_t index = 0, compared = 0;
  for (const auto& group : groups) {
    std::string src = ".func _start frame=16\n";
    uint64_t expected = 1;  // the halt
    for (auto [a, b] : group) {
      src += "mov %0, " + imm(a) + "\nmov %4, " + imm(b) + "\n";
      expected += 2;
      for (Opcode op : kBinaryOps) {
        if (isa::is_division(op) && b == 0) continue;  // division by zero: its own test
        src += mnemonic(op) + " %8, %0, %4\n";
        ++expected;
      }
    }
    src += "halt %8\n";
    std::string name = "ALU slots, pairs " + std::to_string(index * kAluPairsPerProgram) + ".." +
                       std::to_string(index * kAluPairsPerProgram + group.size() - 1);
    Checked c = check_weights(name, assemble(src));
    require_halted(c, group.back().first <= group.back().second, expected);  // the last op is le_u
    compared += c.generated;
    ++index;
  }
  CHECK(compared > 30000);  // ~36 k tokens: the programs ran, not just their first steps
}

TEST_CASE("weights: every binary ALU op on edge values, immediate second operand", "[weights][alu]") {
  auto pairs = edge_pairs();
  auto groups = chunks(pairs, kAluPairsPerProgram);
  size_t index = 0;
  for (const auto& group : groups) {
    std::string src = ".func _start frame=16\n";
    uint64_t expected = 1;
    for (auto [a, b] : group) {
      src += "mov %0, " + imm(a) + "\n";
      ++expected;
      for (Opcode op : kBinaryOps) {
        if (isa::is_division(op) && b == 0) continue;
        src += mnemonic(op) + " %8, %0, " + imm(b) + "\n";
        ++expected;
      }
    }
    src += "halt %8\n";
    std::string name = "ALU immediate, pairs " + std::to_string(index * kAluPairsPerProgram) + "..";
    Checked c = check_weights(name, assemble(src));
    require_halted(c, group.back().first <= group.back().second, expected);  // the last op is le_u
    ++index;
  }
}

// ---------------------------------------------------------------------------------
// 2. Operands: frame slots, immediates, absolute words
//   compiler/gadgets/operands.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: ALU operands of every kind (immediate first operand, absolute words, results reused)",
          "[weights][alu]") {
  // An immediate first operand, absolute memory words as operands and destination,
  // and results that feed the next instruction.
  isa::Program p = assemble(R"(
    .datasize 16
    .data 0 78563412fffffffe0000008001000000
    .func _start frame=16
      mov %4, #0x9
      sub %8, #0, %4
      mul %8, #-3, %8
      divs %8, #0x80000000, %8
      rems %0, #-100, %4
      shl %8, #1, %4
      shr_s %8, #0x80000000, %4
      lt_u %8, #7, %4
      le_s %8, #-1, %4
      add %8, [0x1000], [0x1004]
      mulhu %8, [0x1000], [0x1008]
      xor [0x100c], [0x1000], %8
      add %8, [0x100c], #1
      sub [0x1000], [0x1000], #1
      mulhs %8, [0x1000], %8
      divu %8, %8, [0x100c]
      halt %8
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("operand kinds", p, "", e);
    require_halted(c, c.ref.exit_code, 17);
  }
}

// ---------------------------------------------------------------------------------
// 3. Shifts
//   compiler/gadgets/shifts.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: shift amounts are taken mod 32", "[weights][alu]") {
  isa::Program p = assemble(R"(
    .func _start frame=16
      mov %4, #33
      shl %8, #1, %4
      putc %8
      shr_u %8, #0x80000000, #63
      putc %8
      shr_s %8, #0x80000000, #-1
      putc %8
      shl %8, #3, #32
      putc %8
      shr_u %8, #0x100, #40
      putc %8
      shr_s %8, #0x4000, #0x4000000d
      putc %8
      halt #0
  )");
  Checked c = check_weights("shifts mod 32", p);
  require_halted(c, 0, 14);
  CHECK(c.ref.output == std::string("\x02\x01\xff\x03\x01\x02", 6));
}

// ---------------------------------------------------------------------------------
// 4. Division by zero
//   compiler/gadgets/div_rem.cpp, step_end.cpp (the trap)
// ---------------------------------------------------------------------------------

TEST_CASE("weights: division by zero traps identically", "[weights][alu]") {
  for (Opcode op : {Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS}) {
    for (bool immediate : {false, true}) {
      for (uint32_t a : {0u, 7u, 0x80000000u}) {
        std::string src = ".func _start frame=16\nmov %0, " + imm(a) + "\nmov %4, #0\nmov %8, #5\n" +
                          mnemonic(op) + " %8, %0, " + (immediate ? "#0" : "%4") + "\nhalt #1\n";
        Checked c = check_weights(
            mnemonic(op) + " " + hex(a) + " by zero" + (immediate ? " (immediate)" : ""), assemble(src));
        require_trapped(c, TrapKind::DivideByZero, 3);
      }
    }
  }
}

// ---------------------------------------------------------------------------------
// 5. Moves: mov, sext8, sext16, select
//   compiler/gadgets/moves.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: mov, sext8, sext16 and select on edge values", "[weights][unary]") {
  std::vector<uint32_t> values = edge_values();
  for (uint32_t v : {0x7Fu, 0x17Fu, 0x180u, 0x7FFFu, 0x18000u, 0xABCD80FFu, 0x12347F80u}) values.push_back(v);
  std::string src = ".func _start frame=16\n";
  uint64_t expected = 1;
  for (uint32_t v : values) {
    src += "mov %0, " + imm(v) + "\n";
    src += "mov %4, %0\n";
    src += "mov %12, " + imm(~v) + "\n";
    src += "sext8 %8, %0\n";
    src += "sext16 %8, %4\n";
    src += "sext8 %8, " + imm(v) + "\n";
    src += "sext16 %8, " + imm(v) + "\n";
    src += "select %8, %0, #0x11111111, #0x22222222\n";
    src += "select %8, %0, %4, %12\n";
    src += "select %8, " + imm(v) + ", %12, %4\n";
    expected += 10;
  }
  src += "select %8, #0, #1, #2\nselect %8, #0x100, #1, #2\nhalt %8\n";
  expected += 2;
  Checked c = check_weights("unary ops", assemble(src));
  require_halted(c, 1, expected);
}

// ---------------------------------------------------------------------------------
// 6. Bit counts: popcnt, clz, ctz
//   compiler/gadgets/bitwise.cpp (and fetch.cpp: the universal model)
// ---------------------------------------------------------------------------------

// popcnt, clz and ctz of edge values and of one bit, the bits below it and the bits
// from it up at every position; halts with clz(0) + ctz(0) = 64 after `steps` steps.
std::string bit_count_program(uint64_t& steps) {
  std::vector<uint32_t> values = edge_values();
  for (int i = 0; i < 32; ++i) {
    values.push_back(1u << i);        // one bit: clz 31 - i, ctz i
    values.push_back((1u << i) - 1);  // the bits below it
    values.push_back(~0u << i);       // the bits from it up
  }
  std::string src = ".func _start frame=16\n";
  steps = 1;  // the halt
  for (uint32_t v : values) {
    src += "mov %0, " + imm(v) + "\n";
    src += "popcnt %4, %0\nclz %8, %0\nctz %12, %0\n";
    src += "popcnt %4, " + imm(v) + "\nclz %8, " + imm(~v) + "\nctz %12, " + imm(v) + "\n";
    steps += 7;
  }
  src += "clz %8, #0\nctz %12, #0\nadd %8, %8, %12\nhalt %8\n";  // 32 + 32
  steps += 3;
  return src;
}

TEST_CASE("weights: popcnt, clz and ctz on edge values and on every bit position", "[weights][unary]") {
  uint64_t steps = 0;
  Checked c = check_weights("bit counts", assemble(bit_count_program(steps)));
  require_halted(c, 64, steps);
}

TEST_CASE("weights: the universal model computes popcnt, clz and ctz like the reference",
          "[weights][unary][universal]") {
  uint64_t steps = 0;
  Checked c = check_universal("bit counts", assemble(bit_count_program(steps)));
  require_halted(c, 64, steps);
}

// ---------------------------------------------------------------------------------
// 7. lea
//   compiler/gadgets/add_sub.cpp, registers.cpp (fp)
// ---------------------------------------------------------------------------------

TEST_CASE("weights: lea adds the frame pointer, with carries, in the start frame and in a callee",
          "[weights][unary]") {
  // stack_base 0x10f8: fp + 8 carries into the second byte.
  isa::Program p = assemble(R"(
    .layout data_base=0x1000 stack_base=0x10f8 stack_size=4096 heap_base=0x20f8 memory_size=0x3000
    .func _start frame=32
      lea %8, #0
      lea %8, #8
      lea %8, #-4
      lea %8, #0xffffff
      lea %8, #0x7fffffff
      lea %8, #0x80000000
      lea %8, #-0x2000
      call %8, #16, @f
      ld32 %4, %8, #0
      halt %4
    .func f frame=16
      lea %4, #12
      st32 %4, #0x4d, #0
      ret %4, _
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("lea", p, "", e);
    require_halted(c, 0x4d, 13);
  }
}

// ---------------------------------------------------------------------------------
// 8. Delta writes
//   compiler/gadgets/delta_writes.cpp, step_end.cpp (the byte count)
// ---------------------------------------------------------------------------------

TEST_CASE("weights: a destination spells only its changed bytes (fresh, stale, data-image and callee slots)",
          "[weights][alu]") {
  // Delta writes (trace_format.h): the transformer must read the destination's old
  // bytes — never written (0), written by an earlier frame, the data image behind a
  // global — and stop after the highest byte that changed.
  isa::Program p = assemble(R"(
    .datasize 8
    .data 0 4433221100000001
    .func _start frame=32
      mov %0, #0
      mov %0, #0x102
      mov %0, #0x103
      mov %0, #0x1000103
      mov %0, #0x1000103
      mov [0x1000], #0x11223344
      mov [0x1000], #0x11223345
      mov [0x1004], #0x1000000
      mov [0x1004], #0
      add %4, [0x1000], #0xff
      sub %4, %4, #0xff
      call _, #16, @f
      call _, #16, @f
      getc %8
      halt %4
    .func f frame=8
      add %0, %0, #0x10000
      mov %4, #7
      ret _, _
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("delta writes", p, "", e);
    require_halted(c, 0x45, 21);
  }
  // The counts the trace format promises: none, 2, 1, 4, none, none, 1, none, 4, ...
  runtime::RunResult r = run_reference(p, "");
  std::vector<size_t> bytes;  // bytes spelled per step
  for (size_t i = r.prompt_tokens, n = 0; i < r.trace.size(); ++i) {
    if (trace::is_pc(r.trace[i]))
      bytes.push_back(n), n = 0;
    else
      ++n;
  }
  REQUIRE(bytes.size() >= 9);
  CHECK(std::vector<size_t>(bytes.begin(), bytes.begin() + 9) ==
        std::vector<size_t>{0, 2, 1, 4, 0, 0, 1, 0, 4});
}

// ---------------------------------------------------------------------------------
// 9. Branches
//   compiler/gadgets/branches.cpp, comparisons.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: every branch on edge values, taken and not taken", "[weights][branch]") {
  auto pairs = edge_pairs();
  std::map<Opcode, int> taken, not_taken;
  size_t index = 0;
  for (const auto& group : chunks(pairs, 50)) {
    std::string src = ".func _start frame=16\n";
    uint64_t expected = 1;
    int label = 0;
    for (auto [a, b] : group) {
      src += "mov %0, " + imm(a) + "\nmov %4, " + imm(b) + "\n";
      expected += 2;
      for (bool immediate : {false, true}) {
        for (Opcode op : kBranchOps) {
          // Taken skips the mov; not taken runs it.
          std::string l = "L";
          l += std::to_string(label++);
          src += mnemonic(op) + " %0, " + (immediate ? imm(b) : std::string("%4")) + ", @" + l + "\n";
          src += "mov %8, #" + std::to_string(label) + "\n" + l + ":\n";
          bool t = isa::eval_branch(op, a, b);
          (t ? taken : not_taken)[op]++;
          expected += t ? 1 : 2;
        }
      }
    }
    src += "halt #0\n";
    Checked c = check_weights("branches, pairs " + std::to_string(index * 50) + "..", assemble(src));
    require_halted(c, 0, expected);
    ++index;
  }
  for (Opcode op : kBranchOps) {
    INFO(mnemonic(op));
    CHECK(taken[op] > 0);
    CHECK(not_taken[op] > 0);
  }
}

TEST_CASE("weights: a counting loop with a backward branch", "[weights][branch]") {
  isa::Program p = assemble(R"(
    .func _start frame=16
      mov %0, #0
      mov %4, #0
    loop:
      add %4, %4, %0
      add %0, %0, #1
      br_lt_s %0, #20, @loop
      jmp @done
      trap
    done:
      halt %4
  )");
  Checked c = check_weights("counting loop", p);
  require_halted(c, 190, 2 + 3 * 20 + 2);
}

// ---------------------------------------------------------------------------------
// 10. Loads and stores
//   compiler/gadgets/loads_stores.cpp, write_marks.cpp, write_addresses.cpp
// ---------------------------------------------------------------------------------

namespace {

// data [0x1000, 0x1040), stack [0x1040, 0x1440), heap up to 0x2000.
constexpr const char* kMemoryLayout =
    ".layout data_base=0x1000 stack_base=0x1040 stack_size=1024 heap_base=0x1440 memory_size=0x2000\n"
    ".datasize 64\n"
    ".data 0 00112233445566778899aabbccddeeff102132435465768798a9bacbdcedfe0f\n"
    ".data 32 f0e1d2c3b4a5968778695a4b3c2d1e0f80ff7f0001fe8081c0ffee00deadbeef\n";

}  // namespace

TEST_CASE("weights: loads and stores of every width, aligned, unaligned and overlapping",
          "[weights][memory]") {
  isa::Program p = assemble(std::string(kMemoryLayout) + R"(
    .func _start frame=32
      mov %0, #0x1000
      ; the data image, never written
      ld32 %8, %0, #0
      ld32 %8, %0, #1
      ld32 %8, %0, #35
      ld8_u %8, %0, #9
      ld8_s %8, %0, #9
      ld8_s %8, %0, #1
      ld16_u %8, %0, #9
      ld16_s %8, %0, #10
      ld16_s %8, %0, #2
      ld16_s %8, %0, #47
      ld8_s %8, %0, #48
      ; the last data bytes and the start frame's slot %0 right after them
      ld32 %8, %0, #62
      ; stores, then loads of what they wrote
      st32 %0, #0x11223344, #16
      ld32 %8, %0, #16
      st8 %0, #0xab, #18
      ld32 %8, %0, #16
      ld32 %8, %0, #15
      st16 %0, #0xbeef, #19
      ld32 %8, %0, #17
      ld16_s %8, %0, #19
      ld16_u %8, %0, #20
      st32 %0, #-1, #33
      ld32 %8, %0, #32
      ld8_s %8, %0, #36
      st8 %0, #0x1234, #40
      ld32 %8, %0, #40
      st16 %0, #0x12345678, #44
      ld32 %8, %0, #44
      ; pointer and offset both in slots
      mov %4, #17
      ld32 %8, %0, %4
      mov %12, #0x5a5a5a5a
      st32 %0, %12, %4
      ld16_s %8, %4, %0
      ; the heap past the data image reads zero until written
      ld32 %8, #0x1800, #0
      st8 #0x1800, #0x80, #2
      ld32 %8, #0x1800, #0
      ld8_s %8, #0x1802, #0
      ; the last bytes of memory
      st32 #0x1ffc, #0x55667788, #0
      ld32 %8, #0x1ff0, #12
      ld8_u %8, #0x1fff, #0
      ld16_s %8, #0x1ffe, #0
      ; addresses wrap around 2^32
      mov %4, #-1
      ld32 %8, %4, #0x1001
      st8 %4, #0x77, #0x1001
      st16 #0xfffff000, #0x6655, #0x2002
      ld32 %8, #0x1000, #0
      ; frame slots are memory
      lea %12, #0
      ld32 %8, %12, #0
      st32 %12, #0x5a5b, #20
      add %8, %20, #1
      st8 %12, #0x99, #9
      add %8, %8, %8
      ; absolute words as operands and destinations
      mov %8, [0x1024]
      mov [0x1030], #0xcafe
      ld32 %8, %0, #0x30
      add [0x1034], [0x1030], [0x1008]
      ld32 %8, #0x1034, #0
      ld16_u %8, #0x1032, #0
      halt %8
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("loads and stores", p, "", e);
    require_halted(c, c.ref.exit_code, p.code.size());
  }
}

TEST_CASE("weights: a store then many loads of the same and neighbouring words (latest write wins)",
          "[weights][memory]") {
  // Repeated writes to the same bytes: every load must see the latest one.
  std::string src = std::string(kMemoryLayout) + ".func _start frame=16\n";
  uint64_t expected = 1;
  for (uint32_t i = 0; i < 40; ++i) {
    uint32_t v = 0x01010101u * (i + 1) ^ (i << 29);
    src += "st32 #0x1100, " + imm(v) + ", #" + std::to_string(i % 3) + "\n";
    src += "st8 #0x1100, " + imm(i * 37) + ", #" + std::to_string((i * 5) % 7) + "\n";
    src += "ld32 %8, #0x1100, #0\nld32 %8, #0x1101, #" + std::to_string(i % 4) + "\nld8_s %8, #0x1100, #" +
           std::to_string(i % 6) + "\n";
    expected += 5;
  }
  src += "halt %8\n";
  Checked c = check_weights("repeated stores", assemble(src));
  require_halted(c, c.ref.exit_code, expected);
}

TEST_CASE("weights: addresses and frames near the top of a 16 MiB memory", "[weights][memory]") {
  // Memory keys are exact integers: the largest addresses must still find their byte.
  isa::Program p = assemble(R"(
    .layout data_base=0x1000 stack_base=0xff0000 stack_size=0xfff0 heap_base=0xfffff0 memory_size=0x1000000
    .datasize 4
    .data 0 11223344
    .func _start frame=32
      st32 #0xfffffc, #0xa1b2c3d4, #0
      st8 #0xfffff0, #0xee, #0xf
      ld32 %8, #0xfffffc, #0
      st32 #0xfffefc, #0x01020304, #0
      st32 #0xfefffc, #0x05060708, #0
      ld32 %8, #0xfffffc, #0
      ld16_s %8, #0xfffffe, #0
      ld32 %8, #0xfffefc, #0
      ld32 %8, #0xfefffc, #0
      ld32 %8, #0x1000, #0
      mov %16, #0xfffffc
      call %8, #16, @f
      lea %12, #16
      ld32 %4, %12, #0
      halt %8
    .func f frame=16
      ld32 %4, %0, #0
      lea %8, #4
      ret %4, %8
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("high memory", p, "", e);
    require_halted(c, 0xd4, 18);
  }
}

TEST_CASE("weights: out-of-bounds loads and stores trap identically", "[weights][memory]") {
  struct Case {
    const char* what;
    const char* ins;
  };
  const Case cases[] = {
      {"ld32 below data_base", "ld32 %8, #0xffc, #0"},
      {"ld8_u at address 0", "ld8_u %8, #0, #0"},
      {"ld8_s one byte below data_base", "ld8_s %8, %0, #-1"},
      {"ld32 straddling the end of memory", "ld32 %8, #0x1ffd, #0"},
      {"ld16_u straddling the end of memory", "ld16_u %8, #0x1fff, #0"},
      {"ld8_u at memory_size", "ld8_u %8, #0x2000, #0"},
      {"ld32 far beyond memory", "ld32 %8, #0x80000000, #0"},
      {"ld32 at a wrapped negative address", "ld32 %8, #-4, #0"},
      {"st8 below data_base", "st8 #0xfff, #1, #0"},
      {"st32 at address 0", "st32 #0, #1, #0"},
      {"st32 straddling the end of memory", "st32 #0x1ffd, #1, #0"},
      {"st16 at memory_size", "st16 #0x2000, #1, #0"},
      {"st32 at 0xffffffff", "st32 %0, #1, #-0x1001"},
      {"st8 far beyond memory", "st8 #0x1000, #1, #0x7fffffff"},
  };
  for (const Case& k : cases) {
    std::string src = std::string(kMemoryLayout) +
                      ".func _start frame=16\nmov %0, #0x1000\nst32 %0, #0x01020304, #4\n" + k.ins +
                      "\nhalt #0\n";
    Checked c = check_weights(k.what, assemble(src));
    require_trapped(c, TrapKind::MemoryOutOfBounds, 2);
  }
}

// ---------------------------------------------------------------------------------
// 11. Calls and returns
//   compiler/gadgets/call_ret.cpp, call_records.cpp, frame_lookup.cpp, registers.cpp
// ---------------------------------------------------------------------------------

TEST_CASE("weights: call and ret with zero, one and two words, into slots and absolute words",
          "[weights][call]") {
  isa::Program p = assemble(R"(
    .datasize 16
    .func _start frame=40
      mov %16, #5
      call %8, #16, @inc
      putc %8
      mov %16, #0x12345678
      call %0, #16, @pair
      putc %0
      putc %4
      call _, #16, @inc
      call %8, #16, @nothing
      call [0x1008], #16, @inc
      ld32 %8, #0x1008, #0
      putc %8
      call [0x1000], #24, @pair
      ld32 %8, #0x1004, #0
      putc %8
      call %24, #32, @consts
      add %8, %24, %28
      halt %8
    .func inc frame=8
      add %0, %0, #1
      ret %0, _
    .func pair frame=8
      xor %4, %0, #-1
      ret %0, %4
    .func nothing frame=4
      ret _, _
    .func consts frame=8
      ret #0x1f, #0x20
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("call and ret", p, "", e);
    require_halted(c, 0x3f, 18 + 3 * 2 + 2 * 2 + 1 + 1);
    // inc(5); pair(0x12345678); inc(0x12345679) into [0x1008]; pair(0) into [0x1000].
    CHECK(c.ref.output == std::string("\x06\x78\x87\x7a\xff", 5));
  }
}

TEST_CASE("weights: nested calls, a callee reading stale stack bytes, and recursion", "[weights][call]") {
  isa::Program p = assemble(R"(
    .func _start frame=32
      mov %16, #3
      call %8, #16, @outer
      putc %8
      call _, #16, @scribble
      call %8, #16, @stale
      putc %8
      mov %16, #6
      call %8, #16, @fact
      putc %8
      mov %16, #7
      call %8, #16, @fib
      halt %8
    .func outer frame=24
      add %16, %0, #10
      call %4, #16, @middle
      add %0, %4, #1
      ret %0, _
    .func middle frame=24
      mul %16, %0, #2
      call %4, #16, @leaf
      ret %4, _
    .func leaf frame=8
      sub %0, %0, #1
      ret %0, _
    .func scribble frame=16
      mov %8, #0xabcd
      ret _, _
    .func stale frame=16
      ret %8, _
    .func fact frame=24
      br_le_s %0, #1, @fact_base
      sub %16, %0, #1
      call %4, #16, @fact
      mul %0, %0, %4
      ret %0, _
    fact_base:
      ret #1, _
    .func fib frame=24
      br_lt_u %0, #2, @fib_base
      sub %16, %0, #1
      call %4, #16, @fib
      sub %16, %0, #2
      call %8, #16, @fib
      add %0, %4, %8
    fib_base:
      ret %0, _
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("nested calls and recursion", p, "", e);
    REQUIRE(c.ref.status == RunStatus::Halted);
    CHECK(c.ref.exit_code == 13);                           // fib(7)
    CHECK(c.ref.output == std::string("\x1a\xcd\xd0", 3));  // (3+10)*2-1+1 = 26, stale 0xabcd, 6! = 720
  }
}

TEST_CASE("weights: calli through a function address (immediate, slot, data word)", "[weights][call]") {
  isa::Program p = assemble(R"(
    .datasize 8
    .data 0 0000000000000000
    .func _start frame=32
      mov %12, #@twice
      mov %16, #21
      calli %8, %12, #16
      putc %8
      mov %16, #4
      calli %8, #@square, #16
      putc %8
      st32 #0x1000, #@twice, #4
      mov %16, #0x33
      calli %8, [0x1004], #16
      putc %8
      mov %16, #3
      calli %8, #@apply, #16
      halt %8
    .func twice frame=8
      add %0, %0, %0
      ret %0, _
    .func square frame=8
      mul %0, %0, %0
      ret %0, _
    .func apply frame=24
      mov %16, %0
      mov %4, #@square
      calli %8, %4, #16
      ret %8, _
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("calli", p, "", e);
    REQUIRE(c.ref.status == RunStatus::Halted);
    CHECK(c.ref.exit_code == 9);
    CHECK(c.ref.output == std::string("\x2a\x10\x66", 3));
  }
}

TEST_CASE("weights: bad calls and returns trap identically", "[weights][call]") {
  struct Case {
    const char* what;
    const char* calli;
  };
  const Case cases[] = {
      {"calli (slot) to the middle of a function", "mov %4, #@f_body\ncalli %8, %4, #16"},
      {"calli (immediate) to the middle of a function", "calli %8, #@f_body, #16"},
      {"calli to the start stub (pc 0)", "mov %4, #0\ncalli %8, %4, #16"},
      {"calli to the pc just past the code", "mov %4, #@past_end\ncalli %8, %4, #16"},
      {"calli far past the code", "mov %4, #1000000\ncalli %8, %4, #16"},
      {"calli to -1", "mov %4, #-1\ncalli %8, %4, #16"},
  };
  for (const Case& k : cases) {
    std::string src = std::string(".func _start frame=32\nmov %16, #1\n") + k.calli +
                      "\nhalt #0\n"
                      ".func f frame=8\nadd %0, %0, #1\nf_body:\nret %0, _\npast_end:\n";
    isa::Program p = assemble(src);
    uint32_t calli_pc = 0;
    while (p.code[calli_pc].op != Opcode::CallI) ++calli_pc;
    Checked c = check_weights(k.what, p);
    require_trapped(c, TrapKind::BadCall, calli_pc);
  }
  {
    // ret with no caller: from the start stub.
    Checked c = check_weights("ret from the start stub",
                              assemble(".func _start frame=16\nmov %0, #1\nret %0, _\nhalt #0\n"));
    require_trapped(c, TrapKind::BadCall, 1);
  }
  {
    // ret after every call has returned.
    Checked c = check_weights("ret after the calls returned", assemble(R"(
      .func _start frame=32
        call %8, #16, @f
        call %8, #16, @f
        ret %8, _
        halt #0
      .func f frame=8
        ret #1, _
    )"));
    require_trapped(c, TrapKind::BadCall, 2);
  }
}

namespace {
// A 64-byte stack right after a 64-byte data image.
constexpr const char* kSmallStackLayout =
    ".layout data_base=0x1000 stack_base=0x1040 stack_size=64 heap_base=0x1080 memory_size=0x2000\n"
    ".datasize 64\n";
}  // namespace

TEST_CASE("weights: stack overflow traps identically, and a frame that fits exactly does not",
          "[weights][call]") {
  {
    Checked c =
        check_weights("call whose callee frame does not fit", assemble(std::string(kSmallStackLayout) + R"(
      .func _start frame=32
        mov %16, #1
        call %8, #16, @big
        halt #0
      .func big frame=64
        ret #2, _
    )"));
    require_trapped(c, TrapKind::StackOverflow, 1);
  }
  {
    // 16 + 48 = 64: fits exactly. Inside, 8 + 8 + 16 more does not.
    isa::Program p = assemble(std::string(kSmallStackLayout) + R"(
      .func _start frame=32
        mov %16, #1
        call %8, #16, @exact
        putc %8
        mov %4, #@small
        calli %8, %4, #16
        putc %8
        mov %4, #@huge
        calli %8, %4, #16
        halt #0
      .func exact frame=48
        call %4, #40, @tiny
        call %4, #32, @small
        ret %4, _
      .func tiny frame=8
        ret #0x41, _
      .func small frame=16
        ret #0x42, _
      .func huge frame=49
        ret #0x43, _
    )");
    for (Engine e : {Engine::Hull, Engine::Dense}) {
      Checked c = check_weights("exact fit, then calli overflow", p, "", e);
      require_trapped(c, TrapKind::StackOverflow, 7);
      CHECK(c.ref.output == "BB");
    }
  }
  {
    // Unbounded recursion: the k-th frame is at 8 + 16 (k - 1); the 16th does not fit.
    Checked c = check_weights("unbounded recursion", assemble(R"(
      .layout data_base=0x1000 stack_base=0x1000 stack_size=256 heap_base=0x1100 memory_size=0x2000
      .func _start frame=32
        mov %8, #0
        call %4, #8, @rec
        halt #0
      .func rec frame=24
        add %16, %0, #1
        call %4, #16, @rec
        ret %4, _
    )"));
    require_trapped(c, TrapKind::StackOverflow, 4);
    CHECK(c.ref.instructions == 2 + 2 * 15);  // the 16th call is the 32nd instruction
  }
}

// ---------------------------------------------------------------------------------
// 12. Input, output, halt and trap
//   compiler/gadgets/getc.cpp, output.cpp (out:XX), step_end.cpp (halt, trap)
// ---------------------------------------------------------------------------------

TEST_CASE("weights: getc and putc, through the end of the input", "[weights][io]") {
  isa::Program p = assemble(R"(
    .datasize 16
    .func _start frame=16
      getc %0
      putc %0
      getc %0
      putc %0
      getc [0x1004]
      putc [0x1004]
      getc %0
      putc %0
      getc %4
      putc %4
      getc %0
      putc %0
      putc #0x141
      halt %4
  )");
  for (Engine e : {Engine::Hull, Engine::Dense}) {
    Checked c = check_weights("getc and putc", p, std::string("A\xff\0z", 4), e);
    require_halted(c, 255, 14);
    CHECK(c.ref.output == std::string("A\xff\0z\xff\xff"
                                      "A",
                                      7));
  }
  {
    Checked c = check_weights("getc on empty input", assemble(R"(
      .func _start frame=16
        getc %0
        getc %4
        putc %4
        halt %0
    )"));
    require_halted(c, 255, 4);
    CHECK(c.ref.output == "\xff");
  }
}

TEST_CASE("weights: an echo loop, and input longer than 256 bytes", "[weights][io]") {
  isa::Program echo = assemble(R"(
    .func _start frame=16
    loop:
      getc %0
      br_lt_s %0, #0, @done
      putc %0
      jmp @loop
    done:
      halt #3
  )");
  Checked c = check_weights("echo", echo, "hello, world\n");
  require_halted(c, 3, 13 * 4 + 2 + 1);
  CHECK(c.ref.output == "hello, world\n");

  // The input cursor carries into its second byte.
  std::string input;
  for (int i = 0; i < 300; ++i) input.push_back(char((i * 77 + 5) & 0xFF));
  isa::Program count = assemble(R"(
    .func _start frame=16
    loop:
      getc %0
      br_ne %0, #-1, @loop
      halt #7
  )");
  Checked d = check_weights("300 input bytes", count, input);
  require_halted(d, 7, 2 * 301 + 1);
  // The last getc spells the cursor 300 = 0x12c, then -1.
  const auto& t = d.ref.trace;
  REQUIRE(t.size() > 11);
  CHECK(std::vector<trace::Token>(t.end() - 11, t.end() - 4) ==
        std::vector<trace::Token>{0x2c, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff});
}

TEST_CASE("weights: halt exit codes and the trap instruction", "[weights][io]") {
  struct Case {
    const char* what;
    const char* halt;
    int code;
  };
  const Case cases[] = {
      {"halt with a slot", "halt %8", 0x34},
      {"halt with -1", "halt #-1", 255},
      {"halt with 256", "halt #256", 0},
      {"halt with a data word", "halt [0x1000]", 0x9a},
  };
  for (const Case& k : cases) {
    Checked c = check_weights(
        k.what,
        assemble(std::string(".datasize 4\n.data 0 9a000000\n.func _start frame=16\nmov %8, #0x1234\n") +
                 k.halt + "\n"));
    require_halted(c, k.code, 2);
  }
  Checked c = check_weights("trap", assemble(".func _start frame=16\nmov %8, #1\nputc %8\ntrap\nhalt #0\n"));
  require_trapped(c, TrapKind::Abort, 2);
}

// The universal model reads an operand's offset or address clamped to 2^24 (fetch.cpp),
// so the encoder refuses a larger one rather than letting the model read another address.
TEST_CASE("weights: the universal prompt refuses an operand address beyond 2^24", "[weights][universal]") {
  isa::Program p = assemble(".func _start frame=16\nmov %0, #40\nputc %0\nhalt %0\n");
  p.memory_size = compiler::UniversalLayout{}.memory_size;
  CHECK_NOTHROW(compiler::universal_prompt(p, ""));
  REQUIRE(p.code[0].dst.kind == isa::OperandKind::Slot);
  REQUIRE(p.code[1].a.kind == isa::OperandKind::Slot);
  p.code[1].a.value = 1 << 24;
  CHECK_THROWS_WITH(compiler::universal_prompt(p, ""),
                    Catch::Contains("pc 1: an operand address beyond 2^24"));
}
