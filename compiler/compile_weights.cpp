// The weight compiler's driver (see compile_weights.h).
#include "compiler/compile_weights.h"

#include <nlohmann/json.hpp>

#include <chrono>

#include "compiler/isa_text.h"

namespace c2w::compiler {

std::string model_config(const isa::Program& program, const Schedule& schedule) {
  nlohmann::ordered_json j;
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
  j["max_positions"] = 1 << 25;  // scores stay exact integers below this trace length
  j["assembly"] = isa::print_assembly(program);
  return j.dump();
}

CompiledWeights compile_weights(const isa::Program& program, const WeightsOptions& options) {
  auto start = std::chrono::steady_clock::now();
  CompiledWeights w;
  w.machine = build_machine_circuit(program);
  ScheduleOptions so;
  so.reuse_slots = options.reuse_slots;
  w.schedule = schedule_circuit(w.machine.circuit, so);
  w.model = emit_model(w.machine.circuit, w.schedule, w.machine.vocabulary);
  w.model.config_json = model_config(program, w.schedule);
  w.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return w;
}

}  // namespace c2w::compiler
