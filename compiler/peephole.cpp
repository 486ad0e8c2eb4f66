// Peephole simplification of one function's code (see peephole.h).
//
// Each rule marks instructions for deletion and then the code is compacted at once.
// Compaction moves a target t to the first surviving instruction at or after t, whose
// new index is the number of survivors before t; t may be one past the end (control
// leaves the function's code there, which the final trap check covers).
#include "compiler/peephole.h"

#include <utility>

#include "support/errors.h"

namespace c2w::compiler {
namespace {

using isa::Instruction;
using isa::Opcode;

// A jmp's or branch's target is a local pc; a call's is another function's entry.
bool has_local_target(Opcode op) { return op == Opcode::Jmp || isa::is_branch(op); }
bool falls_through(Opcode op) {
  return op != Opcode::Jmp && op != Opcode::Ret && op != Opcode::Halt && op != Opcode::Trap;
}

class Peephole {
 public:
  Peephole(std::vector<Instruction>& code, std::vector<isa::SourceLocation>& locations)
      : code_(code), locations_(locations), original_(code.size()), swapped_(code.size()) {
    C2W_CHECK(locations_.size() == code_.size(), "one source location per instruction");
    for (size_t i = 0; i < code_.size(); ++i) {
      original_[i] = static_cast<uint32_t>(i);
      if (has_local_target(code_[i].op))
        C2W_CHECK(code_[i].target <= code_.size(), "target outside the function");
    }
  }

  SimplifiedCode run() {
    const size_t input_size = code_.size();
    const isa::SourceLocation last_location = locations_.empty() ? isa::SourceLocation{} : locations_.back();
    for (bool changed = true; changed;) {
      changed = false;
      changed |= delete_self_moves();
      changed |= thread_jumps();
      changed |= invert_branches_over_jumps();
      changed |= delete_jumps_to_next();
      changed |= delete_unreachable();
    }
    if (end_is_reachable()) {
      Instruction trap;
      trap.op = Opcode::Trap;
      code_.push_back(trap);
      locations_.push_back(last_location);
    }
    SimplifiedCode result{std::vector<uint32_t>(input_size, kDeletedInstruction), swapped_};
    for (size_t i = 0; i < original_.size(); ++i) result.index_of[original_[i]] = static_cast<uint32_t>(i);
    return result;
  }

 private:
  uint32_t size() const { return static_cast<uint32_t>(code_.size()); }

  // Rule 1.
  bool delete_self_moves() {
    std::vector<bool> deleted(size());
    for (uint32_t i = 0; i < size(); ++i)
      deleted[i] = code_[i].op == Opcode::Mov && code_[i].dst == code_[i].a;
    return compact(deleted);
  }

  // Rule 2. Following stops at the first instruction that is not a jmp or whose jmp
  // was already followed: in a cycle of jmps every target stays on the cycle, and a
  // pure cycle is left unchanged (so the fixed point is reached).
  bool thread_jumps() {
    bool changed = false;
    std::vector<uint32_t> followed_in_query(size(), UINT32_MAX);
    for (uint32_t i = 0; i < size(); ++i) {
      if (!has_local_target(code_[i].op)) continue;
      uint32_t t = code_[i].target;
      while (t < size() && code_[t].op == Opcode::Jmp && followed_in_query[t] != i) {
        followed_in_query[t] = i;
        t = code_[t].target;
      }
      if (t != code_[i].target) {
        code_[i].target = t;
        changed = true;
      }
    }
    return changed;
  }

  // Rule 3: `i: br_c x, y, @i+2; i+1: jmp @T` -> `i: br_!c x, y, @T`. The jmp is only
  // reached by falling through from i, unless something targets it.
  bool invert_branches_over_jumps() {
    std::vector<uint32_t> incoming = incoming_targets();
    std::vector<bool> deleted(size());
    for (uint32_t i = 0; i + 1 < size(); ++i) {
      Instruction& branch = code_[i];
      const Instruction& jump = code_[i + 1];
      if (!isa::is_branch(branch.op) || branch.target != i + 2 || jump.op != Opcode::Jmp ||
          incoming[i + 1] != 0 || jump.target == i + 1)
        continue;
      if (branch.op != Opcode::BrEq && branch.op != Opcode::BrNe)
        swapped_[original_[i]] = !swapped_[original_[i]];
      branch.op = inverted_branch(branch.op, branch.a, branch.b);
      --incoming[branch.target];
      branch.target = jump.target;
      ++incoming[branch.target];
      deleted[i + 1] = true;
    }
    return compact(deleted);
  }

  // Rule 4 (a branch to the next instruction goes there whatever its condition).
  bool delete_jumps_to_next() {
    std::vector<bool> deleted(size());
    for (uint32_t i = 0; i < size(); ++i)
      deleted[i] = has_local_target(code_[i].op) && code_[i].target == i + 1;
    return compact(deleted);
  }

  // Rule 5. Calls return to the next instruction, so they fall through.
  bool delete_unreachable() {
    std::vector<bool> reached(size());
    std::vector<uint32_t> work;
    auto reach = [&](uint32_t i) {
      if (i < size() && !reached[i]) {
        reached[i] = true;
        work.push_back(i);
      }
    };
    reach(0);
    while (!work.empty()) {
      uint32_t i = work.back();
      work.pop_back();
      if (falls_through(code_[i].op)) reach(i + 1);
      if (has_local_target(code_[i].op)) reach(code_[i].target);
    }
    std::vector<bool> deleted(size());
    for (uint32_t i = 0; i < size(); ++i) deleted[i] = !reached[i];
    return compact(deleted);
  }

  std::vector<uint32_t> incoming_targets() const {
    std::vector<uint32_t> incoming(size() + 1);
    for (const Instruction& ins : code_)
      if (has_local_target(ins.op)) ++incoming[ins.target];
    return incoming;
  }

  bool end_is_reachable() const {
    if (code_.empty() || falls_through(code_.back().op)) return true;
    for (const Instruction& ins : code_)
      if (has_local_target(ins.op) && ins.target == size()) return true;
    return false;
  }

  // Removes the deleted instructions; returns whether there were any.
  bool compact(const std::vector<bool>& deleted) {
    std::vector<uint32_t> survivors_before(size() + 1, 0);
    for (uint32_t i = 0; i < size(); ++i)
      survivors_before[i + 1] = survivors_before[i] + (deleted[i] ? 0 : 1);
    if (survivors_before[size()] == size()) return false;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < size(); ++i) {
      if (deleted[i]) continue;
      Instruction ins = code_[i];
      if (has_local_target(ins.op)) ins.target = survivors_before[ins.target];
      code_[kept] = ins;
      locations_[kept] = locations_[i];
      original_[kept] = original_[i];
      ++kept;
    }
    code_.resize(kept);
    locations_.resize(kept);
    original_.resize(kept);
    return true;
  }

  std::vector<Instruction>& code_;
  std::vector<isa::SourceLocation>& locations_;
  std::vector<uint32_t> original_;  // each instruction's index in the input
  std::vector<bool> swapped_;       // by input index: a and b exchanged
};

}  // namespace

isa::Opcode inverted_branch(isa::Opcode op, isa::Operand& x, isa::Operand& y) {
  switch (op) {
    case Opcode::BrEq: return Opcode::BrNe;
    case Opcode::BrNe: return Opcode::BrEq;
    case Opcode::BrLtS: std::swap(x, y); return Opcode::BrLeS;  // !(x < y) == y <= x
    case Opcode::BrLeS: std::swap(x, y); return Opcode::BrLtS;
    case Opcode::BrLtU: std::swap(x, y); return Opcode::BrLeU;
    case Opcode::BrLeU: std::swap(x, y); return Opcode::BrLtU;
    default: C2W_INTERNAL_ERROR("inverted_branch of a non-branch");
  }
}

SimplifiedCode simplify_function_code(std::vector<isa::Instruction>& code,
                                      std::vector<isa::SourceLocation>& locations) {
  return Peephole(code, locations).run();
}

void simplify_code(LoweredProgram& program) {
  for (LoweredFunction& function : program.functions) {
    const SimplifiedCode simplified = simplify_function_code(function.code, function.locations);
    std::vector<CodeRelocation>& relocations = function.relocations;
    std::erase_if(relocations, [&](const CodeRelocation& r) {
      return simplified.index_of[r.index] == kDeletedInstruction;
    });
    for (CodeRelocation& r : relocations) {
      if (simplified.operands_swapped[r.index] && (r.field == 1 || r.field == 2))
        r.field = 3 - r.field;  // a <-> b
      r.index = simplified.index_of[r.index];
    }
  }
}

}  // namespace c2w::compiler
