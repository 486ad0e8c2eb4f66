// The model's configuration: what the weight compiler writes beside the weights in a
// model file (Model::config_json, the "config" object of the file's metadata, see
// model_file.h) and what the CLI, the readable trace and every other reader read back.
// Typed, so that no reader searches JSON text or guesses a head's meaning from its name.
//
// Engines never read it: a transformer engine computes from the weights alone
// (DESIGN.md §5). The configuration says what the model is for (its mode, the machine
// it implements) and carries teaching aids (the program listing, what each step reads,
// the heads' names).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace c2w::neural {

// Specialised: the program is in the weights, the prompt holds the input. Universal:
// the program is in the prompt. Unspecified: a model not made by the weight compiler
// (a hand-built one); it is run like a specialised one.
enum class ModelMode { Specialised, Universal, Unspecified };

struct ModelConfig {
  std::string compiler;  // the weight compiler's version, e.g. "c2w-weights-4"
  ModelMode mode = ModelMode::Specialised;

  // Specialised: the machine the program runs on.
  struct Machine {
    uint64_t instructions = 0, data_base = 0, stack_base = 0, stack_size = 0, heap_base = 0, memory_size = 0,
             data_bytes = 0;
  } machine;
  struct Function {
    std::string name;
    uint64_t entry = 0, end = 0, frame = 0;
  };
  std::vector<Function> functions;

  // Universal: the programs the model takes in its prompt.
  struct Layout {
    int64_t max_pc = 0;
    uint64_t memory_size = 0, data_base = 0;
  } layout;

  struct Schedule {
    int64_t blocks = 0, d_model = 0, slots_reused = 0;
  } schedule;
  std::vector<std::vector<std::string>> heads;  // per block, the heads' names in the model's order
  // Per block, what each head looks up (compiler/circuit.h HeadOp::role): "memory:a",
  // "memory:load", "frame", "input", "register:fp", "step", ... ("" unsaid).
  std::vector<std::vector<std::string>> head_roles;
  int64_t max_positions = 0;  // scores stay exact integers below this trace length

  // What each residual coordinate holds (compiler/schedule.h): per coordinate, the
  // features that use it in turn, each live from the stage that writes it to the last
  // stage that reads it. Stages: -1 the embedding and positional features, 2b block b's
  // attention, 2b+1 its feed-forward, 2 * blocks the unembedding. Teaching aid only.
  struct SlotUse {
    std::string feature;
    int64_t written = -1, last_read = -1;
  };
  std::vector<std::vector<SlotUse>> residual_slots;

  // Specialised only, for the readable trace: one line per pc ("add %4, %0, #1 ; f.c:3:5")
  // and which lookups matter at each pc (operands a, b, c read from memory; "m" a
  // load's bytes, "f" a ret's frame, "i" getc's input).
  std::vector<std::string> listing, reads;

  // The JSON text (keys in a fixed order, so the same config gives the same bytes).
  std::string to_json() const;
  // Reads a config; throws ModelFileError naming `source` when it is not a JSON object
  // or a field c2w defines has the wrong type or value. Fields are optional.
  static ModelConfig from_json(const std::string& text, const std::string& source);
  // The same from the JSON value already parsed (the model file reader's).
  static ModelConfig from_json_value(const nlohmann::json& value, const std::string& source);
};

}  // namespace c2w::neural
