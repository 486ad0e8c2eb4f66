// The options and the output of running a program, shared by `c2w run` and the lean
// runner `c2w-run`, so that the two take the same flags and print the same things:
// the program's stdout, the exit code, --trace FILE, --stats (JSON on stderr),
// --explain, the message of a run that did not halt and any warning.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "runtime/run_program.h"

namespace c2w::cli {

struct RunOptions {
  std::string program;  // the positional argument: a program or a model file
  std::string engine = "reference", trace_path, universal_model, input_path;
  bool stats = false, explain = false;
  uint64_t max_steps = 2'000'000'000;
};

// Adds the positional program and --engine, --model, --input, --trace, --stats,
// --explain and --max-steps to `app`.
void add_run_options(CLI::App* app, RunOptions& options, const std::string& program_help);

// The common forms of a command line, read without CLI11: one program path and each of
// --engine, --model, --input, --trace and --max-steps at most once (`--engine hull` or
// `--engine=hull`, a value that neither is empty nor starts with '-'; --max-steps a
// decimal count without leading zeros), --stats and --explain at most once each. They
// fill `options` exactly as add_run_options' CLI11 parse does, without building its
// App (a short c2w-run's memory: README, "Side by side"). Anything else (--help,
// --version, `--`, an unknown or repeated option, a missing value, ...) returns false
// with `options` untouched: CLI11 parses that line, for its own results and messages.
bool parse_common_run_line(int argc, const char* const* argv, RunOptions& options);

// The request the options describe; the program's input is read from --input FILE,
// else from stdin.
runtime::RunRequest run_request(const RunOptions& options);

// Prints the report as the options ask (the output on stdout; the readable trace,
// the message, a warning and the statistics on stderr, each prefixed by `tool`),
// writes the trace file, and returns the program's exit code.
int finish_run(const RunOptions& options, const runtime::RunReport& report, const std::string& tool);

}  // namespace c2w::cli
