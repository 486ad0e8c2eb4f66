// Frame-slot allocation by interference-graph colouring (see allocate_frame_slots.h).
//
// Liveness is the classic backward dataflow over the machine code: a word is live
// after an instruction if some path from there reads it before writing it. Two words
// interfere when one is written while the other is live; a greedy colouring
// (boost::sequential_vertex_coloring, in word order, so the result is deterministic)
// gives each colour one word. The outgoing area then goes at the first 8-aligned
// offset after the shared words (at least 8).
#include "compiler/allocate_frame_slots.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/sequential_vertex_coloring.hpp>

#include <algorithm>
#include <map>

namespace c2w::compiler {
namespace {

using isa::Opcode;
using isa::Operand;
using isa::OperandKind;

using Bits = std::vector<uint64_t>;

bool contains(const Bits& b, size_t i) { return (b[i / 64] >> (i % 64)) & 1; }
void insert(Bits& b, size_t i) { b[i / 64] |= uint64_t(1) << (i % 64); }

bool has_dst(Opcode op) { return isa::info(op).writes_dst_word || op == Opcode::Call || op == Opcode::CallI; }

uint32_t align_to(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

// Reuses the words of [first, end) in `code`; returns the new end of the region.
uint32_t share_frame_words(std::vector<isa::Instruction>& code, uint32_t first, uint32_t end) {
  if (end <= first || code.empty()) return end;
  const size_t words = (end - first) / 4;
  auto index_of = [&](const Operand& o) -> long {
    if (o.kind != OperandKind::Slot || o.value < static_cast<int32_t>(first) ||
        o.value >= static_cast<int32_t>(end))
      return -1;
    return (o.value - static_cast<int32_t>(first)) / 4;
  };

  // Pinned words keep their relative layout: call destinations (and the word after,
  // for 64-bit results) and words whose address is taken.
  std::vector<bool> pinned(words, false);
  auto pin = [&](long i) {
    if (i >= 0 && static_cast<size_t>(i) < words) pinned[static_cast<size_t>(i)] = true;
  };
  for (const isa::Instruction& ins : code) {
    if ((ins.op == Opcode::Call || ins.op == Opcode::CallI) && index_of(ins.dst) >= 0) {
      pin(index_of(ins.dst));
      pin(index_of(ins.dst) + 1);
    }
    if (ins.op == Opcode::Lea) {
      int32_t at = ins.a.value;
      if (at >= static_cast<int32_t>(first) && at < static_cast<int32_t>(end)) {
        pin((at - static_cast<int32_t>(first)) / 4);
        pin((at - static_cast<int32_t>(first)) / 4 + 1);
      }
    }
  }

  // Uses and definitions of every instruction, then backward liveness to a fixpoint.
  const size_t n = code.size(), chunks = (words + 63) / 64;
  std::vector<Bits> use(n, Bits(chunks, 0)), live_in(n, Bits(chunks, 0)), live_out(n, Bits(chunks, 0));
  std::vector<long> def(n, -1);
  std::vector<std::vector<size_t>> successors(n);
  for (size_t pc = 0; pc < n; ++pc) {
    const isa::Instruction& ins = code[pc];
    const Operand* sources[] = {&ins.a, &ins.b, &ins.c};
    for (int k = 0; k < isa::info(ins.op).source_count; ++k)
      if (long i = index_of(*sources[k]); i >= 0) insert(use[pc], static_cast<size_t>(i));
    if (has_dst(ins.op)) def[pc] = index_of(ins.dst);
    bool falls_through =
        ins.op != Opcode::Jmp && ins.op != Opcode::Ret && ins.op != Opcode::Halt && ins.op != Opcode::Trap;
    if (falls_through && pc + 1 < n) successors[pc].push_back(pc + 1);
    if (ins.op == Opcode::Jmp || isa::is_branch(ins.op)) successors[pc].push_back(ins.target);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t pc = n; pc-- > 0;) {
      Bits out(chunks, 0);
      for (size_t s : successors[pc])
        for (size_t c = 0; c < chunks; ++c) out[c] |= live_in[s][c];
      Bits in = out;
      if (def[pc] >= 0) in[static_cast<size_t>(def[pc]) / 64] &= ~(uint64_t(1) << (def[pc] % 64));
      for (size_t c = 0; c < chunks; ++c) in[c] |= use[pc][c];
      if (in != live_in[pc] || out != live_out[pc]) {
        live_in[pc] = std::move(in);
        live_out[pc] = std::move(out);
        changed = true;
      }
    }
  }

  // Interference among the words that may be shared.
  std::vector<long> vertex_of(words, -1);
  std::vector<size_t> word_of;
  for (size_t w = 0; w < words; ++w)
    if (!pinned[w]) {
      vertex_of[w] = static_cast<long>(word_of.size());
      word_of.push_back(w);
    }
  using Graph = boost::adjacency_list<boost::setS, boost::vecS, boost::undirectedS>;
  Graph graph(word_of.size());
  for (size_t pc = 0; pc < n; ++pc) {
    if (def[pc] < 0 || vertex_of[static_cast<size_t>(def[pc])] < 0) continue;
    auto d = static_cast<size_t>(vertex_of[static_cast<size_t>(def[pc])]);
    for (size_t w = 0; w < words; ++w)
      if (contains(live_out[pc], w) && vertex_of[w] >= 0 && static_cast<size_t>(vertex_of[w]) != d)
        boost::add_edge(d, static_cast<size_t>(vertex_of[w]), graph);
  }
  std::vector<size_t> colour(word_of.size(), 0);
  auto colour_map = boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, graph));
  size_t colours = word_of.empty() ? 0 : boost::sequential_vertex_coloring(graph, colour_map);

  // New layout: the pinned words first, in their old order, then one word per colour.
  std::vector<int32_t> new_offset(words, 0);
  int32_t next = static_cast<int32_t>(first);
  for (size_t w = 0; w < words; ++w)
    if (pinned[w]) {
      new_offset[w] = next;
      next += 4;
    }
  const int32_t shared_base = next;
  for (size_t v = 0; v < word_of.size(); ++v)
    new_offset[word_of[v]] = shared_base + 4 * static_cast<int32_t>(colour[v]);
  // A pinned word's neighbour must stay its neighbour: runs of pinned words are kept
  // consecutive because they are laid out in order with no gap between them.
  for (isa::Instruction& ins : code) {
    for (Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c})
      if (long i = index_of(*o); i >= 0) o->value = new_offset[static_cast<size_t>(i)];
    if (ins.op == Opcode::Lea && ins.a.value >= static_cast<int32_t>(first) &&
        ins.a.value < static_cast<int32_t>(end))
      ins.a.value = new_offset[static_cast<size_t>((ins.a.value - static_cast<int32_t>(first)) / 4)];
  }
  return static_cast<uint32_t>(shared_base) + 4 * static_cast<uint32_t>(colours);
}

// The outgoing area goes after the values; its slots and the calls' frame operands
// (those still at kOutgoingMark: a dynamic stack overflow's call names its own) are
// rebased there.
void place_outgoing_area(LoweredFunction& function) {
  uint32_t out = std::max<uint32_t>(align_to(function.values_end, 8), 8);
  function.frame_size = align_to(out + function.outgoing_size, 8);
  for (isa::Instruction& ins : function.code) {
    for (Operand* o : {&ins.dst, &ins.a, &ins.b, &ins.c})
      if (o->kind == OperandKind::Slot && o->value >= kOutgoingMark)
        o->value = o->value - kOutgoingMark + static_cast<int32_t>(out);
    if (ins.op == Opcode::Call && ins.a.value == kOutgoingMark) ins.a = Operand::imm(out);
    if (ins.op == Opcode::CallI && ins.b.value == kOutgoingMark) ins.b = Operand::imm(out);
  }
}

}  // namespace

void allocate_frame_slots(LoweredProgram& program) {
  for (LoweredFunction& function : program.functions) {
    function.values_end = share_frame_words(function.code, function.values_begin, function.values_end);
    place_outgoing_area(function);
  }
}

}  // namespace c2w::compiler
