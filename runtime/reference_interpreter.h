// The reference interpreter of the c2w machine: the oracle. It defines the exact
// semantics of every instruction (through the shared tables of isa/isa.h) and
// the token trace (isa/trace_format.h) that every transformer engine must
// reproduce token for token. It is not a transformer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "isa/trace_format.h"

namespace c2w::runtime {

enum class RunStatus { Halted, Trapped, StepLimit };

struct RunOptions {
  std::string input;                   // the program's stdin
  uint64_t max_steps = 2'000'000'000;  // executed instructions before StepLimit
  bool record_trace = false;           // keep the whole token trace in RunResult::trace
};

struct RunResult {
  RunStatus status = RunStatus::Halted;
  int exit_code = 0;  // Halted: the exit code; otherwise 134 (trap) or 124 (step limit)
  isa::TrapKind trap = isa::TrapKind::None;
  uint32_t stop_pc = 0;       // pc of the halt/trap instruction, or the next pc at the step limit
  std::string output;         // the program's stdout
  uint64_t instructions = 0;  // executed instructions
  uint64_t tokens = 0;        // tokens of the whole trace, prompt included
  uint64_t prompt_tokens = 0;
  std::vector<trace::Token> trace;  // when RunOptions::record_trace
  std::string message;              // for traps and the step limit: what, where
};

RunResult run_reference(const isa::Program& program, const RunOptions& options);

// The prompt tokens for an input: <bos> in:XX ... <eoi> @0.
std::vector<trace::Token> prompt_tokens(const std::string& input);

}  // namespace c2w::runtime
