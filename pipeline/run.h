// Running a program the way `c2w run` does, on any engine, as one library call: the
// program (C source, text assembly, binary image) or a compiled model file, the
// universal model with the program in its prompt, the model cache, the prompt, the
// engine, and the report (output, exit code, trace, readable trace, statistics).
//
// What needs no compiler (model files, programs in machine form, the report) is
// runtime/run_program.h, shared with the lean runner c2w-run; this adds C sources and
// compiling a program into weights (cached) for `--engine=dense|hull`.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/compile.h"
#include "runtime/run_program.h"

namespace c2w::pipeline {

using runtime::Engine;
using runtime::engine_name;
using runtime::engine_named;
using runtime::is_model_path;
using runtime::RunReport;
using runtime::transformer_engine;

struct RunRequest : runtime::RunRequest {
  bool use_cache = true;             // keep compiled models in the model cache
  compiler::CompileOptions compile;  // -O, memory and stack sizes (source_path is ignored)
};

// Throws UserError for bad input (an unreadable program or model, a wrong engine for
// the input, a program the weight compiler cannot express).
RunReport run_program(const RunRequest& request);

}  // namespace c2w::pipeline
