// The model cache of `c2w run prog.c --engine=dense|hull`: a program is compiled into
// weights once and its model file kept in a directory ($C2W_CACHE_DIR, else
// $XDG_CACHE_HOME/c2w, else ~/.cache/c2w), keyed by the program's binary image and by
// the weight compiler (its version and a build-time hash of every source that decides
// the weights, so a changed weight compiler never reuses a stale model). The cache is
// trimmed to $C2W_CACHE_MAX_MB megabytes (default 2048), least recently used first;
// it only ever touches files it made.
#pragma once

#include <string>

#include "isa/isa.h"
#include "runtime/transformer_engine.h"

namespace c2w::pipeline {

// The cache file a program's model has (whether or not it exists yet).
std::string model_cache_path(const isa::Program& program);

// The program's model, as `engine` runs it: read from the cache when it is there, else
// compiled (and saved there when `use_cache`). A cached file that cannot be read is
// compiled again; a cache that cannot be written is a warning on stderr. Throws
// UserError when the weight compiler cannot express the program (naming `source`).
runtime::LoadedModel cached_model(const isa::Program& program, const std::string& source, bool use_cache,
                                  runtime::TransformerEngine engine);

}  // namespace c2w::pipeline
