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
// trace_format.h; what every op computes, and every rule of calls, memory and input,
// in semantics.h — read by the reference interpreter, the symbolic executor and the
// weight compiler alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace c2w::isa {

// X-macro: name, mnemonic, number of source operands, writes a 32-bit dst word.
#define C2W_OPCODES(X)                                                                        \
  X(Mov, "mov", 1, true) /* dst = a */                                                        \
  X(Add, "add", 2, true)                                                                      \
  X(Sub, "sub", 2, true)                                                                      \
  X(Mul, "mul", 2, true)     /* low 32 bits of a*b */                                         \
  X(MulHU, "mulhu", 2, true) /* high 32 bits of unsigned a*b */                               \
  X(MulHS, "mulhs", 2, true) /* high 32 bits of signed a*b */                                 \
  X(DivU, "divu", 2, true)   /* traps on b == 0 */                                            \
  X(DivS, "divs", 2, true)   /* traps on b == 0; INT_MIN/-1 = INT_MIN */                      \
  X(RemU, "remu", 2, true)                                                                    \
  X(RemS, "rems", 2, true) /* INT_MIN % -1 = 0 */                                             \
  X(And, "and", 2, true)                                                                      \
  X(Or, "or", 2, true)                                                                        \
  X(Xor, "xor", 2, true)                                                                      \
  X(Shl, "shl", 2, true) /* shift amounts are taken mod 32 */                                 \
  X(ShrU, "shr_u", 2, true)                                                                   \
  X(ShrS, "shr_s", 2, true)                                                                   \
  X(Eq, "eq", 2, true) /* comparisons give 0 or 1 */                                          \
  X(Ne, "ne", 2, true)                                                                        \
  X(LtS, "lt_s", 2, true)                                                                     \
  X(LeS, "le_s", 2, true)                                                                     \
  X(LtU, "lt_u", 2, true)                                                                     \
  X(LeU, "le_u", 2, true)                                                                     \
  X(Select, "select", 3, true) /* dst = a != 0 ? b : c */                                     \
  X(SExt8, "sext8", 1, true)   /* sign-extend the low byte */                                 \
  X(SExt16, "sext16", 1, true)                                                                \
  X(Lea, "lea", 1, true)    /* dst = fp + a (a immediate) */                                  \
  X(Ld8U, "ld8_u", 2, true) /* dst = zext mem8[a + b] */                                      \
  X(Ld8S, "ld8_s", 2, true)                                                                   \
  X(Ld16U, "ld16_u", 2, true)                                                                 \
  X(Ld16S, "ld16_s", 2, true)                                                                 \
  X(Ld32, "ld32", 2, true)                                                                    \
  X(St8, "st8", 3, false) /* mem8[a + c] = b */                                               \
  X(St16, "st16", 3, false)                                                                   \
  X(St32, "st32", 3, false)                                                                   \
  X(Jmp, "jmp", 0, false)    /* pc = target */                                                \
  X(BrEq, "br_eq", 2, false) /* if a == b: pc = target */                                     \
  X(BrNe, "br_ne", 2, false)                                                                  \
  X(BrLtS, "br_lt_s", 2, false)                                                               \
  X(BrLeS, "br_le_s", 2, false)                                                               \
  X(BrLtU, "br_lt_u", 2, false)                                                               \
  X(BrLeU, "br_le_u", 2, false)                                                               \
  X(Call, "call", 1, false)   /* call target; a = outgoing offset */                          \
  X(CallI, "calli", 2, false) /* call the function whose address is a; b = outgoing offset */ \
  X(Ret, "ret", 2, false)     /* return a (lo), b (hi) to the caller's dst */                 \
  X(GetC, "getc", 0, true)    /* dst = next input byte, or -1 */                              \
  X(PutC, "putc", 1, false)   /* output byte a & 255 */                                       \
  X(Halt, "halt", 1, false)   /* stop, exit code a & 255 */                                   \
  X(Trap, "trap", 0, false)   /* stop with an abort trap */                                   \
  /* bit counts (appended, so earlier binary programs keep their encoding) */                 \
  X(Popcnt, "popcnt", 1, true) /* dst = number of 1 bits of a */                              \
  X(Clz, "clz", 1, true)       /* leading zero bits of a (32 for 0) */                        \
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
  std::vector<Function> functions;         // sorted by entry pc; [0] is the start stub
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

// ---- traps ----

enum class TrapKind : uint8_t { None, DivideByZero, MemoryOutOfBounds, StackOverflow, BadCall, Abort };
const char* trap_name(TrapKind kind);         // "div0", "mem", ...
const char* trap_description(TrapKind kind);  // "division by zero", ...

inline bool is_division(Opcode op) { return op >= Opcode::DivU && op <= Opcode::RemS; }

}  // namespace c2w::isa
