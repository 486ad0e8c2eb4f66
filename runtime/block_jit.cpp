// Block kernels through LLVM's ORC JIT (see block_jit.h).
#include "runtime/block_jit.h"

#include <limits>
#include <map>
#include <mutex>
#include <string>

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/TargetSelect.h>

namespace c2w::runtime {
namespace {

using neural::BlockKernel;
using neural::BlockKernels;
using neural::BlockKernelSpec;
using neural::RowsKernel;

// Emits the kernels of block_kernel.h, one function each. In the reading kernels
// (rows, feed-forward) a coordinate is loaded once, where the straight line first
// reads it: they never write x, so every later read sees the same number.
class KernelEmitter {
 public:
  KernelEmitter(llvm::LLVMContext& ctx, llvm::Module& module) : ctx_(ctx), module_(module), b_(ctx) {}

  // out[k] = rows[k] · x.
  void emit_rows(const std::vector<std::vector<BlockKernelSpec::Entry>>& rows, const std::string& name) {
    llvm::Type* dbl = llvm::Type::getDoubleTy(ctx_);
    llvm::PointerType* pd = dbl->getPointerTo();
    begin(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), {pd, pd}, false), name);
    x_ = fn_->getArg(0);
    base_ = std::numeric_limits<int>::max();
    for (size_t k = 0; k < rows.size(); ++k) store(row(rows[k], true), fn_->getArg(1), k);
    b_.CreateRetVoid();
  }

  // The outputs kernel (x[r] = 0, then x[row] += lin[k]).
  void emit_outputs(const BlockKernelSpec& spec, const std::string& name) {
    llvm::Type* dbl = llvm::Type::getDoubleTy(ctx_);
    llvm::PointerType* pd = dbl->getPointerTo();
    begin(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), {pd, pd}, false), name);
    llvm::Value* x = fn_->getArg(0);
    for (int r : spec.cleared) store(constant(0.0), x, static_cast<size_t>(r));
    for (size_t k = 0; k < spec.linear_rows.size(); ++k) {
      llvm::Value* at = b_.CreateConstInBoundsGEP1_64(dbl, x, static_cast<uint64_t>(spec.linear_rows[k]));
      llvm::Value* add = b_.CreateLoad(dbl, b_.CreateConstInBoundsGEP1_64(dbl, fn_->getArg(1), k));
      b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(dbl, at), add), at);
    }
    b_.CreateRetVoid();
  }

  // A head's output kernel: per column, when the looked-up number a is not 0,
  // x[c] += w * a.
  void emit_head_output(const BlockKernelSpec::HeadOutput& head, const std::string& name) {
    llvm::Type* dbl = llvm::Type::getDoubleTy(ctx_);
    llvm::PointerType* pd = dbl->getPointerTo();
    begin(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), {pd, pd}, false), name);
    llvm::Value* x = fn_->getArg(0);
    for (const auto& [index, entries] : head.columns) {
      llvm::Value* a = b_.CreateLoad(dbl, b_.CreateConstInBoundsGEP1_64(dbl, fn_->getArg(1), index));
      auto* add = llvm::BasicBlock::Create(ctx_, "add", fn_);
      auto* next = llvm::BasicBlock::Create(ctx_, "next", fn_);
      b_.CreateCondBr(b_.CreateFCmpUNE(a, constant(0.0)), add, next);
      b_.SetInsertPoint(add);
      for (const auto& [c, w] : entries) {
        llvm::Value* at = b_.CreateConstInBoundsGEP1_64(dbl, x, static_cast<uint64_t>(c));
        b_.CreateStore(b_.CreateFAdd(b_.CreateLoad(dbl, at), b_.CreateFMul(constant(w), a)), at);
      }
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
    }
    b_.CreateRetVoid();
  }

  void emit(const BlockKernelSpec& spec, const std::string& name) {
    llvm::Type* dbl = llvm::Type::getDoubleTy(ctx_);
    llvm::Type* i32 = llvm::Type::getInt32Ty(ctx_);
    llvm::PointerType* pd = dbl->getPointerTo();
    llvm::PointerType* pi = i32->getPointerTo();
    begin(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), {pd, pd, pi, pd, pi, pi, pd, pi}, false),
          name);
    llvm::Value* x = fn_->getArg(0);
    llvm::Value* lin = fn_->getArg(1);
    llvm::Value* sum_rows = fn_->getArg(2);
    llvm::Value* sum_amounts = fn_->getArg(3);
    llvm::Value* others = fn_->getArg(5);
    llvm::Value* other_gates = fn_->getArg(6);
    x_ = x;
    base_ = spec.base;

    for (size_t k = 0; k < spec.linear.size(); ++k) store(row(spec.linear[k], true), lin, k);
    for (const BlockKernelSpec::Sum& s : spec.sums)
      sums_.push_back(
          b_.CreateFAdd(coordinate(s.a, true), b_.CreateFMul(constant(s.ratio), coordinate(s.b, true))));

    llvm::Value* n_sums = b_.getInt32(0);
    llvm::Value* n_others = b_.getInt32(0);
    for (size_t k = 0; k < spec.gates.size(); ++k) {
      const BlockKernelSpec::Gate& g = spec.gates[k];
      llvm::Value* gate = row(g.row, true);
      llvm::BasicBlock* from = b_.GetInsertBlock();
      auto* fire = llvm::BasicBlock::Create(ctx_, "fire", fn_);
      auto* next = llvm::BasicBlock::Create(ctx_, "next", fn_);
      b_.CreateCondBr(b_.CreateFCmpOGT(gate, constant(0.0)), fire, next);
      b_.SetInsertPoint(fire);
      // A neuron with one output appends to the sums, any other to the others.
      llvm::Value*& count = g.out_row >= 0 ? n_sums : n_others;
      if (g.out_row >= 0) {
        llvm::Value* value = g.constant ? constant(g.value) : row(g.value_row, false);
        llvm::Value* amount = b_.CreateFMul(constant(g.out_weight), b_.CreateFMul(gate, value));
        b_.CreateStore(b_.getInt32(g.out_row), b_.CreateGEP(i32, sum_rows, count));
        b_.CreateStore(amount, b_.CreateGEP(dbl, sum_amounts, count));
      } else {
        b_.CreateStore(b_.getInt32(static_cast<uint32_t>(k)), b_.CreateGEP(i32, others, count));
        b_.CreateStore(gate, b_.CreateGEP(dbl, other_gates, count));
      }
      llvm::Value* after = b_.CreateAdd(count, b_.getInt32(1));
      llvm::BasicBlock* fired = b_.GetInsertBlock();
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
      llvm::PHINode* phi = b_.CreatePHI(i32, 2);
      phi->addIncoming(count, from);
      phi->addIncoming(after, fired);
      count = phi;
    }
    b_.CreateStore(n_sums, fn_->getArg(4));
    b_.CreateStore(n_others, fn_->getArg(7));
    b_.CreateRetVoid();
  }

 private:
  void begin(llvm::FunctionType* type, const std::string& name) {
    fn_ = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module_);
    for (unsigned a = 0; a < type->getNumParams(); ++a) fn_->addParamAttr(a, llvm::Attribute::NoAlias);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", fn_));
    loaded_.clear();
    sums_.clear();
  }
  llvm::Value* constant(double v) { return llvm::ConstantFP::get(llvm::Type::getDoubleTy(ctx_), v); }
  // x[c] (or shared sum c - base); `keep`: the load is on the straight line and may
  // be reused by later reads.
  llvm::Value* coordinate(int c, bool keep) {
    if (c >= base_) return sums_.at(static_cast<size_t>(c - base_));
    if (keep) {
      auto it = loaded_.find(c);
      if (it != loaded_.end()) return it->second;
    }
    llvm::Type* dbl = llvm::Type::getDoubleTy(ctx_);
    llvm::Value* v = b_.CreateLoad(dbl, b_.CreateConstInBoundsGEP1_64(dbl, x_, static_cast<uint64_t>(c)));
    if (keep) loaded_[c] = v;
    return v;
  }
  // The sum of w * x[c] over the row, in its order (as the array walk adds them,
  // from -0: the first product exactly).
  llvm::Value* row(const std::vector<BlockKernelSpec::Entry>& entries, bool keep) {
    llvm::Value* s = constant(-0.0);
    for (const auto& [c, w] : entries) s = b_.CreateFAdd(s, b_.CreateFMul(constant(w), coordinate(c, keep)));
    return s;
  }
  void store(llvm::Value* v, llvm::Value* array, size_t k) {
    b_.CreateStore(v, b_.CreateConstInBoundsGEP1_64(llvm::Type::getDoubleTy(ctx_), array, k));
  }

  llvm::LLVMContext& ctx_;
  llvm::Module& module_;
  llvm::IRBuilder<> b_;
  llvm::Function* fn_ = nullptr;
  llvm::Value* x_ = nullptr;
  int base_ = 0;
  std::map<int, llvm::Value*> loaded_;
  std::vector<llvm::Value*> sums_;
};

class LlvmBlockCompiler final : public neural::BlockKernelCompiler {
 public:
  std::vector<BlockKernels> compile(const std::vector<BlockKernelSpec>& specs,
                                    std::shared_ptr<void>& owner) override {
    static std::once_flag once;
    static bool ready = false;
    std::call_once(
        once, [] { ready = !llvm::InitializeNativeTarget() && !llvm::InitializeNativeTargetAsmPrinter(); });
    if (!ready) return {};
    auto jit = llvm::orc::LLJITBuilder().create();
    if (!jit) {
      llvm::consumeError(jit.takeError());
      return {};
    }
    auto ctx = std::make_unique<llvm::LLVMContext>();
    auto module = std::make_unique<llvm::Module>("c2w_blocks", *ctx);
    module->setDataLayout((*jit)->getDataLayout());
    module->setTargetTriple((*jit)->getTargetTriple().str());
    KernelEmitter emitter(*ctx, *module);
    for (size_t l = 0; l < specs.size(); ++l) {
      emitter.emit(specs[l], "block_" + std::to_string(l));
      emitter.emit_rows(specs[l].head_rows, "heads_" + std::to_string(l));
      emitter.emit_outputs(specs[l], "outputs_" + std::to_string(l));
      for (size_t h = 0; h < specs[l].head_outputs.size(); ++h)
        emitter.emit_head_output(specs[l].head_outputs[h],
                                 "head_output_" + std::to_string(l) + "_" + std::to_string(h));
    }
    if (llvm::verifyModule(*module)) return {};
    if (auto error = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)))) {
      llvm::consumeError(std::move(error));
      return {};
    }
    auto address = [&](const std::string& name) -> uintptr_t {
      auto symbol = (*jit)->lookup(name);
      if (!symbol) {
        llvm::consumeError(symbol.takeError());
        return 0;
      }
      return static_cast<uintptr_t>(symbol->getAddress());
    };
    std::vector<BlockKernels> kernels;
    for (size_t l = 0; l < specs.size(); ++l) {
      BlockKernels& k = kernels.emplace_back();
      k.ffn = reinterpret_cast<BlockKernel>(address("block_" + std::to_string(l)));
      k.heads = reinterpret_cast<RowsKernel>(address("heads_" + std::to_string(l)));
      k.outputs = reinterpret_cast<neural::OutputsKernel>(address("outputs_" + std::to_string(l)));
      if (!k.ffn || !k.heads || !k.outputs) return {};
      for (size_t h = 0; h < specs[l].head_outputs.size(); ++h) {
        k.head_outputs.push_back(reinterpret_cast<neural::HeadOutputKernel>(
            address("head_output_" + std::to_string(l) + "_" + std::to_string(h))));
        if (!k.head_outputs.back()) return {};
      }
    }
    owner = std::shared_ptr<llvm::orc::LLJIT>(std::move(*jit));
    return kernels;
  }
};

}  // namespace

std::shared_ptr<neural::BlockKernelCompiler> llvm_block_compiler() {
  return std::make_shared<LlvmBlockCompiler>();
}

}  // namespace c2w::runtime
