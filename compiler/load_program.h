// Loading a c2w program from whatever the user names: C source (compiled), text
// assembly (.isa, .s) or a binary program image.
#pragma once

#include <string>

#include "compiler/compile.h"
#include "isa/isa.h"

namespace c2w::compiler {

// `options.source_path` is ignored; `path` decides. Prints Clang warnings to stderr.
isa::Program load_program(const std::string& path, const CompileOptions& options);

}  // namespace c2w::compiler
