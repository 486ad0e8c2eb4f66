// Linking c2w_jit makes the hull engine compile its block kernels with LLVM's ORC JIT
// (block_jit.h): this object sets the runtime's block compiler at start-up.
#include "runtime/block_jit.h"
#include "runtime/transformer_engine.h"

// Referenced by the linker option of c2w_jit (CMakeLists.txt), so that this object is
// linked from the static library and its registration below runs.
extern "C" {
bool c2w_jit_registered = [] {
  c2w::runtime::set_block_compiler(c2w::runtime::llvm_block_compiler);
  return true;
}();
}
