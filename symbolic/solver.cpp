// CountingSolver (see solver.h): statistics by wrapping, so every Solver gets them
// without touching its implementation.
#include "symbolic/solver.h"

#include <chrono>

namespace c2w::symbolic {

CheckResult CountingSolver::check(const std::vector<Expr>& assumptions) {
  auto start = std::chrono::steady_clock::now();
  CheckResult result = inner_->check(assumptions);
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++checks;
  switch (result.result) {
    case SatResult::Sat: ++sat; break;
    case SatResult::Unsat: ++unsat; break;
    case SatResult::Unknown: ++unknown; break;
  }
  return result;
}

}  // namespace c2w::symbolic
