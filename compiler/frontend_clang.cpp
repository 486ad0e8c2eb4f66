// C -> LLVM IR through an in-process Clang (see frontend_clang.h).
#include "compiler/frontend_clang.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/MultiplexConsumer.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

#include <filesystem>
#include <regex>
#include <set>

#include "support/errors.h"

namespace c2w::compiler {
namespace {

// Reports every construct c2w cannot compile, once per source line and kind.
class UnsupportedConstructChecker : public clang::RecursiveASTVisitor<UnsupportedConstructChecker> {
 public:
  explicit UnsupportedConstructChecker(clang::ASTContext& context)
      : context_(context), diags_(context.getDiagnostics()) {}

  bool VisitDeclaratorDecl(clang::DeclaratorDecl* d) {
    check_type(d->getType(), d->getLocation(), "declaration");
    return true;
  }
  bool VisitFunctionDecl(clang::FunctionDecl* f) {
    check_type(f->getReturnType(), f->getLocation(), "return type");
    return true;
  }
  bool VisitFloatingLiteral(clang::FloatingLiteral* e) {
    report(e->getLocation(),
           "floating-point constants are not supported by c2w (integer C only; soft-float is planned)");
    return true;
  }
  bool VisitExplicitCastExpr(clang::ExplicitCastExpr* e) {
    check_type(e->getTypeAsWritten(), e->getBeginLoc(), "cast");
    return true;
  }
  bool VisitUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr* e) {
    if (e->isArgumentType()) check_type(e->getArgumentType(), e->getBeginLoc(), "type");
    return true;
  }
  bool VisitGCCAsmStmt(clang::GCCAsmStmt* s) {
    // An empty template is a compiler barrier or hides a value from the optimiser: the
    // lowering gives it its meaning (lower_empty_asm); any instruction in it is an error.
    if (!s->getAsmString()->getString().trim().empty())
      report(s->getAsmLoc(),
             "inline assembly is not supported by c2w (only an empty asm statement, a compiler barrier)");
    return true;
  }
  bool VisitMSAsmStmt(clang::MSAsmStmt* s) {
    report(s->getAsmLoc(), "inline assembly is not supported by c2w");
    return true;
  }
  bool VisitFileScopeAsmDecl(clang::FileScopeAsmDecl* d) {
    report(d->getBeginLoc(), "inline assembly is not supported by c2w");
    return true;
  }

 private:
  void check_type(clang::QualType type, clang::SourceLocation loc, const char* what) {
    if (type.isNull()) return;
    const clang::Type* t = type.getCanonicalType().getTypePtr();
    while (true) {
      if (const auto* a = llvm::dyn_cast<clang::ArrayType>(t)) {
        t = a->getElementType().getCanonicalType().getTypePtr();
        continue;
      }
      if (const auto* p = llvm::dyn_cast<clang::PointerType>(t)) {
        t = p->getPointeeType().getCanonicalType().getTypePtr();
        continue;
      }
      break;
    }
    if (t->isRealFloatingType())
      report(loc, std::string("floating-point types are not supported by c2w (") + what + " of type '" +
                      type.getAsString() + "'; integer C only, soft-float is planned)");
    else if (t->isAnyComplexType())
      report(loc, std::string("complex types are not supported by c2w (") + what + ")");
    else if (const auto* b = llvm::dyn_cast<clang::BuiltinType>(t);
             b && (b->getKind() == clang::BuiltinType::Int128 || b->getKind() == clang::BuiltinType::UInt128))
      report(loc, "__int128 is not supported by c2w (the widest integer is 64 bits)");
    else if (const auto* f = llvm::dyn_cast<clang::FunctionProtoType>(t)) {
      check_type(f->getReturnType(), loc, what);
      for (clang::QualType param : f->getParamTypes()) check_type(param, loc, what);
    }
  }

  void report(clang::SourceLocation loc, const std::string& message) {
    clang::SourceManager& sm = context_.getSourceManager();
    if (loc.isValid() && sm.isInSystemHeader(sm.getExpansionLoc(loc))) return;
    unsigned line = sm.getExpansionLineNumber(loc);
    if (!reported_.insert({line, message}).second) return;
    unsigned id = diags_.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0");
    diags_.Report(loc, id) << message;
  }

  clang::ASTContext& context_;
  clang::DiagnosticsEngine& diags_;
  std::set<std::pair<unsigned, std::string>> reported_;
};

// Runs the checker, and the AST dump when asked, on the whole translation unit.
class CheckAndDumpConsumer : public clang::ASTConsumer {
 public:
  explicit CheckAndDumpConsumer(std::string* ast_dump) : ast_dump_(ast_dump) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    UnsupportedConstructChecker(context).TraverseDecl(context.getTranslationUnitDecl());
    if (ast_dump_) dump(context);
  }

 private:
  // The dump lists the declarations of the main file only, with the node addresses
  // Clang prints removed, so that it is deterministic.
  void dump(clang::ASTContext& context) {
    std::string text;
    llvm::raw_string_ostream os(text);
    const clang::SourceManager& sm = context.getSourceManager();
    for (clang::Decl* d : context.getTranslationUnitDecl()->decls()) {
      if (!sm.isInMainFile(sm.getExpansionLoc(d->getLocation()))) continue;
      d->dump(os);
    }
    os.flush();
    static const std::regex address(" 0x[0-9a-f]+");
    *ast_dump_ = std::regex_replace(text, address, "");
  }

  std::string* ast_dump_;
};

class CompileAction : public clang::EmitLLVMOnlyAction {
 public:
  CompileAction(llvm::LLVMContext* context, std::string* ast_dump)
      : clang::EmitLLVMOnlyAction(context), ast_dump_(ast_dump) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci,
                                                        llvm::StringRef file) override {
    std::vector<std::unique_ptr<clang::ASTConsumer>> consumers;
    consumers.push_back(std::make_unique<CheckAndDumpConsumer>(ast_dump_));
    consumers.push_back(clang::EmitLLVMOnlyAction::CreateASTConsumer(ci, file));
    return std::make_unique<clang::MultiplexConsumer>(std::move(consumers));
  }

 private:
  std::string* ast_dump_;
};

}  // namespace

std::unique_ptr<llvm::Module> compile_c_to_llvm(const std::string& path, const FrontendOptions& options,
                                                llvm::LLVMContext& context) {
  if (!std::filesystem::exists(path)) throw UserError(path + ": error: no such file");
  if (!std::filesystem::is_regular_file(path))
    throw UserError(path + ": error: not a regular file (a directory?)");
  std::string level = "-O" + std::to_string(options.opt_level);
  std::vector<std::string> args = {"-triple",
                                   "i386-unknown-linux-gnu",
                                   "-x",
                                   "c",
                                   "-std=gnu11",
                                   level,
                                   "-disable-llvm-passes",
                                   "-nostdsysteminc",
                                   "-nobuiltininc",
                                   "-isystem",
                                   options.libc_include_dir,
                                   "-debug-info-kind=line-tables-only",
                                   "-dwarf-version=4",
                                   "-fno-builtin",
                                   "-fgnuc-version=4.2.1",
                                   "-D__c2w__=1",
                                   "-Wno-error=return-type",
                                   "-ferror-limit",
                                   "100",
                                   "-fmessage-length=0",
                                   path};
  if (options.opt_level == 0) args.push_back("-disable-O0-optnone");
  for (const std::string& dir : options.include_dirs) args.insert(args.end() - 1, {"-I", dir});
  // GCC's __builtin_ forms of library functions that Clang lacks (see the header).
  args.insert(args.end() - 1, {"-include", options.libc_include_dir + "/c2w_gcc_builtins.h"});
  for (const std::string& define : options.defines) args.insert(args.end() - 1, {"-D", define});
  // The gcc spellings, as Clang's front end (cc1) knows them; the last of a pair wins.
  bool wrapv = false, strict_aliasing = true;
  for (const std::string& flag : options.feature_flags) {
    if (flag == "wrapv" || flag == "no-wrapv") wrapv = flag == "wrapv";
    if (flag == "strict-aliasing" || flag == "no-strict-aliasing")
      strict_aliasing = flag == "strict-aliasing";
  }
  if (wrapv) args.insert(args.end() - 1, "-fwrapv");
  if (!strict_aliasing) args.insert(args.end() - 1, "-relaxed-aliasing");
  if (options.no_warnings) args.insert(args.end() - 1, "-w");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());

  std::string diagnostics_text;
  llvm::raw_string_ostream diagnostics_stream(diagnostics_text);
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> diag_options = new clang::DiagnosticOptions();
  diag_options->ShowColors = false;
  auto printer = std::make_unique<clang::TextDiagnosticPrinter>(diagnostics_stream, diag_options.get());

  auto invocation = std::make_shared<clang::CompilerInvocation>();
  {
    clang::DiagnosticsEngine arg_diags(new clang::DiagnosticIDs(), diag_options.get(), printer.get(), false);
    if (!clang::CompilerInvocation::CreateFromArgs(*invocation, argv, arg_diags))
      C2W_INTERNAL_ERROR("clang rejected the compiler arguments: " + diagnostics_stream.str());
  }
  // Our printer shows carets; the invocation's own options do not, which keeps
  // CompilerInstance from printing its "N errors generated" line on stderr itself.
  invocation->getDiagnosticOpts().ShowCarets = false;
  clang::CompilerInstance ci;
  ci.setInvocation(invocation);
  ci.createDiagnostics(printer.get(), false);
  CompileAction action(&context, options.ast_dump);
  bool ok = ci.ExecuteAction(action);
  diagnostics_stream.flush();
  if (!ok || ci.getDiagnostics().hasErrorOccurred()) {
    unsigned errors = ci.getDiagnostics().getClient()->getNumErrors();
    throw UserError(diagnostics_text + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                    " generated; nothing was written.");
  }
  if (options.warnings) *options.warnings += diagnostics_text;
  std::unique_ptr<llvm::Module> module = action.takeModule();
  C2W_CHECK(module, "clang produced no module for " + path);
  return module;
}

}  // namespace c2w::compiler
