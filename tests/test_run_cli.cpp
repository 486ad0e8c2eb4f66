// tools/run_cli.h: the common command lines c2w-run reads without CLI11 give exactly
// the options CLI11 gives, and every other line is left to CLI11.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "tools/run_cli.h"

using namespace c2w;

namespace {

struct Parsed {
  bool ok = false;
  cli::RunOptions options;
};

// As c2w-run's CLI11 App parses the line (tools/c2w_run_main.cpp).
Parsed parse_with_cli11(const std::vector<std::string>& line) {
  CLI::App app{"c2w-run"};
  app.set_version_flag("--version", "v");
  Parsed p;
  cli::add_run_options(&app, p.options, "program");
  std::vector<const char*> argv{"c2w-run"};
  for (const auto& a : line) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    p.ok = true;
  } catch (const CLI::Error&) {
  }
  return p;
}

Parsed parse_common(const std::vector<std::string>& line) {
  std::vector<const char*> argv{"c2w-run"};
  for (const auto& a : line) argv.push_back(a.c_str());
  Parsed p;
  p.ok = cli::parse_common_run_line(static_cast<int>(argv.size()), argv.data(), p.options);
  return p;
}

std::string shown(const cli::RunOptions& o) {
  std::ostringstream s;
  s << "program=" << o.program << " engine=" << o.engine << " model=" << o.universal_model
    << " input=" << o.input_path << " trace=" << o.trace_path << " stats=" << o.stats
    << " explain=" << o.explain << " max_steps=" << o.max_steps;
  return s.str();
}

}  // namespace

TEST_CASE("run cli: the common lines read without CLI11 give CLI11's options") {
  const std::vector<std::vector<std::string>> lines = {
      {"m.c2w"},
      {"m.c2w", "--engine", "hull"},
      {"m.c2w", "--engine=hull", "--stats"},
      {"--engine", "dense", "m.c2w", "--explain"},
      {"--input", "in.txt", "m.c2w", "--engine", "hull", "--trace", "t.txt", "--stats", "--explain"},
      {"p.bin", "--model", "u.c2w", "--engine=hull"},
      {"p.bin", "--model=u.c2w", "--input=a=b"},
      {"p.isa", "--max-steps", "0"},
      {"p.isa", "--max-steps=50"},
      {"p.isa", "--max-steps", "9999999999999999999"},
      {"m.c2w", "--trace", "x", "--max-steps", "400", "--engine", "dense"},
  };
  for (const auto& line : lines) {
    const Parsed common = parse_common(line), full = parse_with_cli11(line);
    INFO(shown(full.options));
    REQUIRE(full.ok);
    REQUIRE(common.ok);
    CHECK(shown(common.options) == shown(full.options));
  }
}

TEST_CASE("run cli: every other line is left to CLI11, the options untouched") {
  const std::vector<std::vector<std::string>> lines = {
      {},
      {"--help"},
      {"m.c2w", "-h"},
      {"--version"},
      {"m.c2w", "--version"},
      {"m.c2w", "n.c2w"},
      {"m.c2w", "--foo"},
      {"m.c2w", "-x"},
      {"m.c2w", "--engine"},
      {"m.c2w", "--engine="},
      {"m.c2w", "--engine", "-3"},
      {"m.c2w", "--engine", "a", "--engine", "b"},
      {"m.c2w", "--stats", "--stats"},
      {"m.c2w", "--stats=1"},
      {"m.c2w", "--max-steps", "-3"},
      {"m.c2w", "--max-steps", "abc"},
      {"m.c2w", "--max-steps", "010"},
      {"m.c2w", "--max-steps", "0x10"},
      {"m.c2w", "--max-steps", "99999999999999999999"},
      {"m.c2w", "--", "x"},
      {"--engine", "hull"},
      {""},
  };
  for (const auto& line : lines) {
    std::string text;
    for (const auto& a : line) text += "[" + a + "] ";
    INFO(text);
    cli::RunOptions options;
    options.program = "untouched";
    std::vector<const char*> argv{"c2w-run"};
    for (const auto& a : line) argv.push_back(a.c_str());
    CHECK_FALSE(cli::parse_common_run_line(static_cast<int>(argv.size()), argv.data(), options));
    CHECK(options.program == "untouched");
    CHECK(options.engine == "reference");
  }
}
