// The weight compiler's circuit as a Graphviz DOT graph (`c2w compile --emit=dot`):
// one node per scheduled op (attention heads as ellipses, feed-forward gadgets as boxes
// labelled with their neuron count), grouped into one cluster per layer, and an edge
// from the op that writes a feature to every op (or the unembedding) that reads it.
// The text form of the same circuit is print_circuit (--emit=graph); the layer map is
// print_layers (--emit=layers). Deterministic: the same circuit gives the same bytes.
#pragma once

#include <string>

#include "compiler/circuit.h"
#include "compiler/schedule.h"

namespace c2w::compiler {

std::string print_circuit_dot(const circuit::Circuit& c, const Schedule& s);

}  // namespace c2w::compiler
