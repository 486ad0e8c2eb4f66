// Tables and small helpers of the c2w machine (see isa.h).
#include "isa/isa.h"

#include <algorithm>

namespace c2w::isa {

bool opcode_from_mnemonic(std::string_view mnemonic, Opcode& out) {
  for (int i = 0; i < kOpcodeCount; ++i) {
    if (mnemonic == kOpcodeInfo[i].mnemonic) {
      out = static_cast<Opcode>(i);
      return true;
    }
  }
  return false;
}

const char* trap_name(TrapKind kind) {
  switch (kind) {
    case TrapKind::None: return "none";
    case TrapKind::DivideByZero: return "div0";
    case TrapKind::MemoryOutOfBounds: return "mem";
    case TrapKind::StackOverflow: return "stack";
    case TrapKind::BadCall: return "call";
    case TrapKind::Abort: return "abort";
  }
  return "?";
}

const char* trap_description(TrapKind kind) {
  switch (kind) {
    case TrapKind::None: return "no trap";
    case TrapKind::DivideByZero: return "division by zero";
    case TrapKind::MemoryOutOfBounds: return "memory access out of bounds";
    case TrapKind::StackOverflow: return "stack overflow";
    case TrapKind::BadCall: return "indirect call to an address that is not a function";
    case TrapKind::Abort: return "abort (trap instruction)";
  }
  return "?";
}

const Function* Program::function_at(uint32_t pc) const {
  auto it = std::upper_bound(functions.begin(), functions.end(), pc,
                             [](uint32_t p, const Function& f) { return p < f.entry; });
  if (it == functions.begin()) return nullptr;
  --it;
  return pc < it->end ? &*it : nullptr;
}

const Function* Program::function_entered_at(uint32_t pc) const {
  const Function* f = function_at(pc);
  // The start stub (functions[0]) is not callable.
  return f && f->entry == pc && f != &functions[0] ? f : nullptr;
}

std::string Program::describe_location(uint32_t pc) const {
  if (pc >= source_map.size()) return "";
  const SourceLocation& loc = source_map[pc];
  if (loc.file == 0 || loc.file >= files.size()) return "";
  std::string s = files[loc.file] + ":" + std::to_string(loc.line);
  if (loc.column) s += ":" + std::to_string(loc.column);
  return s;
}

}  // namespace c2w::isa
