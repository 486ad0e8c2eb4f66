// Scheduling a circuit into transformer layers and residual slots, and emitting the
// model's matrices.
//
// Layers: the ops form a DAG (an op depends on the ops producing the features its
// expressions read). Boost.Graph sorts it topologically; each op then takes the
// earliest stage after its inputs of its kind — even stages are attention sublayers,
// odd stages feed-forward sublayers (stage 2L and 2L+1 form block L).
//
// Slots: a feature lives from the stage that writes it to the last stage that reads
// it. Once dead, a feed-forward neuron subtracts it (ReLU(1) * f with weight -1) so
// its residual coordinate is zero again and can be handed to a later feature. The
// lifetimes form an interval graph, coloured with Boost.Graph's
// sequential_vertex_coloring in order of birth (optimal for intervals): the colours
// are the residual coordinates, so d_model = the most features alive at once.
#pragma once

#include <string>
#include <vector>

#include "compiler/circuit.h"
#include "neural/model.h"

namespace c2w::compiler {

struct Schedule {
  std::vector<int> op_stage;       // per op; -1 for ops nothing depends on (pruned)
  std::vector<int> feature_slot;   // per feature; -1 when unused
  std::vector<int> feature_birth;  // stage that writes it (-1: embedding/positional)
  std::vector<int> feature_death;  // last stage that reads it (stages: 2 * blocks = the unembedding)
  int blocks = 0;
  int d_model = 0;
  int cleared = 0;  // features subtracted to free their slot
};

struct ScheduleOptions {
  bool reuse_slots = true;
};

Schedule schedule_circuit(const circuit::Circuit& c, const ScheduleOptions& options = {});

// The model: embedding, positional slots, blocks, unembedding. `vocabulary` names
// every token id (its size must equal the circuit's vocabulary size).
neural::Model emit_model(const circuit::Circuit& c, const Schedule& s, std::vector<std::string> vocabulary);

// Deterministic text dump (--emit=layers): per block, its heads and FFN ops with
// their output slots, and the slot map.
std::string print_layers(const circuit::Circuit& c, const Schedule& s);

}  // namespace c2w::compiler
