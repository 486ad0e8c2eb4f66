// The JIT as a plugin (libc2w_jit.so): block_jit.cpp and LLVM in a shared object that
// the lean runner c2w-run loads only when a run reaches the point where compiled block
// kernels pay off (runtime/jit_plugin.h), so that a short run never maps libLLVM.
#include "runtime/block_jit.h"

// A new compiler in a heap-allocated shared_ptr, which the caller takes over (moves
// from and deletes).
extern "C" __attribute__((visibility("default"))) std::shared_ptr<c2w::neural::BlockKernelCompiler>*
c2w_jit_plugin_compiler() {
  return new std::shared_ptr<c2w::neural::BlockKernelCompiler>(c2w::runtime::llvm_block_compiler());
}
