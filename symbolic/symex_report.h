// What `c2w symex` and `c2w equiv` report: the findings and statistics as JSON (the
// report.json of `-o DIR`) and as readable text, and the exit codes (symex: 0 no
// finding, 1 findings; equiv: 0 equivalent, 1 different, 3 unknown).
#pragma once

#include <string>

#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"

namespace c2w::symbolic {

// Bytes with C-style escapes (\x01, \", \\): inputs need not be text.
std::string escape_bytes(const std::string& bytes);

// The JSON report: the program, the search, every finding with its input.
std::string symex_report_json(const SymexResult& result, const std::string& program, unsigned input_bytes,
                              const std::string& strategy);
// The readable summary: one line, then each finding with its input and replay.
std::string symex_summary(const SymexResult& result, const std::string& program);
// Writes DIR/<n>.in (each finding's stdin) and DIR/report.json, each all or nothing.
void write_symex_findings(const std::string& directory, const SymexResult& result,
                          const std::string& report_json);
int symex_exit_code(const SymexResult& result);

// The verdict as text, naming the two programs.
std::string equivalence_summary(const EquivalenceResult& result, const std::string& a, const std::string& b,
                                unsigned input_bytes);
int equivalence_exit_code(const EquivalenceResult& result);

}  // namespace c2w::symbolic
