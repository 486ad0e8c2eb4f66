// The weight compiler's driver (see compile_weights.h).
#include "compiler/compile_weights.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "isa/isa_text.h"

namespace c2w::compiler {

namespace {
nlohmann::ordered_json head_names(const circuit::Circuit& circuit, const Schedule& schedule) {
  nlohmann::ordered_json heads = nlohmann::ordered_json::array();
  for (int b = 0; b < schedule.blocks; ++b) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (size_t i = 0; i < circuit.ops().size(); ++i)
      if (schedule.op_stage[i] == 2 * b && circuit.ops()[i].kind == circuit::Op::Head) names.push_back(circuit.ops()[i].name);
    heads.push_back(names);
  }
  return heads;
}
}  // namespace

std::string model_config(const isa::Program& program, const circuit::Circuit& circuit, const Schedule& schedule) {
  nlohmann::ordered_json j;
  j["compiler"] = kWeightCompilerVersion;
  j["mode"] = "specialised";
  j["machine"] = {{"instructions", program.code.size()},
                  {"data_base", program.data_base},
                  {"stack_base", program.stack_base},
                  {"stack_size", program.stack_size},
                  {"heap_base", program.heap_base},
                  {"memory_size", program.memory_size},
                  {"data_bytes", program.data.size()}};
  nlohmann::ordered_json functions = nlohmann::ordered_json::array();
  for (const isa::Function& f : program.functions)
    functions.push_back({{"name", f.name}, {"entry", f.entry}, {"end", f.end}, {"frame", f.frame_size}});
  j["functions"] = functions;
  j["schedule"] = {{"blocks", schedule.blocks}, {"d_model", schedule.d_model}, {"slots_reused", schedule.cleared}};
  j["heads"] = head_names(circuit, schedule);  // per block, in the model's order
  j["max_positions"] = 1 << 25;  // scores stay exact integers below this trace length
  // The program listing, one line per pc (for the readable trace; engines never read it).
  nlohmann::ordered_json listing = nlohmann::ordered_json::array();
  for (uint32_t pc = 0; pc < program.code.size(); ++pc) {
    std::string line = isa::print_instruction(program.code[pc]);
    std::string where = program.describe_location(pc);
    if (!where.empty()) line += "    ; " + where;
    listing.push_back(line);
  }
  j["listing"] = listing;
  // Which lookups matter at each pc (for the readable trace): the operands read from
  // memory (a, b, c), "m" for a load, "f" for a ret's frame, "i" for getc's input.
  nlohmann::ordered_json reads = nlohmann::ordered_json::array();
  for (const isa::Instruction& ins : program.code) {
    std::string r;
    const isa::Operand* ops[3] = {&ins.a, &ins.b, &ins.c};
    for (int i = 0; i < 3; ++i)
      if (ops[i]->kind == isa::OperandKind::Slot || ops[i]->kind == isa::OperandKind::Abs) r += char('a' + i);
    if (isa::is_load(ins.op)) r += 'm';
    if (ins.op == isa::Opcode::Ret) r += 'f';
    if (ins.op == isa::Opcode::GetC) r += 'i';
    reads.push_back(r);
  }
  j["reads"] = reads;
  return j.dump();
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
  nlohmann::ordered_json j;
  j["compiler"] = kWeightCompilerVersion;
  j["mode"] = "universal";
  j["layout"] = {{"max_pc", layout.max_pc}, {"memory_size", layout.memory_size}, {"data_base", isa::kNullGuardSize}};
  j["schedule"] = {{"blocks", w.schedule.blocks}, {"d_model", w.schedule.d_model}, {"slots_reused", w.schedule.cleared}};
  j["heads"] = head_names(w.machine.circuit, w.schedule);
  j["max_positions"] = 1 << 25;
  w.model.config_json = j.dump();
  w.seconds = seconds_since(start);
  return w;
}

CompiledWeights compile_weights(const isa::Program& program, const WeightsOptions& options) {
  auto start = std::chrono::steady_clock::now();
  CompiledWeights w;
  w.machine = build_machine_circuit(program);
  schedule_and_emit(w, options);
  w.model.config_json = model_config(program, w.machine.circuit, w.schedule);
  w.seconds = seconds_since(start);
  return w;
}

}  // namespace c2w::compiler
