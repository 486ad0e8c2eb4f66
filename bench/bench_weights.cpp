// bench_weights: the weight compiler's figures for every example — compile times,
// the specialised model's shape, the universal model's shape and prompt length, and
// the trace's length (tokens, executed instructions, tokens per instruction).
//
//   build/bench_weights [--no-slot-reuse] [examples/NAME.c ...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "runtime/reference_interpreter.h"

using namespace c2w;

int main(int argc, char** argv) {
  std::vector<std::string> programs;
  compiler::WeightsOptions wo;
  bool no_slot_reuse = false;
  CLI::App app{"bench_weights: every example's model shape, weight-compile time, tokens per instruction"};
  app.add_option("programs", programs, "programs (default: examples/*.c)");
  app.add_flag("--no-slot-reuse", no_slot_reuse, "give every feature its own residual slot");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // a usage error: 2, with the message on stderr
  }
  wo.reuse_slots = !no_slot_reuse;
  if (programs.empty()) {
    for (const auto& e : std::filesystem::directory_iterator(std::string(C2W_SOURCE_DIR) + "/examples"))
      if (e.path().extension() == ".c") programs.push_back(e.path().string());
    std::sort(programs.begin(), programs.end());
  }
  compiler::CompiledWeights u = compiler::compile_universal_weights({}, wo);
  neural::ModelShape us = neural::shape_of(u.model);
  std::printf(
      "universal model: %d layers, d_model %d, %d heads, FFN width %d, %llu parameters, %llu non-zeros, "
      "vocabulary %d (%.2f s)\n\n",
      us.layers, us.d_model, us.heads, us.max_ffn_width, (unsigned long long)us.parameters,
      (unsigned long long)us.non_zeros, us.vocab, u.seconds);
  std::printf("%-11s %6s %7s %7s %6s %5s %5s %5s %11s %9s %11s %11s %8s %8s\n", "program", "instrs", "C s",
              "weights s", "layers", "d", "heads", "ffn", "parameters", "nonzeros", "executed", "tokens",
              "tok/ins", "u-prompt");
  for (const std::string& path : programs) {
    auto t0 = std::chrono::steady_clock::now();
    isa::Program program = compiler::load_program(path, compiler::CompileOptions{});
    double c_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    compiler::CompiledWeights w = compiler::compile_weights(program, wo);
    neural::ModelShape s = neural::shape_of(w.model);
    runtime::RunOptions ro;
    std::string in_path = path.substr(0, path.size() - 2) + ".in";
    if (std::filesystem::exists(in_path)) {
      std::ifstream in(in_path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      ro.input = ss.str();
    }
    runtime::RunResult r = runtime::run_reference(program, ro);
    uint64_t generated = r.tokens - r.prompt_tokens;
    size_t prompt = compiler::universal_prompt(program, ro.input).size();
    std::printf("%-11s %6zu %7.2f %7.2f %6d %5d %5d %5d %11llu %9llu %11llu %11llu %8.2f %8zu\n",
                std::filesystem::path(path).stem().c_str(), program.code.size(), c_seconds, w.seconds,
                s.layers, s.d_model, s.heads, s.max_ffn_width, (unsigned long long)s.parameters,
                (unsigned long long)s.non_zeros, (unsigned long long)r.instructions,
                (unsigned long long)generated,
                r.instructions ? double(generated) / double(r.instructions) : 0.0, prompt);
  }
  return 0;
}
