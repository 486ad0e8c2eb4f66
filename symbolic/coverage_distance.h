// Distance to uncovered code, the static half of the coverage-guided search (KLEE's
// "min-dist-to-uncovered").
//
// The control-flow graph of a program over pcs: a branch goes to its target and to
// the next pc, a jump to its target, a call to the callee's entry and (once the
// callee returns) to the next pc, ret / halt / trap nowhere, everything else to the
// next pc. Every edge counts one instruction; a call's step to the next pc counts one
// too, not the callee's length (a shortest path that must wait for a callee is still
// ranked by what it reaches). An indirect call only steps to the next pc.
//
// local(pc) is the length of a shortest path from pc to a pc that is not covered,
// inside pc's function and the functions it calls; a reverse breadth-first search
// from every uncovered pc gives all of them at once, redone by update() whenever
// coverage grows. A state is also a call stack: from pc it may return to its
// caller and go on there, so distance(pc, return pcs) also tries, frame by frame,
// the shortest way to a ret of the current function (to_return, fixed) plus the
// distance from the return site.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "isa/isa.h"

namespace c2w::symbolic {

class CoverageDistance {
 public:
  static constexpr uint32_t kUnreachable = std::numeric_limits<uint32_t>::max();

  explicit CoverageDistance(const isa::Program& program);

  // Recomputes local() from the pcs whose visit count is 0.
  void update(const std::vector<uint64_t>& visits);
  uint32_t local(uint32_t pc) const { return pc < local_.size() ? local_[pc] : kUnreachable; }
  uint32_t to_return(uint32_t pc) const { return pc < to_return_.size() ? to_return_[pc] : kUnreachable; }
  // The distance of a state at `pc` whose callers resume at `return_pcs` (outermost
  // first, as a stack): the least of local(pc), to_return(pc) + 1 + local(caller's
  // return pc), and so on down the stack.
  uint32_t distance(uint32_t pc, const std::vector<uint32_t>& return_pcs) const;

 private:
  // Breadth-first search backwards along the edges from `sources` (distance 0);
  // `through_calls` follows call -> callee entry edges too.
  std::vector<uint32_t> backward_distances(const std::vector<uint32_t>& sources, bool through_calls) const;

  std::vector<std::vector<uint32_t>> predecessors_;       // every edge, reversed
  std::vector<std::vector<uint32_t>> call_predecessors_;  // callee entry -> call sites
  std::vector<uint32_t> local_, to_return_;
};

}  // namespace c2w::symbolic
