// The c2w machine: its instruction set, its programs, and the one definition of what
// every operation computes.
//
// A register/frame-slot machine. An instruction is `op dst, a, b, c` where each
// operand is a frame slot (`%off`: the 32-bit little-endian word at fp+off), an
// absolute memory word (`@addr`), or an immediate (`#imm`). Frames live in memory,
// so a pointer to a local is an ordinary address. One C-level operation is one
// instruction; 64-bit C values are lowered to pairs of 32-bit instructions.
//
// Memory is one byte array [0, memory_size): a null guard page [0, data_base), the
// data image (globals), the stack (frames grow upward from stack_base), and the
// heap up to memory_size. Accesses below data_base or past the end trap.
//
// Calls: the caller writes its arguments into its own outgoing area, which starts at
// frame offset `out` (operand b of call/calli); the callee's frame pointer is
// fp + out, so the arguments are the callee's parameters at %0, %4, ... (i386 cdecl
// layout: 4-byte slots, 64-bit values take two, by-value structs are copied in).
// `ret` writes its 0, 1 or 2 words into the caller's `dst` and resumes after the call.
//
// Besides pc and memory the machine has two registers, fp and the input cursor
// (how many input bytes getc has consumed); the trace spells them out whenever they
// change (trace_format.h).
//
// The token trace (the contract every engine reproduces) is defined in
// trace_format.h; the semantics below are shared by the reference interpreter and
// the symbolic executor.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace c2w::isa {

// X-macro: name, mnemonic, number of source operands, writes a 32-bit dst word.
#define C2W_OPCODES(X)                                                   \
  X(Mov, "mov", 1, true)     /* dst = a */                               \
  X(Add, "add", 2, true)                                                 \
  X(Sub, "sub", 2, true)                                                 \
  X(Mul, "mul", 2, true)     /* low 32 bits of a*b */                    \
  X(MulHU, "mulhu", 2, true) /* high 32 bits of unsigned a*b */          \
  X(MulHS, "mulhs", 2, true) /* high 32 bits of signed a*b */            \
  X(DivU, "divu", 2, true)   /* traps on b == 0 */                       \
  X(DivS, "divs", 2, true)   /* traps on b == 0; INT_MIN/-1 = INT_MIN */ \
  X(RemU, "remu", 2, true)                                               \
  X(RemS, "rems", 2, true)   /* INT_MIN % -1 = 0 */                      \
  X(And, "and", 2, true)                                                 \
  X(Or, "or", 2, true)                                                   \
  X(Xor, "xor", 2, true)                                                 \
  X(Shl, "shl", 2, true)     /* shift amounts are taken mod 32 */        \
  X(ShrU, "shr_u", 2, true)                                              \
  X(ShrS, "shr_s", 2, true)                                              \
  X(Eq, "eq", 2, true)       /* comparisons give 0 or 1 */               \
  X(Ne, "ne", 2, true)                                                   \
  X(LtS, "lt_s", 2, true)                                                \
  X(LeS, "le_s", 2, true)                                                \
  X(LtU, "lt_u", 2, true)                                                \
  X(LeU, "le_u", 2, true)                                                \
  X(Select, "select", 3, true) /* dst = a != 0 ? b : c */                \
  X(SExt8, "sext8", 1, true)   /* sign-extend the low byte */            \
  X(SExt16, "sext16", 1, true)                                           \
  X(Lea, "lea", 1, true)       /* dst = fp + a (a immediate) */          \
  X(Ld8U, "ld8_u", 2, true)    /* dst = zext mem8[a + b] */              \
  X(Ld8S, "ld8_s", 2, true)                                              \
  X(Ld16U, "ld16_u", 2, true)                                            \
  X(Ld16S, "ld16_s", 2, true)                                            \
  X(Ld32, "ld32", 2, true)                                               \
  X(St8, "st8", 3, false)      /* mem8[a + c] = b */                     \
  X(St16, "st16", 3, false)                                              \
  X(St32, "st32", 3, false)                                              \
  X(Jmp, "jmp", 0, false)      /* pc = target */                         \
  X(BrEq, "br_eq", 2, false)   /* if a == b: pc = target */              \
  X(BrNe, "br_ne", 2, false)                                             \
  X(BrLtS, "br_lt_s", 2, false)                                          \
  X(BrLeS, "br_le_s", 2, false)                                          \
  X(BrLtU, "br_lt_u", 2, false)                                          \
  X(BrLeU, "br_le_u", 2, false)                                          \
  X(Call, "call", 1, false)    /* call target; a = outgoing offset */    \
  X(CallI, "calli", 2, false)  /* call the function whose address is a; b = outgoing offset */ \
  X(Ret, "ret", 2, false)      /* return a (lo), b (hi) to the caller's dst */ \
  X(GetC, "getc", 0, true)     /* dst = next input byte, or -1 */        \
  X(PutC, "putc", 1, false)    /* output byte a & 255 */                 \
  X(Halt, "halt", 1, false)    /* stop, exit code a & 255 */             \
  X(Trap, "trap", 0, false)    /* stop with an abort trap */      \
  /* bit counts (appended, so earlier binary programs keep their encoding) */ \
  X(Popcnt, "popcnt", 1, true) /* dst = number of 1 bits of a */      \
  X(Clz, "clz", 1, true)       /* leading zero bits of a (32 for 0) */ \
  X(Ctz, "ctz", 1, true)       /* trailing zero bits of a (32 for 0) */

enum class Opcode : uint8_t {
#define C2W_ENUM(name, mnemonic, sources, writes) name,
  C2W_OPCODES(C2W_ENUM)
#undef C2W_ENUM
};

struct OpcodeInfo {
  const char* mnemonic;
  int source_count;
  bool writes_dst_word;
};

constexpr OpcodeInfo kOpcodeInfo[] = {
#define C2W_INFO(name, mnemonic, sources, writes) {mnemonic, sources, writes},
    C2W_OPCODES(C2W_INFO)
#undef C2W_INFO
};
constexpr int kOpcodeCount = sizeof(kOpcodeInfo) / sizeof(kOpcodeInfo[0]);

inline const OpcodeInfo& info(Opcode op) { return kOpcodeInfo[static_cast<int>(op)]; }
bool opcode_from_mnemonic(std::string_view mnemonic, Opcode& out);

inline bool is_branch(Opcode op) { return op >= Opcode::BrEq && op <= Opcode::BrLeU; }
inline bool has_target(Opcode op) { return op == Opcode::Jmp || is_branch(op) || op == Opcode::Call; }
inline bool is_store(Opcode op) { return op >= Opcode::St8 && op <= Opcode::St32; }
inline bool is_load(Opcode op) { return op >= Opcode::Ld8U && op <= Opcode::Ld32; }
inline int store_width(Opcode op) { return op == Opcode::St8 ? 1 : op == Opcode::St16 ? 2 : 4; }

enum class OperandKind : uint8_t { None, Slot, Abs, Imm };

struct Operand {
  OperandKind kind = OperandKind::None;
  int32_t value = 0;  // Slot: byte offset from fp; Abs: address; Imm: the value

  static Operand none() { return {}; }
  static Operand slot(int32_t offset) { return {OperandKind::Slot, offset}; }
  static Operand abs(uint32_t address) { return {OperandKind::Abs, static_cast<int32_t>(address)}; }
  static Operand imm(uint32_t value) { return {OperandKind::Imm, static_cast<int32_t>(value)}; }
  bool is_none() const { return kind == OperandKind::None; }
  bool operator==(const Operand&) const = default;
};

struct Instruction {
  Opcode op = Opcode::Trap;
  Operand dst, a, b, c;
  uint32_t target = 0;  // branch/jump target pc, or the callee's entry pc for `call`
  bool operator==(const Instruction&) const = default;
};

struct SourceLocation {
  uint32_t file = 0;  // index into Program::files; 0 = unknown
  uint32_t line = 0;
  uint32_t column = 0;
  bool operator==(const SourceLocation&) const = default;
};

struct Function {
  std::string name;
  uint32_t entry = 0;       // first pc
  uint32_t end = 0;         // one past the last pc
  uint32_t frame_size = 0;  // bytes, including parameters and the outgoing area
  bool operator==(const Function&) const = default;
};

// A linked program: code, initial memory image and the layout of memory.
struct Program {
  std::vector<Instruction> code;
  std::vector<Function> functions;        // sorted by entry pc; [0] is the start stub
  std::vector<SourceLocation> source_map;  // one per pc
  std::vector<std::string> files;          // files[0] = "" (unknown)
  std::vector<uint8_t> data;               // initial bytes at data_base
  uint32_t data_base = 0x1000;
  uint32_t stack_base = 0;
  uint32_t stack_size = 0;
  uint32_t heap_base = 0;
  uint32_t memory_size = 0;
  bool operator==(const Program&) const = default;

  // The function containing pc, or nullptr.
  const Function* function_at(uint32_t pc) const;
  // The function whose entry is pc, or nullptr (valid targets of calli).
  const Function* function_entered_at(uint32_t pc) const;
  std::string describe_location(uint32_t pc) const;  // "file.c:12:5" or ""
};

// Default memory layout (bytes). Addresses stay below 2^24: the trace spells an
// address in three bytes, and a transformer keys memory lookups by address exactly.
constexpr uint32_t kMaxMemorySize = 1u << 24;
constexpr uint32_t kDefaultMemorySize = 8u << 20;
constexpr uint32_t kDefaultStackSize = 1u << 20;
constexpr uint32_t kNullGuardSize = 0x1000;

// ---- semantics: the single definition shared by every executor ----

enum class TrapKind : uint8_t { None, DivideByZero, MemoryOutOfBounds, StackOverflow, BadCall, Abort };
const char* trap_name(TrapKind kind);         // "div0", "mem", ...
const char* trap_description(TrapKind kind);  // "division by zero", ...

inline bool is_division(Opcode op) { return op >= Opcode::DivU && op <= Opcode::RemS; }

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
  static Value add(Value a, Value b) { return a + b; }
  static Value sub(Value a, Value b) { return a - b; }
  static Value mul(Value a, Value b) { return a * b; }
  static Value mul_high_unsigned(Value a, Value b) { return static_cast<uint32_t>((uint64_t(a) * uint64_t(b)) >> 32); }
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

}  // namespace c2w::isa
