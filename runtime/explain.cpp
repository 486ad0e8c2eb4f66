// The readable trace (see explain.h).
#include "runtime/explain.h"

namespace c2w::runtime {
namespace {

bool is_pc_name(const std::string& name) { return name.size() > 1 && name[0] == '@'; }

// Heads worth showing, by their role (model_config.h), at a step whose instruction
// reads `reads` (the config's per-pc list): its operand words, a load's bytes, a ret's
// frame, getc's input, and the frame pointer; when the model has no such list (the
// universal model), every lookup of machine state.
bool shown(const std::string& role, const std::string* reads) {
  const bool state =
      role.rfind("memory:", 0) == 0 || role.rfind("register:", 0) == 0 || role == "frame" || role == "input";
  if (!reads) return state;
  auto wants = [&](char c) { return reads->find(c) != std::string::npos; };
  if (role == "memory:a" || role == "memory:b" || role == "memory:c") return wants(role[7]);
  if (role == "memory:load") return wants('m');
  if (role == "frame") return wants('f');
  if (role == "input") return wants('i');
  return role == "register:fp";
}

}  // namespace

ExplainRecorder::ExplainRecorder(const std::vector<std::string>& vocabulary,
                                 const neural::ModelConfig& config)
    : vocabulary_(vocabulary),
      listing_(config.listing),
      reads_(config.reads),
      head_names_(config.heads),
      head_roles_(config.head_roles) {}

void ExplainRecorder::on_step(int64_t position, int token, const neural::StepTrace& trace) {
  const std::string& name = vocabulary_[size_t(token)];
  if (!is_pc_name(name)) return;
  uint32_t pc = uint32_t(std::stoul(name.substr(1)));
  const std::string* reads = pc < reads_.size() ? &reads_[pc] : nullptr;
  auto& found = lookups_[position];
  for (size_t l = 0; l < trace.attended.size(); ++l)
    for (size_t h = 0; h < trace.attended[l].size(); ++h) {
      std::string head = l < head_names_.size() && h < head_names_[l].size()
                             ? head_names_[l][h]
                             : "L" + std::to_string(l) + "H" + std::to_string(h);
      const std::string role = l < head_roles_.size() && h < head_roles_[l].size() ? head_roles_[l][h] : "";
      if (shown(role, reads)) found.push_back({head, trace.attended[l][h]});
    }
}

void ExplainRecorder::print(std::ostream& out, const std::vector<int>& tokens) const {
  uint64_t step = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& name = vocabulary_[size_t(tokens[i])];
    if (!is_pc_name(name) || i + 1 >= tokens.size()) continue;
    uint32_t pc = uint32_t(std::stoul(name.substr(1)));
    out << "#" << step++ << " " << name << "  " << (pc < listing_.size() ? listing_[pc] : "?") << "\n";
    auto it = lookups_.find(int64_t(i));
    if (it != lookups_.end() && !it->second.empty()) {
      out << "    lookups:";
      for (const auto& [head, winner] : it->second) {
        out << " " << head << "=";
        if (winner >= 0 && size_t(winner) < tokens.size())
          out << "#" << winner << ":" << vocabulary_[size_t(tokens[size_t(winner)])];
        else
          out << "-";
      }
      out << "\n";
    }
    out << "    emits:";
    for (size_t j = i + 1; j < tokens.size(); ++j) {
      const std::string& t = vocabulary_[size_t(tokens[j])];
      out << " " << t;
      if (is_pc_name(t)) break;
    }
    out << "\n";
  }
}

}  // namespace c2w::runtime
