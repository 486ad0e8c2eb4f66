// The reference interpreter (see reference_interpreter.h).
//
// One loop, templated on whether the token trace is recorded: without recording it
// only counts tokens, which keeps it fast (the design asks for >= 50 M instructions
// per second). The per-step token rule lives in the `emit_*` helpers, once.
#include "runtime/reference_interpreter.h"

#include <cstring>

#include "isa/isa_text.h"
#include "isa/semantics.h"

namespace c2w::runtime {
namespace {

using isa::Opcode;
using isa::OperandKind;
using isa::TrapKind;

struct Frame {
  uint32_t return_pc;
  uint32_t fp;
  isa::Operand dst;
};

template <bool Record>
class Machine {
 public:
  Machine(const isa::Program& p, const RunOptions& o, RunResult& r)
      : p_(p),
        options_(o),
        r_(r),
        memory_(size_t(p.memory_size) + 16, 0),
        entry_frame_(isa::entry_frame_sizes(p)) {
    std::memcpy(memory_.data() + p.data_base, p.data.data(), p.data.size());
  }

  void run() {
    auto prompt = prompt_tokens(options_.input);
    r_.prompt_tokens = prompt.size();
    if constexpr (Record) r_.trace = prompt;
    tokens_ = prompt.size();
    uint32_t pc = 0;
    uint32_t fp = p_.stack_base;
    const isa::Instruction* code = p_.code.data();
    const uint32_t code_size = static_cast<uint32_t>(p_.code.size());
    uint64_t steps = 0;
    const uint64_t max_steps = options_.max_steps;
    size_t input_pos = 0;
    TrapKind trap = TrapKind::None;

    auto read = [&](const isa::Operand& o) -> uint32_t {
      switch (o.kind) {
        case OperandKind::Slot: return load32(fp + uint32_t(o.value));
        case OperandKind::Abs: return load32(uint32_t(o.value));
        case OperandKind::Imm: return uint32_t(o.value);
        default: return 0;
      }
    };
    // A destination write spells the value's bytes up to the highest one that
    // differs from what the destination holds (none when the value is unchanged); the
    // bytes above are already in memory (trace_format.h). getc spells all four.
    auto write = [&](const isa::Operand& o, uint32_t value, bool delta = true) {
      uint32_t address = isa::operand_address(o, fp);
      uint32_t count = 4;
      if (delta)
        for (uint32_t changed = load32(address) ^ value; count > 0 && (changed >> (8 * (count - 1))) == 0;)
          --count;
      store32(address, value);
      emit_bytes(value, count);
    };

    while (true) {
      if (steps >= max_steps) {
        r_.status = RunStatus::StepLimit;
        r_.exit_code = isa::kExitStepLimit;
        r_.stop_pc = pc;
        r_.message = "step limit of " + std::to_string(max_steps) + " instructions reached at pc " +
                     std::to_string(pc) + where(pc) + " (raise it with --max-steps)";
        break;
      }
      if (pc >= code_size) {  // cannot happen in a validated program
        trap = TrapKind::BadCall;
        break;
      }
      const isa::Instruction& ins = code[pc];
      ++steps;
      uint32_t next = pc + 1;
      switch (ins.op) {
        case Opcode::Mov:
        case Opcode::SExt8:
        case Opcode::SExt16:
        case Opcode::Popcnt:
        case Opcode::Clz:
        case Opcode::Ctz: write(ins.dst, isa::eval_unary(ins.op, read(ins.a))); break;
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
        case Opcode::LeU: write(ins.dst, isa::eval_binary(ins.op, read(ins.a), read(ins.b), trap)); break;
        case Opcode::DivU:
        case Opcode::DivS:
        case Opcode::RemU:
        case Opcode::RemS: {
          uint32_t value = isa::eval_binary(ins.op, read(ins.a), read(ins.b), trap);
          if (trap != TrapKind::None) break;
          write(ins.dst, value);
          break;
        }
        case Opcode::Select:
          write(ins.dst, isa::apply_select(domain_, read(ins.a), read(ins.b), read(ins.c)));
          break;
        case Opcode::Lea: write(ins.dst, isa::lea_value(ins, fp)); break;
        case Opcode::Ld8U:
        case Opcode::Ld8S:
        case Opcode::Ld16U:
        case Opcode::Ld16S:
        case Opcode::Ld32: {
          uint32_t address = read(ins.a) + read(ins.b);
          uint32_t width = uint32_t(isa::access_width(ins.op));
          if (!isa::access_in_bounds(p_, address, width)) {
            trap = TrapKind::MemoryOutOfBounds;
            break;
          }
          uint32_t value = width == 4 ? load32(address) : width == 2 ? load16(address) : memory_[address];
          write(ins.dst, isa::extend_loaded(domain_, ins.op, value));
          break;
        }
        case Opcode::St8:
        case Opcode::St16:
        case Opcode::St32: {
          uint32_t address = read(ins.a) + read(ins.c);
          uint32_t width = uint32_t(isa::access_width(ins.op));
          if (!isa::access_in_bounds(p_, address, width)) {
            trap = TrapKind::MemoryOutOfBounds;
            break;
          }
          uint32_t value = read(ins.b);
          std::memcpy(&memory_[address], &value, width);  // little-endian host
          emit_bytes(address, trace::kAddressBytes);
          emit_bytes(value, width);
          break;
        }
        case Opcode::Jmp: next = ins.target; break;
        case Opcode::BrEq:
        case Opcode::BrNe:
        case Opcode::BrLtS:
        case Opcode::BrLeS:
        case Opcode::BrLtU:
        case Opcode::BrLeU:
          if (isa::eval_branch(ins.op, read(ins.a), read(ins.b))) next = ins.target;
          break;
        case Opcode::Call:
        case Opcode::CallI: {
          uint32_t target = ins.op == Opcode::Call ? ins.target : read(ins.a);
          if (target >= code_size || entry_frame_[target] == isa::kNotAnEntry) {
            trap = TrapKind::BadCall;
            break;
          }
          uint32_t callee_fp = isa::callee_fp(ins, fp);
          if (!isa::frame_fits(p_, callee_fp, entry_frame_[target])) {
            trap = TrapKind::StackOverflow;
            break;
          }
          frames_.push_back({pc + 1, fp, ins.dst});
          fp = callee_fp;
          emit_bytes(fp, trace::kAddressBytes);
          next = target;
          break;
        }
        case Opcode::Ret: {
          if (frames_.empty()) {
            trap = TrapKind::BadCall;
            break;
          }
          uint32_t lo = read(ins.a), hi = read(ins.b);
          Frame frame = frames_.back();
          frames_.pop_back();
          fp = frame.fp;
          next = frame.return_pc;
          emit_bytes(fp, trace::kAddressBytes);
          if (!frame.dst.is_none()) {
            uint32_t address = isa::operand_address(frame.dst, fp);
            if (!ins.a.is_none()) {
              store32(address, lo);
              emit_bytes(lo, 4);
            }
            if (!ins.b.is_none()) {
              store32(address + 4, hi);
              emit_bytes(hi, 4);
            }
          }
          break;
        }
        case Opcode::GetC: {
          uint32_t value =
              input_pos < options_.input.size() ? uint8_t(options_.input[input_pos++]) : isa::kGetcEndOfInput;
          emit_bytes(uint32_t(input_pos), trace::kAddressBytes);
          write(ins.dst, value, false);
          break;
        }
        case Opcode::PutC: {
          uint32_t byte = isa::low_byte(read(ins.a));
          r_.output.push_back(static_cast<char>(byte));
          emit(trace::out_token(byte));
          break;
        }
        case Opcode::Halt: {
          uint32_t code_byte = isa::low_byte(read(ins.a));
          emit(trace::byte_token(code_byte));
          emit(trace::kHalt);
          r_.status = RunStatus::Halted;
          r_.exit_code = int(code_byte);
          r_.stop_pc = pc;
          finish(steps);
          return;
        }
        case Opcode::Trap: trap = TrapKind::Abort; break;
      }
      if (trap != TrapKind::None) {
        emit(trace::trap_token(uint32_t(trap)));
        r_.status = RunStatus::Trapped;
        r_.trap = trap;
        r_.exit_code = isa::kExitTrap;
        r_.stop_pc = pc;
        r_.message = std::string("trap: ") + isa::trap_description(trap) + " at pc " + std::to_string(pc) +
                     " (" + isa::print_instruction(ins) + ")" + where(pc);
        break;
      }
      emit(trace::pc_token(next));
      pc = next;
    }
    finish(steps);
  }

 private:
  void finish(uint64_t steps) {
    r_.instructions = steps;
    r_.tokens = tokens_;
  }

  std::string where(uint32_t pc) const {
    std::string s;
    if (const isa::Function* f = p_.function_at(pc)) s += " in " + f->name;
    std::string loc = p_.describe_location(pc);
    if (!loc.empty()) s += ", " + loc;
    return s;
  }

  uint32_t load32(uint32_t address) const {
    uint32_t v;
    std::memcpy(&v, &memory_[address], 4);
    return v;
  }
  uint32_t load16(uint32_t address) const {
    uint16_t v;
    std::memcpy(&v, &memory_[address], 2);
    return v;
  }
  void store32(uint32_t address, uint32_t value) { std::memcpy(&memory_[address], &value, 4); }

  void emit(trace::Token t) {
    ++tokens_;
    if constexpr (Record) r_.trace.push_back(t);
  }
  void emit_bytes(uint32_t value, uint32_t count) {
    tokens_ += count;
    if constexpr (Record)
      for (uint32_t i = 0; i < count; ++i) r_.trace.push_back(trace::byte_token(value >> (8 * i)));
  }

  const isa::Program& p_;
  const RunOptions& options_;
  RunResult& r_;
  std::vector<uint8_t> memory_;
  std::vector<uint32_t> entry_frame_;  // isa::entry_frame_sizes
  std::vector<Frame> frames_;
  uint64_t tokens_ = 0;
  isa::ConcreteDomain domain_;
};

}  // namespace

std::vector<trace::Token> prompt_tokens(const std::string& input) {
  std::vector<trace::Token> t;
  t.reserve(input.size() + 3);
  t.push_back(trace::kBos);
  for (unsigned char c : input) t.push_back(trace::in_token(c));
  t.push_back(trace::kEndOfInput);
  t.push_back(trace::pc_token(0));
  return t;
}

RunResult run_reference(const isa::Program& program, const RunOptions& options) {
  RunResult result;
  if (options.record_trace)
    Machine<true>(program, options, result).run();
  else
    Machine<false>(program, options, result).run();
  return result;
}

}  // namespace c2w::runtime
