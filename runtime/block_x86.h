// The hull engine's block kernels (neural/block_kernel.h) as x86-64 machine code
// written straight into memory: no LLVM, microseconds to build, so that every run can
// use them and the lean runner c2w-run needs no JIT library.
//
// The code is SSE2 scalar double arithmetic (movsd, mulsd, addsd, ucomisd), each
// weight a constant in a pool after the code, each coordinate read from x where the
// walk reads it, the shared sums in a stack frame: the same operations in the same
// order as the fast pass's array walk (no fused multiply-add, no reassociation), so
// the two give bit-identical numbers. The buffer is mapped read-write, filled, then
// made read-execute (never both writable and executable); the owner unmaps it.
#pragma once

#include <memory>

#include "neural/block_kernel.h"

namespace c2w::runtime {

// The x86-64 block compiler. On any other host, or when a spec is too large to address
// (a coordinate beyond 2^28, code beyond 1 GB) or the memory cannot be mapped, its
// compile() returns no kernels and the engine walks the arrays.
std::shared_ptr<neural::BlockKernelCompiler> x86_block_compiler();

// True when this build can compile kernels (an x86-64 host).
bool x86_block_compiler_available();

}  // namespace c2w::runtime
