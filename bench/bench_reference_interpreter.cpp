// Reference interpreter throughput and trace density: executes C programs (compiled
// by c2w, stdin from NAME.in beside NAME.c) without recording the trace and prints
// executed instructions, generated tokens, tokens per instruction, instructions/s
// and tokens/s (best of three runs) for each.
//
//   bench_reference_interpreter [program.c ...]   (default: every example)
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/compile.h"
#include "support/errors.h"
#include "runtime/reference_interpreter.h"

int main(int argc, char** argv) {
  std::vector<std::string> files;
  CLI::App app{"bench_reference_interpreter: instructions/s and tokens/s of the reference interpreter"};
  app.add_option("programs", files, "programs (default: examples/*.c)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // a usage error: 2, with the message on stderr
  }
  if (files.empty()) {
    for (const auto& e : std::filesystem::directory_iterator(std::string(C2W_SOURCE_DIR) + "/examples"))
      if (e.path().extension() == ".c") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
  }
  std::printf("%-28s %12s %12s %8s %10s %14s %14s\n", "program", "instructions", "tokens", "tok/ins",
              "seconds", "instr/s", "tokens/s");
  for (const std::string& file : files) {
    try {
      c2w::compiler::CompileOptions options;
      options.source_path = file;
      c2w::isa::Program program = c2w::compiler::compile_c_program(options).program;
      c2w::runtime::RunOptions run;
      std::string input_file = file.substr(0, file.size() - 2) + ".in";
      if (std::filesystem::exists(input_file)) {
        std::ifstream in(input_file, std::ios::binary);
        run.input.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      // Best of three runs.
      double best = 1e30;
      c2w::runtime::RunResult result;
      for (int k = 0; k < 3; ++k) {
        auto start = std::chrono::steady_clock::now();
        result = c2w::runtime::run_reference(program, run);
        best =
            std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
      uint64_t generated = result.tokens - result.prompt_tokens;
      std::string name = file.substr(file.find_last_of('/') + 1);
      std::printf("%-28s %12llu %12llu %8.2f %10.4f %14.0f %14.0f\n", name.c_str(),
                  (unsigned long long)result.instructions, (unsigned long long)generated,
                  double(generated) / double(result.instructions), best, double(result.instructions) / best,
                  double(generated) / best);
    } catch (const std::exception& e) {
      std::printf("%s: %s\n", file.c_str(), e.what());
      return 1;
    }
  }
  return 0;
}
