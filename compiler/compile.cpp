// The compile driver (see compile.h): reads like the pipeline.
#include "compiler/compile.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "support/errors.h"
#include "compiler/allocate_frame_slots.h"
#include "compiler/frontend_clang.h"
#include "compiler/link_program.h"
#include "compiler/lower_llvm.h"
#include "compiler/optimize_llvm.h"
#include "compiler/peephole.h"

#ifndef C2W_LIBC_DIR
#error "C2W_LIBC_DIR must be defined by the build"
#endif

namespace c2w::compiler {
namespace {

std::vector<std::string> libc_sources(const std::string& libc_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(libc_dir + "/src", ec))
    if (entry.path().extension() == ".c") files.push_back(entry.path().string());
  if (ec || files.empty())
    throw UserError("error: the c2w libc sources were not found in '" + libc_dir +
                    "/src' (set C2W_LIBC_DIR to the libc directory of a c2w checkout)");
  std::sort(files.begin(), files.end());
  return files;
}

// The c2w libc, one module per source file, compiled like the program but silently.
std::vector<std::unique_ptr<llvm::Module>> compile_libc(const std::string& libc_dir,
                                                        const FrontendOptions& frontend,
                                                        llvm::LLVMContext& context) {
  std::vector<std::unique_ptr<llvm::Module>> libc;
  FrontendOptions library = frontend;
  library.ast_dump = nullptr;
  library.warnings = nullptr;
  library.include_dirs.clear();  // the program's -I and -D are the program's, not the libc's
  library.defines.clear();
  for (const std::string& file : libc_sources(libc_dir))
    libc.push_back(compile_c_to_llvm(file, library, context));
  return libc;
}

std::string print_module(const llvm::Module& m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  return os.str();
}

}  // namespace

std::string default_libc_dir() {
  if (const char* env = std::getenv("C2W_LIBC_DIR"); env && *env) return env;
  return C2W_LIBC_DIR;
}

CompileOutput compile_c_program(const CompileOptions& options) {
  if (options.opt_level < 0 || options.opt_level > 3)
    throw UserError("error: optimisation level must be 0..3");
  std::string libc_dir = options.libc_dir.empty() ? default_libc_dir() : options.libc_dir;
  CompileOutput out;
  FrontendOptions frontend{options.opt_level, libc_dir + "/include", options.include_dirs,
                           options.defines,   options.feature_flags, options.no_warnings,
                           nullptr,           &out.warnings};
  if (options.stop_after == EmitStage::Ast) frontend.ast_dump = &out.dump;

  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> program = compile_c_to_llvm(options.source_path, frontend, context);
  std::vector<std::unique_ptr<llvm::Module>> units;
  for (const std::string& path : options.more_sources)
    units.push_back(compile_c_to_llvm(path, frontend, context));
  if (options.stop_after == EmitStage::Ast) return out;

  link_translation_units(*program, options.source_path, std::move(units), options.more_sources);

  link_and_optimize(*program, compile_libc(libc_dir, frontend, context), options.opt_level);
  if (options.stop_after == EmitStage::Llvm) {
    out.dump = print_module(*program);
    return out;
  }

  LoweredProgram lowered = lower_to_isa(*program, {options.memory_size, options.stack_size});
  allocate_frame_slots(lowered);
  simplify_code(lowered);
  out.program = link_program(lowered);
  return out;
}

}  // namespace c2w::compiler
