// Symbolic replay of one concrete path: the transformer executes, Z3 reasons about what
// it executed. Given the pcs of the instructions a run executed (read off the token
// trace the transformer generated) and the run's concrete input, the program is
// executed symbolically along exactly that path (stdin symbolic, the concrete input its
// witness): every branch on a symbolic condition gives the condition as it held there,
// every division by a symbolic divisor and every symbolic memory address the condition
// under which it would have trapped. A concolic search negates them (pipeline/concolic.h).
//
// The replay also checks the trace: each branch must go the way the witness makes it
// go. A disagreement (the transformer took a branch the ISA's semantics would not) is
// reported, not hidden.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "symbolic/expr.h"
#include "symbolic/symbolic_executor.h"

namespace c2w::symbolic {

struct ReplayedDecision {
  uint32_t pc = 0;
  bool taken = false;  // a branch: taken; getc: a byte was available
  Expr condition;      // the boolean that held on this path at this decision
  // A symbolic memory address (or indirect call target) fixed at the value the input
  // gives: `condition` is address == value, `address` the term, so that a search can
  // ask for other values one by one (the symbolic executor splits such an address).
  Expr address = nullptr;
};

struct ReplayedHazard {
  uint32_t pc = 0;
  isa::TrapKind kind = isa::TrapKind::None;  // DivideByZero or MemoryOutOfBounds
  size_t after = 0;                          // the number of decisions before it (its path prefix)
  Expr condition;                            // the boolean under which the instruction traps
};

struct ReplayedPath {
  std::vector<ReplayedDecision> decisions;  // symbolic decisions only, in order
  std::vector<ReplayedHazard> hazards;
  bool consistent = true;  // the pcs follow from the program and the input
  std::string problem;     // when not: where and how they part
  uint64_t steps = 0;
};

// `pcs`: the executed instructions' pcs, in order, from pc 0 (the start stub).
ReplayedPath replay_path(const isa::Program& program, ExprContext& context, const SymbolicInput& input,
                         const std::string& concrete_input, const std::vector<uint32_t>& pcs);

}  // namespace c2w::symbolic
