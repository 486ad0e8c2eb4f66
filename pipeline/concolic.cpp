// Concolic exploration on the transformer (see concolic.h).
#include "pipeline/concolic.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <map>
#include <random>
#include <set>

#include "runtime/reference_interpreter.h"
#include "symbolic/path_replay.h"
#include "symbolic/solver.h"
#include "symbolic/symex_report.h"

namespace c2w::pipeline {
namespace {

using symbolic::Expr;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr int kAddressValues = 32;  // the values asked of one symbolic address

// What every exploration shares: the program, coverage, bugs, counts, the budget.
class Exploration {
 public:
  Exploration(ProgramRunner& program, const ConcolicOptions& o)
      : program_(program), o_(o), start_(Clock::now()) {
    const isa::Program& p = program.program();
    for (uint32_t pc = 0; pc < p.code.size(); ++pc)
      r_.branches_total += isa::is_branch(p.code[pc].op) ? 2 : 0;
    r_.pcs_total = p.code.size();
    covered_pcs_.assign(p.code.size(), false);
  }

  bool out_of_budget() {
    if (seconds_since(start_) > o_.max_seconds) return r_.stop_reason = "time limit", true;
    if (r_.runs >= o_.max_runs) return r_.stop_reason = "run limit", true;
    return false;
  }

  // Runs an input on the program's engine; records coverage and a bug if it traps.
  RunOutcome run(const std::string& input) {
    RunOutcome out = program_.run(input, o_.max_tokens_per_run, true);
    ++r_.runs;
    r_.tokens += out.tokens;
    const isa::Program& p = program_.program();
    bool grew = false;
    for (size_t i = 0; i < out.path.size(); ++i) {
      uint32_t pc = out.path[i];
      if (pc < covered_pcs_.size() && !covered_pcs_[pc])
        covered_pcs_[pc] = true, ++r_.pcs_covered, grew = true;
      if (pc < p.code.size() && isa::is_branch(p.code[pc].op) && i + 1 < out.path.size())
        grew |=
            covered_.insert({pc, out.path[i + 1] == p.code[pc].target && out.path[i + 1] != pc + 1}).second;
    }
    r_.branches_covered = covered_.size();
    if (grew) r_.coverage.push_back({seconds_since(start_), r_.runs, covered_.size()});
    if (out.status == RunOutcome::Status::Trapped && !out.path.empty()) record_bug(out, input);
    return out;
  }

  bool covered(uint32_t pc, bool taken) const { return covered_.count({pc, taken}) > 0; }
  ConcolicResult& result() { return r_; }
  const isa::Program& program() const { return program_.program(); }

  ConcolicResult finish() {
    r_.seconds = seconds_since(start_);
    if (r_.stop_reason.empty()) r_.stop_reason = "every decision flipped";
    return r_;
  }

 private:
  void record_bug(const RunOutcome& out, const std::string& input) {
    const isa::Program& p = program_.program();
    uint32_t pc = out.path.back();
    std::string kind = out.trap;
    uint32_t where = pc;
    if (kind == "abort") {  // abort() and a failed assert are reported where they are called
      for (size_t i = 1; i < out.path.size(); ++i) {
        const isa::Function* f = p.function_at(out.path[i]);
        if (f && (f->name == "__assert_fail" || f->name == "abort") && f->entry == out.path[i]) {
          if (f->name == "__assert_fail") kind = "assertion";
          where = out.path[i - 1];
          break;
        }
      }
    }
    std::string location = p.describe_location(where);
    if (location.empty()) location = "pc " + std::to_string(pc);
    if (!bugs_.insert(kind + "@" + location).second) return;
    ConcolicBug bug{kind, location, input, r_.runs, seconds_since(start_)};
    runtime::RunOptions ro;
    ro.input = input;
    ro.max_steps = o_.max_tokens_per_run;
    runtime::RunResult ref = runtime::run_reference(p, ro);
    bug.replayed = ref.status == runtime::RunStatus::Trapped && ref.stop_pc == pc;
    r_.bugs.push_back(bug);
  }

  ProgramRunner& program_;
  const ConcolicOptions& o_;
  Clock::time_point start_;
  ConcolicResult r_;
  std::set<std::pair<uint32_t, bool>> covered_;
  std::vector<bool> covered_pcs_;
  std::set<std::string> bugs_;
};

}  // namespace

ConcolicResult explore_concolic(ProgramRunner& program, const ConcolicOptions& o) {
  Exploration x(program, o);
  symbolic::ExprContext ctx;
  symbolic::SymbolicInput input = symbolic::SymbolicInput::make(ctx, o.input_bytes);
  symbolic::CountingSolver solver(symbolic::make_z3_solver(ctx));
  solver.set_timeout_ms(o.solver_timeout_ms);
  const Expr length_bound = ctx.ule(input.length, ctx.constant(uint64_t(o.input_bytes), 32));

  // Flip tasks: one decision of one run's path to negate (after the decisions before
  // it) or one hazard to hit. A run's tasks are made when it has run; those whose
  // flipped branch direction no run has taken yet go first (in the order found),
  // the others on a stack, the newest run's first and, within a run, its earliest
  // flippable decision first: after a flip, the next decision is flipped next, which
  // is how a byte-by-byte comparison is matched one byte per run.
  struct Run {
    std::string input;
    symbolic::ReplayedPath path;
  };
  struct Task {
    std::shared_ptr<const Run> run;
    size_t index;  // the decision to flip (or the hazard's prefix length)
    int hazard;    // -1, or the hazard to hit
  };
  std::deque<Task> new_ground;
  std::vector<Task> stack;
  std::set<std::string> tried;
  auto try_input = [&](std::string in, size_t bound) {
    if (in.size() > o.input_bytes) in.resize(o.input_bytes);
    if (!tried.insert(in).second || x.out_of_budget()) return;
    RunOutcome out = x.run(in);
    auto run = std::make_shared<Run>();
    run->input = in;
    // Z3 replays what the transformer executed: its decisions and hazards.
    run->path = symbolic::replay_path(x.program(), ctx, input, in, out.path);
    const auto& decisions = run->path.decisions;
    for (size_t i = decisions.size(); i-- > bound;) {
      const bool branch = isa::is_branch(x.program().code[decisions[i].pc].op);
      if (branch && !x.covered(decisions[i].pc, !decisions[i].taken))
        new_ground.push_back({run, i, -1});
      else
        stack.push_back({run, i, -1});
    }
    for (size_t h = 0; h < run->path.hazards.size(); ++h)
      if (run->path.hazards[h].after >= bound)
        new_ground.push_back({run, run->path.hazards[h].after, int(h)});
  };
  for (const std::string& seed : o.seeds) try_input(seed, 0);

  while ((!new_ground.empty() || !stack.empty()) && !x.out_of_budget()) {
    Task t;
    if (!new_ground.empty()) {
      t = new_ground.front();
      new_ground.pop_front();
      if (t.hazard < 0) {  // another run may have taken that way meanwhile: then it waits on the stack
        const symbolic::ReplayedDecision& d = t.run->path.decisions[t.index];
        if (isa::is_branch(x.program().code[d.pc].op) && x.covered(d.pc, !d.taken)) {
          stack.push_back(t);
          continue;
        }
      }
    } else {
      t = stack.back();
      stack.pop_back();
    }
    const auto& decisions = t.run->path.decisions;
    std::vector<Expr> query;
    for (size_t i = 0; i < t.index; ++i) query.push_back(decisions[i].condition);
    if (t.hazard >= 0) {
      query.push_back(t.run->path.hazards[size_t(t.hazard)].condition);
    } else {
      query.push_back(ctx.lnot(decisions[t.index].condition));
    }
    query.push_back(length_bound);
    // A symbolic address asks for up to kAddressValues other values, one input each
    // (as the symbolic executor splits an address); anything else for one input.
    const Expr address = t.hazard < 0 ? decisions[t.index].address : nullptr;
    for (int k = 0; k < (address ? kAddressValues : 1) && !x.out_of_budget(); ++k) {
      if (solver.check(query).result != symbolic::SatResult::Sat) break;
      uint64_t n = std::min<uint64_t>(solver.model_value(input.length), input.bytes.size());
      std::string next;
      for (uint64_t i = 0; i < n; ++i) next.push_back(static_cast<char>(solver.model_value(input.bytes[i])));
      if (address) query.push_back(ctx.lnot(ctx.eq(address, ctx.constant(solver.model_value(address), 32))));
      ++x.result().inputs_proposed;
      try_input(next, t.hazard >= 0 ? t.index : t.index + 1);
    }
  }
  ConcolicResult r = x.finish();
  if (r.stop_reason == "every decision flipped") r.stop_reason = "every decision of every path flipped";
  r.solver_checks = solver.checks;
  return r;
}

ConcolicResult explore_random(ProgramRunner& program, const ConcolicOptions& o) {
  Exploration x(program, o);
  std::mt19937_64 rng(o.random_seed);
  for (const std::string& seed : o.seeds) {
    if (x.out_of_budget()) break;
    x.run(seed);
  }
  while (!x.out_of_budget()) {
    std::string in(rng() % (o.input_bytes + 1), '\0');
    for (char& c : in) c = static_cast<char>(rng() & 0xFF);
    x.run(in);
  }
  return x.finish();
}

std::string describe(const ConcolicResult& r) {
  std::string s = std::to_string(r.runs) + " runs, branches " + std::to_string(r.branches_covered) + "/" +
                  std::to_string(r.branches_total) + ", pcs " + std::to_string(r.pcs_covered) + "/" +
                  std::to_string(r.pcs_total) + ", " + std::to_string(r.bugs.size()) + " bug(s)";
  for (const ConcolicBug& b : r.bugs)
    s += "; " + b.kind + " at " + b.location + " with \"" + symbolic::escape_bytes(b.input) + "\" (run " +
         std::to_string(b.run) + (b.replayed ? ", replayed" : ", NOT replayed") + ")";
  return s + " (" + r.stop_reason + ")";
}

std::string to_json(const ConcolicResult& r) {
  nlohmann::ordered_json j;
  j["runs"] = r.runs;
  j["tokens"] = r.tokens;
  j["solver_checks"] = r.solver_checks;
  j["inputs_proposed"] = r.inputs_proposed;
  j["branches_covered"] = r.branches_covered;
  j["branches_total"] = r.branches_total;
  j["pcs_covered"] = r.pcs_covered;
  j["pcs_total"] = r.pcs_total;
  j["seconds"] = r.seconds;
  j["stop_reason"] = r.stop_reason;
  nlohmann::ordered_json bugs = nlohmann::ordered_json::array();
  for (const ConcolicBug& b : r.bugs)
    bugs.push_back({{"kind", b.kind},
                    {"location", b.location},
                    {"input", symbolic::escape_bytes(b.input)},
                    {"run", b.run},
                    {"seconds", b.seconds},
                    {"replayed", b.replayed}});
  j["bugs"] = bugs;
  nlohmann::ordered_json cov = nlohmann::ordered_json::array();
  for (const CoveragePoint& c : r.coverage) cov.push_back({c.seconds, c.runs, c.branches});
  j["coverage"] = cov;  // [seconds, runs, branches covered]
  return j.dump();
}

}  // namespace c2w::pipeline
