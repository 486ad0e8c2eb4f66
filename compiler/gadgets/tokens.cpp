// The vocabulary and the token features: what the embedding tells every position about
// its own token.
//
// Token ids follow isa/trace_format.h (bytes, out:XX, in:XX, <bos>, <eoi>, <halt>, the
// traps, then one pc token per instruction); universal mode adds the 256 data tokens
// d:XX of the prompt's data image. A token's embedding holds a handful of features:
// its byte value and [is a byte token], [is a pc token], the input byte and
// [is an in:XX token], [is <bos>]. <bos> also carries the initial fp's three bytes
// (where the registers read them in specialised mode). In universal mode a pc token
// carries its number (the fetch heads compute the record's position from it), and
// <eoi> and the data tokens are marked. Trap tokens the machine never emits are named
// <unused:N>.
#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"
#include "compiler/universal_prompt.h"
#include "isa/trace_format.h"

namespace c2w::compiler::gadgets {

void make_tokens(MachineBuilder& m) {
  Circuit& c = m.circuit;
  const int vocab = int(trace::kPcBase) + m.pc_count() + (m.universal ? 256 : 0);
  c.set_vocab_size(vocab);
  for (int t = 0; t < vocab; ++t) {
    std::string name = trace::token_name(trace::Token(t));
    if (name == "<trap:?>" || name == "<trap:none>") name = "<unused:" + std::to_string(t) + ">";
    if (t >= int(trace::kPcBase) + m.pc_count())
      name = data_token_name(uint32_t(t - int(trace::kPcBase) - m.pc_count()));
    m.vocabulary.push_back(name);
  }
  m.token_byte = c.embedding("tok.byte");
  m.is_byte = c.embedding("tok.is_byte");
  m.is_pc = c.embedding("tok.is_pc");
  m.is_input = c.embedding("tok.is_in");
  m.input_byte = c.embedding("tok.in");
  m.is_bos = c.embedding("tok.is_bos");
  for (int b = 0; b < 256; ++b) {
    c.set_embedding(m.token_byte, int(trace::byte_token(uint32_t(b))), b);
    c.set_embedding(m.is_byte, int(trace::byte_token(uint32_t(b))), 1);
    c.set_embedding(m.is_input, int(trace::in_token(uint32_t(b))), 1);
    c.set_embedding(m.input_byte, int(trace::in_token(uint32_t(b))), b);
  }
  c.set_embedding(m.is_bos, int(trace::kBos), 1);
  for (int k = 0; k < 3; ++k) {
    m.initial_fp[size_t(k)] = c.embedding("tok.init_fp" + std::to_string(k));
    c.set_embedding(m.initial_fp[size_t(k)], int(trace::kBos), (m.program.stack_base >> (8 * k)) & 0xFF);
  }
  for (int pc = 0; pc < m.pc_count(); ++pc) c.set_embedding(m.is_pc, int(trace::pc_token(uint32_t(pc))), 1);
  if (m.universal) {
    m.token_pc = c.embedding("tok.pc");
    m.is_eoi = c.embedding("tok.is_eoi");
    m.is_data = c.embedding("tok.is_data");
    c.set_embedding(m.is_eoi, int(trace::kEndOfInput), 1);
    for (int pc = 0; pc < m.pc_count(); ++pc)
      c.set_embedding(m.token_pc, int(trace::pc_token(uint32_t(pc))), pc);
    for (int b = 0; b < 256; ++b) {
      int t = int(trace::kPcBase) + m.pc_count() + b;
      c.set_embedding(m.is_data, t, 1);
      c.set_embedding(m.token_byte, t, b);
    }
  }
}

}  // namespace c2w::compiler::gadgets
