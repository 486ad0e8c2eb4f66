// Batch throughput: many independent runs (inputs) of one model, across threads.
//
// Concolic exploration and trace datasets run one model on many inputs. Each thread
// builds its own hull-engine forward pass from one copy of the model's sparse weights
// (its own KV caches, its own kernels) and takes inputs from a shared queue, resetting
// the pass between runs. Rounds alternate one thread and N threads over the same
// inputs, so that the scaling ratio comes from one run on a machine whose speed
// drifts; every run's output must equal the one-thread run's (exit 1 otherwise).
// Tokens per CPU second (all threads) are reported beside: on a shared machine the
// wall-time speed-up says more about the other load than about the engine.
//
//   bench_batch MODEL.c2w --inputs DIR [--threads N] [--rounds R] [--repeat K] [--json FILE]
//   bench_batch UNIVERSAL.c2w --program prog.c --inputs DIR ...   (the program in the prompt)
//
// Every regular file in DIR (sorted by name) is one run's stdin; --repeat K queues the
// list K times. Reported per round: tokens, seconds, tokens/s with 1 and N threads,
// tokens/s per thread, and the speed-up N threads give over one (min/median/max).
#include <CLI/CLI.hpp>
#include <sys/resource.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "isa/trace_format.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"
#include "support/file_io.h"

namespace {

using namespace c2w;

struct Pass {
  uint64_t tokens = 0;     // generated, all runs
  double seconds = 0;      // wall time of the whole batch
  double cpu_seconds = 0;  // CPU time of the process over the batch (all threads)
  std::vector<std::string> outputs;
};

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs every prompt on `threads` threads (each with its own forward pass).
Pass run_batch(const neural::SparseModel& model, const std::vector<std::vector<std::string>>& prompts,
               int threads, uint64_t max_tokens) {
  Pass pass;
  pass.outputs.resize(prompts.size());
  std::vector<uint64_t> tokens(static_cast<size_t>(threads), 0);
  std::atomic<size_t> next{0};
  std::vector<std::string> errors(static_cast<size_t>(threads));
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = process_cpu_seconds();
  auto work = [&](int t) {
    try {
      std::unique_ptr<neural::ForwardPass> forward = runtime::make_hull_pass(model);
      runtime::TransformerRunOptions options;
      options.engine = runtime::TransformerEngine::Hull;
      options.record_trace = false;
      options.max_generated_tokens = max_tokens;
      for (size_t i; (i = next.fetch_add(1)) < prompts.size();) {
        forward->reset();
        runtime::TransformerRunResult r = runtime::decode(*forward, model.vocabulary, prompts[i], options);
        tokens[static_cast<size_t>(t)] += r.generated_tokens;
        pass.outputs[i] = r.output + "\nexit " + std::to_string(r.exit_code);
      }
    } catch (const std::exception& e) {
      errors[static_cast<size_t>(t)] = e.what();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& th : pool) th.join();
  pass.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  pass.cpu_seconds = process_cpu_seconds() - cpu_start;
  for (const std::string& e : errors)
    if (!e.empty()) throw UserError("error: a run failed: " + e);
  for (uint64_t n : tokens) pass.tokens += n;
  return pass;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int run(int argc, char** argv) {
  CLI::App app{"bench_batch: one model, many inputs, one thread against N threads"};
  std::string model_path, program_path, inputs_dir, json_path;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int rounds = 3, repeat = 1;
  uint64_t max_tokens = 100'000'000;
  app.add_option("model", model_path, "a compiled model (.c2w); universal with --program")->required();
  app.add_option("--program", program_path,
                 "the program to put in a universal model's prompt (.c, .isa, binary)");
  app.add_option("--inputs", inputs_dir, "a folder: each regular file is one run's stdin")->required();
  app.add_option("--threads", threads, "threads of the parallel rounds (default: every core)")
      ->check(CLI::Range(1, 256));
  app.add_option("--rounds", rounds, "alternating rounds of 1 and N threads (default 3)")
      ->check(CLI::Range(1, 100));
  app.add_option("--repeat", repeat, "queue the inputs this many times (default 1)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--max-tokens", max_tokens, "generated tokens per run before it is cut (default 10^8)");
  app.add_option("--json", json_path, "also write the results as JSON to FILE");
  CLI11_PARSE(app, argc, argv);

  if (!std::filesystem::is_directory(inputs_dir))
    throw UserError("error: " + inputs_dir + " is not a folder");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(inputs_dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw UserError("error: " + inputs_dir + " has no input files");

  runtime::LoadedModel loaded = runtime::load_model_for(model_path, runtime::TransformerEngine::Hull);
  std::optional<isa::Program> program;
  if (!program_path.empty()) program = compiler::load_program(program_path, compiler::CompileOptions{});
  std::vector<std::vector<std::string>> prompts;
  for (int k = 0; k < repeat; ++k)
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      if (program) {
        prompts.push_back(compiler::universal_prompt(*program, text.str()));
      } else {
        std::vector<std::string> names;
        for (trace::Token t : runtime::prompt_tokens(text.str())) names.push_back(trace::token_name(t));
        prompts.push_back(std::move(names));
      }
    }
  const neural::SparseModel& model = *loaded.sparse;

  std::printf("%zu runs (%zu inputs x %d), %d threads against 1, %d rounds\n", prompts.size(), files.size(),
              repeat, threads, rounds);
  std::printf("%-6s %11s %9s %11s %9s %12s %9s %13s %13s\n", "round", "tokens", "1 thr s", "1 thr tok/s",
              "N thr s", "tok/s/thread", "speed-up", "tok/CPU s, 1", "tok/CPU s, N");
  std::vector<double> speedups, one_rate, many_rate, one_cpu_rate, many_cpu_rate;
  for (int r = 0; r < rounds; ++r) {
    Pass one = run_batch(model, prompts, 1, max_tokens);
    Pass many = run_batch(model, prompts, threads, max_tokens);
    if (one.outputs != many.outputs || one.tokens != many.tokens)
      throw UserError("error: the runs on " + std::to_string(threads) +
                      " threads differ from the runs on one");
    one_rate.push_back(double(one.tokens) / one.seconds);
    many_rate.push_back(double(many.tokens) / many.seconds);
    speedups.push_back(one.seconds / many.seconds);
    one_cpu_rate.push_back(double(one.tokens) / one.cpu_seconds);
    many_cpu_rate.push_back(double(many.tokens) / many.cpu_seconds);
    std::printf("%-6d %11llu %9.3f %11.0f %9.3f %12.0f %8.2fx %13.0f %13.0f\n", r + 1,
                static_cast<unsigned long long>(one.tokens), one.seconds, one_rate.back(), many.seconds,
                many_rate.back() / threads, speedups.back(), one_cpu_rate.back(), many_cpu_rate.back());
  }
  const auto [lo, hi] = std::minmax_element(speedups.begin(), speedups.end());
  std::printf(
      "speed-up of %d threads over 1: min %.2fx, median %.2fx, max %.2fx; tokens/s per thread (median): "
      "%.0f with 1 thread, %.0f with %d\n",
      threads, *lo, median(speedups), *hi, median(one_rate), median(many_rate) / threads, threads);
  std::printf(
      "tokens per CPU second (median): %.0f with 1 thread, %.0f with %d (what the threads cost each other, "
      "whatever else the machine runs)\n",
      median(one_cpu_rate), median(many_cpu_rate), threads);
  if (!json_path.empty()) {
    nlohmann::json j;
    j["model"] = model_path;
    j["program"] = program_path;
    j["runs"] = prompts.size();
    j["threads"] = threads;
    j["cores"] = std::thread::hardware_concurrency();
    j["speedup"] = {{"min", *lo}, {"median", median(speedups)}, {"max", *hi}};
    j["tokens_per_second_one_thread"] = one_rate;
    j["tokens_per_second_all_threads"] = many_rate;
    j["tokens_per_second_per_thread_median"] = median(many_rate) / threads;
    j["tokens_per_cpu_second_one_thread"] = one_cpu_rate;
    j["tokens_per_cpu_second_all_threads"] = many_cpu_rate;
    write_file_atomically(json_path, j.dump(1) + "\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const c2w::UserError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
