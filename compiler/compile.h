// The compile driver: C source -> c2w machine program, one call per stage of the
// pipeline (DESIGN.md §1). Every intermediate form can be dumped (`--emit=`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"

namespace c2w::compiler {

enum class EmitStage { Ast, Llvm, Isa };

struct CompileOptions {
  std::string source_path;
  std::vector<std::string> more_sources;  // other C files of the program, linked with it (as gcc a.c b.c)
  int opt_level = 2;                      // 0..3
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;
  std::string libc_dir;                    // empty: the c2w libc this build was configured with
  std::vector<std::string> include_dirs;   // -I DIR
  std::vector<std::string> defines;        // -D NAME[=VALUE]
  std::vector<std::string> feature_flags;  // -f FLAG: only those in kFeatureFlags
  bool no_warnings = false;                // -w

  EmitStage stop_after = EmitStage::Isa;
};

struct CompileOutput {
  isa::Program program;  // when stop_after == Isa
  std::string dump;      // the AST or LLVM IR text when stopping there
  std::string warnings;  // Clang's warnings on the program
};

// The -f flags c2w accepts (as gcc spells them): they change what the C means.
//   wrapv: signed overflow wraps (two's complement), as gcc -fwrapv;
//   no-strict-aliasing: no type-based alias analysis, as gcc -fno-strict-aliasing.
constexpr const char* kFeatureFlags[] = {"wrapv", "no-wrapv", "strict-aliasing", "no-strict-aliasing"};

// Throws UserError (bad input) or InternalError.
CompileOutput compile_c_program(const CompileOptions& options);

// The libc directory in use (the C2W_LIBC_DIR environment variable overrides the
// configured one).
std::string default_libc_dir();

}  // namespace c2w::compiler
