// `c2w verify`: the obligations of a model file, in the order of verify_model.h.
#include "verify/verify_model.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "neural/model_config.h"
#include "neural/transformer.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"
#include "verify/numeric_bounds.h"
#include "verify/op_proofs.h"
#include "verify/op_refutation.h"
#include "verify/control_proofs.h"
#include "verify/head_semantics.h"
#include "verify/rom_check.h"
#include "verify/unembedding_margin.h"

namespace c2w::verify {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string plain(long double v) {
  std::ostringstream s;
  s << std::setprecision(17) << double(v);
  return s.str();
}

Obligation shape_obligation(const neural::Model& model) {
  Obligation o{"model", "shapes and finite weights", Status::Proved, "", "", 0};
  auto t = Clock::now();
  std::string bad = neural::check_model(model);
  auto finite = [&](const Eigen::MatrixXd& m, const std::string& what) {
    if (!bad.empty()) return;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
      for (Eigen::Index r = 0; r < m.rows(); ++r)
        if (!std::isfinite(m(r, c))) {
          bad = what + " (" + std::to_string(r) + ", " + std::to_string(c) + ") is not finite";
          return;
        }
  };
  finite(model.embedding, "embedding");
  finite(model.unembedding, "unembedding");
  for (size_t b = 0; b < model.blocks.size(); ++b) {
    std::string name = "block " + std::to_string(b);
    for (size_t h = 0; h < model.blocks[b].heads.size(); ++h) {
      const neural::AttentionHead& head = model.blocks[b].heads[h];
      std::string hn = name + " head " + std::to_string(h);
      finite(head.query, hn + " query");
      finite(head.key, hn + " key");
      finite(head.value, hn + " value");
      finite(head.output, hn + " output");
    }
    finite(model.blocks[b].ffn.gate, name + " ffn gate");
    finite(model.blocks[b].ffn.value, name + " ffn value");
    finite(model.blocks[b].ffn.output, name + " ffn output");
  }
  if (!bad.empty()) {
    o.status = Status::Refuted;
    o.counterexample = bad;
  } else {
    neural::ModelShape s = neural::shape_of(model);
    o.detail = std::to_string(s.layers) + " blocks, " + std::to_string(s.heads) + " heads, d_model " +
               std::to_string(s.d_model) + ", vocabulary " + std::to_string(s.vocab) + ", " +
               std::to_string(s.non_zeros) + " non-zero parameters";
  }
  o.seconds = since(t);
  return o;
}

std::string role_of(const neural::ModelConfig& config, size_t block, size_t head) {
  if (block < config.head_roles.size() && head < config.head_roles[block].size() &&
      !config.head_roles[block][head].empty())
    return config.head_roles[block][head];
  if (block < config.heads.size() && head < config.heads[block].size()) return config.heads[block][head];
  return "";
}

// A token the machine's trace generates (isa/trace_format.h): a byte, out:XX, a pc,
// <halt> or a trap; the prompt-only tokens (in:XX, d:XX, <bos>, <eoi>) may share rows.
bool is_generated_token(const std::string& name) {
  return (name.size() == 3 && name[0] == 'x') || name.rfind("out:", 0) == 0 || name.rfind("@", 0) == 0 ||
         name == "<halt>" || name.rfind("<trap", 0) == 0;
}

// The margin obligations of the heads and of the unembedding, from the bounds.
void margin_obligations(const neural::Model& model, const neural::ModelConfig& config,
                        const NumericBounds& bounds, bool exact64, std::vector<Obligation>& out) {
  for (size_t b = 0; b < bounds.heads.size(); ++b)
    for (size_t h = 0; h < bounds.heads[b].size(); ++h) {
      const HeadBounds& hb = bounds.heads[b][h];
      std::string role = role_of(config, b, h);
      Obligation o{
          "margin",
          "head " + std::to_string(b) + "." + std::to_string(h) + (role.empty() ? "" : " (" + role + ")"),
          Status::Unknown,
          "",
          "",
          0};
      if (hb.score.grain == Range::kZeroGrain) {
        o.status = Status::Proved;
        o.detail = "every score is 0: the head always returns its tie result";
      } else if (!exact64 &&
                 !(config.max_positions > 0 && hb.recorded_at < bounds.first_inexact.back().index)) {
        o.detail = "scores " + hb.score.to_string() + ": not shown exact (" +
                   bounds.first_inexact.back().where + " comes before them)";
      } else if (!hb.score.integral()) {
        o.detail =
            "scores are multiples of 2^" + std::to_string(hb.score.grain) + ", not integers: margin < 1";
      } else {
        o.status = Status::Proved;
        o.detail = "every score an exact integer in [" + plain(hb.score.low) + ", " + plain(hb.score.high) +
                   "]: the winner beats every key it does not tie by >= 1" +
                   (exact64 ? "" : " (every quantity up to these scores is exact in float64)");
      }
      if (hb.tie == neural::TieMode::Average && o.status == Status::Proved) {
        o.status = Status::Unknown;
        o.detail += "; tie `average`: the mean of unequal tied values is not covered";
      }
      out.push_back(o);
    }

  auto t = Clock::now();
  Obligation u{"margin", "unembedding argmax", Status::Unknown, "", "", 0};
  Range all;
  bool integral = true;
  for (const Range& r : bounds.logits)
    if (r.grain != Range::kZeroGrain) {
      integral = integral && r.integral();
      all = Range{std::min(all.low, r.low), std::max(all.high, r.high), std::min(all.grain, r.grain)};
    }
  // Identical non-zero rows: the higher token of the pair can never win the argmax.
  std::map<std::vector<double>, int> rows;
  std::string duplicate;
  for (int t2 = 0; t2 < model.vocab_size() && duplicate.empty(); ++t2) {
    Eigen::VectorXd row = model.unembedding.row(t2);
    if (row.isZero(0) || !is_generated_token(model.vocabulary[size_t(t2)])) continue;
    std::vector<double> key(row.data(), row.data() + row.size());
    auto [it, fresh] = rows.emplace(key, t2);
    if (!fresh)
      duplicate = "tokens " + model.vocabulary[size_t(it->second)] + " and " + model.vocabulary[size_t(t2)] +
                  " have identical unembedding rows: " + model.vocabulary[size_t(t2)] +
                  " can never be emitted";
  }
  // Within each family (bytes, out:XX, pcs): the member j wins at X = j (unembedding_margin.h).
  FamilyMargins families = check_family_margins(model, bounds.final_residual);
  if (!duplicate.empty()) {
    u.status = Status::Refuted;
    u.counterexample = duplicate;
  } else if (families.status == Status::Refuted) {
    u.status = Status::Refuted;
    u.counterexample = "a family's parabola: " + families.counterexample;
  } else if (!exact64 || !integral) {
    u.detail =
        !exact64 ? "logits " + all.to_string() + ": not shown exact (the exactness obligation is not proved)"
                 : "logits are multiples of 2^" + std::to_string(all.grain) + ", not integers: margin < 1";
    if (!families.detail.empty())
      u.detail += std::string("; within each family of tokens") +
                  (families.status == Status::Proved ? " (shown from the rows alone): " : ": ") +
                  families.detail;
  } else if (families.status != Status::Proved) {
    u.detail = "every logit an exact integer, but within a family of tokens: " + families.detail;
  } else {
    u.status = Status::Proved;
    u.detail =
        "every logit an exact integer in [" + plain(all.low) + ", " + plain(all.high) +
        "]: the argmax beats every logit it does not tie by >= 1; no two generated tokens share a row; " +
        "within each family, at X = j token j beats every other member: " + families.detail;
  }
  u.seconds = since(t);
  out.push_back(u);
}

// Which ops a specialised program uses.
std::vector<std::string> ops_in(const isa::Program& program) {
  std::vector<bool> seen(size_t(isa::kOpcodeCount));
  for (const isa::Instruction& ins : program.code) seen[size_t(ins.op)] = true;
  std::vector<std::string> names;
  for (int i = 0; i < isa::kOpcodeCount; ++i)
    if (seen[size_t(i)]) names.push_back(isa::kOpcodeInfo[i].mnemonic);
  return names;
}

// The ops a specialised model's listing names ("add %4, %0, #1 ; f.c:3:5").
std::vector<std::string> ops_in_listing(const std::vector<std::string>& listing) {
  std::vector<bool> seen(size_t(isa::kOpcodeCount));
  for (const std::string& line : listing) {
    std::string word = line.substr(0, line.find(' '));
    isa::Opcode code;
    if (isa::opcode_from_mnemonic(word, code)) seen[size_t(code)] = true;
  }
  std::vector<std::string> names;
  for (int i = 0; i < isa::kOpcodeCount; ++i)
    if (seen[size_t(i)]) names.push_back(isa::kOpcodeInfo[i].mnemonic);
  return names;
}

// The proof of `op` from the weights (op_proofs.h); when it does not succeed, unknown
// with `otherwise` and the proof's reason.
Obligation proved_or(OpProver* prover, const std::string& op, double timeout_seconds,
                     const std::string& otherwise) {
  if (!prover) return {"op", op, Status::Unknown, otherwise + "; not proved (--no-op-proofs)", "", 0};
  Obligation proof = prover->prove(op, timeout_seconds);
  if (proof.status == Status::Proved) return proof;
  proof.status = Status::Unknown;
  proof.detail = otherwise + "; proof from the weights: " + proof.detail;
  return proof;
}

// The trap obligations of an op whose value is proved on its own (control_proofs.h).
void add_trap_obligations(OpProver* prover, const neural::ModelConfig& config, const std::string& op,
                          double timeout_seconds, std::vector<Obligation>& out) {
  if (!prover) return;
  for (Obligation& o : trap_obligations(*prover, config, op, timeout_seconds)) out.push_back(std::move(o));
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::Proved: return "proved";
    case Status::Refuted: return "refuted";
    default: return "unknown";
  }
}

bool VerifyReport::all_proved() const { return count(Status::Proved) == int(obligations.size()); }

int VerifyReport::count(Status s) const {
  int n = 0;
  for (const Obligation& o : obligations) n += o.status == s;
  return n;
}

VerifyReport verify_model(const neural::Model& model, const std::string& model_path,
                          const VerifyOptions& options) {
  auto start = Clock::now();
  VerifyReport report;
  report.model_path = model_path;
  neural::ModelConfig config = neural::ModelConfig::from_json(model.config_json, model_path);
  report.mode = config.mode == neural::ModelMode::Universal     ? "universal"
                : config.mode == neural::ModelMode::Specialised ? "specialised"
                                                                : "unspecified";
  if (!options.op.empty()) {
    isa::Opcode code;
    if (!isa::opcode_from_mnemonic(options.op, code))
      throw UserError("c2w verify: --op " + options.op + " is not an op of the c2w machine (isa/isa.h)");
  }

  report.obligations.push_back(shape_obligation(model));
  if (report.obligations.back().status != Status::Proved) {
    report.seconds = since(start);
    return report;
  }

  // Numeric exactness at max_positions, then the per-format figures.
  auto t = Clock::now();
  int64_t positions = config.max_positions > 0 ? config.max_positions : 1;
  NumericBounds bounds = bound_model(model, positions);
  const size_t f64 = float_formats().size() - 1;
  bool exact64 = bounds.first_inexact[f64].where.empty();
  Obligation exact{
      "exact", "float64 below " + std::to_string(positions) + " positions", Status::Unknown, "", "", 0};
  if (config.max_positions <= 0) {
    exact.detail = "the model config states no max_positions";
    exact64 = false;
  } else if (exact64) {
    exact.status = Status::Proved;
    exact.detail =
        std::to_string(bounds.quantities) + " quantities, each an exact multiple of its grain below 2^53";
  } else {
    exact.detail =
        "not shown: " + bounds.first_inexact[f64].where + " " + bounds.first_inexact[f64].range.to_string();
  }
  exact.seconds = since(t);
  report.obligations.push_back(exact);
  margin_obligations(model, config, bounds, exact64, report.obligations);
  // What each head selects: the intended key wins (head_semantics.h).
  for (Obligation& o :
       head_obligations(model, config, config.max_positions > 0 ? &bounds : nullptr, options.timeout_seconds))
    report.obligations.push_back(std::move(o));
  if (options.format_figures) {
    std::vector<ExactPositionCount> counts = exact_position_counts(
        model, int64_t(1) << 40, 1.0 / 64, config.max_positions > 0 ? &bounds : nullptr);
    for (size_t f = 0; f < float_formats().size(); ++f) {
      const QuantityRecord& first = bounds.first_inexact[f];
      report.formats.push_back({float_formats()[f].name, counts[f].proved,
                                first.where.empty() ? "" : first.where + " " + first.range.to_string(),
                                counts[f].not_shown});
    }
  }

  // The machine's semantics: proved from the weights (op_proofs.h), else a refutation search per op.
  std::vector<std::string> ops;
  if (config.mode == neural::ModelMode::Universal)
    ops = searchable_ops();
  else if (options.program)
    ops = ops_in(*options.program);
  if (!options.op.empty()) ops = {options.op};
  std::unique_ptr<OpProver> prover;
  if (options.op_proofs) {
    prover = std::make_unique<OpProver>(model, config);
    // The boxes hold below max_positions, whether or not float64 is exact there; a model
    // that states no max_positions keeps the head outputs unbounded.
    if (config.max_positions > 0) prover->use_head_ranges(bounds);
  }
  if (config.mode == neural::ModelMode::Universal || options.program) {
    std::unique_ptr<neural::ForwardPass> forward =
        runtime::make_forward_pass(model, runtime::TransformerEngine::Hull);
    if (config.mode != neural::ModelMode::Universal) {
      t = Clock::now();
      // Proved from the embedding (rom_check.h); the program's trace on the engine is a
      // test beside it, which can only refute.
      Obligation rom = check_rom(model, config, *options.program);
      if (rom.status != Status::Refuted) {
        OpSearchResult r = check_program_trace(model, *forward, *options.program, options.input);
        if (r.refuted) {
          rom.status = Status::Refuted;
          rom.counterexample = "the program's trace: " + r.counterexample;
        } else {
          rom.detail += "; and the program's trace on the engine: " + std::to_string(r.tokens) +
                        " tokens of " + std::to_string(r.instructions) + " instructions match the reference" +
                        (r.note.empty() ? "" : " (" + r.note + ")");
        }
      }
      rom.seconds = since(t);
      report.obligations.push_back(rom);
      for (const std::string& op : ops) {
        report.obligations.push_back(proved_or(
            prover.get(), op, options.timeout_seconds,
            rom.status == Status::Refuted ? "not checked on its own (the program's trace is refuted: rom)"
                                          : "covered by the program's trace (rom)"));
        add_trap_obligations(prover.get(), config, op, options.timeout_seconds, report.obligations);
      }
    } else {
      for (const std::string& op : ops) {
        t = Clock::now();
        Obligation proof =
            prover ? prover->prove(op, options.timeout_seconds)
                   : Obligation{"op", op, Status::Unknown, "not attempted (--no-op-proofs)", "", 0};
        if (proof.status == Status::Proved) {
          report.obligations.push_back(proof);
          add_trap_obligations(prover.get(), config, op, options.timeout_seconds, report.obligations);
          continue;
        }
        Obligation o{"op", op, Status::Unknown, "", "", 0};
        OpSearchResult r = search_op_universal(model, *forward, op, options.samples, options.seed,
                                               options.timeout_seconds, config.layout.max_pc);
        if (r.refuted) {
          o.status = Status::Refuted;
          o.counterexample = r.counterexample;
        } else if (!r.ran) {
          o.detail = "not run: " + r.note;
        } else {
          o.detail = "not proved; no counterexample in " + std::to_string(r.instructions) +
                     " instructions (" + std::to_string(r.tokens) + " tokens) on the engine" +
                     (r.note.empty() ? "" : ": " + r.note);
        }
        if (o.status != Status::Refuted) o.detail += "; proof from the weights: " + proof.detail;
        o.seconds = since(t);
        report.obligations.push_back(o);
        add_trap_obligations(prover.get(), config, op, options.timeout_seconds, report.obligations);
      }
    }
  } else if (config.mode == neural::ModelMode::Specialised) {
    report.obligations.push_back({"rom", "the pc embeddings are the program", Status::Unknown,
                                  "not checked: pass the program the model was compiled from with --program",
                                  "", 0});
    if (options.op.empty()) ops = ops_in_listing(config.listing);
    for (const std::string& op : ops) {
      report.obligations.push_back(
          proved_or(prover.get(), op, options.timeout_seconds, "not checked on the engine: pass --program"));
      add_trap_obligations(prover.get(), config, op, options.timeout_seconds, report.obligations);
    }
  }
  report.seconds = since(start);
  return report;
}

std::string format_report(const VerifyReport& report) {
  std::ostringstream s;
  s << "c2w verify " << report.model_path << " (" << report.mode << " model)\n";
  s << std::left << std::setw(9) << "status" << std::setw(8) << "family" << std::setw(44) << "obligation"
    << std::right << std::setw(9) << "seconds"
    << "  detail\n";
  for (const Obligation& o : report.obligations) {
    s << std::left << std::setw(9) << status_name(o.status) << std::setw(8) << o.family << std::setw(44)
      << o.name << std::right << std::setw(9) << std::fixed << std::setprecision(3) << o.seconds << "  "
      << (o.status == Status::Refuted ? "counterexample: " + o.counterexample : o.detail) << "\n";
  }
  if (!report.formats.empty()) {
    s << "largest position count proved exact, per float format:";
    for (const FormatFigure& f : report.formats) s << " " << f.format << " " << f.exact_positions;
    s << " (the next count tried not shown:";
    for (const FormatFigure& f : report.formats)
      s << " " << (f.not_shown_positions ? std::to_string(f.not_shown_positions) : "none");
    s << ")\n";
  }
  s << report.count(Status::Proved) << " proved, " << report.count(Status::Refuted) << " refuted, "
    << report.count(Status::Unknown) << " unknown of " << report.obligations.size() << " obligations in "
    << std::fixed << std::setprecision(2) << report.seconds << " s\n";
  return s.str();
}

std::string report_json(const VerifyReport& report) {
  nlohmann::ordered_json j;
  j["model"] = report.model_path;
  j["mode"] = report.mode;
  j["all_proved"] = report.all_proved();
  j["proved"] = report.count(Status::Proved);
  j["refuted"] = report.count(Status::Refuted);
  j["unknown"] = report.count(Status::Unknown);
  j["seconds"] = report.seconds;
  j["obligations"] = nlohmann::ordered_json::array();
  for (const Obligation& o : report.obligations)
    j["obligations"].push_back({{"family", o.family},
                                {"name", o.name},
                                {"status", status_name(o.status)},
                                {"detail", o.detail},
                                {"counterexample", o.counterexample},
                                {"seconds", o.seconds}});
  j["exact_positions"] = nlohmann::ordered_json::object();
  j["not_shown_positions"] = nlohmann::ordered_json::object();
  j["first_unproved_quantity"] = nlohmann::ordered_json::object();
  for (const FormatFigure& f : report.formats) {
    j["exact_positions"][f.format] = f.exact_positions;
    j["not_shown_positions"][f.format] = f.not_shown_positions;
    j["first_unproved_quantity"][f.format] = f.first_unproved;
  }
  return j.dump(2) + "\n";
}

}  // namespace c2w::verify
