// The c2w machine's program forms: text assembly and binary encoding round-trip, and
// corrupt or malformed input is a UserError, never a crash.
#include <catch2/catch.hpp>

#include <random>

#include "isa/semantics.h"
#include "compiler/compile.h"
#include "support/errors.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"

using namespace c2w;

namespace {

const isa::Program& sample_program() {
  static const isa::Program program = [] {
    compiler::CompileOptions options;
    options.source_path = std::string(C2W_SOURCE_DIR) + "/examples/crc32.c";
    return compiler::compile_c_program(options).program;
  }();
  return program;
}

}  // namespace

TEST_CASE("text assembly round-trips a compiled program exactly") {
  const isa::Program& p = sample_program();
  std::string text = isa::print_assembly(p);
  isa::Program parsed = isa::parse_assembly(text, "crc32.isa");
  CHECK(isa::print_assembly(parsed) == text);
  CHECK(parsed == p);
}

TEST_CASE("binary encoding round-trips a compiled program exactly") {
  const isa::Program& p = sample_program();
  CHECK(isa::decode_program(isa::encode_program(p), "crc32.bin") == p);
}

TEST_CASE("every truncation of a binary program is rejected as a user error") {
  std::vector<uint8_t> bytes = isa::encode_program(sample_program());
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 16) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
    CHECK_THROWS_AS(isa::decode_program(cut, "cut.bin"), UserError);
  }
}

TEST_CASE("random byte corruption of a binary program never crashes the decoder") {
  std::vector<uint8_t> bytes = isa::encode_program(sample_program());
  std::mt19937 rng(12345);
  int rejected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<uint8_t> bad = bytes;
    for (int k = 0; k < 4; ++k) bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    try {
      isa::decode_program(bad, "bad.bin");  // some flips (in data bytes) leave a valid program
    } catch (const UserError&) {
      ++rejected;
    }
  }
  CHECK(rejected > 0);
}

TEST_CASE("malformed assembly names the line of the problem") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"     0: frobnicate %0, #1\n", ":1: error: unknown instruction 'frobnicate'"},
      {".layout data_base=0x1000\n", ":1: error: unexpected end of line"},
      {"\n\n     5: trap\n", ":3: error: instructions must be numbered in order"},
      {"     0: add %0, #1\n", ":1: error: unexpected end of line"},
      {"     0: add %0, #1, $3\n", ":1: error: bad operand '$3'"},
      {"     0: jmp 7\n", ":1: error: expected a target @pc"},
      // a data size beyond memory is refused before anything is allocated (libFuzzer
      // found ".datasize -2" allocating 4 GiB; tests/fuzz/regressions/isa_text)
      {".layout data_base=0x1000 stack_base=0x1010 stack_size=16 heap_base=0x1020 memory_size=8192\n"
       ".datasize 4294967294\n",
       ":2: error: .datasize 4294967294 does not fit in memory"},
      {".datasize 16\n",
       ":1: error: .datasize 16 does not fit in memory above data_base (.layout comes first)"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    try {
      isa::parse_assembly(c.text, "bad.isa");
      FAIL("accepted malformed assembly");
    } catch (const UserError& e) {
      CHECK_THAT(e.what(), Catch::Contains(c.expected));
    }
  }
}

TEST_CASE("ALU semantics at the edges of 32-bit arithmetic") {
  using isa::Opcode;
  struct Row {
    Opcode op;
    uint32_t a, b, expected;
  };
  const Row rows[] = {
      {Opcode::Add, 0xFFFFFFFFu, 1, 0},
      {Opcode::Sub, 0, 1, 0xFFFFFFFFu},
      {Opcode::Mul, 0x10000u, 0x10000u, 0},
      {Opcode::MulHU, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFEu},
      {Opcode::MulHS, 0xFFFFFFFFu, 0xFFFFFFFFu, 0},
      {Opcode::MulHS, 0x80000000u, 2, 0xFFFFFFFFu},
      {Opcode::DivS, 0x80000000u, 0xFFFFFFFFu, 0x80000000u},
      {Opcode::RemS, 0x80000000u, 0xFFFFFFFFu, 0},
      {Opcode::DivS, static_cast<uint32_t>(-7), 2, static_cast<uint32_t>(-3)},
      {Opcode::RemS, static_cast<uint32_t>(-7), 2, static_cast<uint32_t>(-1)},
      {Opcode::DivU, 0xFFFFFFFFu, 2, 0x7FFFFFFFu},
      {Opcode::Shl, 1, 33, 2},
      {Opcode::ShrS, 0x80000000u, 31, 0xFFFFFFFFu},
      {Opcode::ShrU, 0x80000000u, 31, 1},
      {Opcode::LtS, 0x80000000u, 0x7FFFFFFFu, 1},
      {Opcode::LtU, 0x80000000u, 0x7FFFFFFFu, 0},
      {Opcode::LeS, 5, 5, 1},
  };
  for (const Row& r : rows) {
    isa::TrapKind trap = isa::TrapKind::None;
    INFO(isa::info(r.op).mnemonic << " " << r.a << " " << r.b);
    CHECK(isa::eval_binary(r.op, r.a, r.b, trap) == r.expected);
    CHECK(trap == isa::TrapKind::None);
  }
  for (Opcode op : {Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS}) {
    isa::TrapKind trap = isa::TrapKind::None;
    isa::eval_binary(op, 5, 0, trap);
    CHECK(trap == isa::TrapKind::DivideByZero);
  }
  CHECK(isa::eval_unary(Opcode::SExt8, 0x80) == 0xFFFFFF80u);
  CHECK(isa::eval_unary(Opcode::SExt16, 0x17FFF) == 0x7FFFu);
  CHECK(isa::eval_unary(Opcode::Popcnt, 0) == 0);
  CHECK(isa::eval_unary(Opcode::Popcnt, 0xF0F00001u) == 9);
  CHECK(isa::eval_unary(Opcode::Clz, 0) == 32);
  CHECK(isa::eval_unary(Opcode::Clz, 0x00010000u) == 15);
  CHECK(isa::eval_unary(Opcode::Ctz, 0) == 32);
  CHECK(isa::eval_unary(Opcode::Ctz, 0x00010000u) == 16);
  CHECK(isa::eval_unary(Opcode::Ctz, 0x80000000u) == 31);
}
