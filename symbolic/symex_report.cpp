// Symbolic execution and equivalence reports (see symex_report.h).
#include "symbolic/symex_report.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "support/file_io.h"

namespace c2w::symbolic {

std::string escape_bytes(const std::string& bytes) {
  std::string out;
  char buf[8];
  for (unsigned char c : bytes) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += char(c);
    } else if (c >= 32 && c < 127) {
      out += char(c);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

std::string symex_report_json(const SymexResult& r, const std::string& program, unsigned input_bytes,
                              const std::string& strategy) {
  nlohmann::json report;
  report["program"] = program;
  report["input_bytes"] = input_bytes;
  report["strategy"] = strategy;
  report["stop_reason"] = r.stop_reason;
  report["exhaustive"] = r.exhaustive;
  report["seconds"] = r.seconds;
  report["instructions"] = r.instructions;
  report["paths_completed"] = r.paths_completed;
  report["paths_cut"] = r.paths_cut;
  report["states_dropped"] = r.states_dropped;
  report["concretised_addresses"] = r.concretised_addresses;
  report["output_decisions_followed"] = r.output_decisions_followed;
  report["solver_queries"] = r.solver_queries;
  report["solver_cache_hits"] = r.solver_cache_hits;
  report["solver_checks"] = r.solver_checks;
  report["solver_unknown"] = r.solver_unknown;
  report["solver_seconds"] = r.solver_seconds;
  report["covered_pcs"] = r.covered_pcs;
  report["total_pcs"] = r.total_pcs;
  report["findings"] = nlohmann::json::array();
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    nlohmann::json j;
    j["id"] = i + 1;
    j["kind"] = finding_kind_name(f.kind);
    j["pc"] = f.pc;
    j["function"] = f.function;
    j["location"] = f.location;
    j["message"] = f.message;
    j["input"] = escape_bytes(f.input);  // C-style escapes: the bytes need not be UTF-8
    j["input_file"] = std::to_string(i + 1) + ".in";
    j["path_length"] = f.path_length;
    j["branch_depth"] = f.branch_depth;
    j["seconds"] = f.seconds;
    j["replayed"] = f.replayed;
    j["replay"] = f.replay;
    if (f.transformer_checked) {
      j["transformer_replayed"] = f.transformer_replayed;
      j["transformer_replay"] = f.transformer_replay;
    }
    report["findings"].push_back(j);
  }
  return report.dump(2) + "\n";
}

std::string symex_summary(const SymexResult& r, const std::string& program) {
  std::ostringstream out;
  out << "symex " << program << ": " << r.findings.size() << " finding(s), " << r.paths_completed
      << " paths completed in " << std::fixed << std::setprecision(2) << r.seconds << " s (" << r.stop_reason
      << (r.exhaustive ? ", exhaustive within the bounds" : "") << "), coverage " << r.covered_pcs << "/"
      << r.total_pcs << " pcs; solver: " << r.solver_queries << " queries, " << r.solver_cache_hits
      << " answered from the cache, " << r.solver_checks << " sent to Z3\n";
  if (r.solver_unknown > 0)
    out << "  " << r.solver_unknown << " of " << r.solver_checks
        << " solver queries came back unknown (a timeout: raise --solver-timeout); their paths were not "
           "explored\n";
  if (r.output_decisions_followed)
    out << "  " << r.output_decisions_followed
        << " decisions inside printf and the other stdout functions followed one input instead of forking "
           "(not "
           "exhaustive; --exact-output forks there)\n";
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    std::string where = f.location.empty() ? "pc " + std::to_string(f.pc) : f.location;
    if (!f.function.empty()) where += " in " + f.function;
    out << "  #" << i + 1 << " " << finding_kind_name(f.kind) << " at " << where << ": " << f.message
        << "\n      input \"" << escape_bytes(f.input) << "\", path " << f.path_length << " instructions, "
        << f.branch_depth << " branches, found after " << std::setprecision(3) << f.seconds
        << " s; replay: " << (f.replayed ? "confirmed" : "NOT confirmed") << " (" << f.replay << ")";
    if (f.transformer_checked)
      out << "\n      on the transformer: " << (f.transformer_replayed ? "confirmed" : "NOT confirmed")
          << " (" << f.transformer_replay << ")";
    out << "\n";
  }
  return out.str();
}

void write_symex_findings(const std::string& directory, const SymexResult& r,
                          const std::string& report_json) {
  std::filesystem::create_directories(directory);
  for (size_t i = 0; i < r.findings.size(); ++i)
    write_file_atomically(directory + "/" + std::to_string(i + 1) + ".in", r.findings[i].input);
  write_file_atomically(directory + "/report.json", report_json);
}

int symex_exit_code(const SymexResult& r) { return r.findings.empty() ? 0 : 1; }

std::string equivalence_summary(const EquivalenceResult& r, const std::string& a, const std::string& b,
                                unsigned input_bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  switch (r.verdict) {
    case EquivalenceVerdict::Equivalent:
      out << "equivalent for every input of at most " << input_bytes << " bytes (" << r.paths_a << " x "
          << r.paths_b << " paths, " << r.pairs_checked << " pairs checked, " << r.seconds << " s)\n";
      break;
    case EquivalenceVerdict::Different:
      out << "different: input \"" << escape_bytes(r.counterexample) << "\"\n  " << a << ": exit " << r.exit_a
          << ", output \"" << escape_bytes(r.output_a) << "\"\n  " << b << ": exit " << r.exit_b
          << ", output \"" << escape_bytes(r.output_b) << "\"\n"
          << (r.transformer_checked
                  ? "  on the transformer: " +
                        std::string(r.transformer_confirmed ? "confirmed" : "NOT confirmed") + " (" +
                        r.transformer_replay + ")\n"
                  : "")
          << "  replay: " << (r.confirmed ? "confirmed" : "NOT confirmed") << " (" << r.seconds << " s)\n";
      break;
    default: out << "unknown: no difference found, but " << r.why_unknown << "\n";
  }
  return out.str();
}

int equivalence_exit_code(const EquivalenceResult& r) {
  switch (r.verdict) {
    case EquivalenceVerdict::Equivalent: return 0;
    case EquivalenceVerdict::Different: return 1;
    default: return 3;
  }
}

}  // namespace c2w::symbolic
