// Whole-program link and optimisation (see optimize_llvm.h).
#include "compiler/optimize_llvm.h"

#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/DiagnosticPrinter.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/IPO/GlobalDCE.h>

#include <algorithm>
#include <string_view>

#include "support/errors.h"

namespace c2w::compiler {

const std::vector<std::string>& runtime_functions() {
  static const std::vector<std::string> names = {"memcpy",
                                                 "memmove",
                                                 "memset",
                                                 "__c2w_udiv64",
                                                 "__c2w_sdiv64",
                                                 "__c2w_urem64",
                                                 "__c2w_srem64",
                                                 "__c2w_shl64",
                                                 "__c2w_lshr64",
                                                 "__c2w_ashr64",
                                                 "__c2w_bswap32",
                                                 "__c2w_bswap64",
                                                 "__c2w_smulo64",
                                                 "__c2w_mul_multiword",
                                                 "__c2w_udiv_multiword",
                                                 "__c2w_sdiv_multiword",
                                                 "__c2w_urem_multiword",
                                                 "__c2w_srem_multiword",
                                                 "__c2w_shl_multiword",
                                                 "__c2w_lshr_multiword",
                                                 "__c2w_ashr_multiword"};
  return names;
}

namespace {

// Links `unit` into `program`; false with the linker's message (LLVM's own handler
// would print it and exit the process).
bool link_module(llvm::Module& program, std::unique_ptr<llvm::Module> unit, std::string& message) {
  llvm::LLVMContext& context = program.getContext();
  auto previous = context.getDiagnosticHandlerCallBack();
  void* previous_context = context.getDiagnosticContext();
  context.setDiagnosticHandlerCallBack(
      [](const llvm::DiagnosticInfo& info, void* text) {
        if (info.getSeverity() != llvm::DS_Error) return;
        llvm::raw_string_ostream os(*static_cast<std::string*>(text));
        llvm::DiagnosticPrinterRawOStream printer(os);
        info.print(printer);
      },
      &message);
  bool failed = llvm::Linker::linkModules(program, std::move(unit));
  context.setDiagnosticHandlerCallBack(previous, previous_context);
  return !failed;
}

// `alloca` called as a function the program declares (or declares implicitly, as
// `int alloca()`): -fno-builtin keeps Clang from treating it as gcc does, as its
// builtin, so the call becomes the alloca instruction here, 16-byte aligned like
// __builtin_alloca (a function could not allocate in its caller's frame).
void lower_alloca_calls(llvm::Module& program) {
  llvm::Function* f = program.getFunction("alloca");
  if (!f || !f->isDeclaration()) return;
  std::vector<llvm::CallInst*> calls;
  for (llvm::User* u : f->users()) {
    std::vector<llvm::User*> users = {u};
    if (llvm::isa<llvm::ConstantExpr>(u)) users.assign(u->user_begin(), u->user_end());  // a cast of it
    for (llvm::User* v : users)
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(v);
          call && call->getCalledOperand()->stripPointerCasts() == f && call->arg_size() == 1 &&
          call->getArgOperand(0)->getType()->isIntegerTy(32) &&
          (call->getType()->isPointerTy() || call->getType()->isIntegerTy(32)))
        calls.push_back(call);
  }
  for (llvm::CallInst* call : calls) {
    llvm::LLVMContext& context = program.getContext();
    auto* memory = new llvm::AllocaInst(llvm::Type::getInt8Ty(context), 0, call->getArgOperand(0),
                                        llvm::Align(16), "alloca", call);
    memory->setDebugLoc(call->getDebugLoc());
    llvm::Instruction* result =
        call->getType()->isPointerTy()
            ? llvm::CastInst::CreatePointerCast(memory, call->getType(), "", call)
            : llvm::CastInst::Create(llvm::Instruction::PtrToInt, memory, call->getType(), "", call);
    result->setDebugLoc(call->getDebugLoc());
    call->replaceAllUsesWith(result);
    call->eraseFromParent();
  }
}

// The calls of f by name (not through a pointer or a cast), collected first: the
// rewrites below replace them.
std::vector<llvm::CallInst*> direct_calls(llvm::Function& f) {
  std::vector<llvm::CallInst*> calls;
  for (llvm::User* u : f.users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(u); call && call->getCalledFunction() == &f)
      calls.push_back(call);
  return calls;
}

// printf with a constant format: a call whose value is unused and whose format is
// plain text and the conversions d i u x X c s % (no flags, width or precision; no
// length but l, which is int here) becomes one call a piece of the format to the
// libc's __c2w_printf_* (libc/src/printf.c): what printf writes piece by piece, and
// the format parser is not linked in unless something else calls printf. Like gcc's
// printf -> puts/putchar, only when optimising.
void split_constant_printf_calls(llvm::Module& program) {
  llvm::Function* printf = program.getFunction("printf");
  if (!printf || !printf->isDeclaration()) return;  // (a program's own printf is its own)
  llvm::LLVMContext& context = program.getContext();
  llvm::Type* void_type = llvm::Type::getVoidTy(context);
  llvm::Type* int_type = llvm::Type::getInt32Ty(context);
  llvm::Type* char_pointer = llvm::Type::getInt8PtrTy(context);
  auto helper = [&](const char* name, std::vector<llvm::Type*> parameters) {
    return program.getOrInsertFunction(name, llvm::FunctionType::get(void_type, parameters, false));
  };
  // One piece of the format: text [start, start + length), or a conversion of an argument.
  struct Piece {
    char conversion = 0;  // 0: text
    size_t start = 0, length = 0;
    llvm::Value* argument = nullptr;
  };
  for (llvm::CallInst* call : direct_calls(*printf)) {
    llvm::StringRef format;
    if (!call->use_empty() || call->arg_size() < 1 ||
        !llvm::getConstantStringInfo(call->getArgOperand(0), format))
      continue;
    std::vector<Piece> pieces;
    unsigned next_argument = 1;
    bool plain = true;
    for (size_t i = 0; i < format.size() && plain;) {
      if (format[i] != '%') {
        const size_t end = std::min(format.find('%', i), format.size());
        pieces.push_back({0, i, end - i, nullptr});
        i = end;
        continue;
      }
      size_t j = i + 1;
      if (j < format.size() && format[j] == 'l') ++j;
      const char conversion = j < format.size() ? format[j] : 0;
      if (conversion == '%' && j == i + 1) {
        pieces.push_back({0, i + 1, 1, nullptr});  // "%%": the text "%"
      } else if (conversion != 0 &&
                 std::string_view(j > i + 1 ? "diuxX" : "diuxXcs").find(conversion) !=
                     std::string_view::npos &&
                 next_argument < call->arg_size()) {  // (%ls, %lc: wide)
        llvm::Value* argument = call->getArgOperand(next_argument++);
        const bool string = conversion == 's';
        if (string ? !argument->getType()->isPointerTy() : !argument->getType()->isIntegerTy(32))
          plain = false;
        pieces.push_back({conversion == 'i' ? 'd' : conversion, 0, 0, argument});
      } else {
        plain = false;
      }
      i = j + 1;
    }
    if (!plain || next_argument != call->arg_size()) continue;
    llvm::IRBuilder<> builder(call);
    builder.SetCurrentDebugLocation(call->getDebugLoc());
    llvm::Value* text = call->getArgOperand(0);
    for (const Piece& piece : pieces) {
      if (piece.conversion == 0 && piece.length == 1) {
        builder.CreateCall(helper("__c2w_printf_c", {int_type}),
                           {builder.getInt32(static_cast<uint8_t>(format[piece.start]))});
      } else if (piece.conversion == 0) {
        llvm::Value* start = builder.CreateConstInBoundsGEP1_64(builder.getInt8Ty(), text, piece.start);
        builder.CreateCall(helper("__c2w_printf_text", {char_pointer, int_type}),
                           {start, builder.getInt32(static_cast<uint32_t>(piece.length))});
      } else if (piece.conversion == 's') {
        builder.CreateCall(helper("__c2w_printf_s", {char_pointer}),
                           {builder.CreatePointerCast(piece.argument, char_pointer)});
      } else {
        const std::string name = std::string("__c2w_printf_") + piece.conversion;
        builder.CreateCall(helper(name.c_str(), {int_type}), {piece.argument});
      }
    }
    call->eraseFromParent();
  }
}

// sscanf(s, "%d", p) and scanf("%d", p) become the libc's __c2w_sscanf_d(s, p) and
// __c2w_scanf_d(p) (libc/src/scanf.c): the same scan of one int, without the format
// parser and the other conversions.
void specialise_int_scans(llvm::Module& program) {
  llvm::LLVMContext& context = program.getContext();
  llvm::Type* int_type = llvm::Type::getInt32Ty(context);
  llvm::Type* char_pointer = llvm::Type::getInt8PtrTy(context);
  llvm::Type* int_pointer = llvm::Type::getInt32PtrTy(context);
  for (const bool from_string : {true, false}) {
    llvm::Function* scan = program.getFunction(from_string ? "sscanf" : "scanf");
    if (!scan || !scan->isDeclaration()) continue;
    const unsigned format_at = from_string ? 1 : 0;
    for (llvm::CallInst* call : direct_calls(*scan)) {
      llvm::StringRef format;
      if (call->arg_size() != format_at + 2 ||
          !llvm::getConstantStringInfo(call->getArgOperand(format_at), format) || format != "%d" ||
          !call->getArgOperand(format_at + 1)->getType()->isPointerTy())
        continue;
      llvm::IRBuilder<> builder(call);
      builder.SetCurrentDebugLocation(call->getDebugLoc());
      llvm::Value* destination = builder.CreatePointerCast(call->getArgOperand(format_at + 1), int_pointer);
      llvm::CallInst* replacement =
          from_string
              ? builder.CreateCall(
                    program.getOrInsertFunction("__c2w_sscanf_d", int_type, char_pointer, int_pointer),
                    {builder.CreatePointerCast(call->getArgOperand(0), char_pointer), destination})
              : builder.CreateCall(program.getOrInsertFunction("__c2w_scanf_d", int_type, int_pointer),
                                   {destination});
      call->replaceAllUsesWith(replacement);
      call->eraseFromParent();
    }
  }
}

// The initialiser with every undef part (Clang leaves a union's bytes after its first
// member, and padding, undef) made zero, as gcc zero-fills them: `union U u = {}`
// reads as zero in every member.
llvm::Constant* zero_undefined_parts(llvm::Constant* c) {
  if (llvm::isa<llvm::UndefValue>(c)) return llvm::Constant::getNullValue(c->getType());
  auto* aggregate = llvm::dyn_cast<llvm::ConstantAggregate>(c);
  if (!aggregate) return c;
  std::vector<llvm::Constant*> parts;
  bool changed = false;
  for (llvm::Value* operand : aggregate->operands()) {
    parts.push_back(zero_undefined_parts(llvm::cast<llvm::Constant>(operand)));
    changed |= parts.back() != operand;
  }
  if (!changed) return c;
  if (auto* s = llvm::dyn_cast<llvm::ConstantStruct>(c))
    return llvm::ConstantStruct::get(s->getType(), parts);
  if (auto* a = llvm::dyn_cast<llvm::ConstantArray>(c)) return llvm::ConstantArray::get(a->getType(), parts);
  return llvm::ConstantVector::get(parts);
}

}  // namespace

void link_translation_units(llvm::Module& program, const std::string& program_name,
                            std::vector<std::unique_ptr<llvm::Module>> units,
                            const std::vector<std::string>& names) {
  for (size_t i = 0; i < units.size(); ++i) {
    std::string message;
    if (!link_module(program, std::move(units[i]), message))
      throw UserError(names[i] + ": error: cannot link it with " + program_name + ": " + message);
  }
}

void link_and_optimize(llvm::Module& program, std::vector<std::unique_ptr<llvm::Module>> libraries,
                       int opt_level) {
  if (opt_level > 0) {
    split_constant_printf_calls(program);
    specialise_int_scans(program);
  }
  for (auto& library : libraries) {
    // A function the program defines itself replaces the libc's, as a program's
    // definition preempts a shared library's under gcc (a test's own `div` or `llabs`):
    // the libc's body is dropped and its calls go to the program's.
    for (llvm::Function& f : *library)
      if (const llvm::Function* own = program.getFunction(f.getName());
          own && !own->isDeclaration() && !own->hasLocalLinkage() && !f.isDeclaration() &&
          !f.hasLocalLinkage())
        f.deleteBody();
    std::string message;
    if (!link_module(program, std::move(library), message))
      throw UserError("error: linking the program with the c2w libc failed: " + message +
                      " (the libc defines the standard names)");
  }
  lower_alloca_calls(program);
  // The machine's input and output ops touch no memory of the program: a value loaded
  // before getchar() is still good after it (a reading loop need not reload stdin's
  // flags at every byte).
  for (const char* name : {"__c2w_getc", "__c2w_putc"})
    if (llvm::Function* f = program.getFunction(name); f && f->isDeclaration()) {
      f->setOnlyAccessesInaccessibleMemory();
      f->setDoesNotThrow();
      f->setWillReturn();
    }
  for (llvm::GlobalVariable& g : program.globals())
    if (g.hasInitializer()) g.setInitializer(zero_undefined_parts(g.getInitializer()));
  const auto& keep = runtime_functions();
  // A program that registers atexit handlers ends through exit(main's result): exit
  // stays external, so that it survives for the start code (link_program.h).
  const llvm::Function* atexit = program.getFunction("atexit");
  const bool exit_from_start = atexit && !atexit->use_empty();
  for (llvm::Function& f : program) {
    if (f.isDeclaration() || f.getName() == "main") continue;
    if (exit_from_start && f.getName() == "exit") continue;
    if (std::find(keep.begin(), keep.end(), f.getName().str()) != keep.end()) continue;
    f.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
  for (llvm::GlobalVariable& g : program.globals())
    if (!g.isDeclaration()) g.setLinkage(llvm::GlobalValue::InternalLinkage);

  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = false;
  tuning.SLPVectorization = false;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  // The standard instrumentation makes passes skip `optnone` functions (the libc's
  // bit-counting routines, which must not be turned back into the intrinsics that
  // call them).
  llvm::PassInstrumentationCallbacks instrumentation;
  llvm::StandardInstrumentations standard(false);
  standard.registerCallbacks(instrumentation, &functions);
  llvm::PassBuilder builder(nullptr, tuning, llvm::None, &instrumentation);
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);

  static const llvm::OptimizationLevel levels[] = {llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
                                                   llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  llvm::ModulePassManager passes = opt_level == 0 ? builder.buildO0DefaultPipeline(levels[0])
                                                  : builder.buildPerModuleDefaultPipeline(levels[opt_level]);
  passes.addPass(llvm::GlobalDCEPass());
  passes.run(program, modules);

  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(program, &os)) C2W_INTERNAL_ERROR("LLVM module does not verify: " + os.str());
}

}  // namespace c2w::compiler
