// The c2w machine as a circuit (see machine_circuit.h for the plan): build_machine runs
// the gadgets of compiler/gadgets/, one per file, in the order of a step. The order is
// part of the weights: the circuit numbers features and ops as they are created.
#include "compiler/machine_circuit.h"

#include <utility>

#include "compiler/gadgets/gadgets.h"
#include "compiler/gadgets/machine_builder.h"

namespace c2w::compiler {
namespace {

using namespace gadgets;

void build_machine(MachineBuilder& m) {
  // Where am I: the token features, the step's pc token P and its instruction, the
  // offset in the step.
  make_tokens(m);
  if (m.universal)
    make_fetch(m);
  else
    make_rom(m);
  make_step_offset(m);

  // The machine state before the step, read at P: registers, the frame a ret returns
  // to, memory (the address of every write, then the operands' reads).
  make_registers(m);
  make_call_records(m);
  make_write_marks(m);
  make_frame_lookup(m);
  make_write_addresses(m);
  make_operands(m);
  make_comparisons(m);

  // The ops: each offers its destination value or adds its bytes, traps and next pc
  // to the step's plan.
  make_add_sub(m);
  make_moves(m);
  make_bitwise(m);
  make_shifts(m);
  make_mul(m);
  make_div_rem(m);
  make_word_results(m);
  make_loads_stores(m);
  make_call_ret(m);
  make_delta_writes(m);
  make_getc(m);
  make_branches(m);

  // How the step ends, and every position emitting its token of the plan.
  make_step_end(m);
  make_output(m);
}

}  // namespace

MachineCircuit build_universal_circuit(const UniversalLayout& layout) {
  isa::Program memory;  // only the layout fields matter
  memory.data_base = isa::kNullGuardSize;
  memory.memory_size = layout.memory_size;
  MachineCircuit result;
  MachineBuilder m(result.circuit, memory, layout);
  build_machine(m);
  result.vocabulary = std::move(m.vocabulary);
  return result;
}

MachineCircuit build_machine_circuit(const isa::Program& program) {
  if (program.code.empty()) throw MachineCircuitError("the program has no code");
  if (program.memory_size > isa::kMaxMemorySize)
    throw MachineCircuitError("memory is larger than 2^24 bytes");
  MachineCircuit result;
  MachineBuilder m(result.circuit, program);
  build_machine(m);
  result.vocabulary = std::move(m.vocabulary);
  return result;
}

}  // namespace c2w::compiler
