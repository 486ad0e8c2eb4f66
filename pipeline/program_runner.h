// A program made ready once and run on many inputs, on any engine: what the hybrid
// pipelines do hundreds of times (concolic exploration, CEGIS checks, certifying
// answers). For the transformer engines the program is compiled into weights once
// (through the model cache) and the engine is built once; each run starts it afresh
// from the prompt.
//
// A run also gives the path the engine took: the pc of every executed instruction,
// read off the token trace (each step's pc token, trace_format.h). For the transformer
// engines that path comes from the tokens the transformer generated, nothing else.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/compile.h"
#include "isa/isa.h"
#include "pipeline/run.h"

namespace c2w::pipeline {

struct RunOutcome {
  enum class Status { Halted, Trapped, Limit } status = Status::Halted;
  std::string output;         // stdout
  int exit_code = 0;          // the program's; 134 on a trap, 124 at the limit
  std::string trap;           // the trap's name ("div0", "mem", ...) when Trapped
  uint64_t tokens = 0;        // generated tokens (the reference engine: of its trace)
  uint64_t instructions = 0;  // executed instructions
  double seconds = 0;
  std::vector<uint32_t> path;  // pcs of the executed instructions, when asked for
};

class ProgramRunner {
 public:
  // `path`: a .c file (or .isa / binary program). Throws UserError for bad input.
  ProgramRunner(const std::string& path, Engine engine, const compiler::CompileOptions& options = {},
                bool use_model_cache = true);
  // A program already loaded; `source` names it in messages.
  ProgramRunner(isa::Program program, const std::string& source, Engine engine, bool use_model_cache = true);
  ~ProgramRunner();
  ProgramRunner(ProgramRunner&&) noexcept;

  RunOutcome run(const std::string& input, uint64_t max_tokens = 100'000'000, bool want_path = false);

  const isa::Program& program() const;
  const std::string& source() const;
  Engine engine() const;
  double setup_seconds() const;  // compiling (or loading) the weights and building the engine

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace c2w::pipeline
