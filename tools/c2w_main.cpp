// The c2w command-line driver: parses flags and calls the pipeline's libraries.
//
//   c2w compile prog.c [--emit=ast|llvm|isa|bin] [-o FILE] [-O2]
//   c2w run prog.c|prog.isa|prog.bin [--engine=reference] [--trace FILE] [--stats] [--max-steps N]
//
// Exit codes: compile: 0 ok, 1 user error, 70 internal error. run: the program's exit
// code; 134 when it traps, 124 at the step limit, 1/70 for errors before it runs.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

#include "compiler/compile.h"
#include "compiler/diagnostics.h"
#include "compiler/file_io.h"
#include "compiler/isa_binary.h"
#include "compiler/isa_text.h"
#include "compiler/load_program.h"
#include "compiler/trace_format.h"
#include "runtime/reference_interpreter.h"

namespace {

using namespace c2w;

struct CommonOptions {
  int opt_level = 2;
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;

  compiler::CompileOptions compile_options() const {
    compiler::CompileOptions o;
    o.opt_level = opt_level;
    o.memory_size = memory_size;
    o.stack_size = stack_size;
    return o;
  }
};

void add_common(CLI::App* app, CommonOptions& o) {
  app->add_option("-O", o.opt_level, "LLVM optimisation level 0..3 (default 2)")->check(CLI::Range(0, 3));
  app->add_option("--memory", o.memory_size, "machine memory in bytes (default 8 MiB, at most 16 MiB)")
      ->check(CLI::Range(1u << 16, isa::kMaxMemorySize));
  app->add_option("--stack", o.stack_size, "stack size in bytes (default 1 MiB)")->check(CLI::Range(1u << 12, 1u << 25));
}

int compile_command(const std::string& input, const std::string& emit, const std::string& output,
                    const CommonOptions& common) {
  compiler::CompileOptions o = common.compile_options();
  o.source_path = input;
  o.stop_after = emit == "ast" ? compiler::EmitStage::Ast : emit == "llvm" ? compiler::EmitStage::Llvm
                                                                            : compiler::EmitStage::Isa;
  compiler::CompileOutput out = compiler::compile_c_program(o);
  if (!out.warnings.empty()) std::cerr << out.warnings;
  std::string text;
  if (emit == "ast" || emit == "llvm") text = out.dump;
  else if (emit == "isa") text = isa::print_assembly(out.program);
  if (emit == "bin") {
    if (output.empty()) throw UserError("error: --emit=bin needs -o FILE");
    std::vector<uint8_t> bytes = isa::encode_program(out.program);
    write_file_atomically(output, bytes.data(), bytes.size());
    return 0;
  }
  if (output.empty() || output == "-") std::cout << text;
  else write_file_atomically(output, text);
  return 0;
}

void write_trace(const std::string& path, const std::vector<trace::Token>& tokens) {
  std::string text;
  text.reserve(tokens.size() * 4);
  for (trace::Token t : tokens) {
    text += trace::token_name(t);
    text += '\n';
  }
  write_file_atomically(path, text);
}

int run_command(const std::string& input, const std::string& engine, const std::string& trace_path, bool stats,
                uint64_t max_steps, const CommonOptions& common) {
  if (engine != "reference")
    throw UserError("error: unknown engine '" + engine + "' (available: reference)");
  isa::Program program = compiler::load_program(input, common.compile_options());
  runtime::RunOptions options;
  options.input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  options.max_steps = max_steps;
  options.record_trace = !trace_path.empty();
  auto start = std::chrono::steady_clock::now();
  runtime::RunResult result = runtime::run_reference(program, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << result.output << std::flush;
  if (!trace_path.empty()) write_trace(trace_path, result.trace);
  if (!result.message.empty()) std::cerr << "c2w: " << result.message << "\n";
  if (stats) {
    nlohmann::json j;
    j["engine"] = engine;
    j["program_instructions"] = program.code.size();
    j["instructions"] = result.instructions;
    j["tokens"] = result.tokens;
    j["prompt_tokens"] = result.prompt_tokens;
    uint64_t generated = result.tokens - result.prompt_tokens;
    j["generated_tokens"] = generated;
    j["tokens_per_instruction"] = result.instructions ? double(generated) / double(result.instructions) : 0.0;
    j["seconds"] = seconds;
    j["tokens_per_second"] = seconds > 0 ? double(generated) / seconds : 0.0;
    j["instructions_per_second"] = seconds > 0 ? double(result.instructions) / seconds : 0.0;
    j["exit_code"] = result.exit_code;
    j["status"] = result.status == runtime::RunStatus::Halted    ? "halted"
                  : result.status == runtime::RunStatus::Trapped ? "trapped"
                                                                 : "step_limit";
    std::cerr << j.dump() << "\n";
  }
  return result.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"c2w: compile C programs into the c2w machine and (soon) transformer weights"};
  app.require_subcommand(1);

  CommonOptions compile_common;
  std::string compile_input, emit = "isa", compile_output;
  CLI::App* compile = app.add_subcommand("compile", "compile a C program; print or write one of its forms");
  compile->add_option("input", compile_input, "C source file")->required();
  compile->add_option("--emit", emit, "form to output: ast, llvm, isa (text assembly) or bin (binary program)")
      ->check(CLI::IsMember({"ast", "llvm", "isa", "bin"}));
  compile->add_option("-o", compile_output, "output file (default: standard output)");
  add_common(compile, compile_common);

  CommonOptions run_common;
  std::string run_input, engine = "reference", trace_path;
  bool stats = false;
  uint64_t max_steps = 2'000'000'000;
  CLI::App* run = app.add_subcommand("run", "run a program (C source, .isa text or binary); stdin is its input");
  run->add_option("input", run_input, "program: .c, .isa or binary image")->required();
  run->add_option("--engine", engine, "execution engine: reference (the ISA interpreter)");
  run->add_option("--trace", trace_path, "write the token trace to FILE, one token per line");
  run->add_flag("--stats", stats, "print statistics as JSON on stderr");
  run->add_option("--max-steps", max_steps, "stop after N instructions (exit 124)");
  add_common(run, run_common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*compile) return compile_command(compile_input, emit, compile_output, compile_common);
    return run_command(run_input, engine, trace_path, stats, max_steps, run_common);
  } catch (const UserError& e) {
    std::string text = e.what();
    std::cerr << text << (text.empty() || text.back() != '\n' ? "\n" : "");
    return 1;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return 70;
  } catch (const std::bad_alloc&) {
    std::cerr << "c2w: error: out of memory\n";
    return 1;
  }
}
