// The weight compiler's driver: a c2w machine program in, a transformer out
// (specialised mode: the program is a ROM in the pc tokens' embeddings, the prompt
// holds only the input).
//
//   program --build_machine_circuit--> circuit (dataflow graph of heads and neurons)
//           --schedule_circuit-------> layers and residual slots (Boost.Graph)
//           --emit_model-------------> neural::Model (the matrices)
#pragma once

#include <string>

#include "isa/isa.h"
#include "compiler/machine_circuit.h"
#include "compiler/schedule.h"
#include "neural/model.h"
#include "neural/model_config.h"

namespace c2w::compiler {

struct WeightsOptions {
  bool reuse_slots = true;
  // Names the program in errors ("prog.c: error: the weight compiler cannot express
  // this program: ..."); empty: the bare reason.
  std::string source_name;
};

// The weight compiler's version, written into every model file. (The model cache
// does not depend on bumping it: its keys also hash the weight compiler's sources.)
constexpr const char* kWeightCompilerVersion = "c2w-weights-4";

struct CompiledWeights {
  MachineCircuit machine;
  Schedule schedule;
  neural::Model model;
  double seconds = 0;  // wall time of the whole compilation
};

// Throws MachineCircuitError for a program the weight compiler cannot express.
CompiledWeights compile_weights(const isa::Program& program, const WeightsOptions& options = {});

// Universal mode: one model for every program that fits `layout`; run it with the
// prompt of universal_prompt (compiler/universal_prompt.h).
CompiledWeights compile_universal_weights(const UniversalLayout& layout = {},
                                          const WeightsOptions& options = {});

// The model's config: mode, the machine (layout, functions), the program's assembly
// listing and source map (for the readable trace; engines never read it).
neural::ModelConfig model_config(const isa::Program& program, const circuit::Circuit& circuit,
                                 const Schedule& schedule);

}  // namespace c2w::compiler
