// Reading and writing the model configuration (see model_config.h).
#include "neural/model_config.h"

#include <nlohmann/json.hpp>

#include "neural/arena_json.h"
#include "neural/model_file.h"

namespace c2w::neural {

using Json = nlohmann::ordered_json;

std::string ModelConfig::to_json() const {
  Json j;
  j["compiler"] = compiler;
  if (mode != ModelMode::Unspecified) j["mode"] = mode == ModelMode::Universal ? "universal" : "specialised";
  if (mode == ModelMode::Universal) {
    j["layout"] = {
        {"max_pc", layout.max_pc}, {"memory_size", layout.memory_size}, {"data_base", layout.data_base}};
  } else {
    j["machine"] = {{"instructions", machine.instructions}, {"data_base", machine.data_base},
                    {"stack_base", machine.stack_base},     {"stack_size", machine.stack_size},
                    {"heap_base", machine.heap_base},       {"memory_size", machine.memory_size},
                    {"data_bytes", machine.data_bytes}};
    Json f = Json::array();
    for (const Function& fn : functions)
      f.push_back({{"name", fn.name}, {"entry", fn.entry}, {"end", fn.end}, {"frame", fn.frame}});
    j["functions"] = f;
  }
  j["schedule"] = {
      {"blocks", schedule.blocks}, {"d_model", schedule.d_model}, {"slots_reused", schedule.slots_reused}};
  j["heads"] = heads;
  if (!head_roles.empty()) j["head_roles"] = head_roles;
  j["max_positions"] = max_positions;
  if (!residual_slots.empty()) {
    Json slots = Json::array();
    for (const std::vector<SlotUse>& uses : residual_slots) {
      Json u = Json::array();
      for (const SlotUse& use : uses)
        u.push_back({{"feature", use.feature}, {"written", use.written}, {"last_read", use.last_read}});
      slots.push_back(std::move(u));
    }
    j["residual_slots"] = std::move(slots);
  }
  if (mode == ModelMode::Specialised) {
    j["listing"] = listing;
    j["reads"] = reads;
  }
  return j.dump();
}

namespace {

// Field readers that name what is wrong; every field is optional, so a model written
// by an older compiler, or by hand, still loads.
template <typename J>  // nlohmann::json or nlohmann::ordered_json
class Reader {
 public:
  explicit Reader(const std::string& source) : source_(source) {}
  [[noreturn]] void fail(const std::string& what) const {
    throw ModelFileError(source_ + ": the model's configuration " + what);
  }
  template <class T>
  void get(const J& object, const char* key, T& out) const {
    if (!object.contains(key)) return;
    try {
      out = object.at(key).template get<T>();
    } catch (const nlohmann::json::exception&) {
      fail(std::string("has a malformed \"") + key + "\"");
    }
  }
  const J& object(const J& parent, const char* key) const {
    static const J empty;  // (null: contains nothing, and allocates nothing)
    if (!parent.contains(key)) return empty;
    if (!parent.at(key).is_object()) fail(std::string("has a malformed \"") + key + "\"");
    return parent.at(key);
  }

 private:
  std::string source_;
};

template <typename J>
ModelConfig read_config(const J& j, const std::string& source) {
  using Function = ModelConfig::Function;
  using SlotUse = ModelConfig::SlotUse;
  Reader<J> r(source);
  if (!j.is_object()) r.fail("is not a JSON object");
  ModelConfig c;
  r.get(j, "compiler", c.compiler);
  std::string mode;
  r.get(j, "mode", mode);
  if (mode == "universal")
    c.mode = ModelMode::Universal;
  else if (mode == "specialised")
    c.mode = ModelMode::Specialised;
  else if (mode.empty())
    c.mode = ModelMode::Unspecified;
  else
    r.fail("has an unknown mode \"" + mode + "\"");
  const J& m = r.object(j, "machine");
  r.get(m, "instructions", c.machine.instructions);
  r.get(m, "data_base", c.machine.data_base);
  r.get(m, "stack_base", c.machine.stack_base);
  r.get(m, "stack_size", c.machine.stack_size);
  r.get(m, "heap_base", c.machine.heap_base);
  r.get(m, "memory_size", c.machine.memory_size);
  r.get(m, "data_bytes", c.machine.data_bytes);
  if (j.contains("functions")) {
    if (!j["functions"].is_array()) r.fail("has a malformed \"functions\"");
    for (const J& f : j["functions"]) {
      if (!f.is_object()) r.fail("has a malformed \"functions\"");
      Function fn;
      r.get(f, "name", fn.name);
      r.get(f, "entry", fn.entry);
      r.get(f, "end", fn.end);
      r.get(f, "frame", fn.frame);
      c.functions.push_back(fn);
    }
  }
  const J& l = r.object(j, "layout");
  r.get(l, "max_pc", c.layout.max_pc);
  r.get(l, "memory_size", c.layout.memory_size);
  r.get(l, "data_base", c.layout.data_base);
  const J& s = r.object(j, "schedule");
  r.get(s, "blocks", c.schedule.blocks);
  r.get(s, "d_model", c.schedule.d_model);
  r.get(s, "slots_reused", c.schedule.slots_reused);
  r.get(j, "heads", c.heads);
  r.get(j, "head_roles", c.head_roles);
  r.get(j, "max_positions", c.max_positions);
  if (j.contains("residual_slots")) {
    const J& slots = j["residual_slots"];
    if (!slots.is_array()) r.fail("has a malformed \"residual_slots\"");
    for (const J& uses : slots) {
      if (!uses.is_array()) r.fail("has a malformed \"residual_slots\"");
      auto& slot = c.residual_slots.emplace_back();
      for (const J& use : uses) {
        if (!use.is_object()) r.fail("has a malformed \"residual_slots\"");
        SlotUse u;
        r.get(use, "feature", u.feature);
        r.get(use, "written", u.written);
        r.get(use, "last_read", u.last_read);
        slot.push_back(u);
      }
    }
  }
  r.get(j, "listing", c.listing);
  r.get(j, "reads", c.reads);
  return c;
}

}  // namespace

ModelConfig ModelConfig::from_json(const std::string& text, const std::string& source) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) Reader<Json>(source).fail("is not a JSON object");
  return read_config(j, source);
}

ModelConfig ModelConfig::from_json_value(const nlohmann::json& value, const std::string& source) {
  return read_config(value, source);
}

ModelConfig model_config_from_json_value(const ArenaJson& value, const std::string& source) {
  return read_config(value, source);
}

}  // namespace c2w::neural
