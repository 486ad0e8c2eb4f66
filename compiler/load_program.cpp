// Program loading by file kind (see load_program.h).
#include "compiler/load_program.h"

#include <cstring>
#include <iostream>

#include "support/errors.h"
#include "support/file_io.h"
#include "isa/isa_binary.h"
#include "isa/isa_text.h"

namespace c2w::compiler {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

isa::Program load_program(const std::string& path, const CompileOptions& options) {
  if (ends_with(path, ".c")) {
    CompileOptions o = options;
    o.source_path = path;
    o.stop_after = EmitStage::Isa;
    CompileOutput out = compile_c_program(o);
    if (!out.warnings.empty()) std::cerr << out.warnings;
    return std::move(out.program);
  }
  if (!options.more_sources.empty())
    throw UserError("error: only C sources are linked together; " + path + " is not a .c file");
  if (ends_with(path, ".isa") || ends_with(path, ".s")) {
    isa::Program p = isa::parse_assembly(read_file_text(path), path);
    isa::validate_program(p, path);
    return p;
  }
  return isa::decode_program(read_file_bytes(path), path);
}

}  // namespace c2w::compiler
