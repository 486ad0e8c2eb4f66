// check_weights: compiles a program into weights and checks, token by token, that the
// transformer reproduces the reference interpreter's trace.
//
//   check_weights prog.c|prog.isa [--engine dense|hull|both] [--max-tokens N] [--dense-tokens N]
//                 [--input FILE]
//
// `both` checks the dense engine on the first --dense-tokens generated tokens (its
// lookups cost O(t), so long traces are left to the hull engine) and the hull engine
// on the first --max-tokens. Exit 0 when every checked token matches, 1 at the first
// difference (with the step, instruction and offset where it happened), 2 on errors.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "compiler/compile_weights.h"
#include "isa/isa_text.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "isa/trace_format.h"
#include "neural/transformer.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"

using namespace c2w;

int main(int argc, char** argv) {
  std::string path, engine = "dense", input_path;
  uint64_t max_tokens = 20000, dense_tokens = 2000;
  bool universal = false;
  uint64_t universal_tokens = 0;  // with --engine both: also the universal model on the hull engine
  CLI::App app{"check_weights: a program compiled into weights runs token for token like the reference"};
  app.add_option("program", path, "the program (.c, .isa or binary)")->required();
  app.add_option("--engine", engine, "dense, hull or both")->check(CLI::IsMember({"dense", "hull", "both"}));
  app.add_option("--max-tokens", max_tokens, "generated tokens checked on the hull engine");
  app.add_option("--dense-tokens", dense_tokens, "generated tokens checked on the dense engine");
  app.add_option("--input", input_path, "the program's stdin")->check(CLI::ExistingFile);
  app.add_flag("--universal", universal, "the universal model instead of the program's own");
  app.add_option("--universal-tokens", universal_tokens,
                 "with --engine both: also the universal model on the hull "
                 "engine, this many generated tokens");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // a usage error: 2, with the message on stderr
  }
  try {
    compiler::CompileOptions co;
    isa::Program program = compiler::load_program(path, co);
    compiler::CompiledWeights w =
        universal ? compiler::compile_universal_weights() : compiler::compile_weights(program);
    neural::ModelShape shape = neural::shape_of(w.model);
    std::printf(
        "%s: %zu instructions -> %d blocks, d_model %d, %d heads, max FFN %d, %llu non-zeros, %.2f s\n",
        path.c_str(), program.code.size(), shape.layers, shape.d_model, shape.heads, shape.max_ffn_width,
        (unsigned long long)shape.non_zeros, w.seconds);
    runtime::RunOptions ro;
    if (!input_path.empty()) {
      std::ifstream in(input_path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      ro.input = ss.str();
    }
    ro.record_trace = true;
    ro.max_steps = max_tokens;  // at least one token per step: enough steps for the budget
    runtime::RunResult ref = runtime::run_reference(program, ro);
    auto check = [&](const std::string& which, uint64_t budget) {
      std::unique_ptr<neural::ForwardPass> forward = runtime::make_forward_pass(
          w.model, which == "hull" ? runtime::TransformerEngine::Hull : runtime::TransformerEngine::Dense);
      neural::ForwardPass& t = *forward;
      const size_t prompt = ref.prompt_tokens;
      // Model token ids are trace tokens: the weight compiler numbers its vocabulary so.
      const std::vector<int> expected(ref.trace.begin(), ref.trace.end());
      // The prompt as a run feeds it: prefilled (batched on the hull engine) but its last
      // token, which predicts.
      std::vector<int> fed(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(prompt));
      if (universal) {  // the program's prompt instead of the reference's; the steps must agree
        std::map<std::string, int> ids;
        for (size_t i = 0; i < w.model.vocabulary.size(); ++i) ids[w.model.vocabulary[i]] = int(i);
        fed.clear();
        for (const std::string& n : compiler::universal_prompt(program, ro.input)) fed.push_back(ids.at(n));
      }
      t.prefill(fed.data(), fed.size() - 1);
      int next = t.step(fed.back());
      auto start = std::chrono::steady_clock::now();
      runtime::TeacherForcedCheck c = runtime::check_teacher_forced(t, next, expected, prompt, budget);
      if (c.mismatch) {
        size_t i = c.position;
        // The step of position i starts at the latest pc token before it.
        size_t step_start = i - 1;
        while (step_start >= prompt && !trace::is_pc(ref.trace[step_start])) --step_start;
        uint32_t pc = ref.trace[step_start] - trace::kPcBase;
        std::printf(
            "MISMATCH (%s engine) at position %zu (offset %zu in the step of pc %u: %s): expected %s, got "
            "%s\n",
            which.c_str(), i, i - 1 - step_start, pc, isa::print_instruction(program.code[pc]).c_str(),
            trace::token_name(ref.trace[i]).c_str(), w.model.vocabulary[size_t(c.predicted)].c_str());
        return false;
      }
      const size_t checked = c.matched;
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      bool complete = checked == ref.trace.size() - prompt && ref.status != runtime::RunStatus::StepLimit;
      std::printf("OK: %zu generated tokens match the reference (%s%s engine, %.0f tokens/s)%s\n", checked,
                  universal ? "universal model, " : "", which.c_str(), s > 0 ? checked / s : 0.0,
                  complete ? ", the whole run" : ", up to the token budget");
      return true;
    };
    if (engine == "both") {
      if (!check("dense", dense_tokens) || !check("hull", max_tokens)) return 1;
      if (universal_tokens == 0) return 0;
      universal = true;
      w = compiler::compile_universal_weights();
      neural::ModelShape u = neural::shape_of(w.model);
      std::printf("universal model: %d blocks, d_model %d, %d heads, %llu non-zeros, %.2f s\n", u.layers,
                  u.d_model, u.heads, (unsigned long long)u.non_zeros, w.seconds);
      return check("hull", universal_tokens) ? 0 : 1;
    }
    return check(engine, max_tokens) ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "check_weights: " << e.what() << "\n";
    return 2;
  }
}
