// The educator's explorer (`c2w explain prog.c -o page.html`): a run of a program's
// compiled transformer recorded for teaching, as JSON data and as one self-contained
// HTML page that shows, step by step and in sync, the C source, the c2w ISA listing
// and the token stream; the position every head attended and the token found there
// (drawn as arcs); a memory head's keys with their convex hull and the step's query;
// the residual stream per layer, each slot named by the feature and gadget that wrote
// it; the model's shape, its layer/gadget map and the neurons that fired per layer.
//
// Where the data comes from: the weight compiler gives the model and the names (the
// circuit's features, the schedule's slots and layers); everything that happens at a
// step (attended positions, queries and keys, residual values, neurons fired) is
// recorded from the reference forward pass (neural/transformer.h) computing the
// transformer from the model's matrices, with the dense KV cache or the convex-hull
// one. The reference interpreter runs too, and the transformer's tokens must equal
// its trace (an InternalError otherwise): the page shows a run the oracle agrees with.
//
// Long traces: the transformer runs for at most `max_tokens` generated tokens; of the
// executed instructions the page keeps `shown_steps` in detail (all of them when there
// are fewer: else the first half of the budget, then evenly spaced ones), and the
// tokens around those steps and the positions they attended, and at most 3000
// distinct keys per drawn head. The page's size thus grows with the shown steps and
// the program's size, not with the trace's length (0.8-1.1 MB for every example with
// the defaults; docs/tutorial.md lists them).
#pragma once

#include <cstdint>
#include <string>

#include "compiler/compile.h"
#include "pipeline/run.h"

namespace c2w::pipeline {

struct ExplainRequest {
  std::string path;               // a C source (.c) or text assembly (.isa, .s); not a model file
  std::string input;              // the program's stdin
  Engine engine = Engine::Hull;   // Dense or Hull: the KV cache of the recorded pass
  uint64_t max_tokens = 100'000;  // generated tokens before the recorded run stops
  int shown_steps = 240;          // executed instructions recorded in detail
  compiler::CompileOptions compile;
};

// The recorded run as JSON (the format is described in docs/tutorial.md). Throws
// UserError for bad input (a model file, the reference engine, a bad program).
std::string explanation_json(const ExplainRequest& request);

// The self-contained page (inline CSS and JavaScript, no network) around that JSON.
std::string explanation_page(const std::string& json);

}  // namespace c2w::pipeline
