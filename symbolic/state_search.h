// The choice of the next state to run, for the symbolic executor.
//
// A state runs until it ends or forks; then the search picks who goes on. Depth-
// first and breadth-first take the newest and the oldest state. The coverage-guided
// search is KLEE's default, rebuilt: it takes turns between three choices, so that
// no single bias starves the others —
//
//   1. random path: walk the tree of forks from the root, a fair coin at each fork
//      whose two sides both still have live states, down to a state. A state is
//      chosen with probability 2^-(forks above it), with the share of finished
//      subtrees passed on to their siblings, so shallow states are not starved by a
//      deep loop that keeps forking.
//   2. distance to uncovered code: a state is drawn with weight 1/d^2, where d is
//      its distance (CoverageDistance, through its call stack) to the nearest pc
//      no path has run yet; distances are recomputed whenever coverage grows.
//   3. new coverage: weight 1/max(1, n - 1000)^2 + 1/d^2 where n counts the
//      instructions since the state's path last covered a new pc (no first term if
//      it never did), so the paths that are discovering code keep going.
//
// Draws use a seeded generator (SymexOptions::seed): a run that is not cut by the
// clock is reproducible.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "isa/isa.h"

namespace c2w::symbolic {

struct CallFrame {
  uint32_t return_pc;
  uint32_t fp;
  isa::Operand dst;  // where the callee's result goes (in the caller's frame)
};

struct PathTreeNode;

// Where a state stands, as the search sees it; the executor's states derive from it.
struct SearchState {
  virtual ~SearchState() = default;
  uint32_t pc = 0;
  std::vector<CallFrame> frames;
  uint64_t since_new_coverage = 0;  // instructions since the path last covered a new pc; 0: never did
  // Kept by the search.
  PathTreeNode* path_node = nullptr;
  size_t slot = 0;
};

class StateSearch {
 public:
  virtual ~StateSearch() = default;
  // A state ready to run: the initial state, one back from running, or a fork's child.
  virtual void add(std::unique_ptr<SearchState> state) = 0;
  // `child`, to be added next, was split from `parent`, which is running.
  virtual void forked(SearchState& parent, SearchState& child) { (void)parent, (void)child; }
  // `state`, which was running, has ended and will not be added again.
  virtual void ended(SearchState& state) { (void)state; }
  // Removes and returns the next state to run; requires size() > 0.
  virtual std::unique_ptr<SearchState> pick() = 0;
  virtual size_t size() const = 0;
};

std::unique_ptr<StateSearch> make_depth_first_search();
std::unique_ptr<StateSearch> make_breadth_first_search();
// `visits` (per pc) and `covered_pcs` (how many are non-zero) are the executor's,
// read at each pick.
std::unique_ptr<StateSearch> make_coverage_guided_search(const isa::Program& program,
                                                         const std::vector<uint64_t>& visits,
                                                         const size_t& covered_pcs, uint64_t seed);

}  // namespace c2w::symbolic
