// Running a program the way `c2w run` does, on any engine, as one library call: the
// program (C source, text assembly, binary image) or a compiled model file, the
// universal model with the program in its prompt, the model cache, the prompt, the
// engine, and the report (output, exit code, trace, readable trace, statistics).
//
// Engines (DESIGN.md §5): `reference` is the ISA interpreter, the oracle; `dense` and
// `hull` run the transformer compiled from the program (or a model file), with an O(t)
// or an O(log t) KV cache. Whatever the engine, the exit code is the program's, 134
// when it traps and 124 when the step (or generated-token) budget runs out.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/compile.h"
#include "runtime/transformer_engine.h"

namespace c2w::pipeline {

enum class Engine { Reference, Dense, Hull };
// "reference", "dense" or "hull"; anything else is a UserError listing them.
Engine engine_named(const std::string& name);
const char* engine_name(Engine engine);
runtime::TransformerEngine transformer_engine(Engine engine);  // Dense or Hull

struct RunRequest {
  std::string path;             // .c, .isa/.s, binary program, or a model file
  std::string universal_model;  // when set: run the program `path` on this universal model
  Engine engine = Engine::Reference;
  std::string input;                   // the program's stdin
  uint64_t max_steps = 2'000'000'000;  // instructions (reference) or generated tokens (a model)
  bool record_trace = false;           // fill RunReport::trace_text
  bool explain = false;                // fill RunReport::explain_text (transformer engines only)
  bool use_cache = true;               // keep compiled models in the model cache
  compiler::CompileOptions compile;    // -O, memory and stack sizes (source_path is ignored)
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

// Throws UserError for bad input (an unreadable program or model, a wrong engine for
// the input, a program the weight compiler cannot express).
RunReport run_program(const RunRequest& request);

// A model file, told by its contents (a safetensors header naming the c2w model
// format) or, for a file that does not exist yet or cannot be read, by its .c2w name.
bool is_model_path(const std::string& path);

}  // namespace c2w::pipeline
