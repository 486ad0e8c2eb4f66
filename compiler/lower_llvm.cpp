// LLVM IR -> lowered c2w program (see lower_llvm.h): the program-wide loop.
//
// ProgramLowering lays out the globals (lower_llvm/globals.cpp), then lowers the
// functions reachable from main through a worklist: a function is requested when
// something refers to it (a call, its address in code or data) and lowered once, by
// a FunctionLowering of its own (lower_llvm/functions.cpp and the files beside it).
// Errors are collected over the whole program and thrown together at the end.
#include "compiler/lower_llvm.h"

#include "compiler/lower_llvm/lowering.h"
#include "support/errors.h"

namespace c2w::compiler {
namespace lower_llvm {

uint32_t ProgramLowering::request(const llvm::Function* f) {
  auto [it, inserted] = function_index_.emplace(f, static_cast<uint32_t>(functions_.size()));
  if (inserted) {
    functions_.push_back(f);
    worklist_.push_back(it->second);
  }
  return it->second;
}

uint32_t ProgramLowering::file_index(const std::string& path) {
  for (uint32_t i = 1; i < files_.size(); ++i)
    if (files_[i] == path) return i;
  files_.push_back(path);
  return static_cast<uint32_t>(files_.size() - 1);
}

uint32_t ProgramLowering::block_address(const llvm::BasicBlock* block) {
  return block_addresses_.emplace(block, static_cast<uint32_t>(block_addresses_.size() + 1)).first->second;
}

LoweredProgram ProgramLowering::run() {
  const llvm::Function* main = module_.getFunction("main");
  if (!main || main->isDeclaration()) throw UserError("error: the program has no main function");
  layout_globals();
  // The variable arguments of the largest variadic call (i386 cdecl: 4-byte slots,
  // by-value structs rounded up to 4).
  for (const llvm::Function& f : module_)
    for (const llvm::BasicBlock& bb : f)
      for (const llvm::Instruction& i : bb) {
        const auto* call = llvm::dyn_cast<llvm::CallBase>(&i);
        if (!call || !call->getFunctionType()->isVarArg()) continue;
        uint64_t bytes = 0;
        for (unsigned k = call->getFunctionType()->getNumParams(); k < call->arg_size(); ++k) {
          llvm::Type* t =
              call->isByValArgument(k) ? call->getParamByValType(k) : call->getArgOperand(k)->getType();
          bytes += align_to(static_cast<uint32_t>(dl_.getTypeAllocSize(t)), 4);
        }
        variadic_argument_bytes_ = std::max<uint32_t>(variadic_argument_bytes_, static_cast<uint32_t>(bytes));
      }
  LoweredProgram p;
  p.main_function = request(main);

  while (!worklist_.empty()) {
    uint32_t index = worklist_.front();
    worklist_.pop_front();
    // First in, first out: functions are lowered in the order of their indices, the
    // indices relocations name them by.
    C2W_CHECK(index == p.functions.size(), "functions lowered out of order");
    p.functions.push_back(FunctionLowering(*this, *functions_[index]).run());
    // Returning from main is exit(main's result), which runs the atexit handlers: a
    // program that registers one gets its start code calling exit (one that does not
    // keeps the plain halt, and its trace is as short as before).
    // (link_and_optimize keeps exit external exactly when atexit is used.)
    if (worklist_.empty() && !p.exit_function) {
      const llvm::Function* exit = module_.getFunction("exit");
      if (exit && !exit->isDeclaration() && exit->hasExternalLinkage()) p.exit_function = request(exit);
    }
  }
  if (!errors_.empty()) {
    std::string all;
    for (const auto& e : errors_) all += e + (e.back() == '\n' ? "" : "\n");
    throw UserError(all + std::to_string(errors_.size()) + (errors_.size() == 1 ? " error" : " errors") +
                    " in lowering to the c2w machine; nothing was written.");
  }

  p.data = data_;
  p.data_relocations = data_relocations_;
  p.data_base = data_base_;
  p.argv_address = argv_address_;
  p.stack_base = stack_base_;
  p.stack_size = options_.stack_size;
  p.heap_base = heap_base_;
  p.memory_size = options_.memory_size;
  p.files = files_;
  return p;
}

}  // namespace lower_llvm

LoweredProgram lower_to_isa(const llvm::Module& module, const LowerOptions& options) {
  return lower_llvm::ProgramLowering(module, options).run();
}

}  // namespace c2w::compiler
