// The readable trace (`c2w run --explain`): one entry per executed instruction with
// its pc, instruction and source line (from the model's listing), the positions the
// memory, input and frame lookups attended at the step's pc token with the tokens
// found there, and the tokens the step emitted. Everything but the listing comes from
// the transformer's run: the attended positions are the heads' hard-max winners.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "neural/model.h"
#include "neural/model_config.h"
#include "neural/transformer.h"

namespace c2w::runtime {

class ExplainRecorder {
 public:
  // The model's vocabulary and its configuration (listing, reads, head names).
  ExplainRecorder(const std::vector<std::string>& vocabulary, const neural::ModelConfig& config);
  // Feed from TransformerRunOptions::on_step.
  void on_step(int64_t position, int token, const neural::StepTrace& trace);
  // Prints every step of `tokens` (the full trace: prompt and generated tokens).
  void print(std::ostream& out, const std::vector<int>& tokens) const;

 private:
  const std::vector<std::string>& vocabulary_;
  std::vector<std::string> listing_, reads_;
  std::vector<std::vector<std::string>> head_names_, head_roles_;  // [block][head]
  std::map<int64_t, std::vector<std::pair<std::string, int64_t>>>
      lookups_;  // pc-token position -> (head, winner)
};

}  // namespace c2w::runtime
