// Printer and parser of c2w text assembly (format in isa_text.h).
#include "isa/isa_text.h"

#include <cinttypes>
#include <cstdio>
#include <sstream>

#include "support/errors.h"

namespace c2w::isa {
namespace {

bool has_dst_field(Opcode op) {
  return info(op).writes_dst_word || op == Opcode::Call || op == Opcode::CallI;
}

std::string operand_text(const Operand& o) {
  char buf[32];
  switch (o.kind) {
    case OperandKind::None: return "_";
    case OperandKind::Slot: std::snprintf(buf, sizeof buf, "%%%d", o.value); break;
    case OperandKind::Abs: std::snprintf(buf, sizeof buf, "[0x%x]", static_cast<uint32_t>(o.value)); break;
    case OperandKind::Imm: std::snprintf(buf, sizeof buf, "#%d", o.value); break;
  }
  return buf;
}

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

class Parser {
 public:
  Parser(const std::string& text, const std::string& name) : in_(text), name_(name) {}

  Program parse() {
    Program p;
    p.files.push_back("");
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      std::string comment;
      if (auto semi = line.find(';'); semi != std::string::npos) {
        comment = line.substr(semi + 1);
        line.resize(semi);
      }
      std::istringstream words(line);
      std::string head;
      if (!(words >> head)) continue;
      if (head == ".layout")
        parse_layout(words, p);
      else if (head == ".file")
        parse_file(words, p);
      else if (head == ".datasize")
        parse_data_size(words, p);
      else if (head == ".data")
        parse_data(words, p);
      else if (head == ".func")
        parse_function(words, p);
      else
        parse_instruction(head, line, comment, p);
    }
    if (p.source_map.size() != p.code.size()) fail("internal: source map size");
    for (const Function& f : p.functions)
      if (f.end > p.code.size() || f.entry > f.end) fail("function '" + f.name + "' has a bad pc range");
    return p;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw UserError(name_ + ":" + std::to_string(line_number_) + ": error: " + what);
  }

  std::string next(std::istringstream& words) {
    std::string w;
    if (!(words >> w)) fail("unexpected end of line");
    return w;
  }

  // The data must fit in memory above data_base (.layout, which comes first, or the
  // default layout): a bad size is an error, not a huge allocation.
  void parse_data_size(std::istringstream& words, Program& p) {
    uint32_t size = parse_number(next(words));
    if (p.data_base > p.memory_size || size > p.memory_size - p.data_base || size > kMaxMemorySize)
      fail(".datasize " + std::to_string(size) +
           " does not fit in memory above data_base (.layout comes first)");
    p.data.assign(size, 0);
  }

  uint32_t parse_number(const std::string& s) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 0);
    if (s.empty() || *end != 0 || errno || v < INT32_MIN || v > UINT32_MAX) fail("bad number '" + s + "'");
    return static_cast<uint32_t>(v);
  }

  // key=value
  uint32_t parse_field(const std::string& word, const std::string& key) {
    if (word.rfind(key + "=", 0) != 0) fail("expected " + key + "=..., found '" + word + "'");
    return parse_number(word.substr(key.size() + 1));
  }

  void parse_layout(std::istringstream& words, Program& p) {
    p.data_base = parse_field(next(words), "data_base");
    p.stack_base = parse_field(next(words), "stack_base");
    p.stack_size = parse_field(next(words), "stack_size");
    p.heap_base = parse_field(next(words), "heap_base");
    p.memory_size = parse_field(next(words), "memory_size");
  }

  void parse_file(std::istringstream& words, Program& p) {
    uint32_t index = parse_number(next(words));
    std::string rest;
    std::getline(words, rest);
    auto q1 = rest.find('"'), q2 = rest.rfind('"');
    if (q1 == std::string::npos || q2 == q1) fail("expected a quoted file name");
    if (index != p.files.size()) fail("files must be numbered 1, 2, ... in order");
    p.files.push_back(rest.substr(q1 + 1, q2 - q1 - 1));
  }

  void parse_data(std::istringstream& words, Program& p) {
    uint32_t offset = parse_number(next(words));
    std::string bytes = next(words);
    if (bytes.size() % 2) fail("odd number of hex digits");
    if (offset + bytes.size() / 2 > p.data.size()) fail(".data past .datasize");
    for (size_t i = 0; i < bytes.size(); i += 2) {
      unsigned v = 0;
      if (std::sscanf(bytes.substr(i, 2).c_str(), "%2x", &v) != 1) fail("bad hex byte");
      p.data[offset + i / 2] = static_cast<uint8_t>(v);
    }
  }

  void parse_function(std::istringstream& words, Program& p) {
    Function f;
    f.name = next(words);
    f.entry = parse_field(next(words), "entry");
    f.end = parse_field(next(words), "end");
    f.frame_size = parse_field(next(words), "frame");
    p.functions.push_back(f);
  }

  Operand parse_operand(std::string s) {
    if (s == "_") return Operand::none();
    if (s.size() < 2) fail("bad operand '" + s + "'");
    if (s[0] == '%') return Operand::slot(static_cast<int32_t>(parse_number(s.substr(1))));
    if (s[0] == '#') return Operand::imm(parse_number(s.substr(1)));
    if (s[0] == '[' && s.back() == ']') return Operand::abs(parse_number(s.substr(1, s.size() - 2)));
    fail("bad operand '" + s + "'");
  }

  SourceLocation parse_location(const std::string& comment, const Program& p) {
    std::istringstream words(comment);
    std::string w;
    if (!(words >> w)) return {};
    auto c2 = w.rfind(':');
    if (c2 == std::string::npos) return {};
    auto c1 = w.rfind(':', c2 - 1);
    if (c1 == std::string::npos || c1 == 0) return {};
    std::string file = w.substr(0, c1);
    for (uint32_t i = 1; i < p.files.size(); ++i)
      if (p.files[i] == file)
        return {i, parse_number(w.substr(c1 + 1, c2 - c1 - 1)), parse_number(w.substr(c2 + 1))};
    return {};
  }

  void parse_instruction(const std::string& head, const std::string& line, const std::string& comment,
                         Program& p) {
    if (head.back() != ':') fail("expected 'pc:' before an instruction, found '" + head + "'");
    if (parse_number(head.substr(0, head.size() - 1)) != p.code.size())
      fail("instructions must be numbered in order");
    std::string rest = line.substr(line.find(':') + 1);
    for (char& ch : rest)
      if (ch == ',') ch = ' ';
    std::istringstream words(rest);
    Instruction ins;
    std::string mnemonic = next(words);
    if (!opcode_from_mnemonic(mnemonic, ins.op)) fail("unknown instruction '" + mnemonic + "'");
    if (has_dst_field(ins.op)) ins.dst = parse_operand(next(words));
    Operand* sources[] = {&ins.a, &ins.b, &ins.c};
    for (int i = 0; i < info(ins.op).source_count; ++i) *sources[i] = parse_operand(next(words));
    if (has_target(ins.op)) {
      std::string t = next(words);
      if (t.size() < 2 || t[0] != '@') fail("expected a target @pc, found '" + t + "'");
      ins.target = parse_number(t.substr(1));
    }
    std::string extra;
    if (words >> extra) fail("unexpected '" + extra + "'");
    p.code.push_back(ins);
    p.source_map.push_back(parse_location(comment, p));
  }

  std::istringstream in_;
  std::string name_;
  int line_number_ = 0;
};

}  // namespace

std::string print_instruction(const Instruction& ins) {
  std::string s = info(ins.op).mnemonic;
  std::string sep = " ";
  if (has_dst_field(ins.op)) {
    s += sep + operand_text(ins.dst);
    sep = ", ";
  }
  const Operand* sources[] = {&ins.a, &ins.b, &ins.c};
  for (int i = 0; i < info(ins.op).source_count; ++i) {
    s += sep + operand_text(*sources[i]);
    sep = ", ";
  }
  if (has_target(ins.op)) s += sep + "@" + std::to_string(ins.target);
  return s;
}

std::string print_assembly(const Program& p) {
  std::ostringstream out;
  out << "; c2w assembly\n";
  out << ".layout data_base=" << hex(p.data_base) << " stack_base=" << hex(p.stack_base)
      << " stack_size=" << p.stack_size << " heap_base=" << hex(p.heap_base)
      << " memory_size=" << p.memory_size << "\n";
  for (size_t i = 1; i < p.files.size(); ++i) out << ".file " << i << " \"" << p.files[i] << "\"\n";
  out << ".datasize " << p.data.size() << "\n";
  for (size_t offset = 0; offset < p.data.size(); offset += 32) {
    size_t n = std::min<size_t>(32, p.data.size() - offset);
    bool zero = true;
    for (size_t i = 0; i < n; ++i) zero = zero && p.data[offset + i] == 0;
    if (zero) continue;
    out << ".data " << offset << " ";
    char buf[4];
    for (size_t i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "%02x", p.data[offset + i]);
      out << buf;
    }
    out << "\n";
  }
  size_t next_function = 0;
  for (uint32_t pc = 0; pc < p.code.size(); ++pc) {
    while (next_function < p.functions.size() && p.functions[next_function].entry == pc) {
      const Function& f = p.functions[next_function++];
      out << ".func " << f.name << " entry=" << f.entry << " end=" << f.end << " frame=" << f.frame_size
          << "\n";
    }
    std::string text = print_instruction(p.code[pc]);
    char num[16];
    std::snprintf(num, sizeof num, "%6u: ", pc);
    out << num << text;
    std::string where;
    if (const SourceLocation& loc = p.source_map[pc]; loc.file != 0 && loc.file < p.files.size())
      where = p.files[loc.file] + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
    const Instruction& ins = p.code[pc];
    std::string callee;
    if (ins.op == Opcode::Call)
      if (const Function* f = p.function_entered_at(ins.target)) callee = "call " + f->name;
    if (!where.empty() || !callee.empty()) {
      out << std::string(text.size() < 32 ? 32 - text.size() : 1, ' ') << "; "
          << (where.empty() ? "-" : where);
      if (!callee.empty()) out << " " << callee;
    }
    out << "\n";
  }
  while (next_function < p.functions.size()) {  // empty functions at the end
    const Function& f = p.functions[next_function++];
    out << ".func " << f.name << " entry=" << f.entry << " end=" << f.end << " frame=" << f.frame_size
        << "\n";
  }
  return out.str();
}

Program parse_assembly(const std::string& text, const std::string& source_name) {
  return Parser(text, source_name).parse();
}

}  // namespace c2w::isa
