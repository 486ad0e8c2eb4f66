// What every op of the c2w machine does: the one definition that the reference
// interpreter, the symbolic executor and the weight compiler all read (ggml's single
// op table, as STYLE.md asks).
//
// Two kinds of definitions live here:
// * Value semantics, written once over a *domain* (a type with Value, Bool and the
//   operations used below): the reference interpreter instantiates them with
//   ConcreteDomain (uint32_t), the symbolic executor with bit-vector expressions.
// * The machine's rules as plain functions and constants: access widths and sign
//   extension, operand addresses, the call/ret frame discipline and the stack-overflow
//   check, the memory bounds, getc at the end of input, halt's exit code and the
//   process exit codes of a trap and of the step limit. The weight compiler builds its
//   gadgets from the same rules (its ROM fields and trap conditions read them).
#pragma once

#include <bit>
#include <cstdint>

#include "isa/isa.h"

namespace c2w::isa {

// ---- process exit codes and byte results ----

constexpr int kExitTrap = 134;       // a trap (SIGABRT's shell status)
constexpr int kExitStepLimit = 124;  // the step or token budget ran out (timeout's status)
// The exit code of `halt a` and the byte `putc a` writes: the low byte of a.
inline uint32_t low_byte(uint32_t a) { return a & 0xFF; }
// What getc gives when the input is exhausted (the input cursor then stays put).
constexpr uint32_t kGetcEndOfInput = 0xFFFFFFFFu;

// ---- memory ----

// Bytes a load or store moves: 1, 2 or 4.
inline int access_width(Opcode op) {
  switch (op) {
    case Opcode::Ld8U:
    case Opcode::Ld8S:
    case Opcode::St8: return 1;
    case Opcode::Ld16U:
    case Opcode::Ld16S:
    case Opcode::St16: return 2;
    default: return 4;
  }
}
inline bool is_signed_load(Opcode op) { return op == Opcode::Ld8S || op == Opcode::Ld16S; }

// An access of `width` bytes at `address` is inside memory: above the null guard,
// below the end. Anything else traps (TrapKind::MemoryOutOfBounds).
inline bool access_in_bounds(const Program& p, uint64_t address, uint32_t width) {
  return address >= p.data_base && address + width <= p.memory_size;
}

// The address of a memory operand (a frame slot or an absolute word).
inline uint32_t operand_address(const Operand& o, uint32_t fp) {
  return o.kind == OperandKind::Slot ? fp + uint32_t(o.value) : uint32_t(o.value);
}

// lea: the address of a frame slot.
inline uint32_t lea_value(const Instruction& ins, uint32_t fp) { return fp + uint32_t(ins.a.value); }

// ---- memory before the program runs ----

// The byte at `address` before the program runs: its data image, or 0.
inline uint32_t initial_byte(const Program& p, uint32_t address) {
  if (address >= p.data_base && address - p.data_base < p.data.size()) return p.data[address - p.data_base];
  return 0;
}

// ---- calls and returns ----

// A call's outgoing area (operand a of call, b of calli): the callee's fp is fp + out.
inline uint32_t outgoing_offset(const Instruction& call) {
  return uint32_t(call.op == Opcode::Call ? call.a.value : call.b.value);
}
inline uint32_t callee_fp(const Instruction& call, uint32_t fp) { return fp + outgoing_offset(call); }
// The highest callee fp whose frame of `frame_size` bytes still ends inside the stack;
// a call to a higher fp traps (TrapKind::StackOverflow).
inline int64_t highest_callee_fp(const Program& p, uint32_t frame_size) {
  return int64_t(p.stack_base) + int64_t(p.stack_size) - int64_t(frame_size);
}
inline bool frame_fits(const Program& p, uint32_t callee_fp, uint32_t frame_size) {
  return int64_t(callee_fp) <= highest_callee_fp(p, frame_size);
}
// Frame sizes by entry pc: the functions a call may enter (never the start stub);
// kNotAnEntry elsewhere. A call to any other pc traps (TrapKind::BadCall).
constexpr uint32_t kNotAnEntry = 0xFFFFFFFFu;
inline std::vector<uint32_t> entry_frame_sizes(const Program& p) {
  std::vector<uint32_t> sizes(p.code.size(), kNotAnEntry);
  for (size_t i = 1; i < p.functions.size(); ++i) sizes[p.functions[i].entry] = p.functions[i].frame_size;
  return sizes;
}
// ret writes its words (a: low, b: high; absent operands write nothing) to the
// caller's destination, at the caller's fp, and resumes after the call.
inline int returned_words(const Instruction& ret) { return (!ret.a.is_none()) + (!ret.b.is_none()); }

// ---- values ----

// The semantics of every computing instruction, written once over a *domain*: the
// reference interpreter instantiates it with ConcreteDomain (uint32_t), the symbolic
// executor with bit-vector expressions. A domain provides Value (a 32-bit word) and
// Bool, and the operations used below. Division by zero is not a value: executors
// check `is_division(op)` and the divisor first, and trap.
template <class D>
typename D::Value apply_binary(D& d, Opcode op, typename D::Value a, typename D::Value b) {
  switch (op) {
    case Opcode::Add: return d.add(a, b);
    case Opcode::Sub: return d.sub(a, b);
    case Opcode::Mul: return d.mul(a, b);
    case Opcode::MulHU: return d.mul_high_unsigned(a, b);
    case Opcode::MulHS: return d.mul_high_signed(a, b);
    case Opcode::DivU: return d.div_unsigned(a, b);
    case Opcode::DivS: return d.div_signed(a, b);  // INT_MIN / -1 wraps to INT_MIN
    case Opcode::RemU: return d.rem_unsigned(a, b);
    case Opcode::RemS: return d.rem_signed(a, b);  // INT_MIN % -1 is 0
    case Opcode::And: return d.bit_and(a, b);
    case Opcode::Or: return d.bit_or(a, b);
    case Opcode::Xor: return d.bit_xor(a, b);
    case Opcode::Shl: return d.shift_left(a, d.bit_and(b, d.constant(31)));
    case Opcode::ShrU: return d.shift_right_unsigned(a, d.bit_and(b, d.constant(31)));
    case Opcode::ShrS: return d.shift_right_signed(a, d.bit_and(b, d.constant(31)));
    case Opcode::Eq: return d.from_bool(d.equal(a, b));
    case Opcode::Ne: return d.from_bool(d.bool_not(d.equal(a, b)));
    case Opcode::LtS: return d.from_bool(d.less_signed(a, b));
    case Opcode::LeS: return d.from_bool(d.less_equal_signed(a, b));
    case Opcode::LtU: return d.from_bool(d.less_unsigned(a, b));
    case Opcode::LeU: return d.from_bool(d.less_equal_unsigned(a, b));
    default: return d.constant(0);
  }
}

// The condition under which a branch is taken.
template <class D>
typename D::Bool apply_branch(D& d, Opcode op, typename D::Value a, typename D::Value b) {
  switch (op) {
    case Opcode::BrEq: return d.equal(a, b);
    case Opcode::BrNe: return d.bool_not(d.equal(a, b));
    case Opcode::BrLtS: return d.less_signed(a, b);
    case Opcode::BrLeS: return d.less_equal_signed(a, b);
    case Opcode::BrLtU: return d.less_unsigned(a, b);
    default: return d.less_equal_unsigned(a, b);
  }
}

// mov, sext8, sext16, popcnt, clz, ctz.
template <class D>
typename D::Value apply_unary(D& d, Opcode op, typename D::Value a) {
  switch (op) {
    case Opcode::SExt8: return d.sign_extend_low(a, 8);
    case Opcode::SExt16: return d.sign_extend_low(a, 16);
    case Opcode::Popcnt: return d.count_ones(a);
    case Opcode::Clz: return d.count_leading_zeros(a);
    case Opcode::Ctz: return d.count_trailing_zeros(a);
    default: return a;
  }
}

// The concrete domain: plain 32-bit words.
struct ConcreteDomain {
  using Value = uint32_t;
  using Bool = bool;
  static Value constant(uint32_t v) { return v; }
  static Value from_bool(bool b) { return b ? 1 : 0; }
  static bool bool_not(bool b) { return !b; }
  static Value ite(bool c, Value a, Value b) { return c ? a : b; }
  static Value add(Value a, Value b) { return a + b; }
  static Value sub(Value a, Value b) { return a - b; }
  static Value mul(Value a, Value b) { return a * b; }
  static Value mul_high_unsigned(Value a, Value b) {
    return static_cast<uint32_t>((uint64_t(a) * uint64_t(b)) >> 32);
  }
  static Value mul_high_signed(Value a, Value b) {
    return static_cast<uint32_t>(static_cast<uint64_t>(int64_t(int32_t(a)) * int64_t(int32_t(b))) >> 32);
  }
  static Value div_unsigned(Value a, Value b) { return a / b; }
  static Value rem_unsigned(Value a, Value b) { return a % b; }
  static Value div_signed(Value a, Value b) {
    return a == 0x80000000u && b == 0xFFFFFFFFu ? a : static_cast<uint32_t>(int32_t(a) / int32_t(b));
  }
  static Value rem_signed(Value a, Value b) {
    return a == 0x80000000u && b == 0xFFFFFFFFu ? 0 : static_cast<uint32_t>(int32_t(a) % int32_t(b));
  }
  static Value bit_and(Value a, Value b) { return a & b; }
  static Value bit_or(Value a, Value b) { return a | b; }
  static Value bit_xor(Value a, Value b) { return a ^ b; }
  static Value shift_left(Value a, Value b) { return a << b; }
  static Value shift_right_unsigned(Value a, Value b) { return a >> b; }
  static Value shift_right_signed(Value a, Value b) { return static_cast<uint32_t>(int32_t(a) >> b); }
  static bool equal(Value a, Value b) { return a == b; }
  static bool less_signed(Value a, Value b) { return int32_t(a) < int32_t(b); }
  static bool less_equal_signed(Value a, Value b) { return int32_t(a) <= int32_t(b); }
  static bool less_unsigned(Value a, Value b) { return a < b; }
  static bool less_equal_unsigned(Value a, Value b) { return a <= b; }
  static Value sign_extend_low(Value a, int bits) {
    return static_cast<uint32_t>(int32_t(a << (32 - bits)) >> (32 - bits));
  }
  static Value count_ones(Value a) { return static_cast<uint32_t>(std::popcount(a)); }
  static Value count_leading_zeros(Value a) { return static_cast<uint32_t>(std::countl_zero(a)); }
  static Value count_trailing_zeros(Value a) { return static_cast<uint32_t>(std::countr_zero(a)); }
};

// Concrete conveniences over the shared definitions.
inline uint32_t eval_binary(Opcode op, uint32_t a, uint32_t b, TrapKind& trap) {
  if (is_division(op) && b == 0) {
    trap = TrapKind::DivideByZero;
    return 0;
  }
  ConcreteDomain d;
  return apply_binary(d, op, a, b);
}
inline bool eval_branch(Opcode op, uint32_t a, uint32_t b) {
  ConcreteDomain d;
  return apply_branch(d, op, a, b);
}
inline uint32_t eval_unary(Opcode op, uint32_t a) {
  ConcreteDomain d;
  return apply_unary(d, op, a);
}

// select: dst = a != 0 ? b : c.
template <class D>
typename D::Value apply_select(D& d, typename D::Value a, typename D::Value b, typename D::Value c) {
  return d.ite(d.bool_not(d.equal(a, d.constant(0))), b, c);
}

// A loaded value (its low `access_width` bytes) extended to a word: sign extension
// for ld8_s and ld16_s, the bytes as they are otherwise.
template <class D>
typename D::Value extend_loaded(D& d, Opcode op, typename D::Value v) {
  if (op == Opcode::Ld8S) return d.sign_extend_low(v, 8);
  if (op == Opcode::Ld16S) return d.sign_extend_low(v, 16);
  return v;
}

}  // namespace c2w::isa
