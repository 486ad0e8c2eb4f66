// Model files: one safetensors file (https://github.com/huggingface/safetensors)
// holding every weight matrix as a row-major float64 tensor, with the model's
// configuration as JSON in the header's __metadata__ (DESIGN.md §4, §8). Any
// safetensors reader can load the weights; c2w reads them back exactly.
//
// Layout: 8-byte little-endian header length N, N bytes of JSON header (padded with
// spaces so the data starts at a multiple of 8), then the tensors' bytes back to back
// in header order. Tensor names (each rows x cols as in model.h):
//   embedding                      d x vocab
//   blocks.B.heads.H.query         2 x d        (also .key)
//   blocks.B.heads.H.value         d_v x d
//   blocks.B.heads.H.output        d x d_v
//   blocks.B.ffn.gate              f x d        (also .value)
//   blocks.B.ffn.output            d x f
//   unembedding                    vocab x d
// A matrix whose non-zeros take fewer bytes than its dense form (version 2; a compiled
// model's are ~0.5 % non-zero) is stored instead as two tensors:
//   NAME.indices  I32  n x 2      (row, column) of each stored entry, row-major order
//   NAME.values   F64  n          its value
// (every element but +0.0 is stored, so -0.0 reads back as written).
// __metadata__ = {"c2w": "<JSON text>"}, the JSON being
//   {"format": "c2w-model", "version": 2, "d_model": d, "vocabulary": [names...],
//    "positional": {"position": i, "square": i, "one": i},
//    "blocks": [{"heads": [{"tie": "average" | "latest"}, ...]}, ...],
//    "sparse": {NAME: [rows, cols], ...},   (the matrices stored sparse; not in version 1)
//    "config": <Model::config_json, a JSON object>}
// Version 1 files (every matrix dense, no "sparse") are read as before.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "neural/model.h"
#include "neural/sparse_model.h"
#include "support/errors.h"

namespace c2w::neural {

struct ModelConfig;  // model_config.h

// A model file cannot be written, read, or is malformed. The message names the file
// and the problem and is ready to print.
// The version save_model writes; load_model and load_sparse_model read 1 and 2.
constexpr int kModelFileVersion = 2;

class ModelFileError : public UserError {
 public:
  using UserError::UserError;
};

// Writes `model` to `path` all-or-nothing (a temporary beside it, then a rename); the
// same model always gives the same bytes. Throws ModelFileError when the model is
// inconsistent (check_model), holds a non-finite weight, its config_json is not a
// JSON object, or the file cannot be written; no partial file is left. `version` 1
// writes every matrix dense, for readers of that version only.
void save_model(const Model& model, const std::string& path, int version = kModelFileVersion);

// Reads and validates a model file: the safetensors structure, every tensor against
// the configuration, check_model's shape checks, finite weights. Throws
// ModelFileError. Peak memory is the model's dense size: the file is read in chunks.
Model load_model(const std::string& path);

// Reads a model file straight into sparse form: the same validation as load_model
// (same error messages), but dense tensors are streamed in bounded chunks and only
// their non-zeros kept (a sparse-stored one is read whole: its non-zeros), so peak
// memory is ~ the non-zeros, never the dense size.
// Equal to sparse_model(load_model(path)), bit for bit. With `config`, that receives
// the model's configuration instead, ModelConfig::from_json(config_json, path), read
// from the header already parsed, and the model's config_json stays "{}" (a run needs
// the parsed form: writing it out as text and parsing it again cost as much as a short
// run's decoding).
// `fields` ForRun: the configuration without its residual_slots (what each residual
// coordinate holds, a teaching aid no run reads and ~2/3 of the configuration's text):
// their JSON is read as strictly as the rest (strict_json.h) but not built, and
// config->residual_slots stays empty; every other field as with All.
enum class ConfigFields { All, ForRun };
SparseModel load_sparse_model(const std::string& path, ModelConfig* config = nullptr,
                              ConfigFields fields = ConfigFields::All);

// For tests of the readers' fast path: a header in the plain form save_model writes is
// read without a JSON tree, every other one by the general strict reader, which gives
// every error (model_file.cpp, read_plain_header). With `use` false, every header is
// read by the general path; returns the previous setting. plain_headers_read counts the
// headers the fast path has read (in this process). The same for the c2w metadata's
// text (the configuration), read by read_plain_configuration when in save_model's form
// (with `use` false, by the general path too); plain_configurations_read counts those.
bool use_plain_header_path(bool use);
uint64_t plain_headers_read();
uint64_t plain_configurations_read();

}  // namespace c2w::neural
