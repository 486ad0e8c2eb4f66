// The compile driver: C source -> c2w machine program, one call per stage of the
// pipeline (DESIGN.md §1). Every intermediate form can be dumped (`--emit=`).
#pragma once

#include <cstdint>
#include <string>

#include "isa/isa.h"

namespace c2w::compiler {

enum class EmitStage { Ast, Llvm, Isa };

struct CompileOptions {
  std::string source_path;
  int opt_level = 2;  // 0..3
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;
  std::string libc_dir;  // empty: the c2w libc this build was configured with
  EmitStage stop_after = EmitStage::Isa;
};

struct CompileOutput {
  isa::Program program;  // when stop_after == Isa
  std::string dump;      // the AST or LLVM IR text when stopping there
  std::string warnings;  // Clang's warnings on the program
};

// Throws UserError (bad input) or InternalError.
CompileOutput compile_c_program(const CompileOptions& options);

// The libc directory in use (the C2W_LIBC_DIR environment variable overrides the
// configured one).
std::string default_libc_dir();

}  // namespace c2w::compiler
