// The hull engine's block compiler for a program that does not link LLVM (the lean
// runner c2w-run): a stand-in that loads the JIT plugin libc2w_jit.so
// (runtime/block_jit_plugin.cpp) with dlopen the first time kernels are built, and
// then compiles with it. The engine asks for kernels only once a run reaches
// C2W_JIT_AFTER tokens (transformer_engine.h), so a short run never maps libLLVM; a
// long one pays for loading it inside kernels.build_seconds. A plugin that cannot be
// loaded is said once on stderr, and the run goes on walking the arrays (--stats:
// kernels "failed"), the same tokens.
#pragma once

#include <memory>
#include <string>

#include "neural/block_kernel.h"

namespace c2w::runtime {

// `plugin_path`: the plugin to load ($C2W_JIT_PLUGIN overrides it).
std::shared_ptr<neural::BlockKernelCompiler> plugin_block_compiler(const std::string& plugin_path);

// The plugin beside the running executable: <its directory>/libc2w_jit.so.
std::string plugin_beside_executable();

}  // namespace c2w::runtime
