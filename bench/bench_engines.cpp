// Whole-engine benchmark: C programs compiled into transformer weights, run on the
// dense engine (O(t) scan per attention lookup) and on the hull engine (O(log t)
// convex-hull lookup), every generated token checked against the reference
// interpreter's trace. Per program it reports the trace size, the reference
// interpreter's speed, both engines' tokens/s and their ratios measured in the same
// run, the time per token as the trace grows, the peak RSS and the compile time.
//
//   bench_engines [options] [program.c ...]    (default: the list in kDefaultPrograms)
//     --max-tokens N     hull engine budget of generated tokens (default 1000000)
//     --dense-tokens N   dense engine budget (default 100000)
//     --engine E         hull | dense | both | none (default both)
//     --only NAME        run only this program (name without .c, or a path)
//     --json FILE        results (default bench/results/engines.json)
//     --curve FILE       time-per-token curves for plot_engines.gp
//                        (default bench/results/engines_curve.dat)
//     --list             print the program names that would run, and exit
//
// A program's stdin is NAME.in beside NAME.c when it exists. Traces longer than the
// budget are cut there ("cut": true). Any token that differs from the reference is a
// fatal error (exit 1): the engines must be exact, a fast wrong engine is no result.
//
// With --only or --engine other than both, no file is written unless --json/--curve
// is given, so single-engine runs (bench/run_engines.sh uses them to measure each
// engine's peak RSS in its own process) never overwrite the full results.
//
// Peak RSS: ru_maxrss is a process high-water mark and compiling with Clang/LLVM
// alone sets a high one, so before each engine run the kernel's mark is reset
// (/proc/self/clear_refs, Linux >= 4.0) and VmHWM read after the run: that is the
// peak while the engine ran (it still includes what was resident before, such as the
// model and the reference trace: reported as the baseline).
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "compiler/compile_weights.h"
#include "isa/isa_text.h"
#include "compiler/load_program.h"
#include "isa/trace_format.h"
#include "neural/model.h"
#include "neural/transformer.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/file_io.h"

using namespace c2w;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

const char* const kDefaultPrograms[] = {"sudoku",  "hungarian", "nqueens", "sieve",
                                        "collatz", "brainfuck", "life",    "quicksort"};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- options ----

struct Options {
  std::vector<std::string> programs;  // paths
  uint64_t max_tokens = 1'000'000;
  uint64_t dense_tokens = 100'000;
  std::string engine = "both";
  std::string only;
  std::string json_path, curve_path;  // empty after parsing: not written
  bool list = false;

  bool run_hull() const { return engine == "hull" || engine == "both"; }
  bool run_dense() const { return engine == "dense" || engine == "both"; }
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "bench_engines: %s\n(see the comment at the top of bench/bench_engines.cpp)\n",
               message.c_str());
  std::exit(2);
}

std::string program_name(const std::string& path) { return fs::path(path).stem().string(); }

// A path as given, else relative to the repository root.
std::string resolve_program(const std::string& arg) {
  if (fs::exists(arg)) return arg;
  std::string in_repo = std::string(C2W_SOURCE_DIR) + "/" + arg;
  if (fs::exists(in_repo)) return in_repo;
  std::string example = std::string(C2W_SOURCE_DIR) + "/examples/" + arg + (arg.ends_with(".c") ? "" : ".c");
  if (fs::exists(example)) return example;
  usage_error("no such program: " + arg);
}

Options parse_options(int argc, char** argv) {
  Options o;
  CLI::App app{
      "bench_engines: the reference, dense and hull engines on compiled examples, every token checked "
      "(see the comment at the top of bench/bench_engines.cpp)"};
  std::vector<std::string> names;
  app.add_option("programs", names, "example names or paths (default: the long examples)");
  app.add_option("--max-tokens", o.max_tokens, "tokens per run on the hull engine");
  app.add_option("--dense-tokens", o.dense_tokens, "tokens per run on the dense engine");
  app.add_option("--engine", o.engine, "hull, dense, both or none")
      ->check(CLI::IsMember({"hull", "dense", "both", "none"}));
  app.add_option("--only", o.only, "one program of the list");
  CLI::Option* json = app.add_option("--json", o.json_path, "write the results as JSON");
  CLI::Option* curve = app.add_option("--curve", o.curve_path, "write time per token against trace length");
  app.add_flag("--list", o.list, "list the programs and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e) == 0 ? 0 : 2);
  }
  const bool json_given = json->count() > 0, curve_given = curve->count() > 0;
  for (const std::string& name : names) o.programs.push_back(resolve_program(name));
  if (o.programs.empty())
    for (const char* name : kDefaultPrograms) o.programs.push_back(resolve_program(name));
  if (!o.only.empty()) {
    std::string wanted = program_name(o.only);
    std::erase_if(o.programs, [&](const std::string& p) { return program_name(p) != wanted; });
    if (o.programs.empty()) o.programs.push_back(resolve_program(o.only));
  }
  // A partial run writes files only when asked to (see the top comment).
  bool full_run = o.only.empty() && o.engine == "both";
  std::string results = std::string(C2W_SOURCE_DIR) + "/bench/results/";
  if (!json_given && full_run) o.json_path = results + "engines.json";
  if (!curve_given && full_run) o.curve_path = results + "engines_curve.dat";
  return o;
}

// ---- memory ----

double rusage_peak_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // kB on Linux
}

// A field of /proc/self/status in MB ("VmRSS", "VmHWM"), or -1.
double proc_status_mb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with(field + ":")) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  return -1;
}

// Returns freed heap to the kernel, then resets VmHWM to the current RSS, so the
// next reading is the peak of what runs in between. False where unsupported.
bool reset_peak_rss() {
  malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.close();
  return !clear.fail();
}

// ---- the reference ----

struct Reference {
  runtime::RunResult full;  // the whole run, without its trace
  double seconds = 0;       // best wall time of the whole run
  std::vector<int> ids;     // the trace as model token ids, at most prompt + budget tokens
  size_t prompt = 0;
  uint64_t generated() const { return full.tokens - full.prompt_tokens; }
};

std::string read_input_for(const std::string& path) {
  fs::path input = fs::path(path).replace_extension(".in");
  if (!fs::exists(input)) return "";
  std::ifstream in(input, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Trace tokens to the model's ids through their names, so the check does not rely on
// the two numberings agreeing.
std::vector<int> to_model_ids(const std::vector<trace::Token>& trace, const neural::Model& model) {
  std::unordered_map<std::string, int> by_name;
  for (int i = 0; i < model.vocab_size(); ++i) by_name.emplace(model.vocabulary[size_t(i)], i);
  std::unordered_map<trace::Token, int> cache;
  std::vector<int> ids;
  ids.reserve(trace.size());
  for (trace::Token t : trace) {
    auto [it, fresh] = cache.try_emplace(t, -1);
    if (fresh) {
      auto found = by_name.find(trace::token_name(t));
      if (found == by_name.end())
        throw std::runtime_error("trace token " + trace::token_name(t) + " is not in the model's vocabulary");
      it->second = found->second;
    }
    ids.push_back(it->second);
  }
  return ids;
}

Reference run_reference(const isa::Program& program, const std::string& input, const neural::Model& model,
                        uint64_t budget) {
  Reference r;
  runtime::RunOptions options;
  options.input = input;
  // The untraced run takes milliseconds: best of three.
  r.seconds = 1e30;
  for (int k = 0; k < 3; ++k) {
    auto start = Clock::now();
    r.full = runtime::run_reference(program, options);
    r.seconds = std::min(r.seconds, seconds_since(start));
  }
  // Every instruction emits at least one token, so `budget` steps cover the budget.
  options.record_trace = true;
  options.max_steps = std::min<uint64_t>(options.max_steps, budget + 1);
  runtime::RunResult traced = runtime::run_reference(program, options);
  r.prompt = traced.prompt_tokens;
  traced.trace.resize(std::min<size_t>(traced.trace.size(), r.prompt + budget));
  r.ids = to_model_ids(traced.trace, model);
  return r;
}

// ---- the engines ----

struct Checkpoint {
  uint64_t generated = 0;  // tokens generated (and checked) so far
  double seconds = 0;      // generation time so far (the prompt excluded)
};

struct EngineRun {
  std::string engine;
  uint64_t budget = 0, generated = 0;
  bool cut = false;  // stopped by the budget before the end of the trace
  double prompt_seconds = 0, seconds = 0;
  std::vector<Checkpoint> curve;
  double seconds_at_mark = -1;  // generation time of the first `mark` tokens (hull: the dense budget)
  double rss_baseline_mb = -1, rss_peak_mb = -1, process_peak_mb = 0;

  double tokens_per_second() const { return seconds > 0 ? double(generated) / seconds : 0; }

  // Microseconds per token over the last octave up to `n` generated tokens: the
  // window between the checkpoints nearest n/2 and n (-1 when the run is shorter).
  double microseconds_per_token_at(uint64_t n) const {
    if (curve.empty() || curve.back().generated < n) return -1;
    auto nearest = [&](uint64_t target) {
      const Checkpoint* best = &curve.front();
      for (const Checkpoint& c : curve)
        if (std::llabs(int64_t(c.generated) - int64_t(target)) <
            std::llabs(int64_t(best->generated) - int64_t(target)))
          best = &c;
      return *best;
    };
    Checkpoint a = nearest(n / 2), b = nearest(n);
    if (b.generated <= a.generated) return -1;
    return 1e6 * (b.seconds - a.seconds) / double(b.generated - a.generated);
  }
  // How much the time per token grew from the octave ending at 10^4 tokens to the
  // run's last octave (-1 when the run is shorter than 10^5 tokens).
  double time_per_token_growth() const {
    if (generated < 100'000) return -1;
    double early = microseconds_per_token_at(10'000), late = microseconds_per_token_at(generated);
    return early > 0 && late > 0 ? late / early : -1;
  }
};

// Checkpoints (in generated tokens) four per octave of the trace length, prompt
// included, so the time per token can be plotted against it on a log axis; plus
// `mark` and the budget. A long prompt (brainfuck's) only moves the first ones.
std::vector<uint64_t> checkpoint_schedule(uint64_t prompt, uint64_t budget, uint64_t mark) {
  std::vector<uint64_t> at;
  for (int j = 16;; ++j) {  // from a trace of 2^4 tokens
    uint64_t length = uint64_t(std::llround(std::pow(2.0, j / 4.0)));
    if (length < prompt + 16) continue;  // windows of fewer tokens are noise
    if (length - prompt >= budget) break;
    at.push_back(length - prompt);
  }
  at.push_back(budget);
  if (mark > 0 && mark < budget) at.push_back(mark);
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  return at;
}

[[noreturn]] void report_mismatch(const std::string& name, const std::string& engine,
                                  const isa::Program& program, const neural::Model& model,
                                  const std::vector<int>& ids, size_t prompt, size_t position, int got) {
  // The step the position belongs to starts after the latest pc token before it.
  size_t step_start = position - 1;
  while (step_start >= prompt && !model.vocabulary[size_t(ids[step_start])].starts_with("@")) --step_start;
  std::string where;
  const std::string& pc_name = model.vocabulary[size_t(ids[step_start])];
  if (pc_name.starts_with("@")) {
    uint32_t pc = uint32_t(std::stoul(pc_name.substr(1)));
    if (pc < program.code.size())
      where =
          " (in the step of pc " + std::to_string(pc) + ": " + isa::print_instruction(program.code[pc]) + ")";
  }
  std::fprintf(stderr, "MISMATCH: %s, %s engine, position %zu%s: expected %s, got %s\n", name.c_str(),
               engine.c_str(), position, where.c_str(), model.vocabulary[size_t(ids[position])].c_str(),
               model.vocabulary[size_t(got)].c_str());
  std::exit(1);
}

// Feeds the prompt, then generates up to `budget` tokens, checking each against the
// reference trace. The Transformer is built here and destroyed before returning, so
// the next engine starts with an empty cache and its own RSS peak.
EngineRun run_engine(const std::string& name, const std::string& engine, const isa::Program& program,
                     const neural::Model& model, const Reference& ref, uint64_t budget, uint64_t mark) {
  EngineRun run;
  run.engine = engine;
  run.budget = budget;
  if (reset_peak_rss()) run.rss_baseline_mb = proc_status_mb("VmRSS");
  {
    std::unique_ptr<neural::ForwardPass> forward = runtime::make_forward_pass(
        model, engine == "hull" ? runtime::TransformerEngine::Hull : runtime::TransformerEngine::Dense);
    neural::ForwardPass& transformer = *forward;
    const std::vector<int>& ids = ref.ids;
    auto start = Clock::now();
    int next = 0;
    for (size_t i = 0; i < ref.prompt; ++i) next = transformer.step(ids[i]);
    run.prompt_seconds = seconds_since(start);

    std::vector<uint64_t> schedule = checkpoint_schedule(ref.prompt, budget, mark);
    size_t due = 0;
    start = Clock::now();
    auto on_match = [&](uint64_t generated) {
      if (due < schedule.size() && generated == schedule[due]) {
        run.curve.push_back({generated, seconds_since(start)});
        ++due;
        if (generated == mark) run.seconds_at_mark = run.curve.back().seconds;
      }
      if (generated % 100'000 == 0)
        std::fprintf(stderr, "  [%s %s] %llu / %llu tokens, %.1f s\n", name.c_str(), engine.c_str(),
                     (unsigned long long)generated, (unsigned long long)budget, seconds_since(start));
    };
    runtime::TeacherForcedCheck check =
        runtime::check_teacher_forced(transformer, next, ids, ref.prompt, budget, on_match);
    if (check.mismatch)
      report_mismatch(name, engine, program, model, ids, ref.prompt, check.position, check.predicted);
    run.generated = check.matched;
    run.seconds = seconds_since(start);
    if (run.curve.empty() || run.curve.back().generated != run.generated)
      run.curve.push_back({run.generated, run.seconds});
    if (run.seconds_at_mark < 0) run.seconds_at_mark = run.seconds;  // the trace ended before the mark
    run.rss_peak_mb = run.rss_baseline_mb >= 0 ? proc_status_mb("VmHWM") : -1;
    run.process_peak_mb = rusage_peak_mb();
  }
  run.cut = run.generated < ref.generated();
  return run;
}

// ---- one program ----

struct ProgramResult {
  std::string name, path, error;
  uint64_t instructions = 0, prompt_tokens = 0, tokens = 0;  // tokens: generated by the whole run
  std::string status;
  double reference_seconds = 0;
  double c_compile_seconds = 0, compile_seconds = 0;  // C to the c2w machine; machine program to weights
  neural::ModelShape shape;
  std::optional<EngineRun> hull, dense;

  double reference_tokens_per_second() const {
    return reference_seconds > 0 ? double(tokens) / reference_seconds : 0;
  }
  // Hull over dense on the same first tokens (the dense budget, or the whole trace).
  double hull_over_dense() const {
    if (!hull || !dense || hull->seconds_at_mark <= 0 || dense->seconds <= 0) return 0;
    uint64_t same = std::min(hull->generated, dense->generated);
    if (same != dense->generated) return 0;  // the hull budget is below the dense one
    return dense->seconds / hull->seconds_at_mark;
  }
  double reference_over_hull() const {
    return hull && hull->tokens_per_second() > 0 ? reference_tokens_per_second() / hull->tokens_per_second()
                                                 : 0;
  }
};

const char* status_name(runtime::RunStatus s) {
  switch (s) {
    case runtime::RunStatus::Halted: return "halted";
    case runtime::RunStatus::Trapped: return "trapped";
    case runtime::RunStatus::StepLimit: return "step limit";
  }
  return "?";
}

ProgramResult bench_program(const std::string& path, const Options& o) {
  ProgramResult r;
  r.path = path;
  r.name = program_name(path);
  std::fprintf(stderr, "%s: compiling\n", r.name.c_str());
  auto start = Clock::now();
  isa::Program program = compiler::load_program(path, compiler::CompileOptions{});
  r.c_compile_seconds = seconds_since(start);
  compiler::CompiledWeights weights = compiler::compile_weights(program);
  r.compile_seconds = weights.seconds;
  r.shape = neural::shape_of(weights.model);

  uint64_t budget = std::max(o.run_hull() ? o.max_tokens : 0, o.run_dense() ? o.dense_tokens : 0);
  std::fprintf(stderr, "%s: reference interpreter\n", r.name.c_str());
  Reference ref = run_reference(program, read_input_for(path), weights.model, budget);
  r.instructions = ref.full.instructions;
  r.prompt_tokens = ref.full.prompt_tokens;
  r.tokens = ref.generated();
  r.status = status_name(ref.full.status);
  r.reference_seconds = ref.seconds;

  // Hull first: its budget is the larger, and it marks the dense budget for the ratio.
  if (o.run_hull())
    r.hull = run_engine(r.name, "hull", program, weights.model, ref, o.max_tokens, o.dense_tokens);
  if (o.run_dense()) r.dense = run_engine(r.name, "dense", program, weights.model, ref, o.dense_tokens, 0);
  return r;
}

// ---- output ----

std::string si(double x) {  // 1234567 -> "1.23M"
  char buf[32];
  if (x >= 1e9)
    std::snprintf(buf, sizeof buf, "%.2fG", x / 1e9);
  else if (x >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", x / 1e6);
  else if (x >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fk", x / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", x);
  return buf;
}

std::string ratio(double x) {
  if (x <= 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, x >= 100 ? "%.0fx" : "%.1fx", x);
  return buf;
}

// Peak RSS while the engine ran, and its growth over the baseline (the model, the
// reference trace, the libraries) when the kernel could reset its high-water mark.
std::string rss(const std::optional<EngineRun>& run) {
  if (!run) return "-";
  char buf[48];
  if (run->rss_peak_mb < 0)
    std::snprintf(buf, sizeof buf, "%.0f", run->process_peak_mb);
  else
    std::snprintf(buf, sizeof buf, "%.0f(+%.0f)", run->rss_peak_mb, run->rss_peak_mb - run->rss_baseline_mb);
  return buf;
}

void print_table(const std::vector<ProgramResult>& results, const Options& o) {
  std::printf("\n%-10s %9s %9s %7s %9s %11s %10s %10s %8s %7s %17s %9s %4s  %s\n", "program", "instr",
              "tokens", "tok/ins", "ref tok/s", "dense tok/s", "hull tok/s", "hull/dense", "ref/hull",
              "growth", "RSS MB hull/dense", "compile s", "cut",
              "model (layers x d_model, heads, max ffn, non-zeros)");
  for (const ProgramResult& r : results) {
    if (!r.error.empty()) {
      std::printf("%-10s error: %s\n", r.name.c_str(), r.error.c_str());
      continue;
    }
    std::string rss_cell = rss(r.hull) + "/" + rss(r.dense);
    bool cut = r.hull ? r.hull->cut : r.dense && r.dense->cut;
    std::printf(
        "%-10s %9s %9s %7.2f %9s %11s %10s %10s %8s %7s %17s %9.2f %4s  %dx%d, %d heads, %d, %s\n",
        r.name.c_str(), si(double(r.instructions)).c_str(), si(double(r.tokens)).c_str(),
        double(r.tokens) / double(std::max<uint64_t>(r.instructions, 1)),
        si(r.reference_tokens_per_second()).c_str(), r.dense ? si(r.dense->tokens_per_second()).c_str() : "-",
        r.hull ? si(r.hull->tokens_per_second()).c_str() : "-", ratio(r.hull_over_dense()).c_str(),
        ratio(r.reference_over_hull()).c_str(), ratio(r.hull ? r.hull->time_per_token_growth() : -1).c_str(),
        rss_cell.c_str(), r.compile_seconds, cut ? "yes" : "no", r.shape.layers, r.shape.d_model,
        r.shape.heads, r.shape.max_ffn_width, si(double(r.shape.non_zeros)).c_str());
  }
  std::printf(
      "\ntokens: generated by the whole run (prompt excluded). dense tok/s over its first %s tokens, "
      "hull tok/s over its first %s (cut: the trace is longer than that).\n"
      "hull/dense: the same first tokens on both. growth: the hull engine's time per token over its last "
      "octave of tokens over that at 10^4 tokens (runs of 10^5 tokens or more).\n"
      "RSS MB: peak while the hull / dense engine ran "
      "(+ its growth over what was resident before).\n"
      "ref tok/s: the reference interpreter without recording its trace. compile s: the weight compiler "
      "(C to machine code excluded; both are in the JSON).\n",
      si(double(o.dense_tokens)).c_str(), si(double(o.max_tokens)).c_str());
}

nlohmann::json engine_json(const EngineRun& run) {
  nlohmann::json curve = nlohmann::json::array();
  for (const Checkpoint& c : run.curve) curve.push_back({c.generated, c.seconds});
  return {{"budget", run.budget},
          {"generated", run.generated},
          {"cut", run.cut},
          {"prompt_seconds", run.prompt_seconds},
          {"seconds", run.seconds},
          {"tokens_per_second", run.tokens_per_second()},
          {"seconds_at_dense_budget", run.seconds_at_mark},
          {"rss_baseline_mb", run.rss_baseline_mb},
          {"rss_peak_mb", run.rss_peak_mb},
          {"process_peak_rss_mb", run.process_peak_mb},
          {"microseconds_per_token_at_1e4", run.microseconds_per_token_at(10'000)},
          {"microseconds_per_token_at_end", run.microseconds_per_token_at(run.generated)},
          {"time_per_token_growth_from_1e4", run.time_per_token_growth()},
          {"curve_generated_seconds", curve}};
}

void write_json(const std::vector<ProgramResult>& results, const Options& o) {
  nlohmann::json programs = nlohmann::json::array();
  for (const ProgramResult& r : results) {
    nlohmann::json p = {{"name", r.name}, {"path", r.path}};
    if (!r.error.empty()) {
      p["error"] = r.error;
      programs.push_back(p);
      continue;
    }
    p.update({{"instructions", r.instructions},
              {"prompt_tokens", r.prompt_tokens},
              {"tokens", r.tokens},
              {"tokens_per_instruction", double(r.tokens) / double(std::max<uint64_t>(r.instructions, 1))},
              {"status", r.status},
              {"reference_seconds", r.reference_seconds},
              {"reference_tokens_per_second", r.reference_tokens_per_second()},
              {"c_compile_seconds", r.c_compile_seconds},
              {"compile_seconds", r.compile_seconds},
              {"model",
               {{"layers", r.shape.layers},
                {"d_model", r.shape.d_model},
                {"heads", r.shape.heads},
                {"max_ffn_width", r.shape.max_ffn_width},
                {"vocab", r.shape.vocab},
                {"parameters", r.shape.parameters},
                {"non_zeros", r.shape.non_zeros}}},
              {"hull_over_dense", r.hull_over_dense()},
              {"reference_over_hull", r.reference_over_hull()}});
    if (r.hull) p["hull"] = engine_json(*r.hull);
    if (r.dense) p["dense"] = engine_json(*r.dense);
    programs.push_back(p);
  }
  nlohmann::json doc = {
      {"max_tokens", o.max_tokens}, {"dense_tokens", o.dense_tokens}, {"programs", programs}};
  fs::create_directories(fs::path(o.json_path).parent_path());
  c2w::write_file_atomically(o.json_path, doc.dump(2) + "\n");
  std::fprintf(stderr, "wrote %s\n", o.json_path.c_str());
}

// One line per window between checkpoints: the window's time per token against the
// trace length (prompt included) at its end. The marginal cost, not the running
// average, is what shows O(t) against O(log t) per token.
void write_curve_lines(std::ostream& out, const ProgramResult& r, const EngineRun& run) {
  Checkpoint previous;
  for (const Checkpoint& c : run.curve) {
    if (c.generated > previous.generated && c.seconds > previous.seconds)
      out << r.name << ' ' << run.engine << ' ' << r.prompt_tokens + c.generated << ' '
          << 1e6 * (c.seconds - previous.seconds) / double(c.generated - previous.generated) << '\n';
    previous = c;
  }
  out << "\n\n";  // gnuplot: a new data set
}

void write_curves(const std::vector<ProgramResult>& results, const Options& o) {
  fs::create_directories(fs::path(o.curve_path).parent_path());
  std::ostringstream out;
  out << "# program engine tokens microseconds_per_token (tokens: trace length at the window's end)\n";
  for (const ProgramResult& r : results) {
    if (r.hull) write_curve_lines(out, r, *r.hull);
    if (r.dense) write_curve_lines(out, r, *r.dense);
  }
  c2w::write_file_atomically(o.curve_path, out.str());
  std::fprintf(stderr, "wrote %s\n", o.curve_path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_options(argc, argv);
  if (o.list) {
    for (const std::string& p : o.programs) std::printf("%s\n", program_name(p).c_str());
    return 0;
  }
  std::vector<ProgramResult> results;
  bool failed = false;
  for (const std::string& path : o.programs) {
    try {
      results.push_back(bench_program(path, o));
    } catch (const std::exception& e) {  // a program that does not compile; a mismatch exits at once
      ProgramResult r;
      r.name = program_name(path);
      r.path = path;
      r.error = e.what();
      std::fprintf(stderr, "%s: error: %s\n", r.name.c_str(), e.what());
      results.push_back(r);
      failed = true;
    }
  }
  print_table(results, o);
  if (!o.json_path.empty()) write_json(results, o);
  if (!o.curve_path.empty()) write_curves(results, o);
  return failed ? 1 : 0;
}
