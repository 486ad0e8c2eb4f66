// Running a program on any engine (see run.h): runtime/run_program.h with the C front
// end as the program loader and the cached weight compiler as the model maker.
#include "pipeline/run.h"

#include "compiler/load_program.h"
#include "pipeline/model_cache.h"

namespace c2w::pipeline {

RunReport run_program(const RunRequest& request) {
  runtime::ProgramSource source;
  source.load = [&](const std::string& path) { return compiler::load_program(path, request.compile); };
  source.compile = [&](const isa::Program& program, const std::string& path,
                       runtime::TransformerEngine engine) {
    return cached_model(program, path, request.use_cache, engine);
  };
  return runtime::run_program(request, source);
}

}  // namespace c2w::pipeline
