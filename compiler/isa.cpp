// Tables and small helpers of the c2w machine (see isa.h) and of its token trace
// (see trace_format.h).
#include "compiler/isa.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "compiler/trace_format.h"

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

namespace c2w::trace {

std::string token_name(Token t) {
  char buf[32];
  if (t < kOutBase) std::snprintf(buf, sizeof buf, "x%02x", t - kByteBase);
  else if (t < kInBase) std::snprintf(buf, sizeof buf, "out:%02x", t - kOutBase);
  else if (t < kBos) std::snprintf(buf, sizeof buf, "in:%02x", t - kInBase);
  else if (t == kBos) return "<bos>";
  else if (t == kEndOfInput) return "<eoi>";
  else if (t == kHalt) return "<halt>";
  else if (t < kPcBase) {
    return std::string("<trap:") + isa::trap_name(static_cast<isa::TrapKind>(t - kTrapBase)) + ">";
  } else std::snprintf(buf, sizeof buf, "@%u", t - kPcBase);
  return buf;
}

bool parse_token_name(const std::string& name, Token& out) {
  auto hex_byte = [](const std::string& s, Token& v) {
    if (s.size() != 2) return false;
    unsigned x = 0;
    if (std::sscanf(s.c_str(), "%2x", &x) != 1) return false;
    v = x;
    return true;
  };
  Token v = 0;
  if (name.size() == 3 && name[0] == 'x' && hex_byte(name.substr(1), v)) { out = kByteBase + v; return true; }
  if (name.rfind("out:", 0) == 0 && hex_byte(name.substr(4), v)) { out = kOutBase + v; return true; }
  if (name.rfind("in:", 0) == 0 && hex_byte(name.substr(3), v)) { out = kInBase + v; return true; }
  if (name == "<bos>") { out = kBos; return true; }
  if (name == "<eoi>") { out = kEndOfInput; return true; }
  if (name == "<halt>") { out = kHalt; return true; }
  for (int k = 1; k <= static_cast<int>(isa::TrapKind::Abort); ++k) {
    if (name == token_name(kTrapBase + k)) { out = kTrapBase + k; return true; }
  }
  if (name.size() > 1 && name[0] == '@') {
    char* end = nullptr;
    unsigned long pc = std::strtoul(name.c_str() + 1, &end, 10);
    if (*end == 0 && pc < (1ul << 24)) { out = kPcBase + static_cast<Token>(pc); return true; }
  }
  return false;
}

}  // namespace c2w::trace
