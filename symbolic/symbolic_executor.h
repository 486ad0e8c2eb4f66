// Symbolic execution of c2w machine programs over bit-vectors.
//
// stdin is symbolic: a length n <= input_bytes and bytes in_0 .. in_{n-1}, so every
// input up to that length is covered. Instructions compute through the same
// semantics as the reference interpreter (isa::apply_binary over ExprContext);
// concrete values fold as they go, so only input-dependent values become terms.
// Branches on symbolic conditions fork; a symbolic address is first checked for an
// out-of-bounds value (a finding), then split into each feasible value (up to a
// bound, beyond which one value is kept and the path is marked as concretised).
//
// Findings — assertion failures, aborts, traps, a reached source line, a wanted
// output — come with a concrete input from the solver's model, replayed on the
// reference interpreter to confirm it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "symbolic/expr.h"

namespace c2w::symbolic {

// Which state runs next (state_search.h): the newest, the oldest, or the
// coverage-guided mix of random path, distance to uncovered code and new coverage.
enum class SearchStrategy { DepthFirst, BreadthFirst, Coverage };

struct SymexProgress {
  double seconds = 0;
  uint64_t instructions = 0, paths_completed = 0, live_states = 0, findings = 0, solver_checks = 0;
  size_t covered_pcs = 0, total_pcs = 0;
};

struct SymexOptions {
  unsigned input_bytes = 8;  // stdin: every input of at most this many bytes
  SearchStrategy strategy = SearchStrategy::Coverage;
  uint64_t seed = 1;  // the coverage-guided search's random draws
  uint64_t max_steps_per_path = 2'000'000;
  uint64_t max_paths = 100'000;     // completed paths
  size_t max_live_states = 20'000;  // bounds memory: further forks are dropped (and counted)
  double max_seconds = 60;
  unsigned solver_timeout_ms = 10'000;
  unsigned max_address_values = 32;        // a symbolic address is split into at most this many values
  std::vector<uint32_t> reach_pcs;         // report reaching any of these pcs
  std::optional<std::string> want_output;  // report inputs whose stdout contains this
  bool stop_at_first_finding = false;
  // Inside the libc's stdout-formatting functions (printf, puts, putchar, fwrite,
  // ...: not sprintf), follow the state's witness instead of forking, without
  // constraining the path: printing a symbolic int costs one path, not one per digit
  // pattern. Printed bytes are then exact only for that witness, so this is off
  // with want_output (always) and for equivalence; findings are replayed either way.
  bool summarise_output = true;
  std::function<void(const SymexProgress&)> progress;  // called about once a second
};

enum class FindingKind {
  AssertionFailure,
  Abort,
  DivideByZero,
  MemoryOutOfBounds,
  StackOverflow,
  BadCall,
  Reached,
  WantedOutput
};
const char* finding_kind_name(FindingKind kind);  // "assertion", "abort", "div0", "mem", ...

struct Finding {
  FindingKind kind;
  uint32_t pc = 0;
  std::string function, location;  // where it happens ("" if unknown)
  std::string message;             // what, readable
  std::string input;               // a concrete stdin that triggers it
  uint64_t path_length = 0;        // instructions executed on the path up to the finding
  uint64_t branch_depth = 0;       // symbolic branches taken on the path
  double seconds = 0;              // when it was found, from the start
  bool replayed = false;           // the reference interpreter reproduced it with `input`
  std::string replay;              // what the replay saw
  // Filled by callers that also replay on the transformer (pipeline/replay_findings.h):
  bool transformer_checked = false;   // it was replayed on a transformer engine
  bool transformer_replayed = false;  // ... and the transformer trapped or printed the same
  std::string transformer_replay;     // what the transformer did
};

// A path that ran to its end, for equivalence checking and tests.
struct CompletedPath {
  std::vector<Expr> condition;  // conjunction of booleans over the input variables
  std::vector<Expr> output;     // stdout bytes (8-bit expressions)
  Expr exit_code = nullptr;     // 8-bit; for a trap, a constant 128 + trap kind
  bool trapped = false;
  bool complete = true;  // false when cut by the step bound
};

struct SymexResult {
  std::vector<Finding> findings;
  uint64_t instructions = 0, paths_completed = 0, paths_cut = 0, forks = 0, states_dropped = 0;
  uint64_t concretised_addresses = 0;
  uint64_t output_decisions_followed = 0;  // branches/addresses in output functions that followed the witness
  uint64_t solver_queries = 0;             // feasibility questions asked
  uint64_t solver_cache_hits = 0;          // independent parts answered from the cache
  uint64_t solver_checks = 0, solver_unknown = 0;  // checks that reached Z3; unanswered queries
  double seconds = 0, solver_seconds = 0;
  size_t covered_pcs = 0, total_pcs = 0;
  std::string stop_reason;  // "explored every path", "time limit", "path limit", ...
  bool exhaustive = false;  // every path within the input bound was explored to its end
};

// The input variables of the symbolic stdin (shared by programs explored with the
// same ExprContext, which is what equivalence checking relies on).
struct SymbolicInput {
  Expr length;              // 32-bit, constrained to <= bytes.size()
  std::vector<Expr> bytes;  // 8-bit each
  static SymbolicInput make(ExprContext& context, unsigned max_bytes);
};

// Explores `program`; `on_path` (optional) receives every completed path.
SymexResult run_symbolic(const isa::Program& program, const SymexOptions& options, ExprContext& context,
                         const SymbolicInput& input,
                         const std::function<void(const CompletedPath&)>& on_path = nullptr);

// The same with a fresh context.
SymexResult run_symbolic(const isa::Program& program, const SymexOptions& options);

// pcs whose source location is FILE:LINE (FILE matched by its last path component).
std::vector<uint32_t> pcs_at_line(const isa::Program& program, const std::string& file, unsigned line);

}  // namespace c2w::symbolic
