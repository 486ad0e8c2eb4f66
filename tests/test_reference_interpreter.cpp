// The reference interpreter: the token trace format, traps with their messages, the
// step limit, input and calls, on small hand-written assembly programs.
#include <catch2/catch.hpp>

#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "isa/trace_format.h"
#include "runtime/reference_interpreter.h"

using namespace c2w;

namespace {

// A program: the layout line plus functions given as assembly.
isa::Program assemble(const std::string& body) {
  std::string text =
      ".layout data_base=0x1000 stack_base=0x2000 stack_size=4096 heap_base=0x3000 memory_size=65536\n"
      ".datasize 16\n" +
      body;
  isa::Program p = isa::parse_assembly(text, "test.isa");
  isa::validate_program(p, "test.isa");
  return p;
}

std::vector<std::string> names(const std::vector<trace::Token>& tokens) {
  std::vector<std::string> out;
  for (auto t : tokens) out.push_back(trace::token_name(t));
  return out;
}

runtime::RunResult run(const isa::Program& p, const std::string& input = "", uint64_t max_steps = 1000000) {
  runtime::RunOptions o;
  o.input = input;
  o.max_steps = max_steps;
  o.record_trace = true;
  return runtime::run_reference(p, o);
}

}  // namespace

TEST_CASE("the trace is the prompt, then written bytes and the next pc for each step") {
  isa::Program p = assemble(
      ".func _start entry=0 end=3 frame=16\n"
      "     0: mov %0, #287454020\n"  // 0x11223344
      "     1: putc #65\n"
      "     2: halt #7\n");
  runtime::RunResult r = run(p, "hi");
  CHECK(names(r.trace) == std::vector<std::string>{"<bos>", "in:68", "in:69", "<eoi>", "@0", "x44", "x33",
                                                   "x22", "x11", "@1", "out:41", "@2", "x07", "<halt>"});
  CHECK(r.status == runtime::RunStatus::Halted);
  CHECK(r.exit_code == 7);
  CHECK(r.output == "A");
  CHECK(r.instructions == 3);
  CHECK(r.tokens == r.trace.size());
}

TEST_CASE("token names round-trip") {
  for (trace::Token t : {0u, 255u, 256u, 511u, 512u, 767u, 768u, 769u, 770u, 772u, 776u, 784u, 999999u}) {
    trace::Token back = 0;
    REQUIRE(trace::parse_token_name(trace::token_name(t), back));
    CHECK(back == t);
  }
}

TEST_CASE("traps stop the trace with a trap token and a located message") {
  struct Case {
    const char* name;
    const char* code;
    isa::TrapKind kind;
    const char* message;
  };
  const Case cases[] = {
      {"division by zero", "     0: divs %0, #5, #0\n     1: halt #0\n", isa::TrapKind::DivideByZero,
       "trap: division by zero at pc 0 (divs %0, #5, #0)"},
      {"null load", "     0: ld32 %0, #0, #0\n     1: halt #0\n", isa::TrapKind::MemoryOutOfBounds,
       "memory access out of bounds at pc 0"},
      {"store past the end", "     0: st8 #65535, #1, #1\n     1: halt #0\n",
       isa::TrapKind::MemoryOutOfBounds, "memory access out of bounds"},
      {"abort", "     0: trap\n", isa::TrapKind::Abort, "abort"},
      {"bad indirect call", "     0: calli _, #1, #8\n     1: halt #0\n", isa::TrapKind::BadCall,
       "not a function"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    isa::Program p =
        assemble(std::string(".func _start entry=0 end=") +
                 (std::string(c.code).find("1:") != std::string::npos ? "2" : "1") + " frame=16\n" + c.code);
    runtime::RunResult r = run(p);
    CHECK(r.status == runtime::RunStatus::Trapped);
    CHECK(r.trap == c.kind);
    CHECK(r.exit_code == 134);
    CHECK(r.trace.back() == trace::trap_token(static_cast<uint32_t>(c.kind)));
    CHECK_THAT(r.message, Catch::Contains(c.message));
  }
}

TEST_CASE("unbounded recursion traps as a stack overflow") {
  isa::Program p = assemble(
      ".func _start entry=0 end=2 frame=16\n"
      "     0: call _, #8, @2\n"
      "     1: halt #0\n"
      ".func f entry=2 end=4 frame=64\n"
      "     2: call _, #32, @2\n"
      "     3: ret _, _\n");
  runtime::RunResult r = run(p);
  CHECK(r.trap == isa::TrapKind::StackOverflow);
  // the start stub's call, 125 calls that fit, and the one that overflows
  CHECK(r.instructions == 1 + (4096 - 8 - 64) / 32 + 1);
}

TEST_CASE("calls pass arguments in the outgoing area and ret writes the caller's destination") {
  // f(a, b) = a - b, as a 64-bit pair (lo = a - b, hi = 0x55)
  isa::Program p = assemble(
      ".func _start entry=0 end=5 frame=24\n"
      "     0: mov %8, #10\n"
      "     1: mov %12, #3\n"
      "     2: call %0, #8, @5\n"
      "     3: add %0, %0, %4\n"
      "     4: halt %0\n"
      ".func f entry=5 end=7 frame=16\n"
      "     5: sub %8, %0, %4\n"
      "     6: ret %8, #85\n");
  runtime::RunResult r = run(p);
  CHECK(r.exit_code == 7 + 85);
  auto n = names(r.trace);
  // The call step spells the callee's fp (0x2008); the ret step the caller's fp
  // (0x2000), then the 8 bytes it writes into the caller's frame, then the return pc.
  auto call_at = std::find(n.begin(), n.end(), "@2") + 1;
  CHECK(std::vector<std::string>(call_at, call_at + 4) ==
        std::vector<std::string>{"x08", "x20", "x00", "@5"});
  auto ret_at = std::find(n.begin(), n.end(), "@6") + 1;  // right after the sub step
  CHECK(std::vector<std::string>(ret_at, ret_at + 12) == std::vector<std::string>{"x00", "x20", "x00", "x07",
                                                                                  "x00", "x00", "x00", "x55",
                                                                                  "x00", "x00", "x00", "@3"});
}

TEST_CASE("getc reads the input bytes, then -1 at the end") {
  isa::Program p = assemble(
      ".func _start entry=0 end=5 frame=16\n"
      "     0: getc %0\n"
      "     1: br_lt_s %0, #0, @4\n"
      "     2: putc %0\n"
      "     3: jmp @0\n"
      "     4: halt #0\n");
  runtime::RunResult r = run(p, "abc");
  CHECK(r.output == "abc");
  CHECK(r.status == runtime::RunStatus::Halted);
  // Each getc spells the new input cursor, then the value: the last one reads EOF (-1).
  auto n = names(r.trace);
  CHECK(std::vector<std::string>(n.begin() + 6, n.begin() + 14) ==
        std::vector<std::string>{"x01", "x00", "x00", "x61", "x00", "x00", "x00", "@1"});
  auto last_getc = n.end() - 11;
  CHECK(std::vector<std::string>(last_getc, last_getc + 8) ==
        std::vector<std::string>{"x03", "x00", "x00", "xff", "xff", "xff", "xff", "@1"});
}

TEST_CASE("the step limit stops a runaway program with a clear message") {
  isa::Program p = assemble(
      ".func _start entry=0 end=1 frame=16\n"
      "     0: jmp @0\n");
  runtime::RunResult r = run(p, "", 1000);
  CHECK(r.status == runtime::RunStatus::StepLimit);
  CHECK(r.exit_code == 124);
  CHECK(r.instructions == 1000);
  CHECK_THAT(r.message, Catch::Contains("step limit of 1000 instructions"));
}

TEST_CASE("counting and recording runs agree on every figure") {
  isa::Program p = assemble(
      ".func _start entry=0 end=4 frame=16\n"
      "     0: add %0, %0, #1\n"
      "     1: st16 #4096, %0, #2\n"
      "     2: br_lt_u %0, #100, @0\n"
      "     3: halt %0\n");
  runtime::RunOptions o;
  runtime::RunResult counted = runtime::run_reference(p, o);
  o.record_trace = true;
  runtime::RunResult recorded = runtime::run_reference(p, o);
  CHECK(counted.tokens == recorded.trace.size());
  CHECK(counted.instructions == recorded.instructions);
  CHECK(counted.exit_code == 100);
  // add: 1 byte (only the low byte changes) + pc; st16: 3 address bytes, 2 bytes + pc;
  // branch: pc — 9 tokens per iteration.
  CHECK(recorded.tokens - recorded.prompt_tokens == 100 * 9 + 2);
  auto n = names(recorded.trace);
  CHECK(
      std::vector<std::string>(n.begin() + 3, n.begin() + 11) ==
      std::vector<std::string>{"x01", "@1", "x02", "x10", "x00", "x01", "x00", "@2"});  // st16 at 0x1002 of 1
}

TEST_CASE("a destination write spells its value up to the highest byte that changed") {
  isa::Program p = assemble(
      ".layout data_base=0x1000 stack_base=0x1100 stack_size=4096 heap_base=0x2100 memory_size=0x3000\n"
      ".datasize 4\n"
      ".data 0 44332211\n"
      ".func _start entry=0 end=9 frame=16\n"
      "     0: mov %0, #0\n"                // unchanged (fresh memory is 0): no byte
      "     1: mov %0, #258\n"              // 0x102: bytes 0 and 1
      "     2: mov %0, #259\n"              // 0x103: byte 0
      "     3: mov %0, #16777475\n"         // 0x1000103: all four (byte 3 changed)
      "     4: mov %0, #16777475\n"         // the same again: none
      "     5: mov [0x1000], #287454020\n"  // the data image's own word: none
      "     6: mov [0x1000], #287454021\n"  // its low byte: one
      "     7: getc %4\n"                   // getc spells its value in full
      "     8: halt #0\n");
  runtime::RunOptions o;
  o.record_trace = true;
  runtime::RunResult r = runtime::run_reference(p, o);
  CHECK(names(r.trace) == std::vector<std::string>{"<bos>", "<eoi>", "@0",  "@1",  "x02", "x01", "@2",
                                                   "x03",   "@3",    "x03", "x01", "x00", "x01", "@4",
                                                   "@5",    "@6",    "x45", "@7",  "x00", "x00", "x00",
                                                   "xff",   "xff",   "xff", "xff", "@8",  "x00", "<halt>"});
  runtime::RunOptions counting;
  CHECK(runtime::run_reference(p, counting).tokens == r.trace.size());
}

TEST_CASE("trace::delta_byte_count is the count the interpreter's delta write spells") {
  // Each mov's old value is the previous one's (the slot starts at 0); `c2w verify`
  // proves the weights' byte count against delta_byte_count, so it must be this rule.
  const std::vector<uint32_t> values = {
      0,          1, 0x100,      0x100,      0x1FF,      0x10000,    0x10000FF,  0xFF0000FF, 0xFF0000FF,
      0x7F0000FF, 0, 0xFFFFFFFF, 0xFFFFFF80, 0xFFFF8080, 0x80808080, 0x00808080, 0x12345678, 0x12345679};
  std::string body = ".func _start entry=0 end=" + std::to_string(values.size() + 1) + " frame=16\n";
  for (size_t i = 0; i < values.size(); ++i)
    body += std::to_string(i) + ": mov %0, #" + std::to_string(int32_t(values[i])) + "\n";
  body += std::to_string(values.size()) + ": halt #0\n";
  runtime::RunResult r = run(assemble(body));
  std::vector<uint32_t> spelled;  // byte tokens after each pc token: @i starts step i
  for (trace::Token t : r.trace) {
    if (trace::is_pc(t))
      spelled.push_back(0);
    else if (trace::is_byte(t) && !spelled.empty())
      ++spelled.back();
  }
  REQUIRE(spelled.size() == values.size() + 1);
  uint32_t old = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    INFO("mov " << i << ": " << old << " -> " << values[i]);
    CHECK(spelled[i] == trace::delta_byte_count(old, values[i]));
    old = values[i];
  }
  CHECK(trace::delta_byte_count(0x11223344, 0x11223344) == 0);
  CHECK(trace::delta_byte_count(0x11223344, 0x91223344) == 4);
}

TEST_CASE("validation rejects programs that would let the machine escape its memory") {
  CHECK_THROWS(assemble(".func _start entry=0 end=1 frame=16\n     0: mov %16, #1\n"));
  CHECK_THROWS(assemble(".func _start entry=0 end=1 frame=16\n     0: mov [0x10], #1\n"));
  CHECK_THROWS(assemble(".func _start entry=0 end=1 frame=16\n     0: call _, #0, @0\n"));
  CHECK_THROWS(assemble(".func _start entry=0 end=1 frame=16\n     0: jmp @9\n"));
}
