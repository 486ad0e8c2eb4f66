// Token names of the c2w trace (see trace_format.h).
#include "isa/trace_format.h"

#include <cstdio>
#include <cstdlib>

#include "isa/isa.h"

namespace c2w::trace {

std::string token_name(Token t) {
  char buf[32];
  if (t < kOutBase)
    std::snprintf(buf, sizeof buf, "x%02x", t - kByteBase);
  else if (t < kInBase)
    std::snprintf(buf, sizeof buf, "out:%02x", t - kOutBase);
  else if (t < kBos)
    std::snprintf(buf, sizeof buf, "in:%02x", t - kInBase);
  else if (t == kBos)
    return "<bos>";
  else if (t == kEndOfInput)
    return "<eoi>";
  else if (t == kHalt)
    return "<halt>";
  else if (t < kPcBase) {
    return std::string("<trap:") + isa::trap_name(static_cast<isa::TrapKind>(t - kTrapBase)) + ">";
  } else
    std::snprintf(buf, sizeof buf, "@%u", t - kPcBase);
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
  if (name.size() == 3 && name[0] == 'x' && hex_byte(name.substr(1), v)) {
    out = kByteBase + v;
    return true;
  }
  if (name.rfind("out:", 0) == 0 && hex_byte(name.substr(4), v)) {
    out = kOutBase + v;
    return true;
  }
  if (name.rfind("in:", 0) == 0 && hex_byte(name.substr(3), v)) {
    out = kInBase + v;
    return true;
  }
  if (name == "<bos>") {
    out = kBos;
    return true;
  }
  if (name == "<eoi>") {
    out = kEndOfInput;
    return true;
  }
  if (name == "<halt>") {
    out = kHalt;
    return true;
  }
  for (int k = 1; k <= static_cast<int>(isa::TrapKind::Abort); ++k) {
    if (name == token_name(kTrapBase + k)) {
      out = kTrapBase + k;
      return true;
    }
  }
  if (name.size() > 1 && name[0] == '@') {
    char* end = nullptr;
    unsigned long pc = std::strtoul(name.c_str() + 1, &end, 10);
    if (*end == 0 && pc < (1ul << 24)) {
      out = kPcBase + static_cast<Token>(pc);
      return true;
    }
  }
  return false;
}

}  // namespace c2w::trace
