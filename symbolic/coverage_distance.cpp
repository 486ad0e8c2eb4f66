// Distances over the control-flow graph of a program (see coverage_distance.h).
#include "symbolic/coverage_distance.h"

#include <algorithm>
#include <deque>

namespace c2w::symbolic {

CoverageDistance::CoverageDistance(const isa::Program& program)
    : predecessors_(program.code.size()), call_predecessors_(program.code.size()) {
  const uint32_t size = static_cast<uint32_t>(program.code.size());
  std::vector<uint32_t> returns;
  for (uint32_t pc = 0; pc < size; ++pc) {
    const isa::Instruction& ins = program.code[pc];
    auto edge = [&](uint32_t to) {
      if (to < size) predecessors_[to].push_back(pc);
    };
    switch (ins.op) {
      case isa::Opcode::Jmp: edge(ins.target); break;
      case isa::Opcode::Call:
        if (ins.target < size) call_predecessors_[ins.target].push_back(pc);
        edge(pc + 1);
        break;
      case isa::Opcode::Ret: returns.push_back(pc); break;
      case isa::Opcode::Halt:
      case isa::Opcode::Trap: break;
      default:
        if (isa::is_branch(ins.op)) edge(ins.target);
        edge(pc + 1);
        break;
    }
  }
  to_return_ = backward_distances(returns, false);
  local_.assign(size, kUnreachable);
}

std::vector<uint32_t> CoverageDistance::backward_distances(const std::vector<uint32_t>& sources,
                                                           bool through_calls) const {
  std::vector<uint32_t> distance(predecessors_.size(), kUnreachable);
  std::deque<uint32_t> queue;
  for (uint32_t pc : sources) {
    distance[pc] = 0;
    queue.push_back(pc);
  }
  while (!queue.empty()) {
    uint32_t pc = queue.front();
    queue.pop_front();
    auto relax = [&](uint32_t from) {
      if (distance[from] == kUnreachable) {
        distance[from] = distance[pc] + 1;
        queue.push_back(from);
      }
    };
    for (uint32_t from : predecessors_[pc]) relax(from);
    if (through_calls)
      for (uint32_t from : call_predecessors_[pc]) relax(from);
  }
  return distance;
}

void CoverageDistance::update(const std::vector<uint64_t>& visits) {
  std::vector<uint32_t> uncovered;
  for (uint32_t pc = 0; pc < visits.size() && pc < predecessors_.size(); ++pc)
    if (visits[pc] == 0) uncovered.push_back(pc);
  local_ = backward_distances(uncovered, true);
}

uint32_t CoverageDistance::distance(uint32_t pc, const std::vector<uint32_t>& return_pcs) const {
  uint32_t best = local(pc);
  uint64_t to_caller = to_return(pc);  // instructions to get back into the frame below
  for (size_t i = return_pcs.size(); i-- > 0 && to_caller < kUnreachable;) {
    uint32_t there = local(return_pcs[i]);
    if (there != kUnreachable) best = static_cast<uint32_t>(std::min<uint64_t>(best, to_caller + 1 + there));
    uint32_t onwards = to_return(return_pcs[i]);
    to_caller = onwards == kUnreachable ? kUnreachable : to_caller + 1 + onwards;
  }
  return best;
}

}  // namespace c2w::symbolic
