// Bounded equivalence of two c2w programs: for every stdin of at most N bytes, do
// they print the same bytes and end the same way (same exit code, or the same trap)?
//
// Both programs are explored symbolically over one shared symbolic input; every pair
// of completed paths is checked for an input on which both are taken and their
// observable results differ. A counterexample is replayed on the reference
// interpreter to confirm the difference.
#pragma once

#include <cstdint>
#include <string>

#include "isa/isa.h"
#include "symbolic/symbolic_executor.h"

namespace c2w::symbolic {

enum class EquivalenceVerdict { Equivalent, Different, Unknown };

struct EquivalenceResult {
  EquivalenceVerdict verdict = EquivalenceVerdict::Unknown;
  std::string counterexample;      // stdin on which they differ
  std::string output_a, output_b;  // the reference runs on the counterexample
  int exit_a = 0, exit_b = 0;
  bool confirmed = false;  // the reference runs do differ
  // Filled by callers that also run the counterexample on the transformer:
  bool transformer_checked = false, transformer_confirmed = false;
  std::string transformer_replay;  // what the two transformers printed
  uint64_t paths_a = 0, paths_b = 0, pairs_checked = 0;
  double seconds = 0;
  std::string why_unknown;  // bounds hit, solver unknown, ...
};

EquivalenceResult check_equivalence(const isa::Program& a, const isa::Program& b,
                                    const SymexOptions& options);

}  // namespace c2w::symbolic
