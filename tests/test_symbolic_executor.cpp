// The symbolic executor's handling of output formatting: inside printf and the
// other stdout functions a state follows its witness instead of forking (counted,
// and the run is then not exhaustive), unless the output must be exact
// (--exact-output, --want-output, equivalence).
#include <catch2/catch.hpp>

#include "compiler/compile.h"
#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"

using namespace c2w;
using namespace c2w::symbolic;

namespace {

isa::Program compile_test_program(const std::string& relative_path) {
  compiler::CompileOptions co;
  co.source_path = std::string(C2W_SOURCE_DIR) + "/" + relative_path;
  return compiler::compile_c_program(co).program;
}

}  // namespace

TEST_CASE("printing a symbolic int follows one input, unless the output must be exact", "[symex]") {
  // total = a * 7 + b * 3 is printed with %d, then compared with 1500.
  isa::Program program = compile_test_program("tests/symex/targets/formatted_number.c");
  SymexOptions o;
  o.input_bytes = 2;
  o.max_seconds = 120;

  SymexResult summarised = run_symbolic(program, o);
  CHECK(summarised.output_decisions_followed > 0);
  CHECK(summarised.stop_reason == "explored every path");
  CHECK_FALSE(summarised.exhaustive);  // the digits were not all explored
  CHECK(summarised.findings.empty());

  o.summarise_output = false;
  SymexResult exact = run_symbolic(program, o);
  CHECK(exact.output_decisions_followed == 0);
  CHECK(exact.exhaustive);
  // Every digit count and sign of `total` is its own path when printf forks; the
  // summarised run has one path per outcome of the program's own branches (EOF
  // twice, then total > 1500 or not).
  CHECK(summarised.paths_completed == 4);
  CHECK(exact.paths_completed > summarised.paths_completed);

  o.summarise_output = true;
  o.want_output = "total 1000";
  o.stop_at_first_finding = true;
  SymexResult wanted = run_symbolic(program, o);
  CHECK(wanted.output_decisions_followed == 0);  // off with a wanted output
  REQUIRE(wanted.findings.size() == 1);
  CHECK(wanted.findings[0].kind == FindingKind::WantedOutput);
  CHECK(wanted.findings[0].replayed);
}

TEST_CASE("summarised output formatting reaches a check after printf, and equivalence stays exact",
          "[symex]") {
  isa::Program checksum = compile_test_program("tests/symex/bugs/checksum_gate.c");
  SymexOptions o;
  o.max_seconds = 120;
  o.stop_at_first_finding = true;
  SymexResult r = run_symbolic(checksum, o);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].kind == FindingKind::AssertionFailure);
  CHECK(r.findings[0].replayed);
  CHECK(r.output_decisions_followed > 0);

  // Equivalence forks inside printf although the options ask for summarising:
  // otherwise its runs would not be exhaustive and the verdict would be unknown.
  isa::Program number = compile_test_program("tests/symex/targets/formatted_number.c");
  SymexOptions e;
  e.input_bytes = 2;
  e.max_seconds = 120;
  EquivalenceResult same = check_equivalence(number, number, e);
  CHECK(same.verdict == EquivalenceVerdict::Equivalent);
}
