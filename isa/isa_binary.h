// Binary encoding of c2w programs (`c2w compile --emit=bin`, and the program section
// of model files). Little-endian, versioned, validated on read: a truncated or
// corrupt image is a UserError, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"

namespace c2w::isa {

std::vector<uint8_t> encode_program(const Program& program);
// `what` names the source of the bytes in error messages.
Program decode_program(const std::vector<uint8_t>& bytes, const std::string& what);

// Structural checks shared by the decoder and the assembler: operands, targets,
// functions and layout are consistent. Throws UserError.
void validate_program(const Program& program, const std::string& what);

}  // namespace c2w::isa
