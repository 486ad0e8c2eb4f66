// Linking the c2w libc into a program's LLVM module and running LLVM's optimisation
// pipeline (-O0..-O3) on the whole program.
//
// Everything but `main` and the routines the lowering may call (runtime_functions())
// becomes internal before optimisation, so the inliner sees the whole program and
// unused libc code disappears. No TargetMachine is given to the pipeline: the default
// cost model has no vector registers, so nothing is vectorised.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
}

namespace c2w::compiler {

// Library functions the lowering itself calls (memcpy for large copies, 64-bit
// division, bit counting, ...); they stay external so they survive optimisation.
const std::vector<std::string>& runtime_functions();

// Links the program's other translation units into `program` (c2w run a.c b.c, as gcc
// links them); `names` are their files, for the error. A symbol defined twice is a
// UserError naming both files.
void link_translation_units(llvm::Module& program, const std::string& program_name,
                            std::vector<std::unique_ptr<llvm::Module>> units,
                            const std::vector<std::string>& names);

// Links each of `libraries` into `program` and optimises the result in place.
void link_and_optimize(llvm::Module& program, std::vector<std::unique_ptr<llvm::Module>> libraries,
                       int opt_level);

}  // namespace c2w::compiler
