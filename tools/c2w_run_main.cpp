// c2w-run: the lean runner. It runs model files (specialised, or the universal model
// with a program in its prompt) on the dense and hull engines, and programs in machine
// form (.isa text, binary image) on the reference interpreter, with the options and
// output of `c2w run` (tools/run_cli.h, runtime/run_program.h). It links only what
// running needs (support, isa, neural, runtime, the universal prompt): no Clang, LLVM
// or Z3, so it starts in a few milliseconds. The hull engine's block kernels come from
// the runtime's own x86-64 compiler (runtime/block_x86.h), built with the engine.
//
//   c2w-run model.c2w [--engine=hull|dense] [--input FILE] [--trace FILE] [--stats]
//           [--explain] [--max-steps N]
//   c2w-run prog.bin --model universal.c2w --engine=hull
//   c2w-run prog.isa                         (the reference interpreter)
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <iostream>

#include "runtime/run_program.h"
#include "support/errors.h"
#include "tools/run_cli.h"

namespace {

constexpr const char* kVersion = "c2w-run 0.13 (c2w's lean runner; model format: c2w-model 2, reads 1)";

constexpr const char* kExitCodes =
    "Exit codes: the program's own exit code; 134 when it traps, 124 when --max-steps runs out;\n"
    "1 for bad input before the program runs (with what and where), 70 for an internal error, 2 for a "
    "command-line error.";

}  // namespace

int main(int argc, char** argv) {
  using namespace c2w;
  // One run, one process: memory freed during the run (the file reader's buffers, the
  // planner's) is better kept for its later allocations than handed back to the kernel
  // and faulted in again page by page, a fresh page costing ~12-24 us on a machine whose
  // memory its host maps in on demand (bench/peers/run_peers.py measures it). So large
  // blocks come from the heap, not mappings of their own, and the heap's top is never
  // trimmed: page faults (perf stat) fibonacci 542 -> 503, collatz 660 -> 605,
  // min_cost_matching 883 -> 789, sudoku 1,394 -> 1,237; peak RSS within +0.7 %.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // (the largest glibc takes)
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  cli::RunOptions options;
  // The common command lines without CLI11's App (building it cost a short run ~0.2 MB
  // of peak RSS); every other one (help, version, errors) as CLI11 parses it.
  if (!cli::parse_common_run_line(argc, argv, options)) {
    CLI::App app{
        "c2w-run: run a c2w model file on the transformer (dense or hull engine), or a program in machine "
        "form (.isa, binary) on the reference interpreter; stdin (or --input) is the program's input"};
    app.set_version_flag("--version", kVersion);
    app.footer(kExitCodes);
    cli::add_run_options(&app, options, "a .c2w model file, or a program: .isa text or binary image");
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e) == 0 ? 0 : 2;
    }
  }
  try {
    runtime::ProgramSource source;
    source.load = runtime::load_machine_program;
    runtime::RunRequest request = cli::run_request(options);
    request.process_exits_after = true;  // (one run, then exit: its engine is not freed block by block)
    return cli::finish_run(options, runtime::run_program(request, source), "c2w-run");
  } catch (const UserError& e) {
    std::string text = e.what();
    std::cerr << text << (text.empty() || text.back() != '\n' ? "\n" : "");
    return 1;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return 70;
  } catch (const std::bad_alloc&) {
    std::cerr << "c2w-run: error: out of memory\n";
    return 1;
  } catch (const std::exception& e) {  // a library's own exception that no layer translated: our bug
    std::cerr << "c2w-run: internal error: " << e.what()
              << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return 70;
  }
}
