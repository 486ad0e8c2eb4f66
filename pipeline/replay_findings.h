// Symbolic findings replayed on the transformer: what `c2w symex` and `c2w equiv` find
// on the ISA is run again on the transformer compiled from the program (the hull engine
// by default), beside the reference interpreter's replay, and the report says both. A
// finding is confirmed on the transformer when the transformer's exit code and output
// on the finding's input are the reference interpreter's, and, for a trap, it traps the
// same way; for a reached line, its trace passes the line's pc.
#pragma once

#include <string>

#include "isa/isa.h"
#include "pipeline/run.h"
#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"

namespace c2w::pipeline {

void replay_on_transformer(const isa::Program& program, const std::string& source,
                           symbolic::SymexResult& result, Engine engine = Engine::Hull);

// The counterexample on both programs' transformers: confirmed when their outputs or
// exit codes differ as the reference interpreter's do.
void replay_on_transformer(const isa::Program& a, const std::string& source_a, const isa::Program& b,
                           const std::string& source_b, symbolic::EquivalenceResult& result,
                           Engine engine = Engine::Hull);

}  // namespace c2w::pipeline
