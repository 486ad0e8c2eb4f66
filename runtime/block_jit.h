// The hull engine's block kernels compiled to machine code with LLVM's ORC JIT (see
// neural/block_kernel.h for what a kernel computes). The c2w_jit library: the
// cross-check of the x86-64 compiler (block_x86.h) in the unit tests, and on other
// hosts the hull engine's compiler in the programs that link it (it calls
// runtime::set_block_compiler at start-up there; CMake forces its object into every
// program that links c2w_jit).
#pragma once

#include <memory>

#include "neural/block_kernel.h"

namespace c2w::runtime {

// A compiler of block kernels for this machine. Its kernels add no floating-point
// contraction or reassociation: the same operations, in the same order, as the
// fast pass's array walk.
std::shared_ptr<neural::BlockKernelCompiler> llvm_block_compiler();

}  // namespace c2w::runtime
