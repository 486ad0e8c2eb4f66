// The shared options and output of `c2w run` and `c2w-run` (see run_cli.h).
#include "tools/run_cli.h"

#include <iostream>
#include <iterator>
#include <string_view>
#include <utility>

#include "support/file_io.h"

namespace c2w::cli {

void add_run_options(CLI::App* app, RunOptions& o, const std::string& program_help) {
  // A count or budget: CLI11's NonNegativeNumber names a range up to DBL_MAX in its message.
  const CLI::Validator not_negative(
      [](std::string& text) {
        return !text.empty() && text[0] == '-' ? "must not be negative (" + text + ")" : "";
      },
      "NON-NEGATIVE");
  app->add_option("input", o.program, program_help)->required();
  app->add_option(
      "--engine", o.engine,
      "reference (the ISA interpreter); dense or hull (the transformer compiled from the program, or a "
      ".c2w model, with an O(t) or O(log t) KV cache)");
  app->add_flag("--explain", o.explain,
                "print a readable per-instruction trace on stderr (transformer engines)");
  app->add_option(
      "--model", o.universal_model,
      "run the program on this universal model (c2w compile --universal), the program in its prompt");
  app->add_option("--input", o.input_path, "the program's stdin, read from FILE (default: standard input)");
  app->add_option("--trace", o.trace_path, "write the token trace to FILE, one token per line");
  app->add_flag("--stats", o.stats, "print statistics as JSON on stderr");
  app->add_option("--max-steps", o.max_steps,
                  "stop after N instructions, or N generated tokens on a model (exit 124)")
      ->check(not_negative);
}

bool parse_common_run_line(int argc, const char* const* argv, RunOptions& options) {
  RunOptions o = options;
  bool program = false, engine = false, model = false, input = false, trace = false, steps = false;
  bool stats = false, explain = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.empty()) return false;
    if (arg[0] != '-') {  // the program (a second one is CLI11's error)
      if (program) return false;
      program = true;
      o.program = arg;
      continue;
    }
    if (arg == "--stats" || arg == "--explain") {
      bool& seen = arg == "--stats" ? stats : explain;
      if (seen) return false;
      seen = true;
      (arg == "--stats" ? o.stats : o.explain) = true;
      continue;
    }
    // An option with its value, after '=' or as the next argument.
    const size_t equals = arg.find('=');
    const std::string_view name = arg.substr(0, equals);
    std::string_view value;
    if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else {
      if (i + 1 == argc) return false;
      value = argv[++i];
    }
    if (value.empty() || value[0] == '-') return false;
    const std::pair<std::string_view, std::pair<bool*, std::string*>> texts[] = {
        {"--engine", {&engine, &o.engine}},
        {"--model", {&model, &o.universal_model}},
        {"--input", {&input, &o.input_path}},
        {"--trace", {&trace, &o.trace_path}}};
    bool known = false;
    for (const auto& [option, target] : texts) {
      if (name != option) continue;
      if (*target.first) return false;
      *target.first = known = true;
      *target.second = value;
    }
    if (known) continue;
    if (name != "--max-steps" || steps) return false;
    // A plain decimal count that fits (CLI11 reads "010" as octal, "0x10" as hex).
    if (value.size() > 19 || (value.size() > 1 && value[0] == '0')) return false;
    uint64_t count = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return false;
      count = count * 10 + uint64_t(c - '0');
    }
    steps = true;
    o.max_steps = count;
  }
  if (!program) return false;
  options = o;
  return true;
}

runtime::RunRequest run_request(const RunOptions& o) {
  runtime::RunRequest request;
  request.path = o.program;
  request.universal_model = o.universal_model;
  request.engine = runtime::engine_named(o.engine);
  request.max_steps = o.max_steps;
  request.record_trace = !o.trace_path.empty();
  request.explain = o.explain;
  request.input = o.input_path.empty() ? std::string(std::istreambuf_iterator<char>(std::cin),
                                                     std::istreambuf_iterator<char>{})
                                       : read_file_text(o.input_path);
  return request;
}

int finish_run(const RunOptions& o, const runtime::RunReport& report, const std::string& tool) {
  std::cout << report.output << std::flush;
  if (o.explain) std::cerr << report.explain_text;
  if (!o.trace_path.empty()) write_file_atomically(o.trace_path, report.trace_text);
  if (!report.message.empty()) std::cerr << tool << ": " << report.message << "\n";
  if (!report.warning.empty()) std::cerr << tool << ": warning: " << report.warning << "\n";
  if (o.stats) std::cerr << report.stats_json << "\n";
  return report.exit_code;
}

}  // namespace c2w::cli
