// The control-flow, store and trap roles of a step, proved from the weights (see
// control_proofs.h). Each op's claims are a table of plan components and the ISA's value
// of each, built over the cut's input variables; OpProver::check_components evaluates the
// cone and asks Z3 for a valuation where they differ.
#include "verify/control_proofs.h"

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

#include "isa/isa.h"
#include "isa/semantics.h"
#include "isa/trace_format.h"

namespace c2w::verify {

namespace {

using Claim = OpProver::ComponentClaim;
using isa::Opcode;
using symbolic::Expr;
using symbolic::ExprContext;

// The plan head's components (compiler/gadgets/output.cpp's order).
constexpr int kByteCount = 11, kNextPc = 12, kEndsWithPc = 13, kPutc = 14, kHalt = 16;
int byte_component(int k) { return k; }  // B(k+1)
int trap_component(isa::TrapKind kind) { return 16 + int(kind); }

// An operand word from its byte variables ("a" -> a3 a2 a1 a0), or fp's three bytes and
// a call's outgoing area out0..out2 under a zero top byte.
Expr operand(ExprContext& x, char name) {
  Expr w = x.variable(std::string(1, name) + "3", 8);
  for (int k = 2; k >= 0; --k) w = x.concat(w, x.variable(std::string(1, name) + std::to_string(k), 8));
  return w;
}
Expr three_bytes(ExprContext& x, const std::string& prefix) {
  Expr w = x.constant(0, 8);
  for (int k = 2; k >= 0; --k) w = x.concat(w, x.variable(prefix + std::to_string(k), 8));
  return w;
}
Expr byte_of(ExprContext& x, Expr word, int k) {
  return x.extract(word, unsigned(8 * k + 7), unsigned(8 * k));
}

// The machine the model runs (its memory bounds, its functions' frames).
isa::Program machine_of(const neural::ModelConfig& config) {
  isa::Program p;
  const bool universal = config.mode == neural::ModelMode::Universal;
  p.data_base = uint32_t(universal ? config.layout.data_base : config.machine.data_base);
  p.memory_size = uint32_t(universal ? config.layout.memory_size : config.machine.memory_size);
  p.stack_base = uint32_t(config.machine.stack_base);
  p.stack_size = uint32_t(config.machine.stack_size);
  p.code.resize(size_t(config.machine.instructions));
  for (const neural::ModelConfig::Function& f : config.functions)
    p.functions.push_back({f.name, uint32_t(f.entry), uint32_t(f.end), uint32_t(f.frame)});
  return p;
}

// isa::access_in_bounds on a symbolic 32-bit address: data_base <= address and
// address + width <= memory_size, in 64 bits (no wrap).
Expr in_bounds(ExprContext& x, const isa::Program& p, Expr address, Expr width) {
  Expr wide = x.zero_extend(address, 64);
  return x.land(x.ule(x.constant(p.data_base, 64), wide),
                x.ule(x.add(wide, x.zero_extend(width, 64)), x.constant(p.memory_size, 64)));
}

Claim equals(int component, std::string what, std::function<Expr(ExprContext&)> expected) {
  return Claim{component, std::move(what), std::move(expected), nullptr};
}
Claim constant(int component, std::string what, uint64_t value) {
  return equals(component, std::move(what), [value](ExprContext& x) { return x.constant(value, 32); });
}

// The components the ISA fixes for an op that never halts nor writes out:XX, and the
// traps it cannot raise (`raises`: the kinds it can, checked by its own claims).
void quiet_components(std::vector<Claim>& claims, std::set<isa::TrapKind> raises) {
  claims.push_back(constant(kPutc, "no putc", 0));
  claims.push_back(constant(kHalt, "no halt", 0));
  for (isa::TrapKind kind : {isa::TrapKind::DivideByZero, isa::TrapKind::MemoryOutOfBounds,
                             isa::TrapKind::StackOverflow, isa::TrapKind::BadCall, isa::TrapKind::Abort})
    if (!raises.count(kind))
      claims.push_back(
          constant(trap_component(kind), std::string("no ") + isa::trap_description(kind) + " trap", 0));
}

// The memory trap of an access at a + (b or c) of the ROM's width field, and the step
// ending with its pc exactly when it does not trap: shown for every width 1, 2 or 4, so
// for the op's (the rom obligation decodes the field).
// The access at a + offset out of bounds for the width field, and the assumption that
// the field is 1, 2 or 4.
std::function<Expr(ExprContext&)> out_of_bounds(const isa::Program& p, char offset) {
  return [=](ExprContext& x) {
    return x.lnot(in_bounds(x, p, x.add(operand(x, 'a'), operand(x, offset)), x.variable("width", 8)));
  };
}
Expr a_width(ExprContext& x) {
  Expr width = x.variable("width", 8);
  return x.lor(x.eq(width, x.constant(1, 8)),
               x.lor(x.eq(width, x.constant(2, 8)), x.eq(width, x.constant(4, 8))));
}

void memory_trap(std::vector<Claim>& claims, const isa::Program& p, char offset) {
  auto address = [offset](ExprContext& x) { return x.add(operand(x, 'a'), operand(x, offset)); };
  auto width = [](ExprContext& x) { return x.variable("width", 8); };
  // For each width 1, 2, 4 at once: the same query for st8, st16 and st32 (and for the
  // five loads), answered once per model.
  auto assume = a_width;
  claims.push_back({trap_component(isa::TrapKind::MemoryOutOfBounds),
                    std::string("the memory trap exactly when a + ") + offset +
                        " is out of bounds for the ROM's width (1, 2 or 4: the op's, which the rom "
                        "obligation decodes)",
                    [=](ExprContext& x) { return x.lnot(in_bounds(x, p, address(x), width(x))); }, assume});
  claims.push_back({kEndsWithPc, "ends with its next pc exactly when in bounds",
                    [=](ExprContext& x) { return in_bounds(x, p, address(x), width(x)); }, assume});
}

// The step's byte count (trace::step_byte_count of the op, none when it traps): on the
// universal model it is decoded from the fetched op byte; a specialised model copies it
// from the ROM (its field n, a cut input that OpProver assumes is the op's count: the rom
// obligation decodes it).
void byte_count(std::vector<Claim>& claims, Opcode op, std::function<Expr(ExprContext&)> traps = nullptr,
                std::function<Expr(ExprContext&)> assume = nullptr) {
  const uint64_t n = uint64_t(trace::step_byte_count(op));
  claims.push_back({kByteCount,
                    "the byte count " + std::to_string(n) + " (trace::step_byte_count)" +
                        (traps ? ", 0 when it traps" : ""),
                    [=](ExprContext& x) {
                      return traps ? x.ite(traps(x), x.constant(0, 32), x.constant(n, 32))
                                   : x.constant(n, 32);
                    },
                    assume});
}

// A call's callee fp (isa::callee_fp): fp + out, both three bytes (no wrap).
Expr callee_fp(ExprContext& x) { return x.add(three_bytes(x, "fp."), three_bytes(x, "out")); }

// The universal model's calli: a is a function entry when a < N, the header's
// instruction count, and record a's entry flag (what calli's heads fetch) is 1; its frame
// fits when fp + out <= that record's entry limit. universal_prompt.cpp writes the flag
// and the limit from the program's functions (isa::highest_callee_fp of the frame), the
// table isa::entry_frame_sizes gives.
Expr prompt_entry(ExprContext& x) {  // N: the header's count (OpProver's fetched fields define it)
  return x.land(x.ult(operand(x, 'a'), x.variable("N", 32)), x.eq(x.variable("entry", 1), x.constant(1, 1)));
}
Expr prompt_overflow(ExprContext& x) {
  return x.land(prompt_entry(x), x.ult(three_bytes(x, "entry.limit"), callee_fp(x)));
}

std::vector<Claim> claims_of(Opcode op, const isa::Program& p, bool universal) {
  std::vector<Claim> claims;
  auto next = [](ExprContext& x) { return x.variable("next", 32); };
  const std::string field = universal ? "record's" : "ROM's";  // where the instruction's fields come from
  switch (op) {
    case Opcode::Jmp:
      claims.push_back(equals(kNextPc, "the next pc is the " + field + " next (jmp's target)", next));
      claims.push_back(constant(kEndsWithPc, "ends with its next pc", 1));
      quiet_components(claims, {});
      byte_count(claims, op);
      break;
    case Opcode::GetC:
      claims.push_back(equals(kNextPc, "the next pc is the " + field + " next (pc + 1)", next));
      claims.push_back(constant(kEndsWithPc, "ends with its next pc", 1));
      quiet_components(claims, {});
      byte_count(claims, op);
      break;
    case Opcode::Trap:
      claims.push_back(constant(trap_component(isa::TrapKind::Abort), "the trap instruction's trap", 1));
      claims.push_back(constant(kEndsWithPc, "does not end with a pc", 0));
      claims.push_back(constant(kPutc, "no putc", 0));
      claims.push_back(constant(kHalt, "no halt", 0));
      byte_count(claims, op);
      break;
    case Opcode::St8:
    case Opcode::St16:
    case Opcode::St32: {
      const int width = isa::access_width(op);
      for (int k = 0; k < trace::kAddressBytes; ++k)
        claims.push_back(
            equals(byte_component(k),
                   "B" + std::to_string(k + 1) + ": byte " + std::to_string(k) + " of the address a + c",
                   [k](ExprContext& x) { return byte_of(x, x.add(operand(x, 'a'), operand(x, 'c')), k); }));
      for (int k = 0; k < width; ++k)
        claims.push_back(equals(byte_component(trace::kAddressBytes + k),
                                "B" + std::to_string(trace::kAddressBytes + k + 1) + ": byte " +
                                    std::to_string(k) + " of the stored b",
                                [k](ExprContext& x) { return byte_of(x, operand(x, 'b'), k); }));
      claims.push_back(equals(kNextPc, "the next pc is the " + field + " next (pc + 1)", next));
      memory_trap(claims, p, 'c');
      quiet_components(claims, {isa::TrapKind::MemoryOutOfBounds});
      byte_count(claims, op, out_of_bounds(p, 'c'), a_width);
      break;
    }
    case Opcode::Call:
    case Opcode::CallI: {
      for (int k = 0; k < trace::kAddressBytes; ++k)
        claims.push_back(equals(
            byte_component(k),
            "B" + std::to_string(k + 1) + ": byte " + std::to_string(k) + " of the callee's fp, fp + out",
            [k](ExprContext& x) { return byte_of(x, callee_fp(x), k); }));
      if (op == Opcode::Call) {
        claims.push_back(equals(kNextPc, "the next pc is the " + field + " next (call's target)", next));
        auto overflow = [](ExprContext& x) { return x.ult(x.variable("limit", 32), callee_fp(x)); };
        claims.push_back(equals(trap_component(isa::TrapKind::StackOverflow),
                                "the stack trap exactly when fp + out exceeds the limit", overflow));
        claims.push_back(equals(kEndsWithPc, "ends with its next pc exactly when the frame fits",
                                [=](ExprContext& x) { return x.lnot(overflow(x)); }));
        quiet_components(claims, {isa::TrapKind::StackOverflow});
        byte_count(claims, op, overflow);
      } else {
        // calli: a must be a function entry (isa::entry_frame_sizes), whose frame must fit.
        const std::vector<uint32_t> frames = isa::entry_frame_sizes(p);
        auto entry = [frames](ExprContext& x) {
          Expr r = x.boolean(false);
          for (size_t pc = 0; pc < frames.size(); ++pc)
            if (frames[pc] != isa::kNotAnEntry) r = x.lor(r, x.eq(operand(x, 'a'), x.constant(pc, 32)));
          return r;
        };
        auto overflow = [frames, p](ExprContext& x) {
          Expr r = x.boolean(false);
          for (size_t pc = 0; pc < frames.size(); ++pc)
            if (frames[pc] != isa::kNotAnEntry) {
              int64_t highest = isa::highest_callee_fp(p, frames[pc]);
              Expr fits = highest < 0
                              ? x.boolean(false)
                              : x.ule(x.zero_extend(callee_fp(x), 64), x.constant(uint64_t(highest), 64));
              r = x.ite(x.eq(operand(x, 'a'), x.constant(pc, 32)), x.lnot(fits), r);
            }
          return r;
        };
        std::function<Expr(ExprContext&)> is_entry = entry, does_not_fit = overflow;
        std::string table = "";
        if (universal) {
          is_entry = prompt_entry, does_not_fit = prompt_overflow;
          table = " (the prompt's: a < N and record a's entry flag 1)";
        }
        claims.push_back(equals(kNextPc, "the next pc is a", [](ExprContext& x) { return operand(x, 'a'); }));
        claims.push_back(equals(trap_component(isa::TrapKind::BadCall),
                                "the bad-call trap exactly when a is not a function entry" + table,
                                [=](ExprContext& x) { return x.lnot(is_entry(x)); }));
        claims.push_back(equals(trap_component(isa::TrapKind::StackOverflow),
                                "the stack trap exactly when a is an entry whose frame does not fit" +
                                    std::string(universal ? " (fp + out above record a's entry limit)" : ""),
                                does_not_fit));
        claims.push_back(
            equals(kEndsWithPc, "ends with its next pc exactly when it does not trap",
                   [=](ExprContext& x) { return x.land(is_entry(x), x.lnot(does_not_fit(x))); }));
        quiet_components(claims, {isa::TrapKind::StackOverflow, isa::TrapKind::BadCall});
        byte_count(claims, op, [=](ExprContext& x) { return x.lor(x.lnot(is_entry(x)), does_not_fit(x)); });
      }
      break;
    }
    case Opcode::Ret:
      for (int k = 0; k < 8; ++k)
        claims.push_back(
            equals(byte_component(trace::kAddressBytes + k),
                   "B" + std::to_string(trace::kAddressBytes + k + 1) + ": byte " + std::to_string(k % 4) +
                       " of the returned " + (k < 4 ? "a" : "b"),
                   [k](ExprContext& x) { return byte_of(x, operand(x, k < 4 ? 'a' : 'b'), k % 4); }));
      claims.push_back(constant(kPutc, "no putc", 0));
      claims.push_back(constant(kHalt, "no halt", 0));
      claims.push_back(constant(trap_component(isa::TrapKind::DivideByZero), "no division trap", 0));
      claims.push_back(constant(trap_component(isa::TrapKind::MemoryOutOfBounds), "no memory trap", 0));
      claims.push_back(constant(trap_component(isa::TrapKind::StackOverflow), "no stack trap", 0));
      break;
    default: break;
  }
  return claims;
}

// One obligation from a table of claims.
Obligation obligation_of(OpProver& prover, const std::string& family, const std::string& name,
                         const std::string& op, const std::vector<Claim>& claims, const std::string& claimed,
                         double timeout_seconds, const std::string& not_shown = "",
                         const std::string& also_assumed = "") {
  auto start = std::chrono::steady_clock::now();
  Obligation o{family, name, Status::Unknown, "", "", 0};
  std::vector<OpProver::ComponentOutcome> outcomes = prover.check_components(op, claims, timeout_seconds);
  std::set<std::string> inputs;
  std::string shown, first_failure;
  size_t neurons = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    const OpProver::ComponentOutcome& r = outcomes[i];
    inputs.insert(r.inputs.begin(), r.inputs.end());
    neurons = std::max(neurons, r.neurons);
    if (r.proved)
      shown += (shown.empty() ? "" : "; ") + claims[i].what + " (" + r.how + ")";
    else if (first_failure.empty())
      first_failure = claims[i].what + ": " + r.failure;
  }
  std::string input_list;
  for (const std::string& n : inputs) input_list += (input_list.empty() ? "" : " ") + n;
  const std::string rom = prover.rom_head_name();
  const std::string assumed =
      "assumes at P: the residual features [" + input_list +
      "] hold the instruction's operand bytes and fields (byte = fallback + looked-up part, each in [0, "
      "255]" +
      (prover.universal()
           ? std::string()
           : "; target, next, out, limit and width: the ROM row of P's pc token" +
                 (rom.empty() ? std::string()
                              : ", copied by head " + rom + " (its head and margin obligations)")) +
      "), " + prover.flags_assumption() + ", the plan head " + prover.plan_head_name() +
      " returns P's values (its head and margin obligations)" +
      (input_list.find("head ") != std::string::npos
           ? "; the head outputs named with a range are the frame, input or destination memory heads', in "
             "the "
             "box the exactness analysis gives their value rows below max_positions"
           : "") +
      also_assumed + prover.fetch_assumption() +
      (!prover.universal()
           ? "; the ROM's n is trace::step_byte_count of the op (the rom obligation decodes it)"
           : "") +
      "; largest cone: " + std::to_string(neurons) + " neurons after the cut";
  if (first_failure.empty() && !not_shown.empty()) {
    o.detail = "not proved: " + not_shown + "; shown for all operand values: " + shown + "; " + assumed;
  } else if (first_failure.empty()) {
    o.status = Status::Proved;
    o.detail = "proved from the weights for all operand values: " + claimed + ": " + shown + "; " + assumed;
  } else {
    o.detail = "not proved: " + first_failure + (shown.empty() ? "" : "; shown: " + shown) + "; " + assumed;
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return o;
}

}  // namespace

bool control_attempts(const std::string& op) {
  isa::Opcode code;
  if (!isa::opcode_from_mnemonic(op, code)) return false;
  switch (code) {
    case Opcode::Jmp:
    case Opcode::St8:
    case Opcode::St16:
    case Opcode::St32:
    case Opcode::Call:
    case Opcode::CallI:
    case Opcode::Ret:
    case Opcode::GetC:
    case Opcode::Trap: return true;
    default: return false;
  }
}

Obligation prove_control(OpProver& prover, const neural::ModelConfig& config, const std::string& op,
                         double timeout_seconds) {
  isa::Opcode code;
  if (!isa::opcode_from_mnemonic(op, code) || !control_attempts(op))
    return {"op", op, Status::Unknown, "not proved: not a control, store or trap op", "", 0};
  std::vector<Claim> claims = control_claims(config, op);
  std::string not_shown, also_assumed;
  if (code == Opcode::Ret) {
    // The frame head's values (frame_lookup.cpp): the record's callee fp, its mark, the
    // caller's fp bytes, the pc after the call.
    std::optional<OpProver::HeadOutput> found_fp = prover.head_output("frame", 0),
                                        mark = prover.head_output("frame", 1),
                                        pc = prover.head_output("frame", 5);
    std::optional<OpProver::HeadOutput> fp_bytes[3] = {
        prover.head_output("frame", 2), prover.head_output("frame", 3), prover.head_output("frame", 4)};
    auto value = [](ExprContext& x, const OpProver::HeadOutput& h) {
      return x.add(x.zero_extend(x.variable(h.variable, unsigned(h.bits)), 32),
                   x.constant(uint64_t(h.low), 32));
    };
    if (found_fp && mark && pc && fp_bytes[0] && fp_bytes[1] && fp_bytes[2] && found_fp->bits <= 32 &&
        pc->bits <= 32) {
      for (int k = 0; k < trace::kAddressBytes; ++k)
        claims.push_back(equals(byte_component(k),
                                "B" + std::to_string(k + 1) + ": the caller's fp byte " + std::to_string(k) +
                                    " that the frame head returns",
                                [=, h = *fp_bytes[k]](ExprContext& x) { return value(x, h); }));
      claims.push_back(equals(kNextPc, "the next pc is the pc after the call that the frame head returns",
                              [=, h = *pc](ExprContext& x) { return value(x, h); }));
      // A record of this very frame: its mark 1 and its callee fp the current fp.
      auto found = [=, f = *found_fp, m = *mark](ExprContext& x) {
        return x.land(x.eq(value(x, m), x.constant(1, 32)), x.eq(value(x, f), three_bytes(x, "fp.")));
      };
      claims.push_back(
          equals(trap_component(isa::TrapKind::BadCall),
                 "the bad-call trap exactly when the frame head's winner is not a call record of "
                 "this frame (no call to return from)",
                 [=](ExprContext& x) { return x.lnot(found(x)); }));
      claims.push_back(
          equals(kEndsWithPc, "ends with its next pc exactly when there is a call to return from", found));
      // The byte count: the caller's fp (3), then a's and b's words when present, if the
      // call had a destination (the record's has_dst, frame output 7); 0 when it traps.
      if (std::optional<OpProver::HeadOutput> has_dst = prover.head_output("frame", 7)) {
        const bool universal = prover.universal();
        auto words = [universal](ExprContext& x) {  // 4 [a present] + 4 [b present]
          if (!universal) return x.zero_extend(x.variable("ret_words4", 8), 32);
          auto present = [&](const char* kind) {
            return x.ite(x.eq(x.variable(kind, 2), x.constant(0, 2)), x.constant(0, 32), x.constant(4, 32));
          };
          return x.add(present("rec.1"), present("rec.6"));  // the operand kinds (0: none)
        };
        claims.push_back(
            {kByteCount,
             "the byte count 3 + (4 per returned word when the caller's call has a destination, the frame "
             "head's has_dst), 0 when it traps" +
                 std::string(universal
                                 ? ""
                                 : " (the ROM's ret_words4 = 4 [a] + 4 [b], decoded by the rom obligation)"),
             [=, h = *has_dst](ExprContext& x) {
               Expr returned = x.ite(x.eq(value(x, h), x.constant(1, 32)), words(x), x.constant(0, 32));
               return x.ite(found(x), x.add(x.constant(trace::kAddressBytes, 32), returned),
                            x.constant(0, 32));
             },
             [universal](ExprContext& x) {
               if (universal) return x.boolean(true);
               Expr w = x.variable("ret_words4", 8);
               return x.lor(x.eq(w, x.constant(0, 8)),
                            x.lor(x.eq(w, x.constant(4, 8)), x.eq(w, x.constant(8, 8))));
             }});
      }
      also_assumed =
          "; the frame head returns the latest call record into the frame at fp (its head and margin "
          "obligations; "
          "call_records.cpp: a call writes its callee fp, mark 1, the caller's fp bytes, the pc after "
          "it and whether it has a destination), which is the frame the ISA's ret pops";
    } else {
      not_shown =
          "the caller's fp (B1..B3), the return pc and the bad-call trap (a frame without a call "
          "record) read the frame head's lookup, not bounded here";
    }
  }
  if (code == Opcode::GetC) {
    // The input head's values (getc.cpp): the winner's position, its byte, whether it is
    // an in:XX token. got: the winner is the input token at cursor + 1.
    std::optional<OpProver::HeadOutput> position = prover.head_output("input", 0),
                                        byte = prover.head_output("input", 1),
                                        is_input = prover.head_output("input", 2);
    auto value = [](ExprContext& x, const OpProver::HeadOutput& h) {
      return x.add(x.zero_extend(x.variable(h.variable, unsigned(h.bits)), 32),
                   x.constant(uint64_t(h.low), 32));
    };
    if (position && byte && is_input && position->bits <= 32 && byte->bits <= 32) {
      auto got = [=, p = *position, i = *is_input](ExprContext& x) {
        return x.land(x.eq(value(x, i), x.constant(1, 32)),
                      x.eq(value(x, p), x.add(three_bytes(x, "cursor."), x.constant(1, 32))));
      };
      for (int k = 0; k < trace::kAddressBytes; ++k)
        claims.push_back(equals(byte_component(k),
                                "B" + std::to_string(k + 1) + ": byte " + std::to_string(k) +
                                    " of the new cursor, cursor + [a byte was read]",
                                [=](ExprContext& x) {
                                  return byte_of(x,
                                                 x.add(three_bytes(x, "cursor."),
                                                       x.ite(got(x), x.constant(1, 32), x.constant(0, 32))),
                                                 k);
                                }));
      // The value: the byte read, else isa::kGetcEndOfInput.
      claims.push_back(equals(byte_component(trace::kAddressBytes),
                              "B4: the byte read, or byte 0 of isa::kGetcEndOfInput at the end of the input",
                              [=, b = *byte](ExprContext& x) {
                                return x.ite(got(x), value(x, b),
                                             x.constant(isa::kGetcEndOfInput & 0xFF, 32));
                              }));
      for (int k = 1; k < 4; ++k)
        claims.push_back(equals(byte_component(trace::kAddressBytes + k),
                                "B" + std::to_string(trace::kAddressBytes + k + 1) + ": 0, or byte " +
                                    std::to_string(k) + " of isa::kGetcEndOfInput at the end of the input",
                                [=](ExprContext& x) {
                                  return x.ite(got(x), x.constant(0, 32),
                                               x.constant((isa::kGetcEndOfInput >> (8 * k)) & 0xFF, 32));
                                }));
      also_assumed =
          "; the cursor bytes are the input cursor's (the register head's, like fp); the input head "
          "returns, for the query cursor + 1, the in:XX token at position cursor + 1 when the input has "
          "a byte there (its head and margin obligations; getc.cpp's keys), so [a byte was read] is the "
          "ISA's "
          "cursor < input size and the byte is input[cursor]";
    } else {
      not_shown = "the byte read and the new cursor read the input head's lookup, not bounded here";
    }
  }
  return obligation_of(prover, "op", op, op, claims,
                       "the tokens of " + op + " as the reference interpreter emits them", timeout_seconds,
                       not_shown, also_assumed);
}

std::vector<Obligation> trap_obligations(OpProver& prover, const neural::ModelConfig& config,
                                         const std::string& op, double timeout_seconds) {
  isa::Opcode code;
  if (!isa::opcode_from_mnemonic(op, code) || !(isa::is_load(code) || isa::is_division(code))) return {};
  const std::string name = op + (isa::is_load(code) ? " memory" : " division by zero");
  return {obligation_of(prover, "trap", name, op, control_claims(config, op),
                        "the trap token of " + op + " under the ISA's trap rule", timeout_seconds)};
}

std::vector<OpProver::ComponentClaim> control_claims(const neural::ModelConfig& config,
                                                     const std::string& op) {
  isa::Opcode code;
  if (!isa::opcode_from_mnemonic(op, code)) return {};
  std::vector<Claim> claims;
  const bool universal = config.mode == neural::ModelMode::Universal;
  if (isa::is_load(code)) {
    memory_trap(claims, machine_of(config), 'b');
  } else if (isa::is_division(code)) {
    auto zero = [](ExprContext& x) { return x.eq(operand(x, 'b'), x.constant(0, 32)); };
    claims.push_back(
        equals(trap_component(isa::TrapKind::DivideByZero), "the division trap exactly when b == 0", zero));
    claims.push_back(equals(kEndsWithPc, "ends with its next pc exactly when b != 0",
                            [=](ExprContext& x) { return x.lnot(zero(x)); }));
  } else if (control_attempts(op)) {
    claims = claims_of(code, machine_of(config), universal);
  }
  // The ROM's outgoing area is one field twice: the word `out` and its bytes out0..out2.
  for (Claim& c : claims) {
    auto agree = [](ExprContext& x) { return x.eq(x.variable("out", 32), three_bytes(x, "out")); };
    c.assume = c.assume ? [agree, first = c.assume](ExprContext& x) { return x.land(first(x), agree(x)); }
                        : std::function<Expr(ExprContext&)>(agree);
  }
  return claims;
}

}  // namespace c2w::verify
