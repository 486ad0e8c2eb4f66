// The c2w command-line driver: parses flags and calls the libraries (pipeline/ runs
// programs and models, compiler/ compiles, symbolic/ explores and reports).
//
//   c2w compile prog.c [--emit=ast|llvm|isa|bin|graph|dot|layers|weights] [-o FILE] [-O2]
//   c2w compile prog.c -o prog.c2w        (the program compiled into transformer weights)
//   c2w run prog.c|prog.isa|prog.bin|prog.c2w [--engine=reference|dense|hull] [--trace FILE] [--stats]
//           [--explain] [--max-steps N]
//   c2w symex prog.c [--input-bytes N] [--strategy S] [--reach FILE:LINE] [--want-output STR]
//   [--exact-output]
//           [-o DIR]
//   c2w equiv a.c b.c [--input-bytes N]
//   c2w explain prog.c [--input FILE] [--engine=hull|dense] [--json] [-o page.html]
//   c2w verify model.c2w [--op NAME] [--timeout S] [--json FILE] [--no-figures] [--no-op-proofs]
//           [--program prog.c [--input FILE]]
//   c2w export model.c2w --format=onnx -o model.onnx [--kv-cache]
//   c2w inspect model.c2w      c2w bench [--max-tokens N] [--dense-tokens N] [programs]
//   c2w bench --peer DIR [--rev REV] [--sparse-rev REV] [--runs N]   (against transformer-vm)
//
// Exit codes are listed by `c2w --help` (kExitCodes below).
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <iterator>

#include <unistd.h>

#include "compiler/circuit_dot.h"
#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "interop/onnx_export.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"
#include "neural/model_file.h"
#include "neural/sparse_model.h"
#include "pipeline/explain_page.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/replay_findings.h"
#include "pipeline/run.h"
#include "support/errors.h"
#include "support/file_io.h"
#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"
#include "symbolic/symex_report.h"
#include "tools/run_cli.h"
#include "verify/verify_model.h"

namespace {

using namespace c2w;

constexpr const char* kVersion = "c2w 0.13 (weights: c2w-weights-4, model format: c2w-model 2, reads 1)";

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  compile, inspect, explain, export: 0 ok, 1 user error (bad input, with its location), 70 internal "
    "error (a "
    "bug in c2w)\n"
    "  run: the program's own exit code; 134 when it traps, 124 when --max-steps runs out; 1 or 70 for an\n"
    "       error before the program runs\n"
    "  symex: 0 no finding, 1 findings, 2 error\n"
    "  verify: 0 every obligation proved, 1 one refuted or unknown, 2 error (a bad model file or flag)\n"
    "  equiv: 0 equivalent, 1 different, 3 unknown within the bounds, 2 error\n"
    "  pipeline: 0 every check held, 1 a check failed, 2 error (a bad pipeline file, a step's bad input)\n"
    "  a command-line error: 2";

// A count or budget: CLI11's NonNegativeNumber names a range up to DBL_MAX in its message.
const CLI::Validator kNotNegative(
    [](std::string& text) {
      return !text.empty() && text[0] == '-' ? "must not be negative (" + text + ")" : "";
    },
    "NON-NEGATIVE");

struct CommonOptions {
  int opt_level = 2;
  uint32_t memory_size = isa::kDefaultMemorySize;
  uint32_t stack_size = isa::kDefaultStackSize;
  std::vector<std::string> include_dirs, defines, feature_flags;
  std::vector<std::string> more_sources;  // a program's other C files
  bool no_warnings = false;

  compiler::CompileOptions compile_options() const {
    compiler::CompileOptions o;
    o.opt_level = opt_level;
    o.memory_size = memory_size;
    o.stack_size = stack_size;
    o.include_dirs = include_dirs;
    o.defines = defines;
    o.feature_flags = feature_flags;
    o.no_warnings = no_warnings;
    o.more_sources = more_sources;
    return o;
  }
};

void add_common(CLI::App* app, CommonOptions& o) {
  app->add_option("-O", o.opt_level, "LLVM optimisation level 0..3 (default 2)")->check(CLI::Range(0, 3));
  app->add_option("--memory", o.memory_size, "machine memory in bytes (default 8 MiB, at most 16 MiB)")
      ->check(CLI::Range(1u << 16, isa::kMaxMemorySize));
  app->add_option("--stack", o.stack_size, "stack size in bytes (default 1 MiB)")
      ->check(CLI::Range(1u << 12, 1u << 25));
  app->add_option("-I", o.include_dirs, "add a directory to the include search path (C sources)")
      ->allow_extra_args(false);
  app->add_option("-D", o.defines, "define a macro: NAME or NAME=VALUE (C sources)")->allow_extra_args(false);
  app->add_flag("-w", o.no_warnings, "no warnings from the C front end (errors only)");
  app->add_option("-f", o.feature_flags,
                  "a gcc -f flag that changes what the C means: -fwrapv, -fno-strict-aliasing")
      ->allow_extra_args(false)
      ->check(CLI::IsMember(
          std::vector<std::string>(std::begin(compiler::kFeatureFlags), std::end(compiler::kFeatureFlags))));
}

std::string read_stdin() {
  return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>{}};
}

void write_or_print(const std::string& output, const std::string& text) {
  if (output.empty() || output == "-")
    std::cout << text;
  else
    write_file_atomically(output, text);
}

// ---- compile ----

struct CompileCommand {
  CommonOptions common;
  std::string input, emit, output;
  bool universal = false;
};

// --emit=graph|layers|weights: the weight compiler's forms.
int compile_weights_command(const CompileCommand& c) {
  isa::Program program;
  compiler::CompiledWeights w;
  if (c.universal) {
    if (!c.input.empty())
      throw UserError("error: --universal compiles one model for every program: give no input file");
    compiler::UniversalLayout layout;
    layout.memory_size = c.common.memory_size;
    w = compiler::compile_universal_weights(layout);
  } else {
    if (c.input.empty()) throw UserError("error: compile needs an input program (or --universal)");
    program = compiler::load_program(c.input, c.common.compile_options());
    compiler::WeightsOptions options;
    options.source_name = c.input;
    w = compiler::compile_weights(program, options);
  }
  if (c.emit == "graph" || c.emit == "dot" || c.emit == "layers") {
    write_or_print(c.output, c.emit == "graph" ? compiler::circuit::print_circuit(w.machine.circuit)
                             : c.emit == "dot" ? compiler::print_circuit_dot(w.machine.circuit, w.schedule)
                                               : compiler::print_layers(w.machine.circuit, w.schedule));
    return 0;
  }
  if (c.output.empty()) throw UserError("error: --emit=weights needs -o FILE.c2w");
  neural::save_model(w.model, c.output);
  neural::ModelShape s = neural::shape_of(w.model);
  std::cerr << "c2w: "
            << (c.universal ? std::string("universal model")
                            : c.input + " (" + std::to_string(program.code.size()) + " instructions)")
            << " -> " << c.output << ": " << s.layers << " layers, d_model " << s.d_model << ", " << s.heads
            << " heads, FFN width " << s.max_ffn_width << ", " << s.parameters << " parameters, "
            << s.non_zeros << " non-zeros (" << std::fixed << std::setprecision(2) << w.seconds << " s)\n";
  return 0;
}

int compile_command(CompileCommand c) {
  if (c.emit.empty()) c.emit = pipeline::is_model_path(c.output) || c.universal ? "weights" : "isa";
  if (c.emit == "graph" || c.emit == "dot" || c.emit == "layers" || c.emit == "weights")
    return compile_weights_command(c);
  if (c.universal)
    throw UserError("error: --universal makes a model: use --emit=graph, dot, layers or weights");
  if (c.input.empty()) throw UserError("error: compile needs an input program");
  compiler::CompileOptions o = c.common.compile_options();
  o.source_path = c.input;
  o.stop_after = c.emit == "ast"    ? compiler::EmitStage::Ast
                 : c.emit == "llvm" ? compiler::EmitStage::Llvm
                                    : compiler::EmitStage::Isa;
  compiler::CompileOutput out = compiler::compile_c_program(o);
  if (!out.warnings.empty()) std::cerr << out.warnings;
  if (c.emit == "bin") {
    if (c.output.empty()) throw UserError("error: --emit=bin needs -o FILE");
    std::vector<uint8_t> bytes = isa::encode_program(out.program);
    write_file_atomically(c.output, bytes.data(), bytes.size());
    return 0;
  }
  write_or_print(c.output, c.emit == "isa" ? isa::print_assembly(out.program) : out.dump);
  return 0;
}

// ---- run, inspect ----

struct RunCommand {
  CommonOptions common;
  cli::RunOptions run;
  bool no_cache = false;
};

int run_command(const RunCommand& c) {
  pipeline::RunRequest request;
  static_cast<runtime::RunRequest&>(request) = cli::run_request(c.run);
  request.use_cache = !c.no_cache;
  request.compile = c.common.compile_options();
  return cli::finish_run(c.run, pipeline::run_program(request), "c2w");
}

int inspect_command(const std::string& path) {
  neural::ModelShape s = neural::shape_of(neural::load_sparse_model(path));
  std::cout << path << ": vocabulary " << s.vocab << ", d_model " << s.d_model << ", layers " << s.layers
            << ", heads " << s.heads << ", FFN width " << s.max_ffn_width << ", parameters " << s.parameters
            << ", non-zeros " << s.non_zeros << "\n";
  return 0;
}

// ---- explain ----

struct ExplainCommand {
  CommonOptions common;
  std::string input, input_file, engine = "hull", output;
  bool json = false;
  pipeline::ExplainRequest request;
};

// `c2w explain`: the explorer page (or its data as JSON) of one recorded run.
int explain_command(ExplainCommand& c) {
  c.request.path = c.input;
  c.request.engine = pipeline::engine_named(c.engine);
  c.request.compile = c.common.compile_options();
  if (!c.input_file.empty()) c.request.input = read_file_text(c.input_file);
  const std::string data = pipeline::explanation_json(c.request);
  write_or_print(c.output, c.json ? data + "\n" : pipeline::explanation_page(data));
  if (!c.output.empty() && c.output != "-")
    std::cerr << "c2w: " << c.output << ": " << (c.json ? "explain data" : "explorer page") << " of "
              << c.input << "\n";
  return 0;
}

// ---- verify ----

struct VerifyCommand {
  std::string model, json, program, input_file;
  CommonOptions common;
  verify::VerifyOptions options;
};

int verify_command(VerifyCommand& c) {
  neural::Model model = neural::load_model(c.model);
  if (!c.program.empty()) c.options.program = compiler::load_program(c.program, c.common.compile_options());
  if (!c.input_file.empty()) c.options.input = read_file_text(c.input_file);
  verify::VerifyReport report = verify::verify_model(model, c.model, c.options);
  std::cout << verify::format_report(report);
  if (!c.json.empty()) write_file_atomically(c.json, verify::report_json(report));
  return report.all_proved() ? 0 : 1;
}

// ---- symex, equiv ----

struct SymexCommand {
  CommonOptions common;
  std::string input, output_dir, reach, want_output, strategy = "coverage";
  bool exact_output = false;
  bool no_transformer = false;  // findings replayed on the reference only
  symbolic::SymexOptions options;
};

void add_symex_options(CLI::App* app, SymexCommand& c) {
  app->add_option("--input-bytes", c.options.input_bytes,
                  "symbolic stdin: every input of at most N bytes (default 8)")
      ->check(CLI::Range(0, 4096));
  app->add_option(
         "--strategy", c.strategy,
         "path search: dfs, bfs or coverage (default: random path, distance to uncovered code and new "
         "coverage in turns)")
      ->check(CLI::IsMember({"dfs", "bfs", "coverage"}));
  app->add_option("--seed", c.options.seed, "seed of the coverage search's random choices (default 1)")
      ->check(kNotNegative);
  app->add_option("--max-steps", c.options.max_steps_per_path, "instructions per path before it is cut")
      ->check(kNotNegative);
  app->add_option("--max-paths", c.options.max_paths, "completed paths before stopping")->check(kNotNegative);
  app->add_option("--max-states", c.options.max_live_states, "live states kept (bounds memory)")
      ->check(kNotNegative);
  app->add_option("--max-seconds", c.options.max_seconds, "time budget in seconds (default 60)")
      ->check(kNotNegative);
  app->add_option("--solver-timeout", c.options.solver_timeout_ms,
                  "milliseconds per solver query (default 10000)")
      ->check(kNotNegative);
  app->add_flag("--stop-at-first", c.options.stop_at_first_finding, "stop at the first finding");
  app->add_flag(
      "--no-transformer", c.no_transformer,
      "replay findings on the reference interpreter only (by default also on the transformer compiled "
      "from the program, hull engine)");
  app->add_flag(
      "--exact-output", c.exact_output,
      "fork inside printf, puts and the other stdout functions too (by default they follow one input, "
      "which keeps printing a symbolic value from multiplying the paths; always exact for equiv and "
      "--want-output)");
  add_common(app, c.common);
}

symbolic::SearchStrategy strategy_named(const std::string& name) {
  if (name == "dfs") return symbolic::SearchStrategy::DepthFirst;
  if (name == "bfs") return symbolic::SearchStrategy::BreadthFirst;
  return symbolic::SearchStrategy::Coverage;
}

// Progress on stderr: once a second on one line on a terminal, else every ten seconds.
void print_progress(const symbolic::SymexProgress& p) {
  bool tty = ::isatty(2);
  static double last = 0;
  if (!tty && p.seconds - last < 10) return;
  last = p.seconds;
  std::fprintf(
      stderr,
      "%s[symex %.0fs] %llu paths, %llu live, %llu findings, coverage %zu/%zu pcs, %llu solver checks%s",
      tty ? "\r" : "", p.seconds, (unsigned long long)p.paths_completed, (unsigned long long)p.live_states,
      (unsigned long long)p.findings, p.covered_pcs, p.total_pcs, (unsigned long long)p.solver_checks,
      tty ? "" : "\n");
}

int symex_command(SymexCommand& c) {
  isa::Program program = compiler::load_program(c.input, c.common.compile_options());
  c.options.strategy = strategy_named(c.strategy);
  if (!c.reach.empty()) {
    auto colon = c.reach.rfind(':');
    if (colon == std::string::npos) throw UserError("error: --reach wants FILE:LINE, got '" + c.reach + "'");
    unsigned line = 0;
    try {
      line = static_cast<unsigned>(std::stoul(c.reach.substr(colon + 1)));
    } catch (const std::exception&) {
      throw UserError("error: --reach wants FILE:LINE, got '" + c.reach + "'");
    }
    c.options.reach_pcs = symbolic::pcs_at_line(program, c.reach.substr(0, colon), line);
    if (c.options.reach_pcs.empty())
      throw UserError("error: --reach " + c.reach +
                      ": no code at that line (is it a blank line, a comment or a "
                      "declaration, or optimised away? try -O0)");
  }
  if (!c.want_output.empty()) c.options.want_output = c.want_output;
  c.options.summarise_output = !c.exact_output;
  c.options.progress = print_progress;
  symbolic::SymexResult r = symbolic::run_symbolic(program, c.options);
  if (!c.no_transformer) pipeline::replay_on_transformer(program, c.input, r);
  std::cout << symbolic::symex_summary(r, c.input);
  if (!c.output_dir.empty())
    symbolic::write_symex_findings(
        c.output_dir, r, symbolic::symex_report_json(r, c.input, c.options.input_bytes, c.strategy));
  return symbolic::symex_exit_code(r);
}

int equiv_command(SymexCommand& c, const std::string& second) {
  isa::Program a = compiler::load_program(c.input, c.common.compile_options());
  isa::Program b = compiler::load_program(second, c.common.compile_options());
  c.options.strategy = strategy_named(c.strategy);
  symbolic::EquivalenceResult r = symbolic::check_equivalence(a, b, c.options);
  if (!c.no_transformer) pipeline::replay_on_transformer(a, c.input, b, second, r);
  std::cout << symbolic::equivalence_summary(r, c.input, second, c.options.input_bytes);
  return symbolic::equivalence_exit_code(r);
}

// `c2w pipeline FILE`: a hybrid pipeline (pipeline/pipeline_file.h); the report on
// stdout (as JSON with --json FILE), a failed check on stderr. Exit 0: every step ran and every check held;
// 1: a check failed (the report says which); 2: the file or a step's input is at fault.
// With --check, the file is only read and checked (keys, types, paths, value names).
int pipeline_command(const std::string& file, const std::string& json_path, bool quiet, bool check_only) {
  pipeline::Pipeline p(pipeline::pipeline_file_name(file));
  if (check_only) {
    pipeline::run_pipeline_file(file, p, {.quiet = true, .check_only = true});
    std::cout << file << ": a well-formed pipeline (checked, nothing run)\n";
    return 0;
  }
  int status = 0;
  try {
    pipeline::run_pipeline_file(file, p, {.quiet = quiet});
  } catch (const pipeline::CheckFailed& e) {
    std::cerr << "c2w pipeline: FAILED: " << e.what() << "\n";
    status = 1;
  }
  std::cout << p.report_table();
  if (!json_path.empty()) write_file_atomically(json_path, p.report_json());
  return status;
}

// `c2w bench`: the engine benchmark script, with the remaining arguments; with
// --peer DIR, the side-by-side benchmark against transformer-vm (bench/peers/), told
// to run this c2w.
[[noreturn]] void bench_command(const std::vector<std::string>& arguments) {
  std::string script = std::string(C2W_SOURCE_DIR) + "/bench/run_engines.sh";
  std::vector<std::string> extras = arguments;
  bool peer = false;
  for (const std::string& a : arguments) peer = peer || a == "--peer" || a.rfind("--peer=", 0) == 0;
  if (peer) {
    script = std::string(C2W_SOURCE_DIR) + "/bench/peers/run_peers.py";
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) extras.insert(extras.begin(), {"--c2w", std::string(self, static_cast<size_t>(n))});
  }
  std::vector<char*> args{script.data()};
  for (std::string& a : extras) args.push_back(a.data());
  args.push_back(nullptr);
  ::execv(script.c_str(), args.data());
  throw UserError("error: cannot run " + script + " (" + std::strerror(errno) + ")");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "c2w: compile C programs into the c2w machine and into transformer weights, run them, reason about "
      "them"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  app.footer(kExitCodes);

  CompileCommand compile_cmd;
  CLI::App* compile = app.add_subcommand("compile", "compile a C program; print or write one of its forms");
  compile->add_option("input", compile_cmd.input, "C source file (.c, or .isa / binary program)");
  compile->add_option("more", compile_cmd.common.more_sources,
                      "the program's other C files, linked with the first (as gcc a.c b.c)");
  compile->add_flag(
      "--universal", compile_cmd.universal,
      "compile the universal model (one model for every program, which reads the program from its "
      "prompt) instead of a program's own");
  compile
      ->add_option(
          "--emit", compile_cmd.emit,
          "form to output: ast, llvm, isa (text assembly), bin (binary program), graph (the weight "
          "compiler's circuit), dot (the circuit as Graphviz DOT, one cluster per layer), layers (its "
          "schedule) or weights (a .c2w model); default: weights for -o FILE.c2w, else isa")
      ->check(CLI::IsMember({"ast", "llvm", "isa", "bin", "graph", "dot", "layers", "weights"}));
  compile->add_option("-o", compile_cmd.output, "output file (default: standard output)");
  add_common(compile, compile_cmd.common);

  RunCommand run_cmd;
  CLI::App* run =
      app.add_subcommand("run", "run a program (C source, .isa text or binary); stdin is its input");
  cli::add_run_options(run, run_cmd.run, "program: .c, .isa or binary image, or a .c2w model");
  run->add_option("more", run_cmd.common.more_sources,
                  "the program's other C files, linked with the first (as gcc a.c b.c)");
  run->add_flag("--no-cache", run_cmd.no_cache,
                "compile the weights afresh instead of using the model cache");
  add_common(run, run_cmd.common);

  std::string inspect_input;
  CLI::App* inspect = app.add_subcommand("inspect",
                                         "print a model's shape: vocabulary, d_model, layers, heads, FFN "
                                         "width, parameters, non-zeros");
  inspect->add_option("model", inspect_input, "model file (.c2w)")->required();

  std::string export_input, export_output, export_format = "onnx";
  interop::OnnxExportOptions export_options;
  CLI::App* export_app = app.add_subcommand(
      "export",
      "write a model in another tool's format: onnx (the whole-sequence forward pass, float64, for ONNX "
      "Runtime and other ONNX tools; docs/model-format.md)");
  export_app->add_option("model", export_input, "model file (.c2w)")->required();
  export_app->add_option("--format", export_format, "output format: onnx (the default)")
      ->check(CLI::IsMember({"onnx"}));
  export_app->add_option("-o", export_output, "output file")->required();
  export_app->add_flag("--kv-cache", export_options.kv_cache,
                       "add each head's past keys and values as inputs and outputs, for decoding a token "
                       "per call (default: the whole sequence at once)");

  ExplainCommand explain_cmd;
  CLI::App* explain = app.add_subcommand(
      "explain",
      "record a run of a program's transformer and write the explorer page: source, ISA and tokens in "
      "sync, attention arcs, a memory head's convex hull, the residual stream, the layer map (one "
      "self-contained HTML file), or its data as JSON");
  explain->add_option("input", explain_cmd.input, "program: .c, .isa or binary image")->required();
  explain->add_option("--input", explain_cmd.input_file, "FILE holding the program's stdin (default: empty)");
  explain
      ->add_option("--engine", explain_cmd.engine,
                   "the KV cache of the recorded forward pass: hull (default) or dense")
      ->check(CLI::IsMember({"hull", "dense"}));
  explain->add_flag("--json", explain_cmd.json, "write the recorded data as JSON instead of the page");
  explain->add_option("-o", explain_cmd.output, "output file (default: standard output)");
  explain
      ->add_option("--max-tokens", explain_cmd.request.max_tokens,
                   "generated tokens recorded before the run is cut (default 100000, at most 2097152)")
      ->check(CLI::Range(uint64_t(1), uint64_t(1) << 21));
  explain
      ->add_option(
          "--steps", explain_cmd.request.shown_steps,
          "executed instructions shown in detail (default 240: all when fewer, else the first half, then "
          "evenly spaced ones); the page grows with it")
      ->check(CLI::Range(1, 5000));
  add_common(explain, explain_cmd.common);

  SymexCommand symex_cmd;
  CLI::App* symex = app.add_subcommand("symex",
                                       "explore a program symbolically: assertion failures, traps, "
                                       "reachability, wanted outputs; inputs that trigger them");
  symex->add_option("input", symex_cmd.input, "program: .c, .isa or binary image")->required();
  symex->add_option("--reach", symex_cmd.reach, "report an input reaching FILE:LINE");
  symex->add_option("--want-output", symex_cmd.want_output, "report an input whose stdout contains STR");
  symex->add_option("-o", symex_cmd.output_dir,
                    "write each finding's stdin to DIR/<n>.in and DIR/report.json");
  add_symex_options(symex, symex_cmd);

  CLI::App* bench = app.add_subcommand("bench",
                                       "benchmark the engines: reference, dense and hull tokens/s on the "
                                       "examples, every token checked; JSON and a PNG plot in bench/results "
                                       "(runs bench/run_engines.sh; its options: --max-tokens N "
                                       "--dense-tokens N --separate-rss, program names); with --peer DIR, "
                                       "c2w against transformer-vm side by side (bench/peers/run_peers.py, "
                                       "its options: --rev --sparse-rev --runs --programs --work --c2w-run)");
  bench->allow_extras();
  bench->prefix_command();

  std::string pipeline_file, pipeline_json;
  bool pipeline_quiet = false, pipeline_check = false;
  CLI::App* pipeline_app = app.add_subcommand(
      "pipeline",
      "run a hybrid pipeline file (YAML or JSON): compile C into weights, run on the transformer, solve "
      "and check with Z3, concolic exploration, CEGIS (exit 0 ok, 1 a check failed, 2 a bad file)");
  pipeline_app->add_option("file", pipeline_file, "the pipeline file")->required();
  pipeline_app->add_option("--json", pipeline_json, "also write the report as JSON to FILE");
  pipeline_app->add_flag("-q,--quiet", pipeline_quiet, "no progress lines on stderr");
  pipeline_app->add_flag("--check", pipeline_check,
                         "only check the file (keys, types, paths, value names); run nothing");

  VerifyCommand verify_cmd;
  CLI::App* verify_app = app.add_subcommand(
      "verify",
      "prove a model's weights: numeric exactness per float format, hard-max and argmax margins, the value "
      "ops' semantics for all operands; search the other ops for a counterexample on the engine (exit 0 only "
      "when all are proved)");
  verify_app->add_option("model", verify_cmd.model, "model file (.c2w)")->required();
  verify_app->add_option("--op", verify_cmd.options.op,
                         "only this machine op (a mnemonic of isa/isa.h, e.g. add)");
  verify_app
      ->add_option("--timeout", verify_cmd.options.timeout_seconds,
                   "seconds per op search and per solver query of an op proof (default 60)")
      ->check(CLI::PositiveNumber);
  verify_app->add_option("--samples", verify_cmd.options.samples, "random operand pairs per op (default 48)")
      ->check(CLI::Range(0, 100000));
  verify_app->add_option("--json", verify_cmd.json, "also write the report as JSON to FILE");
  bool verify_no_figures = false;
  verify_app->add_flag("--no-figures", verify_no_figures,
                       "skip the bisection of the largest exact position count per float format");
  bool verify_no_op_proofs = false;
  verify_app->add_flag("--no-op-proofs", verify_no_op_proofs,
                       "skip the proofs of the ops from the weights (the ops are then only searched)");
  verify_app->add_option("--program", verify_cmd.program,
                         "a specialised model's program (.c, .isa or binary): its trace is checked");
  verify_app->add_option("--input", verify_cmd.input_file, "the program's stdin for that check (a file)");
  add_common(verify_app, verify_cmd.common);

  SymexCommand equiv_cmd;
  std::string equiv_second;
  CLI::App* equiv =
      app.add_subcommand("equiv", "bounded equivalence of two programs' outputs and exit codes");
  equiv->add_option("first", equiv_cmd.input, "first program")->required();
  equiv->add_option("second", equiv_second, "second program")->required();
  add_symex_options(equiv, equiv_cmd);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  const bool solver_command = *symex || *equiv || *pipeline_app || *verify_app;
  try {
    if (*compile) return compile_command(compile_cmd);
    if (*symex) return symex_command(symex_cmd);
    if (*inspect) return inspect_command(inspect_input);
    if (*export_app) {
      if (export_input.ends_with(".c") || export_input.ends_with(".isa"))
        throw UserError(export_input + ": error: export takes a model file; compile the program first: c2w " +
                        "compile " + export_input + " -o prog.c2w");
      std::cerr << "c2w: " << interop::export_onnx(export_input, export_output, export_options) << "\n";
      return 0;
    }
    if (*explain) return explain_command(explain_cmd);
    if (*verify_app) {
      verify_cmd.options.format_figures = !verify_no_figures;
      verify_cmd.options.op_proofs = !verify_no_op_proofs;
      return verify_command(verify_cmd);
    }
    if (*equiv) return equiv_command(equiv_cmd, equiv_second);
    if (*pipeline_app) return pipeline_command(pipeline_file, pipeline_json, pipeline_quiet, pipeline_check);
    if (*bench) bench_command(bench->remaining());
    return run_command(run_cmd);
  } catch (const UserError& e) {
    std::string text = e.what();
    std::cerr << text << (text.empty() || text.back() != '\n' ? "\n" : "");
    return solver_command ? 2 : 1;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return 70;
  } catch (const std::bad_alloc&) {
    std::cerr << "c2w: error: out of memory\n";
    return solver_command ? 2 : 1;
  } catch (const std::exception& e) {  // a library's own exception that no layer translated: our bug
    std::cerr << "c2w: internal error: " << e.what()
              << "\nThis is a bug in c2w; please report it with the input that caused it.\n";
    return solver_command ? 2 : 70;
  }
}
