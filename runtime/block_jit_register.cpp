// Linking c2w_jit makes the hull engine compile its block kernels with LLVM's ORC JIT
// (block_jit.h) on hosts where the runtime has no compiler of its own (block_x86.h:
// x86-64 only): this object sets the runtime's block compiler at start-up there.
#include "runtime/block_jit.h"
#include "runtime/block_x86.h"
#include "runtime/transformer_engine.h"

// Referenced by the linker option of c2w_jit (CMakeLists.txt), so that this object is
// linked from the static library and its registration below runs.
extern "C" {
bool c2w_jit_registered = [] {
  if (!c2w::runtime::x86_block_compiler_available())
    c2w::runtime::set_block_compiler(c2w::runtime::llvm_block_compiler);
  return true;
}();
}
