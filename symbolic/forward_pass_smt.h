// Z3 over the weights themselves, for one step: one forward pass of a model (embedding,
// hard-max heads over a given KV cache, ReGLU feed-forward layers, the unembedding) as
// exact real arithmetic (real_solver.h), with the token fed at the current position
// unknown among candidates. So "which of these tokens, fed now, makes the model emit
// token X next?" is answered from the weights, not from the C program they came from.
//
// The prefix is concrete: it is run on the reference dense pass, whose KV caches give
// every earlier position's keys and values. At the current position the token t is
// unknown: its embedding is a choice among the candidates' columns; every head's query,
// key and value are linear in the residual stream; the winner of a head is the latest
// position with the maximal score (tie `latest`) or the mean over all of them (tie
// `average`), the current position among them (its own score is a product of two
// unknowns); a ReGLU neuron is ite(gate > 0, gate * value, 0); the next token is the
// argmax of the logits, the lowest index on a tie (model.h). Each residual coordinate
// after each sublayer is a variable of its own, equal to its expression, which keeps
// the terms small.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "neural/model.h"
#include "symbolic/solver.h"

namespace c2w::symbolic {

struct NextTokenAnswer {
  SatResult result = SatResult::Unknown;  // Sat: `token` works; Unsat: no candidate does
  int token = -1;
  double seconds = 0;
  size_t terms = 0;  // the size of the encoding
  std::string why_unknown;
};

struct AllTokensAnswer {
  std::vector<int> tokens;  // sorted
  bool complete = true;     // false when a query came back unknown
  uint64_t queries = 0;
  size_t terms = 0;
  double seconds = 0;  // encoding included
  std::string why_unknown;
};

class RealSolver;
class StepEncoder;

// One step encoded once, asked about several targets (push/pop around each).
class StepQuestion {
 public:
  StepQuestion(const neural::Model& model, const std::vector<int>& prefix, const std::vector<int>& candidates,
               unsigned timeout_ms = 60000);
  ~StepQuestion();
  // The candidates that make the model emit `target` next (at most `at_most` of them;
  // each found one is excluded from the next query).
  AllTokensAnswer tokens_emitting(int target, size_t at_most = SIZE_MAX);

 private:
  const neural::Model& model_;
  std::unique_ptr<RealSolver> solver_;
  std::unique_ptr<StepEncoder> encoder_;
  uint32_t token_ = 0;
  bool empty_ = false;
  double encode_seconds_ = 0;
};

// Which token among `candidates`, fed after `prefix`, makes `model` emit `target` next?
NextTokenAnswer which_token_emits(const neural::Model& model, const std::vector<int>& prefix,
                                  const std::vector<int>& candidates, int target,
                                  unsigned timeout_ms = 60000);

// Every such token.
AllTokensAnswer all_tokens_emitting(const neural::Model& model, const std::vector<int>& prefix,
                                    const std::vector<int>& candidates, int target,
                                    unsigned timeout_ms = 60000, size_t at_most = SIZE_MAX);

}  // namespace c2w::symbolic
