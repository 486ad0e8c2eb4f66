// The educator's explorer: record a run of the compiled transformer, write it as JSON
// and as a page (see explain_page.h).
#include "pipeline/explain_page.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "isa/isa_text.h"
#include "isa/trace_format.h"
#include "neural/hull_head_cache.h"
#include "neural/transformer.h"
#include "runtime/reference_interpreter.h"
#include "support/errors.h"
#include "support/file_io.h"

// The page's HTML, CSS and JavaScript (pipeline/explain_page.html, embedded at build
// time as kExplainPageTemplate).
#include "explain_page_template.h"

namespace c2w::pipeline {
namespace {

using nlohmann::json;

bool is_pc_name(const std::string& name) { return name.size() > 1 && name[0] == '@'; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Heads whose keys the page draws with their hull: the lookups of machine state by
// address (memory, the frame, the input).
bool is_hull_role(const std::string& role) {
  return role.rfind("memory:", 0) == 0 || role == "frame" || role == "input";
}

// Distinct keys kept per drawn head; past it the page says the drawing stops.
constexpr size_t kMaxKeysPerHead = 3000;
// Tokens kept before each shown step (its context in the stream) and around each
// attended position; a trace this short is kept whole.
constexpr int64_t kContextBefore = 24, kContextAround = 2, kWholeTraceTokens = 20000;

// The executed instructions shown in detail: all of `total` when they fit, else the
// first half of `shown`, then evenly spaced ones up to the last.
std::vector<bool> steps_to_show(uint64_t total, int shown) {
  std::vector<bool> keep(total, false);
  if (total <= uint64_t(shown)) {
    keep.assign(total, true);
    return keep;
  }
  const uint64_t first = uint64_t(shown) / 2, rest = uint64_t(shown) - first;
  for (uint64_t k = 0; k < first; ++k) keep[k] = true;
  for (uint64_t i = 1; i <= rest; ++i) keep[first + i * (total - first) / rest - 1] = true;
  return keep;
}

struct HullHead {
  int layer = 0, head = 0;
  std::vector<std::array<double, 3>> keys;  // distinct keys: x, y, first position
  std::map<std::pair<double, double>, int32_t> seen;
  bool capped = false;
  int64_t capped_at = -1;       // the position of the first key not kept
  std::vector<int32_t> key_at;  // per position: the index of its key in `keys` (-1: not kept)
};

struct ShownStep {
  uint64_t index = 0;  // executed-instruction number
  uint32_t pc = 0;
  int64_t position = 0, next = 0;  // the step's pc token; the next step's (or the end)
  std::vector<std::vector<int64_t>> attended;
  std::vector<std::array<double, 2>> queries;  // per drawn head
  std::vector<int32_t> winner_keys;            // per drawn head: the index of the winner's key
  std::vector<int> fired;
  std::vector<std::pair<int, double>> values;  // feature -> value, non-zero ones
};

}  // namespace

std::string explanation_json(const ExplainRequest& request) {
  using clock = std::chrono::steady_clock;
  if (request.engine == Engine::Reference)
    throw UserError("error: explain shows the transformer at work: use --engine=dense or --engine=hull");
  if (is_model_path(request.path))
    throw UserError("error: " + request.path +
                    ": explain takes a program (.c, .isa or binary), not a model file: "
                    "it needs the weight compiler's names for the residual slots");
  if (request.shown_steps < 1) throw UserError("error: --steps must be at least 1");

  // The program, its weights and the names the weight compiler gave them.
  const isa::Program program = compiler::load_program(request.path, request.compile);
  compiler::WeightsOptions weights_options;
  weights_options.source_name = request.path;
  const compiler::CompiledWeights w = compiler::compile_weights(program, weights_options);
  const neural::Model& model = w.model;
  const compiler::circuit::Circuit& circuit = w.machine.circuit;
  const compiler::Schedule& schedule = w.schedule;
  const neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, request.path);
  std::unordered_map<std::string, int> ids;
  for (size_t i = 0; i < model.vocabulary.size(); ++i) ids.emplace(model.vocabulary[i], int(i));

  // The oracle: the reference interpreter's trace, as far as the budget reaches.
  runtime::RunOptions reference_options;
  reference_options.input = request.input;
  reference_options.max_steps = request.max_tokens;  // every instruction spells at least one token
  reference_options.record_trace = true;
  const runtime::RunResult reference = runtime::run_reference(program, reference_options);
  runtime::RunOptions full_options;
  full_options.input = request.input;
  full_options.max_steps = 100'000'000;
  const runtime::RunResult full = runtime::run_reference(program, full_options);

  std::vector<int> prompt;
  for (trace::Token t : runtime::prompt_tokens(request.input)) prompt.push_back(ids.at(trace::token_name(t)));
  if (config.max_positions > 0 && int64_t(prompt.size() + request.max_tokens) > config.max_positions)
    throw UserError("error: --max-tokens " + std::to_string(request.max_tokens) +
                    " with this input exceeds the " + "model's exact range of " +
                    std::to_string(config.max_positions) + " positions");

  // How many instructions the budget covers: the pc tokens of the reference trace
  // within it (the prompt's last token, @entry, starts the first).
  const size_t horizon = std::min<size_t>(reference.trace.size(), prompt.size() + request.max_tokens);
  uint64_t steps_in_budget = 0;
  for (size_t i = 0; i < horizon; ++i)
    if (is_pc_name(trace::token_name(reference.trace[i])) && i + 1 < horizon) ++steps_in_budget;
  const std::vector<bool> shown = steps_to_show(steps_in_budget, request.shown_steps);

  // The heads whose keys are drawn.
  std::vector<HullHead> hull_heads;
  for (size_t l = 0; l < config.head_roles.size(); ++l)
    for (size_t h = 0; h < config.head_roles[l].size(); ++h)
      if (is_hull_role(config.head_roles[l][h])) hull_heads.push_back({int(l), int(h), {}, {}, false, -1});

  // The recorded run: the reference forward pass on the model's matrices.
  auto start = clock::now();
  neural::Transformer transformer(
      model, request.engine == Engine::Hull ? neural::hull_cache_factory() : neural::dense_cache_factory());
  std::vector<int> tokens;
  std::vector<ShownStep> steps;
  std::vector<uint64_t> fired_total(model.blocks.size(), 0);
  uint64_t step_index = 0, generated = 0;
  std::string status = "token_limit";
  int predicted = -1;
  neural::StepTrace trace;
  auto feed = [&](int token) {
    const int64_t position = transformer.position();
    tokens.push_back(token);
    const std::string& name = model.vocabulary[size_t(token)];
    const bool starts_step = is_pc_name(name) && step_index < steps_in_budget;
    const bool detail = starts_step && shown[step_index];
    trace.record_detail = detail;
    predicted = transformer.step(token, &trace);
    for (HullHead& hh : hull_heads) {
      const Eigen::Vector4d& qk = trace.query_key[size_t(hh.layer)][size_t(hh.head)];
      const auto key = std::make_pair(qk[2], qk[3]);
      auto it = hh.seen.find(key);
      if (it != hh.seen.end()) {
        hh.key_at.push_back(it->second);
        continue;
      }
      if (hh.keys.size() >= kMaxKeysPerHead) {
        if (!hh.capped) hh.capped_at = position;
        hh.capped = true;
        hh.key_at.push_back(-1);
        continue;
      }
      hh.seen[key] = int32_t(hh.keys.size());
      hh.key_at.push_back(int32_t(hh.keys.size()));
      hh.keys.push_back({qk[2], qk[3], double(position)});
    }
    if (detail) {
      ShownStep s;
      s.index = step_index;
      s.pc = uint32_t(std::stoul(name.substr(1)));
      s.position = position;
      s.attended = trace.attended;
      for (const HullHead& hh : hull_heads) {
        const Eigen::Vector4d& qk = trace.query_key[size_t(hh.layer)][size_t(hh.head)];
        s.queries.push_back({qk[0], qk[1]});
        const int64_t winner = trace.attended[size_t(hh.layer)][size_t(hh.head)];
        s.winner_keys.push_back(winner >= 0 ? hh.key_at[size_t(winner)] : -1);
      }
      s.fired = trace.neurons_fired;
      for (size_t b = 0; b < s.fired.size(); ++b) fired_total[b] += uint64_t(s.fired[b]);
      for (size_t f = 0; f < circuit.features().size(); ++f) {
        const int slot = schedule.feature_slot[f];
        if (slot < 0) continue;
        const double v = trace.residual[size_t(schedule.feature_birth[f] + 1)][slot];
        if (v != 0) s.values.push_back({int(f), v});
      }
      steps.push_back(std::move(s));
    }
    if (starts_step) ++step_index;
  };
  for (int token : prompt) feed(token);
  while (generated < request.max_tokens) {
    const int token = predicted;
    ++generated;
    const std::string& name = model.vocabulary[size_t(token)];
    if (name == "<halt>" || name.rfind("<trap:", 0) == 0) {
      tokens.push_back(token);
      status = name == "<halt>" ? "halted" : "trapped";
      break;
    }
    feed(token);
  }
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  for (size_t i = 0; i + 1 < steps.size(); ++i) steps[i].next = steps[i + 1].position;
  // A step's tokens run to the next pc token.
  for (ShownStep& s : steps) {
    int64_t p = s.position + 1;
    while (p < int64_t(tokens.size()) && !is_pc_name(model.vocabulary[size_t(tokens[size_t(p)])])) ++p;
    s.next = std::min<int64_t>(p, int64_t(tokens.size()) - 1);
  }

  // The transformer's tokens must be the oracle's.
  C2W_CHECK(status == "token_limit" ? tokens.size() <= reference.trace.size()
                                    : tokens.size() == reference.trace.size(),
            "explain: the transformer's trace has " + std::to_string(tokens.size()) +
                " tokens, the reference's " + std::to_string(reference.trace.size()));
  const size_t common = std::min(tokens.size(), reference.trace.size());
  for (size_t i = 0; i < common; ++i)
    C2W_CHECK(model.vocabulary[size_t(tokens[i])] == trace::token_name(reference.trace[i]),
              "explain: the transformer's token at position " + std::to_string(i) + " (" +
                  model.vocabulary[size_t(tokens[i])] + ") differs from the reference trace's (" +
                  trace::token_name(reference.trace[i]) + ")");

  // ---- the JSON ----
  json j;
  j["format"] = "c2w-explain 1";
  j["engine"] = engine_name(request.engine);
  j["program"] = request.path;
  const neural::ModelShape shape = neural::shape_of(model);
  j["model"] = {
      {"vocab", shape.vocab},         {"d_model", shape.d_model},         {"layers", shape.layers},
      {"heads", shape.heads},         {"ffn_width", shape.max_ffn_width}, {"parameters", shape.parameters},
      {"non_zeros", shape.non_zeros}, {"slots_reused", schedule.cleared}};

  // Source: the program's own file, and where every pc comes from.
  uint32_t main_file = 0;
  for (uint32_t f = 1; f < program.files.size(); ++f)
    if (program.files[f] == request.path || ends_with(request.path, "/" + program.files[f]) ||
        ends_with(program.files[f], "/" + request.path))
      main_file = f;
  if (main_file == 0 && ends_with(request.path, ".c")) {
    for (uint32_t f = 1; f < program.files.size(); ++f)
      if (ends_with(program.files[f], ".c") && program.files[f].find("libc") == std::string::npos)
        main_file = f;
  }
  j["source"] = {{"file", main_file ? program.files[main_file] : request.path},
                 {"text", ends_with(request.path, ".c") ? read_file_text(request.path) : std::string()}};
  json pc_line = json::array(), functions = json::array();
  for (uint32_t pc = 0; pc < program.code.size(); ++pc) {
    const isa::SourceLocation& loc =
        pc < program.source_map.size() ? program.source_map[pc] : isa::SourceLocation{};
    pc_line.push_back(loc.file == main_file && main_file ? int(loc.line) : 0);
  }
  for (const isa::Function& f : program.functions) functions.push_back({f.name, f.entry, f.end});
  j["listing"] = config.listing;
  j["reads"] = config.reads;  // per pc: which lookups the instruction uses (model_config.h)
  j["pc_line"] = pc_line;
  j["functions"] = functions;

  // The layer/gadget map and the features (named residual slots).
  json layers = json::array();
  for (int b = 0; b < schedule.blocks; ++b) {
    json heads = json::array(), ffn = json::array();
    for (size_t i = 0; i < circuit.ops().size(); ++i) {
      const compiler::circuit::Op& op = circuit.ops()[i];
      json slots = json::array();
      for (int f : op.outputs) slots.push_back(schedule.feature_slot[size_t(f)]);
      if (schedule.op_stage[i] == 2 * b && op.kind == compiler::circuit::Op::Head)
        heads.push_back({{"name", op.name},
                         {"role", op.head.role},
                         {"tie", op.head.tie == neural::TieMode::Latest ? "latest" : "average"},
                         {"slots", slots}});
      if (schedule.op_stage[i] == 2 * b + 1 && op.kind == compiler::circuit::Op::Ffn)
        ffn.push_back({{"name", op.name}, {"neurons", op.neurons.size()}, {"slots", slots}});
    }
    layers.push_back({{"heads", heads},
                      {"ffn", ffn},
                      {"neurons", model.blocks[size_t(b)].ffn.gate.rows()},
                      {"fired_at_shown_steps", fired_total[size_t(b)]}});
  }
  j["layers"] = layers;
  json features = json::array();
  for (size_t f = 0; f < circuit.features().size(); ++f) {
    const compiler::circuit::Feature& feature = circuit.features()[f];
    using compiler::circuit::Source;
    const std::string writer = feature.op >= 0                       ? circuit.ops()[size_t(feature.op)].name
                               : feature.source == Source::Embedding ? "embedding"
                                                                     : "positional";
    features.push_back({feature.name, schedule.feature_slot[f], schedule.feature_birth[f], writer});
  }
  j["features"] = features;  // [name, slot (-1: unused), stage written (-1: input), gadget]

  // The tokens kept: the whole trace when short, else the context of the shown steps
  // and of the positions they attended.
  const int64_t n = int64_t(tokens.size());
  std::vector<bool> keep(size_t(n), n <= kWholeTraceTokens);
  auto mark = [&](int64_t from, int64_t to) {
    for (int64_t p = std::max<int64_t>(0, from); p <= std::min(to, n - 1); ++p) keep[size_t(p)] = true;
  };
  for (int64_t p = 0; p < int64_t(prompt.size()); ++p) keep[size_t(p)] = true;
  for (const ShownStep& s : steps) {
    mark(s.position - kContextBefore, s.next);
    for (const auto& layer : s.attended)
      for (int64_t winner : layer)
        if (winner >= 0) mark(winner - kContextAround, winner + kContextAround);
  }
  json segments = json::array();
  std::map<int, std::string> used;
  for (int64_t p = 0; p < n;) {
    if (!keep[size_t(p)]) {
      ++p;
      continue;
    }
    json ids_here = json::array();
    const int64_t from = p;
    for (; p < n && keep[size_t(p)]; ++p) {
      ids_here.push_back(tokens[size_t(p)]);
      used[tokens[size_t(p)]] = model.vocabulary[size_t(tokens[size_t(p)])];
    }
    segments.push_back({from, ids_here});
  }
  json names = json::object();
  for (const auto& [id, name] : used) names[std::to_string(id)] = name;
  j["tokens"] = {{"total", n}, {"prompt", prompt.size()}, {"segments", segments}, {"names", names}};

  json roles = json::array(), head_names = json::array();
  for (const auto& block : config.head_roles) roles.push_back(block);
  for (const auto& block : config.heads) head_names.push_back(block);
  j["heads"] = {{"names", head_names}, {"roles", roles}};

  json hull = json::array();
  for (size_t i = 0; i < hull_heads.size(); ++i) {
    const HullHead& hh = hull_heads[i];
    // Heads keyed alike (the memory heads all key by address) share one key list.
    int same = -1;
    for (size_t e = 0; e < i && same < 0; ++e)
      if (hull_heads[e].keys == hh.keys && hull_heads[e].capped_at == hh.capped_at) same = int(e);
    while (same >= 0 && hull[size_t(same)]["same_keys_as"].get<int>() >= 0)
      same = hull[size_t(same)]["same_keys_as"].get<int>();
    json keys = json::array();
    if (same < 0)
      for (const auto& k : hh.keys) keys.push_back({k[0], k[1], int64_t(k[2])});
    hull.push_back({{"layer", hh.layer},
                    {"same_keys_as", same},
                    {"head", hh.head},
                    {"name", config.heads[size_t(hh.layer)][size_t(hh.head)]},
                    {"role", config.head_roles[size_t(hh.layer)][size_t(hh.head)]},
                    {"keys", keys},
                    {"capped_at", hh.capped_at}});
  }
  j["hull_heads"] = hull;

  json shown_steps = json::array();
  for (const ShownStep& s : steps) {
    json values = json::array();
    for (const auto& [f, v] : s.values) values.push_back({f, v});
    json queries = json::array();
    for (const auto& q : s.queries) queries.push_back({q[0], q[1]});
    shown_steps.push_back({{"index", s.index},
                           {"pc", s.pc},
                           {"position", s.position},
                           {"next", s.next},
                           {"attended", s.attended},
                           {"queries", queries},
                           {"winner_keys", s.winner_keys},
                           {"fired", s.fired},
                           {"values", values}});
  }
  j["steps"] = shown_steps;

  std::string output;
  for (int t : tokens) {
    const std::string& name = model.vocabulary[size_t(t)];
    if (name.size() == 6 && name.rfind("out:", 0) == 0)
      output += char(std::stoul(name.substr(4), nullptr, 16));
  }
  j["run"] = {{"status", status},
              {"output", output},
              {"generated_tokens", generated},
              {"tokens", n},
              {"instructions_recorded", steps_in_budget},
              {"instructions_total", full.instructions},
              {"tokens_total", full.tokens},
              // false: the whole run was cut too (at 10^8 instructions), the totals are lower bounds
              {"totals_known", full.status != runtime::RunStatus::StepLimit},
              {"complete", status != "token_limit"},
              {"equals_reference", true},
              {"max_tokens", request.max_tokens},
              {"seconds", seconds}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string explanation_page(const std::string& data) {
  std::string page = kExplainPageTemplate;
  const std::string marker = "/*C2W_EXPLAIN_DATA*/null";
  const size_t at = page.find(marker);
  C2W_CHECK(at != std::string::npos, "the explain page template has no data marker");
  // The JSON sits inside a <script>: "</" must not end it early.
  std::string safe;
  safe.reserve(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '<' && i + 1 < data.size() && data[i + 1] == '/')
      safe += "<\\/", ++i;
    else
      safe += data[i];
  }
  return page.replace(at, marker.size(), safe);
}

}  // namespace c2w::pipeline
