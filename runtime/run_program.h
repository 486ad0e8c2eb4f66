// Running a program or a model file the way `c2w run` does, as one library call that
// needs no compiler: a model file on a transformer engine (a specialised model, or the
// universal model with a program in its prompt), or a program in machine form (text
// assembly, binary image) on the reference interpreter. Both `c2w run` (through
// pipeline/run.h, which adds C sources and compiling programs into weights) and the
// lean runner `c2w-run` (tools/c2w_run_main.cpp, which links no Clang, LLVM or Z3)
// run through here, so the two print the same output, trace and statistics.
//
// Engines (DESIGN.md §5): `reference` is the ISA interpreter, the oracle; `dense` and
// `hull` run the transformer of a model file with an O(t) or an O(log t) KV cache.
// Whatever the engine, the exit code is the program's, 134 when it traps and 124 when
// the step (or generated-token) budget runs out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "isa/isa.h"
#include "runtime/transformer_engine.h"

namespace c2w::runtime {

enum class Engine { Reference, Dense, Hull };
// "reference", "dense" or "hull"; anything else is a UserError listing them.
Engine engine_named(const std::string& name);
const char* engine_name(Engine engine);
TransformerEngine transformer_engine(Engine engine);  // Dense or Hull

struct RunRequest {
  std::string path;             // a program (.isa/.s, binary; .c where a compiler is given) or a model file
  std::string universal_model;  // when set: run the program `path` on this universal model
  Engine engine = Engine::Reference;
  std::string input;                   // the program's stdin
  uint64_t max_steps = 2'000'000'000;  // instructions (reference) or generated tokens (a model)
  bool record_trace = false;           // fill RunReport::trace_text
  bool explain = false;                // fill RunReport::explain_text (transformer engines only)
  bool process_exits_after = false;    // TransformerRunOptions::leave_engine_to_exit (c2w-run)
};

struct RunReport {
  std::string output;        // the program's stdout
  int exit_code = 0;         // the program's; 134 on a trap, 124 at the budget
  std::string message;       // what stopped a run that did not halt, for stderr ("" otherwise)
  std::string warning;       // something the user should know although the run went on, for stderr
  std::string trace_text;    // the token trace, one token name per line (when requested)
  std::string explain_text;  // the readable per-instruction trace (when requested)
  std::string stats_json;    // statistics: engine, tokens, seconds, tokens/s, model shape, ...
};

// Where programs come from. `load` reads a program from a path; `compile` (may be
// empty) makes the model a transformer engine runs for a program that is not a model
// file. Without `compile`, such a run is a UserError saying how to get a model.
struct ProgramSource {
  std::function<isa::Program(const std::string& path)> load;
  std::function<LoadedModel(const isa::Program& program, const std::string& path, TransformerEngine engine)>
      compile;
};

// Throws UserError for bad input (an unreadable program or model, a wrong engine for
// the input, a program the loader or compiler refuses).
RunReport run_program(const RunRequest& request, const ProgramSource& source);

// A program in machine form: text assembly (.isa, .s) or a binary program image. A C
// source (.c) is a UserError: compiling C needs `c2w`.
isa::Program load_machine_program(const std::string& path);

// A model file, told by its contents (a safetensors header naming the c2w model
// format) or, for a file that does not exist yet or cannot be read, by its .c2w name.
bool is_model_path(const std::string& path);

}  // namespace c2w::runtime
