// The token trace: the sequence of tokens a c2w program's execution is, and that
// every engine (the reference interpreter, the transformer engines) reproduces token
// for token.
//
// A trace is a prompt followed by one group of tokens per executed instruction:
//
//   prompt : <bos> in:XX ... <eoi> @entry
//   step   : [register and address bytes] [written bytes] @next_pc
//   end    : ... xCC <halt>   |   <trap:KIND>
//
// What a step spells, by instruction (bytes little-endian; an address or register is
// 3 bytes, since memory is below 2^24):
//
//   op with a destination     value (0..4: up to its highest changed byte) @next
//   getc                      new input cursor (3), value (4)           @next
//   st8 / st16 / st32         address (3), stored bytes (1 / 2 / 4)     @next
//   call / calli              the callee's fp (3)                       @next
//   ret                       the caller's fp (3), value (0 / 4 / 8)    @next
//   jmp / br_*                                                          @next
//   putc                      out:XX                                    @next
//   halt                      exit code byte, then <halt>
//   trap                      <trap:KIND>, and the trace ends
//
// An op with a destination spells the value's low bytes up to the highest byte that
// differs from what the destination held before the step, and no byte when the value
// is unchanged: a loop counter's increment is one byte, a flag rewritten with the same
// value none. The bytes above are left to memory — a later read finds them at their
// latest write, which holds the same value. (getc, stores, calls and returns spell
// their bytes in full.)
//
// Why this shape: a transformer finds a value by attending to the latest write of its
// address, so the address of every write must follow from the tokens in a fixed
// number of lookups that do not themselves read memory. A destination's address is
// fp + offset (fp: the latest fp bytes; offset: the instruction at the latest pc
// token); a store spells its address; the return value's address is the caller's fp
// plus the call's destination offset. Values are byte tokens so the vocabulary stays
// small and every value read back is a sum of byte lookups.
#pragma once

#include <cstdint>
#include <string>

#include "isa/isa.h"
#include "isa/semantics.h"

namespace c2w::trace {

using Token = uint32_t;

constexpr Token kByteBase = 0;      // x00..xff: a byte written to memory
constexpr Token kOutBase = 256;     // out:00..out:ff: a byte written to stdout
constexpr Token kInBase = 512;      // in:00..in:ff: an input byte in the prompt
constexpr Token kBos = 768;         // <bos>
constexpr Token kEndOfInput = 769;  // <eoi>
constexpr Token kHalt = 770;        // <halt>
constexpr Token kTrapBase = 771;    // <trap:KIND>, one per isa::TrapKind (None unused)
constexpr Token kPcBase = 784;      // @0, @1, ...: the pc of the next instruction

inline Token byte_token(uint32_t byte) { return kByteBase + (byte & 0xFF); }
inline Token out_token(uint32_t byte) { return kOutBase + (byte & 0xFF); }
inline Token in_token(uint32_t byte) { return kInBase + (byte & 0xFF); }
inline Token pc_token(uint32_t pc) { return kPcBase + pc; }
inline Token trap_token(uint32_t kind) { return kTrapBase + kind; }

inline bool is_byte(Token t) { return t < kOutBase; }
inline bool is_out(Token t) { return t >= kOutBase && t < kInBase; }
inline bool is_pc(Token t) { return t >= kPcBase; }
inline bool is_trap(Token t) { return t >= kTrapBase && t < kPcBase; }

// An address or a register (fp, the input cursor) is spelled in this many bytes.
constexpr int kAddressBytes = 3;

// Byte tokens a step of `op` spells before its final token, by the table above: for a
// destination op the most it spells (a value spells only up to its highest changed
// byte), for ret without its returned words (4 each when the caller has a destination).
inline int step_byte_count(isa::Opcode op) {
  if (op == isa::Opcode::GetC) return kAddressBytes + 4;
  if (isa::info(op).writes_dst_word) return 4;
  if (isa::is_store(op)) return kAddressBytes + isa::access_width(op);
  if (op == isa::Opcode::Call || op == isa::Opcode::CallI || op == isa::Opcode::Ret) return kAddressBytes;
  if (op == isa::Opcode::Halt) return 1;  // the exit code
  return 0;
}

// Byte tokens a destination write of `value` spells when the destination held `old`
// (the delta write of the table above): its bytes up to the highest one that differs
// from old's, none when the value is unchanged; 4 - (the equal top bytes). Written over a
// domain (isa/semantics.h) so that `c2w verify` states the rule once: the reference
// interpreter's write counts the same bytes (tests/test_trace_format.cpp checks the two
// agree on its traces).
template <class D>
typename D::Value delta_byte_count(D& d, typename D::Value old, typename D::Value value) {
  const typename D::Value changed = d.bit_xor(old, value);
  typename D::Value count = d.constant(0);
  for (uint32_t k = 1; k <= 4; ++k)  // the highest k whose byte k - 1 (or a higher one) changed
    count = d.ite(d.equal(d.shift_right_unsigned(changed, d.constant(8 * (k - 1))), d.constant(0)), count,
                  d.constant(k));
  return count;
}
inline uint32_t delta_byte_count(uint32_t old, uint32_t value) {
  isa::ConcreteDomain d;
  return delta_byte_count(d, old, value);
}

// Readable name of a token ("x2a", "out:0a", "@17", "<halt>").
std::string token_name(Token t);
// Inverse of token_name; returns false for an unknown name.
bool parse_token_name(const std::string& name, Token& out);

}  // namespace c2w::trace
