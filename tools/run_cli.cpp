// The shared options and output of `c2w run` and `c2w-run` (see run_cli.h).
#include "tools/run_cli.h"

#include <iostream>
#include <iterator>

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
