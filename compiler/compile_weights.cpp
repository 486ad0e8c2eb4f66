// The weight compiler's driver (see compile_weights.h).
#include "compiler/compile_weights.h"

#include <algorithm>
#include <chrono>

#include "isa/isa_text.h"

namespace c2w::compiler {

namespace {
// The heads' names (or roles) per block, in the model's order.
std::vector<std::vector<std::string>> per_head(const circuit::Circuit& circuit, const Schedule& schedule,
                                               bool roles) {
  std::vector<std::vector<std::string>> heads;
  for (int b = 0; b < schedule.blocks; ++b) {
    heads.emplace_back();
    for (size_t i = 0; i < circuit.ops().size(); ++i)
      if (schedule.op_stage[i] == 2 * b && circuit.ops()[i].kind == circuit::Op::Head)
        heads.back().push_back(roles ? circuit.ops()[i].head.role : circuit.ops()[i].name);
  }
  return heads;
}

// What each residual coordinate holds, feature by feature in order of birth.
std::vector<std::vector<neural::ModelConfig::SlotUse>> residual_slots(const circuit::Circuit& circuit,
                                                                      const Schedule& schedule) {
  std::vector<std::vector<neural::ModelConfig::SlotUse>> slots(static_cast<size_t>(schedule.d_model));
  for (size_t f = 0; f < circuit.features().size(); ++f) {
    const int slot = schedule.feature_slot[f];
    if (slot < 0) continue;
    slots[static_cast<size_t>(slot)].push_back(
        {circuit.features()[f].name, schedule.feature_birth[f], schedule.feature_death[f]});
  }
  for (auto& uses : slots)
    std::stable_sort(uses.begin(), uses.end(),
                     [](const auto& a, const auto& b) { return a.written < b.written; });
  return slots;
}

// What both modes record: the compiler, the schedule, the heads, the exact range.
neural::ModelConfig common_config(neural::ModelMode mode, const circuit::Circuit& circuit,
                                  const Schedule& schedule) {
  neural::ModelConfig c;
  c.compiler = kWeightCompilerVersion;
  c.mode = mode;
  c.schedule = {schedule.blocks, schedule.d_model, schedule.cleared};
  c.heads = per_head(circuit, schedule, false);
  c.head_roles = per_head(circuit, schedule, true);
  c.max_positions = 1 << 25;  // scores stay exact integers below this trace length
  c.residual_slots = residual_slots(circuit, schedule);
  return c;
}
}  // namespace

neural::ModelConfig model_config(const isa::Program& program, const circuit::Circuit& circuit,
                                 const Schedule& schedule) {
  neural::ModelConfig c = common_config(neural::ModelMode::Specialised, circuit, schedule);
  c.machine = {program.code.size(), program.data_base,   program.stack_base, program.stack_size,
               program.heap_base,   program.memory_size, program.data.size()};
  for (const isa::Function& f : program.functions)
    c.functions.push_back({f.name, f.entry, f.end, f.frame_size});
  for (uint32_t pc = 0; pc < program.code.size(); ++pc) {
    std::string line = isa::print_instruction(program.code[pc]);
    std::string where = program.describe_location(pc);
    if (!where.empty()) line += "    ; " + where;
    c.listing.push_back(line);
  }
  for (const isa::Instruction& ins : program.code) {
    std::string r;
    const isa::Operand* ops[3] = {&ins.a, &ins.b, &ins.c};
    for (int i = 0; i < 3; ++i)
      if (ops[i]->kind == isa::OperandKind::Slot || ops[i]->kind == isa::OperandKind::Abs) r += char('a' + i);
    if (isa::is_load(ins.op)) r += 'm';
    if (ins.op == isa::Opcode::Ret) r += 'f';
    if (ins.op == isa::Opcode::GetC) r += 'i';
    c.reads.push_back(r);
  }
  return c;
}

namespace {
// The steps both modes share: schedule the circuit, emit the matrices.
void schedule_and_emit(CompiledWeights& w, const WeightsOptions& options) {
  ScheduleOptions so;
  so.reuse_slots = options.reuse_slots;
  w.schedule = schedule_circuit(w.machine.circuit, so);
  w.model = emit_model(w.machine.circuit, w.schedule, w.machine.vocabulary);
}
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

CompiledWeights compile_universal_weights(const UniversalLayout& layout, const WeightsOptions& options) {
  auto start = std::chrono::steady_clock::now();
  CompiledWeights w;
  w.machine = build_universal_circuit(layout);
  schedule_and_emit(w, options);
  neural::ModelConfig c = common_config(neural::ModelMode::Universal, w.machine.circuit, w.schedule);
  c.layout = {layout.max_pc, layout.memory_size, isa::kNullGuardSize};
  w.model.config_json = c.to_json();
  w.seconds = seconds_since(start);
  return w;
}

CompiledWeights compile_weights(const isa::Program& program, const WeightsOptions& options) {
  auto start = std::chrono::steady_clock::now();
  CompiledWeights w;
  try {
    w.machine = build_machine_circuit(program);
  } catch (const MachineCircuitError& e) {
    if (options.source_name.empty()) throw;
    throw MachineCircuitError(options.source_name +
                              ": error: the weight compiler cannot express this program: " + e.what());
  }
  schedule_and_emit(w, options);
  w.model.config_json = model_config(program, w.machine.circuit, w.schedule).to_json();
  w.seconds = seconds_since(start);
  return w;
}

}  // namespace c2w::compiler
