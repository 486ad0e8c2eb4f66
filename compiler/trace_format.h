// The token trace: the sequence of tokens a c2w program's execution is, and that
// every engine (the reference interpreter, the transformer engines) reproduces token
// for token.
//
// A trace is a prompt followed by one group of tokens per executed instruction:
//
//   prompt : <bos> in:XX ... <eoi> @entry
//   step   : written bytes ... then @next_pc      (or out:XX, then @next_pc)
//   end    : ... xCC <halt>   |   <trap:KIND>
//
// * Every byte the instruction writes to memory is one byte token xNN, in address
//   order: 4 tokens for an instruction with a 32-bit destination (frame slots are
//   memory), 1/2/4 for st8/st16/st32, 0/4/8 for ret (the caller's destination), 0
//   for branches and calls.
// * putc emits out:NN; halt emits the exit code byte then <halt>; a trap emits
//   <trap:KIND> and ends the trace.
// * Every completed step ends with the pc token of the next instruction, so the
//   machine state a transformer needs is always in the tokens: the current pc is the
//   latest pc token, and a frame slot's value is the latest byte tokens written to
//   its address.
//
// Values are byte tokens so the vocabulary stays small and every value a
// transformer reads back is a sum of at most four byte lookups.
#pragma once

#include <cstdint>
#include <string>

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

// Readable name of a token ("x2a", "out:0a", "@17", "<halt>").
std::string token_name(Token t);
// Inverse of token_name; returns false for an unknown name.
bool parse_token_name(const std::string& name, Token& out);

}  // namespace c2w::trace
