// Symbolic execution of c2w programs (see symbolic_executor.h).
//
// The explorer keeps a worklist of states; a state runs until it ends or forks.
// Memory is the program's initial image plus a per-state map of written bytes; a
// 32-bit read of four bytes that were written as one word gives back that word's
// expression, so frame slots do not turn into concatenations of extracts.
//
// Every state keeps a witness, an input that satisfies its path condition. A
// feasibility question (the path and one new condition) goes to an
// IndependentCachingSolver (solver.h), which solves only the conjuncts sharing
// input variables with the new condition, from a cache when it can, and takes the
// other variables' values from the witness.
#include "symbolic/symbolic_executor.h"
#include "symbolic/path_replay.h"
#include "isa/semantics.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <unordered_map>

#include "runtime/reference_interpreter.h"
#include "symbolic/solver.h"
#include "symbolic/state_search.h"

namespace c2w::symbolic {
namespace {

using isa::Opcode;
using isa::OperandKind;
using Clock = std::chrono::steady_clock;

// A path in progress; its pc and call stack are in SearchState (state_search.h).
struct State : SearchState {
  uint32_t fp = 0, cursor = 0;
  std::unordered_map<uint32_t, Expr> memory;  // bytes written on this path
  std::vector<Expr> path;                     // conjuncts
  std::vector<Expr> output;                   // stdout bytes
  std::vector<uint64_t> witness;              // an input satisfying `path` (by variable index)
  uint64_t steps = 0, depth = 0;
  uint32_t output_calls = 0;  // calls into stdout-formatting functions on the stack (see follows_witness)
};

// The libc functions that only format and write to stdout (and the pieces a
// constant-format printf is split into, compiler/optimize_llvm.cpp). sprintf and snprintf are
// not among them: they write memory that the program reads back.
constexpr const char* kOutputFunctions[] = {
    "printf",         "vprintf",           "fprintf",        "vfprintf",       "puts",
    "fputs",          "putchar",           "fputc",          "putc",           "fwrite",
    "perror",         "__c2w_printf_text", "__c2w_printf_d", "__c2w_printf_u", "__c2w_printf_x",
    "__c2w_printf_X", "__c2w_printf_c",    "__c2w_printf_s"};

// Replay mode (path_replay.h): the one path whose pcs are given, its witness the
// concrete input; decisions and hazards are recorded instead of forked on.
struct Follow {
  const std::vector<uint32_t>& pcs;
  std::vector<uint64_t> witness;
  size_t next = 0;  // the index in pcs of the instruction about to run
  ReplayedPath& out;
};

class Explorer {
 public:
  Explorer(const isa::Program& p, const SymexOptions& o, ExprContext& c, const SymbolicInput& in,
           const std::function<void(const CompletedPath&)>& on_path)
      : p_(p),
        o_(o),
        ctx_(c),
        input_(in),
        on_path_(on_path),
        visits_(p.code.size(), 0),
        entry_frame_(isa::entry_frame_sizes(p)) {
    auto counting = std::make_unique<CountingSolver>(make_z3_solver(ctx_));
    counting_ = counting.get();
    solver_ = std::make_unique<IndependentCachingSolver>(ctx_, std::move(counting));
    solver_->set_timeout_ms(o.solver_timeout_ms);
    for (uint32_t pc : o.reach_pcs) reach_.push_back(pc);
    summarise_output_ = o.summarise_output && !o.want_output;
    output_entry_.assign(p.code.size(), 0);
    output_code_.assign(p.code.size(), 0);
    for (const isa::Function& f : p.functions)
      for (const char* name : kOutputFunctions)
        if (f.name == name && f.entry < f.end && f.end <= p.code.size()) {
          output_entry_[f.entry] = 1;
          std::fill(output_code_.begin() + f.entry, output_code_.begin() + f.end, 1);
        }
    switch (o.strategy) {
      case SearchStrategy::DepthFirst: search_ = make_depth_first_search(); break;
      case SearchStrategy::BreadthFirst: search_ = make_breadth_first_search(); break;
      case SearchStrategy::Coverage:
        search_ = make_coverage_guided_search(p, visits_, covered_pcs_, o.seed);
        break;
    }
  }

  void follow(Follow* f) { follow_ = f; }

  SymexResult run() {
    start_ = Clock::now();
    auto initial = std::make_unique<State>();
    initial->fp = p_.stack_base;
    initial->path.push_back(
        ctx_.ule(input_.length, ctx_.constant(static_cast<uint32_t>(input_.bytes.size()))));
    initial->witness.assign(ctx_.variable_count(), 0);  // the empty input
    if (follow_) initial->witness = follow_->witness;
    search_->add(std::move(initial));
    std::string stop = "explored every path";
    while (search_->size() > 0) {
      if (elapsed() > o_.max_seconds) {
        stop = "time limit";
        break;
      }
      if (result_.paths_completed >= o_.max_paths) {
        stop = "path limit";
        break;
      }
      if (o_.stop_at_first_finding && !result_.findings.empty()) {
        stop = "first finding";
        break;
      }
      std::unique_ptr<State> s(static_cast<State*>(search_->pick().release()));
      if (run_state(*s))
        search_->add(std::move(s));  // it forked, or was parked
      else
        search_->ended(*s);
    }
    if (search_->size() > 0 && stop == "explored every path") stop = "stopped";
    result_.stop_reason = stop;
    result_.exhaustive = search_->size() == 0 && result_.paths_cut == 0 && result_.states_dropped == 0 &&
                         result_.concretised_addresses == 0 && result_.solver_unknown == 0 &&
                         result_.output_decisions_followed == 0 && stop == "explored every path";
    result_.seconds = elapsed();
    result_.solver_queries = solver_->queries;
    result_.solver_cache_hits = solver_->cache_hits;
    result_.solver_checks = counting_->checks;
    result_.solver_seconds = counting_->seconds;
    result_.total_pcs = p_.code.size();
    result_.covered_pcs = covered_pcs_;
    report_progress(true);
    return std::move(result_);
  }

 private:
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // A state split from `parent` (which is running) joins the search.
  void fork(State& parent, std::unique_ptr<State> child) {
    if (search_->size() >= o_.max_live_states) {
      ++result_.states_dropped;
      return;
    }
    ++result_.forks;
    search_->forked(parent, *child);
    search_->add(std::move(child));
  }

  void report_progress(bool force) {
    if (!o_.progress) return;
    double now = elapsed();
    if (!force && now - last_progress_ < 1.0) return;
    last_progress_ = now;
    SymexProgress pr;
    pr.seconds = now;
    pr.instructions = result_.instructions;
    pr.paths_completed = result_.paths_completed;
    pr.live_states = search_->size();
    pr.findings = result_.findings.size();
    pr.solver_checks = counting_->checks;
    pr.total_pcs = p_.code.size();
    pr.covered_pcs = covered_pcs_;
    o_.progress(pr);
  }

  // ---- solver ----

  // The path's witness satisfies the path, so only the conjuncts sharing variables
  // with `extra` go to Z3 (IndependentCachingSolver).
  CheckResult check(const State& s, const std::vector<Expr>& extra) {
    CheckResult r = solver_->check(s.path, extra, s.witness);
    if (r.result == SatResult::Unknown) ++result_.solver_unknown;
    return r;
  }
  bool feasible(const State& s, Expr extra) {
    if (extra->is_constant()) return extra->value != 0;
    return check(s, {extra}).result == SatResult::Sat;
  }
  // After a Sat check: the concrete stdin of the model.
  std::string model_input() {
    uint64_t n = std::min<uint64_t>(solver_->model_value(input_.length), input_.bytes.size());
    std::string in;
    for (uint64_t i = 0; i < n; ++i) in.push_back(static_cast<char>(solver_->model_value(input_.bytes[i])));
    return in;
  }

  // A state remembers one input satisfying its path (its witness), so a branch where
  // the witness already decides one side needs a single solver query, not two.
  bool satisfied_by_witness(const State& s, Expr condition) const {
    return s.witness.size() == ctx_.variable_count() && ctx_.evaluate(condition, s.witness) != 0;
  }
  // Inside a stdout-formatting function of the libc (printf, puts, ...), with
  // summarising on, the state does not fork: every branch, symbolic address or
  // indirect call follows the witness, and nothing is added to the path condition.
  // What is printed is then exact only for the witness, but what the program does
  // afterwards does not depend on how printf got there (only printf's return value
  // and a %n count do, which we accept). Formatting a symbolic int otherwise forks
  // on every digit. The run is then not exhaustive; equivalence turns this off.
  bool follows_witness(const State& s) const { return summarise_output_ && s.output_calls > 0; }
  uint64_t witness_value(const State& s, Expr e) {
    ++result_.output_decisions_followed;
    return ctx_.evaluate(e, s.witness);
  }

  // After a Sat check: the model as a witness.
  std::vector<uint64_t> model_witness() { return solver_->model(); }
  // Adds `condition` to the path if feasible, keeping the witness valid.
  bool constrain(State& s, Expr condition) {
    if (condition->is_constant()) return condition->value != 0;
    if (!satisfied_by_witness(s, condition)) {
      if (check(s, {condition}).result != SatResult::Sat) return false;
      s.witness = model_witness();
    }
    s.path.push_back(condition);
    return true;
  }

  // ---- memory ----

  Expr read_byte(const State& s, uint32_t a) const {
    if (auto it = s.memory.find(a); it != s.memory.end()) return it->second;
    uint8_t v = a >= p_.data_base && a - p_.data_base < p_.data.size() ? p_.data[a - p_.data_base] : 0;
    return ctx_.constant(v, 8);
  }
  // `width` bytes at a, zero-extended to 32 bits.
  Expr read(const State& s, uint32_t a, unsigned width) const {
    Expr bytes[4];
    bool all_constant = true;
    for (unsigned i = 0; i < width; ++i) {
      bytes[i] = read_byte(s, a + i);
      all_constant = all_constant && bytes[i]->is_constant();
    }
    if (all_constant) {
      uint32_t v = 0;
      for (unsigned i = 0; i < width; ++i) v |= static_cast<uint32_t>(bytes[i]->value) << (8 * i);
      return ctx_.constant(v, 32);
    }
    // Bytes that are extract(E, 8i+7, 8i) of one expression E give E back.
    if (bytes[0]->kind == ExprKind::Extract && bytes[0]->value == (7u << 8 | 0u)) {
      Expr whole = bytes[0]->ops[0];
      bool same = whole->width == 8 * width;
      for (unsigned i = 1; i < width && same; ++i)
        same = bytes[i]->kind == ExprKind::Extract && bytes[i]->ops[0] == whole &&
               bytes[i]->value == ((8 * i + 7) << 8 | (8 * i));
      if (same) return ctx_.zero_extend(whole, 32);
    }
    Expr v = bytes[width - 1];
    for (unsigned i = width - 1; i-- > 0;) v = ctx_.concat(v, bytes[i]);
    return ctx_.zero_extend(v, 32);
  }
  void write(State& s, uint32_t a, Expr value, unsigned width) const {
    if (width == 4 && value->width == 32) {
      for (unsigned i = 0; i < 4; ++i) s.memory[a + i] = ctx_.extract(value, 8 * i + 7, 8 * i);
      return;
    }
    Expr narrow = ctx_.extract(value, 8 * width - 1, 0);
    for (unsigned i = 0; i < width; ++i)
      s.memory[a + i] = width == 1 ? narrow : ctx_.extract(narrow, 8 * i + 7, 8 * i);
  }
  Expr operand(const State& s, const isa::Operand& o) const {
    switch (o.kind) {
      case OperandKind::Slot: return read(s, s.fp + uint32_t(o.value), 4);
      case OperandKind::Abs: return read(s, uint32_t(o.value), 4);
      case OperandKind::Imm: return ctx_.constant(uint32_t(o.value), 32);
      default: return ctx_.constant(0, 32);
    }
  }
  void set(State& s, const isa::Operand& o, Expr v) const { write(s, isa::operand_address(o, s.fp), v, 4); }

  // ---- findings and path ends ----

  static FindingKind finding_for(isa::TrapKind t) {
    switch (t) {
      case isa::TrapKind::DivideByZero: return FindingKind::DivideByZero;
      case isa::TrapKind::MemoryOutOfBounds: return FindingKind::MemoryOutOfBounds;
      case isa::TrapKind::StackOverflow: return FindingKind::StackOverflow;
      case isa::TrapKind::BadCall: return FindingKind::BadCall;
      default: return FindingKind::Abort;
    }
  }

  // Records a finding if (kind, pc) is new and `extra` is feasible on the path.
  // Reached findings are one per run (all reach pcs are one target line).
  void find(const State& s, FindingKind kind, uint32_t pc, Expr extra, const std::string& message) {
    if (follow_) return;  // a replay records hazards instead (path_replay.h)
    for (const Finding& f : result_.findings)
      if (f.kind == kind && (f.pc == pc || kind == FindingKind::Reached || kind == FindingKind::WantedOutput))
        return;
    std::vector<Expr> extras;
    if (extra) extras.push_back(extra);
    // Inside output formatting that followed the witness, only the witness is known
    // to take this path: the finding's input is the witness.
    const bool pinned = follows_witness(s);
    if (pinned) {
      extras.push_back(
          ctx_.eq(input_.length, ctx_.constant(static_cast<uint32_t>(s.witness[input_.length->value]))));
      for (Expr b : input_.bytes) extras.push_back(ctx_.eq(b, ctx_.constant(s.witness[b->value], 8)));
    }
    if (check(s, extras).result != SatResult::Sat) return;
    // Prefer the shortest input: the first length that is feasible.
    uint64_t longest = pinned ? 0 : solver_->model_value(input_.length);
    bool shorter = false;
    for (uint32_t n = 0; n < longest && !shorter; ++n) {
      std::vector<Expr> with_length = extras;
      with_length.push_back(ctx_.eq(input_.length, ctx_.constant(n)));
      shorter = check(s, with_length).result == SatResult::Sat;
    }
    if (!shorter && check(s, extras).result != SatResult::Sat) return;  // restore the model
    Finding f;
    f.kind = kind;
    f.pc = pc;
    f.input = model_input();
    f.message = message;
    if (kind == FindingKind::AssertionFailure) {
      std::string text;  // the assertion message the program printed, under the model
      for (Expr b : s.output) text.push_back(static_cast<char>(solver_->model_value(b)));
      auto line_start = text.rfind("Assertion failed");
      if (line_start != std::string::npos) {
        f.message = text.substr(line_start);
        while (!f.message.empty() && f.message.back() == '\n') f.message.pop_back();
      }
    }
    if (const isa::Function* fn = p_.function_at(pc)) f.function = fn->name;
    f.location = p_.describe_location(pc);
    if (kind == FindingKind::WantedOutput) {
      f.function = "";
      f.location = "exit";
    }
    // Report the user's line, not the libc's, for aborts and assertion failures.
    if ((kind == FindingKind::AssertionFailure || kind == FindingKind::Abort) && !s.frames.empty()) {
      for (size_t i = s.frames.size(); i-- > 0;) {
        uint32_t call_pc = s.frames[i].return_pc - 1;
        std::string loc = p_.describe_location(call_pc);
        if (!loc.empty() && loc.find("libc/") == std::string::npos) {
          f.location = loc;
          if (const isa::Function* fn = p_.function_at(call_pc)) f.function = fn->name;
          break;
        }
      }
    }
    f.path_length = s.steps;
    f.branch_depth = s.depth;
    f.seconds = elapsed();
    replay(f);
    result_.findings.push_back(std::move(f));
  }

  void replay(Finding& f) {
    runtime::RunOptions ro;
    ro.input = f.input;
    ro.max_steps = std::max<uint64_t>(o_.max_steps_per_path * 2, 1000);
    ro.record_trace = f.kind == FindingKind::Reached;
    runtime::RunResult r = runtime::run_reference(p_, ro);
    switch (f.kind) {
      case FindingKind::Reached:
        f.replayed = std::find(r.trace.begin(), r.trace.end(), trace::pc_token(f.pc)) != r.trace.end();
        f.replay =
            f.replayed ? "reached pc " + std::to_string(f.pc) : "did not reach pc " + std::to_string(f.pc);
        return;
      case FindingKind::WantedOutput:
        f.replayed = o_.want_output && r.output.find(*o_.want_output) != std::string::npos;
        f.replay = f.replayed ? "printed the wanted output" : "did not print the wanted output";
        return;
      case FindingKind::AssertionFailure:
      case FindingKind::Abort: f.replayed = r.trap == isa::TrapKind::Abort && r.stop_pc == f.pc; break;
      default:
        f.replayed =
            r.status == runtime::RunStatus::Trapped && finding_for(r.trap) == f.kind && r.stop_pc == f.pc;
        break;
    }
    f.replay = r.message.empty() ? "exit " + std::to_string(r.exit_code) : r.message;
  }

  // The path ends here. Returns false (for run_state: the state is gone).
  bool complete(State& s, Expr exit_code, bool trapped, bool finished) {
    if (finished)
      ++result_.paths_completed;
    else
      ++result_.paths_cut;
    if (finished && !trapped && o_.want_output) check_wanted_output(s);
    if (on_path_) {
      CompletedPath cp;
      cp.condition = s.path;
      cp.output = s.output;
      cp.exit_code = exit_code;
      cp.trapped = trapped;
      cp.complete = finished;
      on_path_(cp);
    }
    return false;
  }

  void check_wanted_output(const State& s) {
    const std::string& want = *o_.want_output;
    if (want.size() > s.output.size()) return;
    Expr any = ctx_.boolean(false);
    for (size_t start = 0; start + want.size() <= s.output.size(); ++start) {
      Expr here = ctx_.boolean(true);
      for (size_t i = 0; i < want.size(); ++i)
        here = ctx_.land(here, ctx_.eq(s.output[start + i], ctx_.constant(uint8_t(want[i]), 8)));
      any = ctx_.lor(any, here);
    }
    find(s, FindingKind::WantedOutput, s.pc, any, "stdout contains \"" + want + "\"");
  }

  bool trap(State& s, isa::TrapKind kind, const std::string& what) {
    FindingKind fk = finding_for(kind);
    if (kind == isa::TrapKind::Abort) {
      // An abort inside __assert_fail (anywhere on the call stack) is a failed assertion.
      auto named_assert = [&](uint32_t pc) {
        const isa::Function* fn = p_.function_at(pc);
        return fn && fn->name == "__assert_fail";
      };
      bool in_assert = named_assert(s.pc);
      for (const CallFrame& frame : s.frames) in_assert = in_assert || named_assert(frame.return_pc - 1);
      fk = in_assert ? FindingKind::AssertionFailure : FindingKind::Abort;
    }
    find(s, fk, s.pc, nullptr, what);
    return complete(s, ctx_.constant(128 + static_cast<unsigned>(kind), 8), true, true);
  }

  // ---- execution ----

  // Splits a symbolic address into its feasible values (each a new state, `s` keeps
  // the first); reports out-of-bounds values first. Returns false if no value is left.
  bool concretise_address(State& s, Expr address, uint32_t width, uint32_t& value) {
    if (address->is_constant()) {
      value = static_cast<uint32_t>(address->value);
      return true;
    }
    if (follows_witness(s)) {  // out of bounds for the witness: the caller traps
      value = static_cast<uint32_t>(witness_value(s, address));
      return true;
    }
    Expr low = ctx_.ult(address, ctx_.constant(p_.data_base));
    Expr high = ctx_.ult(ctx_.constant(p_.memory_size - width), address);
    Expr out_of_bounds = ctx_.lor(low, high);
    if (follow_) {  // a replay: when the address would be out of bounds, and the one the input gives
      follow_->out.hazards.push_back(
          {s.pc, isa::TrapKind::MemoryOutOfBounds, follow_->out.decisions.size(), out_of_bounds});
      value = static_cast<uint32_t>(ctx_.evaluate(address, s.witness));
      Expr fixed = ctx_.eq(address, ctx_.constant(value));
      follow_->out.decisions.push_back({s.pc, true, fixed, address});
      s.path.push_back(fixed);
      return true;
    }
    if (feasible(s, out_of_bounds))
      find(s, FindingKind::MemoryOutOfBounds, s.pc, out_of_bounds,
           "memory access out of bounds (address depends on the input)");
    Expr in_bounds = ctx_.lnot(out_of_bounds);
    std::vector<uint32_t> values;
    std::vector<std::vector<uint64_t>> witnesses;
    std::vector<Expr> exclusions = {in_bounds};
    while (values.size() <= o_.max_address_values) {
      if (check(s, exclusions).result != SatResult::Sat) break;
      uint32_t v = static_cast<uint32_t>(solver_->model_value(address));
      values.push_back(v);
      witnesses.push_back(model_witness());
      exclusions.push_back(ctx_.lnot(ctx_.eq(address, ctx_.constant(v))));
    }
    if (values.empty()) return false;
    if (values.size() > o_.max_address_values) {
      values.resize(1);  // too many: keep one value
      ++result_.concretised_addresses;
    }
    for (size_t i = 1; i < values.size(); ++i) {
      auto child = std::make_unique<State>(s);
      child->path.push_back(in_bounds);
      child->path.push_back(ctx_.eq(address, ctx_.constant(values[i])));
      child->witness = witnesses[i];
      fork(s, std::move(child));
    }
    s.path.push_back(in_bounds);
    s.path.push_back(ctx_.eq(address, ctx_.constant(values[0])));
    s.witness = witnesses[0];
    value = values[0];
    return true;
  }

  // Forks on a symbolic condition: `s` continues where it holds (if feasible) and a
  // copy where it does not. Returns which way `s` goes, or nullopt if neither is.
  std::optional<bool> decide(State& s, Expr condition, std::unique_ptr<State>& other) {
    if (condition->is_constant()) return condition->value != 0;
    if (follows_witness(s)) return witness_value(s, condition) != 0;
    if (follow_) {  // a replay: the way the input goes, recorded, no fork
      const bool taken = ctx_.evaluate(condition, s.witness) != 0;
      Expr held = taken ? condition : ctx_.lnot(condition);
      follow_->out.decisions.push_back({s.pc, taken, held});
      s.path.push_back(held);
      return taken;
    }
    Expr negation = ctx_.lnot(condition);
    bool witness_says = satisfied_by_witness(s, condition);
    Expr open = witness_says ? negation : condition;  // the side the witness does not show
    bool open_feasible = check(s, {open}).result == SatResult::Sat;
    if (!open_feasible) return witness_says;  // only the witness's side (the path implies it)
    std::vector<uint64_t> open_witness = model_witness();
    other = std::make_unique<State>(s);
    other->path.push_back(negation);
    other->depth++;
    s.path.push_back(condition);
    s.depth++;
    if (witness_says)
      other->witness = std::move(open_witness);
    else
      s.witness = std::move(open_witness);
    return true;
  }

  // Runs `s` until its path ends (false) or it forks or is parked at a limit (true:
  // it goes back to the search, its children already there).
  bool run_state(State& s) {
    const uint32_t code_size = static_cast<uint32_t>(p_.code.size());
    while (true) {
      if (s.steps >= o_.max_steps_per_path) return complete(s, ctx_.constant(124, 8), false, false);
      if ((++result_.instructions & 4095) == 0) {
        report_progress(false);
        if (elapsed() > o_.max_seconds) return true;  // park the state; run() stops
      }
      if (o_.stop_at_first_finding && !result_.findings.empty()) return true;  // park it; run() stops
      if (follow_) {  // a replay: the trace's next pc must be where the semantics go
        if (follow_->next >= follow_->pcs.size()) return complete(s, ctx_.constant(124, 8), false, false);
        if (follow_->pcs[follow_->next] != s.pc) {
          follow_->out.consistent = false;
          follow_->out.problem = "step " + std::to_string(follow_->next) + ": the trace goes to pc " +
                                 std::to_string(follow_->pcs[follow_->next]) + ", the program to pc " +
                                 std::to_string(s.pc);
          return false;
        }
        ++follow_->next;
        follow_->out.steps = follow_->next;
      }
      if (s.pc >= code_size) return trap(s, isa::TrapKind::BadCall, "jump out of the program");
      if (visits_[s.pc]++ == 0) {
        ++covered_pcs_;
        s.since_new_coverage = 1;
      } else if (s.since_new_coverage) {
        ++s.since_new_coverage;
      }
      for (uint32_t target : reach_)
        if (s.pc == target)
          find(s, FindingKind::Reached, s.pc, nullptr, "reached " + p_.describe_location(s.pc));
      const isa::Instruction& ins = p_.code[s.pc];
      ++s.steps;
      uint32_t next = s.pc + 1;
      std::unique_ptr<State> other;
      switch (ins.op) {
        case Opcode::Mov:
        case Opcode::SExt8:
        case Opcode::SExt16:
        case Opcode::Popcnt:
        case Opcode::Clz:
        case Opcode::Ctz: set(s, ins.dst, isa::apply_unary(ctx_, ins.op, operand(s, ins.a))); break;
        case Opcode::Add:
        case Opcode::Sub:
        case Opcode::Mul:
        case Opcode::MulHU:
        case Opcode::MulHS:
        case Opcode::And:
        case Opcode::Or:
        case Opcode::Xor:
        case Opcode::Shl:
        case Opcode::ShrU:
        case Opcode::ShrS:
        case Opcode::Eq:
        case Opcode::Ne:
        case Opcode::LtS:
        case Opcode::LeS:
        case Opcode::LtU:
        case Opcode::LeU:
          set(s, ins.dst, isa::apply_binary(ctx_, ins.op, operand(s, ins.a), operand(s, ins.b)));
          break;
        case Opcode::DivU:
        case Opcode::DivS:
        case Opcode::RemU:
        case Opcode::RemS: {
          Expr a = operand(s, ins.a), b = operand(s, ins.b);
          Expr zero = ctx_.eq(b, ctx_.constant(0u));
          if (zero->is_constant() && zero->value)
            return trap(s, isa::TrapKind::DivideByZero, "division by zero");
          if (!zero->is_constant() && follows_witness(s)) {
            if (witness_value(s, zero)) return trap(s, isa::TrapKind::DivideByZero, "division by zero");
          } else if (!zero->is_constant() && follow_) {  // a replay: when this divisor would be zero
            follow_->out.hazards.push_back(
                {s.pc, isa::TrapKind::DivideByZero, follow_->out.decisions.size(), zero});
            if (ctx_.evaluate(zero, s.witness))
              return trap(s, isa::TrapKind::DivideByZero, "division by zero");
            s.path.push_back(ctx_.lnot(zero));
          } else if (!zero->is_constant()) {
            if (feasible(s, zero))
              find(s, FindingKind::DivideByZero, s.pc, zero,
                   "division by zero (divisor depends on the input)");
            if (!constrain(s, ctx_.lnot(zero))) return complete(s, ctx_.constant(128, 8), true, true);
          }
          set(s, ins.dst, isa::apply_binary(ctx_, ins.op, a, b));
          break;
        }
        case Opcode::Select: {
          set(s, ins.dst, isa::apply_select(ctx_, operand(s, ins.a), operand(s, ins.b), operand(s, ins.c)));
          break;
        }
        case Opcode::Lea: set(s, ins.dst, ctx_.constant(isa::lea_value(ins, s.fp))); break;
        case Opcode::Ld8U:
        case Opcode::Ld8S:
        case Opcode::Ld16U:
        case Opcode::Ld16S:
        case Opcode::Ld32: {
          unsigned width = static_cast<unsigned>(isa::access_width(ins.op));
          Expr address = ctx_.add(operand(s, ins.a), operand(s, ins.b));
          uint32_t a = 0;
          if (!concretise_address(s, address, width, a))
            return complete(s, ctx_.constant(128, 8), true, true);
          if (!isa::access_in_bounds(p_, a, width))
            return trap(s, isa::TrapKind::MemoryOutOfBounds, "memory access out of bounds");
          set(s, ins.dst, isa::extend_loaded(ctx_, ins.op, read(s, a, width)));
          break;
        }
        case Opcode::St8:
        case Opcode::St16:
        case Opcode::St32: {
          unsigned width = static_cast<unsigned>(isa::access_width(ins.op));
          Expr address = ctx_.add(operand(s, ins.a), operand(s, ins.c));
          uint32_t a = 0;
          if (!concretise_address(s, address, width, a))
            return complete(s, ctx_.constant(128, 8), true, true);
          if (!isa::access_in_bounds(p_, a, width))
            return trap(s, isa::TrapKind::MemoryOutOfBounds, "memory access out of bounds");
          write(s, a, operand(s, ins.b), width);
          break;
        }
        case Opcode::Jmp: next = ins.target; break;
        case Opcode::BrEq:
        case Opcode::BrNe:
        case Opcode::BrLtS:
        case Opcode::BrLeS:
        case Opcode::BrLtU:
        case Opcode::BrLeU: {
          Expr condition = isa::apply_branch(ctx_, ins.op, operand(s, ins.a), operand(s, ins.b));
          auto taken = decide(s, condition, other);
          if (!taken) return false;
          if (other) other->pc = *taken ? s.pc + 1 : ins.target;
          next = *taken ? ins.target : s.pc + 1;
          break;
        }
        case Opcode::Call:
        case Opcode::CallI: {
          uint32_t target = ins.target;
          if (ins.op == Opcode::CallI) {
            Expr t = operand(s, ins.a);
            if (!t->is_constant() && (follows_witness(s) || follow_)) {
              target = static_cast<uint32_t>(follow_ && !follows_witness(s) ? ctx_.evaluate(t, s.witness)
                                                                            : witness_value(s, t));
            } else if (!t->is_constant()) {  // one state per feasible function pointer value
              std::vector<Expr> exclusions;
              std::vector<uint32_t> values;
              std::vector<std::vector<uint64_t>> witnesses;
              while (values.size() < o_.max_address_values && check(s, exclusions).result == SatResult::Sat) {
                values.push_back(static_cast<uint32_t>(solver_->model_value(t)));
                witnesses.push_back(model_witness());
                exclusions.push_back(ctx_.lnot(ctx_.eq(t, ctx_.constant(values.back()))));
              }
              if (values.empty()) return complete(s, ctx_.constant(128, 8), true, true);
              for (size_t i = 1; i < values.size(); ++i) {
                auto child = std::make_unique<State>(s);
                --child->steps;  // it re-executes this call with the pointer fixed
                child->path.push_back(ctx_.eq(t, ctx_.constant(values[i])));
                child->witness = witnesses[i];
                fork(s, std::move(child));
              }
              s.path.push_back(ctx_.eq(t, ctx_.constant(values[0])));
              s.witness = witnesses[0];
              target = values[0];
            } else {
              target = static_cast<uint32_t>(t->value);
            }
          }
          if (target >= code_size || entry_frame_[target] == isa::kNotAnEntry)
            return trap(s, isa::TrapKind::BadCall, "bad indirect call");
          uint32_t callee_fp = isa::callee_fp(ins, s.fp);
          if (!isa::frame_fits(p_, callee_fp, entry_frame_[target]))
            return trap(s, isa::TrapKind::StackOverflow, "stack overflow");
          s.frames.push_back({s.pc + 1, s.fp, ins.dst});
          s.output_calls += output_entry_[target];
          s.fp = callee_fp;
          next = target;
          break;
        }
        case Opcode::Ret: {
          if (s.frames.empty()) return trap(s, isa::TrapKind::BadCall, "return without a caller");
          Expr lo = operand(s, ins.a), hi = operand(s, ins.b);
          CallFrame f = s.frames.back();
          s.frames.pop_back();
          if (output_code_[s.pc] && s.output_calls > 0) --s.output_calls;
          s.fp = f.fp;
          next = f.return_pc;
          if (!f.dst.is_none()) {
            uint32_t a = isa::operand_address(f.dst, s.fp);
            if (!ins.a.is_none()) write(s, a, lo, 4);
            if (!ins.b.is_none()) write(s, a + 4, hi, 4);
          }
          break;
        }
        case Opcode::GetC: {
          Expr value;
          if (s.cursor >= input_.bytes.size()) {
            value = ctx_.constant(isa::kGetcEndOfInput);
          } else {
            Expr available = ctx_.ult(ctx_.constant(s.cursor), input_.length);
            auto has_byte = decide(s, available, other);
            if (!has_byte) return false;
            if (other) {  // both are possible: the copy reads EOF here
              other->pc = s.pc + 1;
              set(*other, ins.dst, ctx_.constant(isa::kGetcEndOfInput));
            }
            if (*has_byte) {
              value = ctx_.zero_extend(input_.bytes[s.cursor], 32);
              s.cursor++;
            } else {
              value = ctx_.constant(isa::kGetcEndOfInput);
            }
          }
          set(s, ins.dst, value);
          break;
        }
        case Opcode::PutC: s.output.push_back(ctx_.extract(operand(s, ins.a), 7, 0)); break;
        case Opcode::Halt: return complete(s, ctx_.extract(operand(s, ins.a), 7, 0), false, true);
        case Opcode::Trap: return trap(s, isa::TrapKind::Abort, "abort");
      }
      s.pc = next;
      if (other) {
        fork(s, std::move(other));
        return true;  // let the search choose who goes on
      }
    }
  }

  const isa::Program& p_;
  const SymexOptions& o_;
  ExprContext& ctx_;
  const SymbolicInput& input_;
  const std::function<void(const CompletedPath&)>& on_path_;
  std::unique_ptr<IndependentCachingSolver> solver_;
  CountingSolver* counting_ = nullptr;  // inside solver_: the queries that reached Z3
  std::unique_ptr<StateSearch> search_;
  std::vector<uint64_t> visits_;       // per pc, by every path
  size_t covered_pcs_ = 0;             // pcs with visits > 0
  std::vector<uint32_t> entry_frame_;  // isa::entry_frame_sizes
  std::vector<uint32_t> reach_;
  bool summarise_output_ = false;
  std::vector<uint8_t> output_entry_;  // per pc: the entry of an output function
  std::vector<uint8_t> output_code_;   // per pc: inside an output function
  SymexResult result_;
  Clock::time_point start_;
  double last_progress_ = 0;
  Follow* follow_ = nullptr;
};

}  // namespace

const char* finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::AssertionFailure: return "assertion";
    case FindingKind::Abort: return "abort";
    case FindingKind::DivideByZero: return "div0";
    case FindingKind::MemoryOutOfBounds: return "mem";
    case FindingKind::StackOverflow: return "stack";
    case FindingKind::BadCall: return "call";
    case FindingKind::Reached: return "reach";
    case FindingKind::WantedOutput: return "output";
  }
  return "?";
}

SymbolicInput SymbolicInput::make(ExprContext& context, unsigned max_bytes) {
  SymbolicInput in;
  in.length = context.variable("input_length", 32);
  for (unsigned i = 0; i < max_bytes; ++i) in.bytes.push_back(context.variable("in_" + std::to_string(i), 8));
  return in;
}

SymexResult run_symbolic(const isa::Program& program, const SymexOptions& options, ExprContext& context,
                         const SymbolicInput& input,
                         const std::function<void(const CompletedPath&)>& on_path) {
  return Explorer(program, options, context, input, on_path).run();
}

SymexResult run_symbolic(const isa::Program& program, const SymexOptions& options) {
  ExprContext context;
  SymbolicInput input = SymbolicInput::make(context, options.input_bytes);
  return run_symbolic(program, options, context, input);
}

ReplayedPath replay_path(const isa::Program& program, ExprContext& context, const SymbolicInput& input,
                         const std::string& concrete_input, const std::vector<uint32_t>& pcs) {
  ReplayedPath out;
  SymexOptions options;
  options.input_bytes = static_cast<unsigned>(input.bytes.size());
  options.strategy = SearchStrategy::DepthFirst;
  options.max_steps_per_path = pcs.size() + 1;
  options.max_seconds = 1e9;  // one path: it ends with the trace
  Follow follow{pcs, std::vector<uint64_t>(context.variable_count(), 0), 0, out};
  follow.witness[input.length->value] = std::min<uint64_t>(concrete_input.size(), input.bytes.size());
  for (size_t i = 0; i < input.bytes.size() && i < concrete_input.size(); ++i)
    if (!input.bytes[i]->is_constant()) follow.witness[input.bytes[i]->value] = uint8_t(concrete_input[i]);
  const std::function<void(const CompletedPath&)> no_paths;  // (the explorer keeps a reference)
  Explorer explorer(program, options, context, input, no_paths);
  explorer.follow(&follow);
  explorer.run();
  if (out.consistent && follow.next < pcs.size()) {
    out.consistent = false;
    out.problem = "the program ends after " + std::to_string(follow.next) + " steps, the trace goes on to " +
                  std::to_string(pcs.size());
  }
  return out;
}

std::vector<uint32_t> pcs_at_line(const isa::Program& program, const std::string& file, unsigned line) {
  auto last_component = [](const std::string& path) { return path.substr(path.find_last_of('/') + 1); };
  std::vector<uint32_t> pcs;
  for (uint32_t pc = 0; pc < program.source_map.size(); ++pc) {
    const isa::SourceLocation& loc = program.source_map[pc];
    if (loc.line == line && loc.file < program.files.size() &&
        last_component(program.files[loc.file]) == last_component(file))
      pcs.push_back(pc);
  }
  return pcs;
}

}  // namespace c2w::symbolic
