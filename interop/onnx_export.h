// `c2w export --format=onnx`: a c2w model as a standard ONNX graph (opset 17, float64
// throughout), built with the ONNX C++ library and checked by its checker and strict
// shape inference before a byte is written. The graph is the whole-sequence forward
// pass of docs/model-format.md §4 with every position at once:
//
//   input   tokens       int64 [T]      token ids, position 0 first
//   output  logits       double [T, V]  logits[p] predicts the token after position p
//   output  next_tokens  int64 [T]      argmax of each row, the lowest id on a tie
//
// Its initializers are the model's own matrices, named and oriented as in the model
// file (`embedding`, `blocks.B.heads.H.query`, ..., rows are outputs), so the graph
// computes the transformer from the weights; the vocabulary and the model's config are
// in the model's metadata_props. With a KV cache (OnnxExportOptions) the same graph
// also takes each head's past keys and values and returns them extended, to decode a
// token per call. docs/model-format.md §7 describes the graph.
#pragma once

#include <string>

#include "neural/model.h"

namespace c2w::interop {

struct OnnxExportOptions {
  // Incremental decoding: every head gets inputs past.blocks.B.heads.H.keys [P, 2] and
  // .values [P, d_v] (P = 0 at first) and outputs present.blocks.B.heads.H.keys [P+T, 2]
  // and .values, the past followed by the T new positions, which start at position P.
  // Feeding the presents back as the next call's pasts decodes a token per call.
  bool kv_cache = false;
};

// The serialized onnx.ModelProto of `model`; `source_name` (the model file's name) goes
// into its doc string. Throws UserError when the model is inconsistent or too large for
// one ONNX file (protobuf's 2 GiB); a graph the ONNX checker refuses is c2w's bug
// (InternalError).
std::string onnx_model_bytes(const neural::Model& model, const std::string& source_name,
                             const OnnxExportOptions& options = {});

// Reads the model file `model_path` (neural::load_model), builds its ONNX graph and
// writes it to `output_path` all-or-nothing. Throws UserError (a bad model file, an
// unwritable output); no partial file is left. Returns a one-line summary for the CLI.
std::string export_onnx(const std::string& model_path, const std::string& output_path,
                        const OnnxExportOptions& options = {});

}  // namespace c2w::interop
