// Linking (see link_program.h): two passes over the functions, one for their entry
// pcs and one to copy their code with the targets and relocations resolved.
#include "compiler/link_program.h"

#include <cstring>

#include "support/errors.h"

namespace c2w::compiler {
namespace {

using isa::Opcode;
using isa::Operand;

LoweredFunction make_start_stub(const LoweredProgram& program) {
  // Frame: [0, 8) main's result; outgoing area at 8: argc, argv.
  LoweredFunction stub;
  stub.name = "_start";
  stub.frame_size = 16;
  auto add = [&](isa::Instruction ins) {
    stub.code.push_back(ins);
    stub.locations.push_back({});
  };
  add({Opcode::Mov, Operand::slot(8), Operand::imm(1), {}, {}, 0});
  add({Opcode::Mov, Operand::slot(12), Operand::imm(program.argv_address), {}, {}, 0});
  add({Opcode::Call, Operand::slot(0), Operand::imm(8), {}, {}, 0});
  stub.relocations.push_back({2, 4, program.main_function});
  if (program.exit_function) {  // exit(main's result): exit runs the atexit handlers and halts
    add({Opcode::Mov, Operand::slot(8), Operand::slot(0), {}, {}, 0});
    add({Opcode::Call, {}, Operand::imm(8), {}, {}, 0});
    stub.relocations.push_back({4, 4, *program.exit_function});
  }
  add({Opcode::Halt, {}, Operand::slot(0), {}, {}, 0});
  return stub;
}

bool falls_through(Opcode op) {
  return op != Opcode::Jmp && op != Opcode::Ret && op != Opcode::Halt && op != Opcode::Trap;
}

}  // namespace

isa::Program link_program(const LoweredProgram& program) {
  const LoweredFunction start = make_start_stub(program);
  std::vector<const LoweredFunction*> layout = {&start};
  for (const LoweredFunction& f : program.functions) layout.push_back(&f);

  isa::Program p;
  std::vector<uint32_t> entry_of(program.functions.size());
  uint32_t pc = 0;
  for (size_t k = 0; k < layout.size(); ++k) {
    if (k > 0) entry_of[k - 1] = pc;
    pc += static_cast<uint32_t>(layout[k]->code.size());
  }
  for (const LoweredFunction* lf : layout) {
    // The peephole pass ends every function with an instruction that does not fall
    // through (peephole.h), so control cannot run into the next function.
    C2W_CHECK(!lf->code.empty() && !falls_through(lf->code.back().op),
              "control can fall off the end of function " + lf->name);
    uint32_t base = static_cast<uint32_t>(p.code.size());
    p.functions.push_back({lf->name, base, base + static_cast<uint32_t>(lf->code.size()), lf->frame_size});
    for (isa::Instruction ins : lf->code) {
      if (ins.op == Opcode::Jmp || isa::is_branch(ins.op)) ins.target += base;
      p.code.push_back(ins);
    }
    p.source_map.insert(p.source_map.end(), lf->locations.begin(), lf->locations.end());
    for (const CodeRelocation& r : lf->relocations) {
      isa::Instruction& ins = p.code[base + r.index];
      uint32_t entry = entry_of[r.function];
      if (r.field == 4)
        ins.target = entry;
      else {
        Operand* fields[] = {&ins.dst, &ins.a, &ins.b, &ins.c};
        *fields[r.field] = Operand::imm(entry);
      }
    }
  }
  p.data = program.data;
  for (const DataRelocation& r : program.data_relocations) {
    uint32_t entry = entry_of[r.function];
    std::memcpy(&p.data[r.offset], &entry, 4);
  }
  p.files = program.files;
  p.data_base = program.data_base;
  p.stack_base = program.stack_base;
  p.stack_size = program.stack_size;
  p.heap_base = program.heap_base;
  p.memory_size = program.memory_size;
  return p;
}

}  // namespace c2w::compiler
