// The readable trace (see explain.h).
#include "runtime/explain.h"

#include <nlohmann/json.hpp>

namespace c2w::runtime {
namespace {

bool is_pc_name(const std::string& name) { return name.size() > 1 && name[0] == '@'; }

// Heads worth showing: the ones that read machine state.
bool shown(const std::string& head) {
  for (const char* prefix : {"read.", "load", "input", "frame", "fp", "cursor"})
    if (head.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

ExplainRecorder::ExplainRecorder(const neural::Model& model) : model_(model) {
  nlohmann::json config = nlohmann::json::parse(model.config_json, nullptr, false);
  if (config.is_object()) {
    if (config.contains("listing") && config["listing"].is_array())
      for (const auto& line : config["listing"]) listing_.push_back(line.is_string() ? line.get<std::string>() : "");
    if (config.contains("heads") && config["heads"].is_array())
      for (const auto& block : config["heads"]) {
        head_names_.emplace_back();
        if (block.is_array())
          for (const auto& h : block) head_names_.back().push_back(h.is_string() ? h.get<std::string>() : "?");
      }
  }
}

void ExplainRecorder::on_step(int64_t position, int token, const neural::StepTrace& trace) {
  if (!is_pc_name(model_.vocabulary[size_t(token)])) return;
  auto& found = lookups_[position];
  for (size_t l = 0; l < trace.attended.size(); ++l)
    for (size_t h = 0; h < trace.attended[l].size(); ++h) {
      std::string name = l < head_names_.size() && h < head_names_[l].size() ? head_names_[l][h]
                                                                            : "L" + std::to_string(l) + "H" + std::to_string(h);
      if (shown(name)) found.push_back({name, trace.attended[l][h]});
    }
}

void ExplainRecorder::print(std::ostream& out, const std::vector<int>& tokens) const {
  uint64_t step = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& name = model_.vocabulary[size_t(tokens[i])];
    if (!is_pc_name(name) || i + 1 >= tokens.size()) continue;
    uint32_t pc = uint32_t(std::stoul(name.substr(1)));
    out << "#" << step++ << " " << name << "  " << (pc < listing_.size() ? listing_[pc] : "?") << "\n";
    auto it = lookups_.find(int64_t(i));
    if (it != lookups_.end() && !it->second.empty()) {
      out << "    lookups:";
      for (const auto& [head, winner] : it->second) {
        out << " " << head << "=";
        if (winner >= 0 && size_t(winner) < tokens.size())
          out << "#" << winner << ":" << model_.vocabulary[size_t(tokens[size_t(winner)])];
        else out << "-";
      }
      out << "\n";
    }
    out << "    emits:";
    for (size_t j = i + 1; j < tokens.size(); ++j) {
      const std::string& t = model_.vocabulary[size_t(tokens[j])];
      out << " " << t;
      if (is_pc_name(t)) break;
    }
    out << "\n";
  }
}

}  // namespace c2w::runtime
