// C source -> LLVM IR, with Clang running in-process (libTooling's CompilerInstance).
//
// The target is i386 Linux (ILP32: int, long and pointers are 32 bits, long long 64),
// so struct layouts and the varargs ABI match `gcc -m32` exactly. Clang emits IR
// annotated for the chosen optimisation level but runs no LLVM pass; optimisation
// happens after the libc is linked in (optimize_llvm.h).
//
// Every Clang error, and every construct c2w does not support (floating point,
// inline assembly, setjmp/longjmp, ...), is reported at once with
// file:line:col, the source line and a caret, as one UserError.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace c2w::compiler {

struct FrontendOptions {
  int opt_level = 2;                       // 0..3: annotations Clang puts on the IR
  std::string libc_include_dir;            // the only system include directory
  std::vector<std::string> include_dirs;   // -I: searched for "..." and <...> before the libc
  std::vector<std::string> defines;        // -D: NAME or NAME=VALUE
  std::vector<std::string> feature_flags;  // -f flags passed on to Clang (e.g. "wrapv")
  bool no_warnings = false;                // -w: Clang reports errors only
  std::string* ast_dump = nullptr;         // when set, receives a deterministic AST dump of the main file
  std::string* warnings = nullptr;         // when set, receives Clang's warnings
};

// Throws UserError with all diagnostics when the file does not compile.
std::unique_ptr<llvm::Module> compile_c_to_llvm(const std::string& path, const FrontendOptions& options,
                                                llvm::LLVMContext& context);

}  // namespace c2w::compiler
