// The `head` obligations: what each attention head selects, from its query and key
// matrices (head_semantics.h says what is proved and what is assumed).
#include "verify/head_semantics.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <functional>
#include <iomanip>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "support/errors.h"
#include "symbolic/real_solver.h"

namespace c2w::verify {

namespace {

using symbolic::RealSolver;
using symbolic::SatResult;
using Term = RealSolver::Term;
using Clock = std::chrono::steady_clock;

std::string plain(double v) {
  std::ostringstream s;
  s << std::setprecision(17) << v;
  return s.str();
}

// A coordinate a row reads: its index, the feature the head's stage reads there, the weight.
struct Read {
  int coordinate = -1;
  std::string feature;
  double weight = 0;
};

std::string feature_at(const neural::ModelConfig& config, int coordinate, int stage) {
  for (const neural::ModelConfig::SlotUse& use : config.residual_slots[size_t(coordinate)])
    if (use.written < stage && use.last_read >= stage) return use.feature;
  return "";
}

std::vector<Read> row_reads(const Eigen::MatrixXd& m, Eigen::Index row, const neural::ModelConfig& config,
                            int stage) {
  std::vector<Read> reads;
  if (row >= m.rows()) return reads;
  for (Eigen::Index c = 0; c < m.cols(); ++c)
    if (m(row, c) != 0) reads.push_back({int(c), feature_at(config, int(c), stage), m(row, c)});
  return reads;
}

// The rows of one head, with the features they read.
struct HeadRows {
  std::vector<Read> query_x, query_y, key_x, key_y;
  int one = -1;  // the positional constant-1 coordinate
};

// One position as the cut sees it: what its coordinates hold, as terms over its symbolic
// values, their ranges, and whether it is an intended key.
struct Position {
  std::string kind;                                  // "a write of address A", "no call record", ...
  std::map<std::string, Term> holds;                 // feature -> term
  std::vector<std::pair<std::string, Term>> values;  // named, for counterexamples
  std::vector<std::string> ranges;                   // "A in [0, 33554431]", for the detail
  std::vector<Term> constraints;
  std::optional<Term> intended;      // unset: never an intended key
  std::optional<Term> not_intended;  // for a kind that can be intended: the other case, with gaps
  Term target = 0;                   // the query's: what an intended key's X equals
  // Three byte coordinates holding one word: a row that reads them as w, 256 w, 65536 w
  // reads w * word (one term instead of three, which keeps Z3's nonlinear queries small).
  struct Word {
    std::string bytes[3];
    Term word;
    std::vector<Term> byte_constraints;  // asserted only when a row reads a byte on its own
    bool bytes_read = false;
  };
  std::vector<Word> words;
};

using KindMaker = std::function<Position(RealSolver&, const HeadRows&, Term target, const std::string& tag)>;
using QueryMaker = std::function<Position(RealSolver&, const HeadRows&)>;

struct Family {
  std::string intended;            // the intended key, in words
  std::string cut;                 // what is assumed, in words
  bool query_x_is_target = false;  // Q is the query's x row itself (byte heads: checked as a group)
  QueryMaker query;
  std::vector<KindMaker> kinds;
};

// Ranges of the symbolic values.
struct Limits {
  double positions = 33554432;  // max_positions
  double query_high = 67108864, key_high = 67108864;
};

Term var(RealSolver& s, Position& p, const std::string& name, const std::string& tag, double low,
         double high) {
  Term t = s.real(name + tag);
  p.values.push_back({name, t});
  p.ranges.push_back(name + " in [" + plain(low) + ", " + plain(high) + "]");
  p.constraints.push_back(s.less_equal(s.number(low), t));
  p.constraints.push_back(s.less_equal(t, s.number(high)));
  return t;
}

// |x - y| >= 1: distinct integers.
Term differ(RealSolver& s, Term x, Term y) {
  Term d = s.linear({{1, x}, {-1, y}}, 0);
  return s.any({s.less_equal(s.number(1), d), s.less_equal(d, s.number(-1))});
}

// The parabola keys of the prompt and input heads: a marked position holds (j, j^2, 1),
// every other (0, 0, 0).
std::vector<KindMaker> marked_positions(const std::string& x, const std::string& x2, const std::string& mark,
                                        const std::string& what, Limits limits) {
  KindMaker marked = [=](RealSolver& s, const HeadRows&, Term target, const std::string& tag) {
    Position p;
    p.kind = what + " at position j";
    Term j = var(s, p, "j", tag, 0, limits.positions - 1);
    p.holds = {{x, j}, {x2, s.multiply(j, j)}, {mark, s.number(1)}};
    p.intended = s.equal(j, target);
    p.not_intended = differ(s, j, target);
    return p;
  };
  KindMaker other = [=](RealSolver& s, const HeadRows&, Term, const std::string&) {
    Position p;
    p.kind = "a position that is not " + what;
    p.holds = {{x, s.number(0)}, {x2, s.number(0)}, {mark, s.number(0)}};
    return p;
  };
  return {marked, other};
}

bool is_fp_byte(const std::string& f) { return f == "fp.0" || f == "fp.1" || f == "fp.2"; }

// A word's three bytes at a position (coordinates prefix.0..2): the word.
Term word_bytes(RealSolver& s, Position& p, const std::string& prefix, const std::string& tag) {
  Term w = var(s, p, prefix, tag, 0, 16777215);
  std::vector<std::pair<double, Term>> sum = {{-1, w}};
  Position::Word word;
  for (int k = 0; k < 3; ++k) {
    Term b = s.real(prefix + "." + std::to_string(k) + tag);
    word.byte_constraints.push_back(s.less_equal(s.number(0), b));
    word.byte_constraints.push_back(s.less_equal(b, s.number(255)));
    word.bytes[k] = prefix + "." + std::to_string(k);
    p.holds[word.bytes[k]] = b;
    sum.push_back({std::pow(256.0, k), b});
  }
  word.byte_constraints.push_back(s.equal(s.linear(sum, 0), s.number(0)));
  word.word = w;
  p.words.push_back(word);
  return w;
}
Term fp_bytes(RealSolver& s, Position& p, const std::string& tag) { return word_bytes(s, p, "fp", tag); }

KindMaker frame_kind(bool record, Limits limits) {
  return [=](RealSolver& s, const HeadRows& rows, Term target, const std::string& tag) {
    Position p;
    p.kind = record ? "a call record into frame F" : "a position that is no call record, F";
    std::vector<std::pair<double, Term>> f = {{1, fp_bytes(s, p, tag)}};
    int n = 0;
    for (const Read& r : rows.key_x)
      if (r.coordinate != rows.one && !is_fp_byte(r.feature) && !p.holds.count(r.feature)) {
        Term o = var(s, p, "out" + std::to_string(n++) + "(" + r.feature + ")", tag, 0, limits.key_high);
        p.holds[r.feature] = o;
        f.push_back({1, o});
      }
    // F its own variable: F * F is then one monomial (Z3's nonlinear arithmetic is much
    // faster on it than on the square of a sum).
    Term F = var(s, p, "F", tag, 0, 2 * limits.key_high);
    f.push_back({-1, F});
    p.constraints.push_back(s.equal(s.linear(f, 0), s.number(0)));
    p.holds["callee_fp^2"] = s.multiply(F, F);
    p.holds["mark.call"] = s.number(record ? 1 : 0);
    if (record) {
      p.intended = s.equal(F, target);
      p.not_intended = differ(s, F, target);
    }
    return p;
  };
}

// The marks a head of `role` keys on, from its role: the step's pc token, <eoi>, the
// step offset k of a spelled byte, a register's change mark and its initial mark.
std::vector<std::string> marks_of(const std::string& role, const std::string& name, bool universal) {
  if (role == "step") return {"tok.is_pc"};
  if (role == "marker") return {"tok.is_eoi"};
  if (role == "spelled" && name.rfind("spelled", 0) == 0) return {"o==" + name.substr(7)};
  if (role == "register:fp") return {"mark.fp", universal ? "mark.fp0" : "tok.is_bos"};
  if (role == "register:cursor") return {"mark.cursor", "tok.is_bos"};
  return {};
}

KindMaker flag_kind(const std::vector<std::string>& marks,
                    int set) {  // mark `set` is 1, the others 0; -1: none
  return [=](RealSolver& s, const HeadRows&, Term, const std::string&) {
    Position p;
    for (size_t i = 0; i < marks.size(); ++i) p.holds[marks[i]] = s.number(int(i) == set ? 1 : 0);
    if (set >= 0) {
      p.kind = "a position marked " + marks[size_t(set)];
      p.intended = s.truth(true);
    } else {
      p.kind = "an unmarked position";
    }
    return p;
  };
}

std::optional<Family> family_of(const std::string& role, const std::string& name, bool universal,
                                Limits limits) {
  Family f;
  if (role.rfind("memory:", 0) == 0) {
    f.intended = "the latest write of address Q";
    f.cut =
        "write.address = the address A a position writes (0: none), write.address^2 = A^2; Q = the query's "
        "x row >= 1 (reads below data_base trap); on a miss the winner's address (value row 0: "
        "write.address) "
        "is not Q";
    f.query_x_is_target = true;
    f.query = [=](RealSolver& s, const HeadRows&) {
      Position p;
      p.target = var(s, p, "Q", "", 1, limits.query_high);
      return p;
    };
    f.kinds = {[=](RealSolver& s, const HeadRows&, Term target, const std::string& tag) {
      Position p;
      p.kind = "a write of address A (A = 0: no write)";
      Term a = var(s, p, "A", tag, 0, limits.key_high);
      p.holds = {{"write.address", a}, {"write.address^2", s.multiply(a, a)}};
      p.intended = s.equal(a, target);
      p.not_intended = differ(s, a, target);
      return p;
    }};
    return f;
  }
  if (role == "prompt" || role == "input") {
    bool prompt = role == "prompt";
    f.intended = prompt
                     ? "the prompt's byte token at position Q (no miss test: Q is assumed a position the "
                       "prompt encoder filled)"
                     : "the in:XX token at position cursor + 1 (a miss, at the end of the input, is getc's "
                       "`input.got` test on the winner's position and mark, in getc's op proof)";
    f.cut =
        prompt
            ? "prompt.p, prompt.p^2, prompt.byte = (j, j^2, 1) at a prompt byte token at j, else 0; Q = the "
              "query's x row"
            : "input.p, input.p^2, tok.is_in = (j, j^2, 1) at an in:XX token at j, else 0; cursor.0..2 = "
              "the cursor's bytes";
    f.query_x_is_target = prompt;
    f.query = [=](RealSolver& s, const HeadRows&) {
      Position p;
      if (prompt) {
        p.target = var(s, p, "Q", "", 0, limits.positions - 1);
        return p;
      }
      p.target = s.linear({{1, word_bytes(s, p, "cursor", "")}}, 1);
      return p;
    };
    f.kinds = prompt
                  ? marked_positions("prompt.p", "prompt.p^2", "prompt.byte", "a prompt byte token", limits)
                  : marked_positions("input.p", "input.p^2", "tok.is_in", "an in:XX token", limits);
    return f;
  }
  if (role == "frame") {
    f.intended =
        "the latest call record into the current frame (F = fp; a miss, no such record, is ret's "
        "`frame.ok` test on the winner's F and mark, in ret's op proof)";
    f.cut =
        "fp.0..2 = fp's bytes (at the query: the current fp), the key's other x-row coordinates the terms of "
        "the call's outgoing offset (>= 0), F = fp + out, callee_fp^2 = F^2, mark.call in {0, 1}";
    f.query = [=](RealSolver& s, const HeadRows&) {
      Position p;
      p.target = fp_bytes(s, p, "q");
      return p;
    };
    f.kinds = {frame_kind(true, limits), frame_kind(false, limits)};
    return f;
  }
  if (role == "step" || role == "marker" || role == "spelled" || role.rfind("register:", 0) == 0) {
    std::vector<std::string> marks = marks_of(role, name, universal);
    if (marks.empty()) return std::nullopt;
    std::string list;
    for (const std::string& mark : marks) list += (list.empty() ? "" : ", ") + mark;
    f.intended = "the latest position marked " + list +
                 " (none marked: every key ties, and `latest` is the query's own)";
    f.cut = marks.size() == 1
                ? list + " is 0 or 1"
                : list +
                      " are 0 or 1, at most one set at a position (the initial mark comes before "
                      "every step)";
    f.query = [](RealSolver&, const HeadRows&) { return Position{}; };
    for (int i = 0; i < int(marks.size()); ++i) f.kinds.push_back(flag_kind(marks, i));
    f.kinds.push_back(flag_kind(marks, -1));
    return f;
  }
  return std::nullopt;
}

// sum of weight * what the position holds there (the positional one is 1); `unnamed`
// gets the first coordinate the cut does not name.
Term form(RealSolver& s, const std::vector<Read>& reads, Position& at, int one, std::string& unnamed) {
  std::vector<std::pair<double, Term>> terms;
  double constant = 0;
  std::set<std::string> as_word;
  for (Position::Word& w : at.words) {
    double weight[3] = {0, 0, 0};
    for (const Read& r : reads)
      for (int k = 0; k < 3; ++k)
        if (r.feature == w.bytes[k]) weight[k] += r.weight;
    if (weight[0] != 0 && weight[1] == 256 * weight[0] && weight[2] == 65536 * weight[0]) {
      terms.push_back({weight[0], w.word});
      for (const std::string& b : w.bytes) as_word.insert(b);
    } else if (weight[0] != 0 || weight[1] != 0 || weight[2] != 0) {
      w.bytes_read = true;
    }
  }
  for (const Read& r : reads) {
    if (as_word.count(r.feature)) continue;
    if (r.coordinate == one) {
      constant += r.weight;
      continue;
    }
    auto it = at.holds.find(r.feature);
    if (it == at.holds.end()) {
      if (unnamed.empty())
        unnamed = "coordinate " + std::to_string(r.coordinate) + " (" +
                  (r.feature.empty() ? std::string("no live feature") : r.feature) + ")";
      continue;
    }
    terms.push_back({r.weight, it->second});
  }
  return s.linear(terms, constant);
}

std::string describe(RealSolver& s, const Position& p, Term score) {
  std::string text = p.kind;
  std::string sep = ": ";
  for (const auto& [name, t] : p.values) text += sep + name + " = " + plain(s.value(t)), sep = ", ";
  return text + "; score " + plain(s.value(score));
}

// A name up to its trailing number: ("read.a", 3) for "read.a3"; k = -1 when none.
std::pair<std::string, int> stem_of(const std::string& name) {
  size_t end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1]))) --end;
  if (end == name.size() || name.size() - end > 3) return {name, -1};
  return {name.substr(0, end), std::stoi(name.substr(end))};
}

class HeadProver {
 public:
  HeadProver(const neural::Model& model, const neural::ModelConfig& config, const NumericBounds* bounds,
             double timeout_seconds)
      : model_(model), config_(config), bounds_(bounds), timeout_seconds_(timeout_seconds) {}

  std::vector<Obligation> run() {
    std::vector<Obligation> out;
    if (config_.residual_slots.size() != size_t(model_.d_model) || config_.head_roles.empty()) return out;
    check_byte_groups();
    for (size_t b = 0; b < model_.blocks.size(); ++b)
      for (size_t h = 0; h < model_.blocks[b].heads.size(); ++h) out.push_back(prove(b, h));
    return out;
  }

  Obligation run_one(size_t b, size_t h) {
    C2W_CHECK(b < model_.blocks.size() && h < model_.blocks[b].heads.size(), "head_obligation: no such head");
    if (config_.residual_slots.size() != size_t(model_.d_model) || config_.head_roles.empty())
      return {"head",
              "head " + std::to_string(b) + "." + std::to_string(h),
              Status::Unknown,
              "the model config names no residual slots or head roles",
              "",
              0};
    check_byte_groups();
    return prove(b, h);
  }

 private:
  std::string role(size_t b, size_t h) const {
    return b < config_.head_roles.size() && h < config_.head_roles[b].size() ? config_.head_roles[b][h] : "";
  }
  std::string name(size_t b, size_t h) const {
    return b < config_.heads.size() && h < config_.heads[b].size() ? config_.heads[b][h] : "";
  }
  HeadRows rows(size_t b, size_t h) const {
    const neural::AttentionHead& head = model_.blocks[b].heads[h];
    int stage = 2 * int(b);
    HeadRows r;
    r.query_x = row_reads(head.query, 0, config_, stage);
    r.query_y = row_reads(head.query, 1, config_, stage);
    r.key_x = row_reads(head.key, 0, config_, stage);
    r.key_y = row_reads(head.key, 1, config_, stage);
    r.one = model_.positional.one;
    return r;
  }

  // Byte heads of one lookup: the same query x row up to the constant, which grows by k.
  void check_byte_groups() {
    struct Member {
      int k;
      size_t b, h;
    };
    std::map<std::pair<std::string, std::string>, std::vector<Member>> groups;
    for (size_t b = 0; b < model_.blocks.size(); ++b)
      for (size_t h = 0; h < model_.blocks[b].heads.size(); ++h) {
        std::string r = role(b, h);
        if (r.rfind("memory:", 0) != 0 && r != "prompt") continue;
        auto [stem, k] = stem_of(name(b, h));
        if (k >= 0) groups[{r, stem}].push_back({k, b, h});
      }
    for (auto& [key, members] : groups) {
      std::sort(members.begin(), members.end(), [](const Member& x, const Member& y) { return x.k < y.k; });
      const Member& first = members.front();
      auto shape = [&](const Member& m, double& constant) {
        std::map<std::string, double> terms;
        constant = 0;
        for (const Read& r : rows(m.b, m.h).query_x)
          if (r.coordinate == model_.positional.one)
            constant += r.weight;
          else
            terms[r.feature.empty() ? "#" + std::to_string(r.coordinate) : r.feature] += r.weight;
        return terms;
      };
      double c0 = 0;
      std::map<std::string, double> form0 = shape(first, c0);
      std::string first_name = "head " + std::to_string(first.b) + "." + std::to_string(first.h);
      for (const Member& m : members) {
        double c = 0;
        std::map<std::string, double> f = shape(m, c);
        std::string why;
        if (f != form0)
          why = "its query's x row reads another form than " + first_name + "'s (" + key.second +
                std::to_string(first.k) + ")";
        else if (c - c0 != double(m.k - first.k))
          why = "its query's x row asks for " + first_name + "'s + " + plain(c - c0) + ", not + " +
                std::to_string(m.k - first.k) + " (byte " + std::to_string(m.k) + ")";
        group_note_[{m.b, m.h}] = {
            why, m.k == first.k ? "" : "Q = " + first_name + "'s + " + std::to_string(m.k - first.k)};
      }
    }
  }

  // A memory head's hit test: the FFN neurons that first read the winner's address W
  // (the head's output of value row 0) compute [W == Q] exactly, Q the query's x row.
  // Each neuron's gate must be alpha (W - Q) + t (the query's form, negated, on the same
  // features) and its value a constant; Z3 then shows the sum is 1 at W = Q and 0 at
  // every |W - Q| >= 1. Appends "hit test <feature> = [W == Q]" to `note`.
  std::string hit_test(size_t b, size_t h, const HeadRows& hr, std::string& note) {
    const neural::AttentionHead& head = model_.blocks[b].heads[h];
    const int one = model_.positional.one;
    int winner = -1;
    for (Eigen::Index c = 0; c < head.output.rows(); ++c)
      if (head.output(c, 0) != 0) {
        if (winner >= 0 || head.output(c, 0) != 1)
          return "the head's output of the winner's address is not one copy";
        winner = int(c);
      }
    if (winner < 0) return "the head does not output the winner's address";
    const std::string winner_feature = feature_at(config_, winner, 2 * int(b) + 1);
    std::map<std::string, double> query;  // the query's x row by feature
    double query_constant = 0;
    for (const Read& r : hr.query_x)
      if (r.coordinate == one)
        query_constant += r.weight;
      else
        query[r.feature] += r.weight;
    for (size_t b2 = b; b2 < model_.blocks.size(); ++b2) {
      const int stage = 2 * int(b2) + 1;
      if (feature_at(config_, winner, stage) != winner_feature) break;
      const neural::FeedForward& ffn = model_.blocks[b2].ffn;
      std::set<int> written;
      for (Eigen::Index n = 0; n < ffn.gate.rows(); ++n)
        if (ffn.gate(n, winner) != 0)
          for (Eigen::Index c = 0; c < ffn.output.rows(); ++c)
            if (ffn.output(c, n) != 0) written.insert(int(c));
      if (written.empty()) continue;
      if (written.size() != 1)
        return "the neurons reading the winner's address write more than one coordinate";
      const int hit = *written.begin();
      std::unique_ptr<RealSolver> solver = symbolic::make_z3_real_solver();
      RealSolver& s = *solver;
      Term d = s.real("d");  // W - Q
      std::vector<Term> sum;
      for (Eigen::Index n = 0; n < ffn.output.cols(); ++n) {
        if (ffn.output(hit, n) == 0) continue;
        const double alpha = ffn.gate(n, winner);
        if (alpha == 0) return "neuron " + std::to_string(n) + " of the hit feature does not read the winner";
        std::map<std::string, double> gate;
        double t = 0;
        for (Eigen::Index c = 0; c < ffn.gate.cols(); ++c) {
          if (c == winner || ffn.gate(n, c) == 0) continue;
          if (c == one)
            t += ffn.gate(n, c);
          else
            gate[feature_at(config_, int(c), stage)] += ffn.gate(n, c);
        }
        t += alpha * query_constant;
        for (auto& [feature, weight] : query)
          if (gate[feature] != -alpha * weight)
            return "neuron " + std::to_string(n) + "'s gate does not subtract the query's " + feature;
        for (auto& [feature, weight] : gate)
          if (!query.count(feature) && weight != 0)
            return "neuron " + std::to_string(n) + "'s gate reads " + feature + ", which the query does not";
        double value = 0;
        for (Eigen::Index c = 0; c < ffn.value.cols(); ++c)
          if (ffn.value(n, c) != 0) {
            if (c != one) return "neuron " + std::to_string(n) + "'s value is not a constant";
            value = ffn.value(n, c);
          }
        Term g = s.linear({{alpha, d}}, t);
        Term relu = s.ite(s.less_equal(s.number(0), g), g, s.number(0));
        sum.push_back(s.linear({{ffn.output(hit, n) * value, relu}}, 0));
      }
      Term total = s.number(0);
      for (Term x : sum) total = s.add(total, x);
      auto holds = [&](Term condition, Term claim) {
        s.push();
        s.assert_true(condition);
        s.assert_true(s.negate(claim));
        bool ok = s.check().result == SatResult::Unsat;
        s.pop();
        return ok;
      };
      if (!holds(s.equal(d, s.number(0)), s.equal(total, s.number(1))))
        return feature_at(config_, hit, stage + 1) + " is not 1 when W = Q";
      if (!holds(s.less_equal(s.number(1), d), s.equal(total, s.number(0))) ||
          !holds(s.less_equal(d, s.number(-1)), s.equal(total, s.number(0))))
        return feature_at(config_, hit, stage + 1) + " is not 0 when W != Q";
      note += std::string(note.empty() ? "" : "; ") + "hit test " + feature_at(config_, hit, stage + 1) +
              " = [W == Q] (Z3)";
      return "";
    }
    return "no neuron reads the winner's address";
  }

  Obligation prove(size_t b, size_t h) {
    auto start = Clock::now();
    std::string r = role(b, h);
    Obligation o{"head",
                 "head " + std::to_string(b) + "." + std::to_string(h) + (r.empty() ? "" : " (" + r + ")"),
                 Status::Unknown,
                 "",
                 "",
                 0};
    const neural::AttentionHead& head = model_.blocks[b].heads[h];
    HeadRows hr = rows(b, h);
    Limits limits;
    if (config_.max_positions > 0) limits.positions = double(config_.max_positions);
    if (bounds_ && b < bounds_->heads.size() && h < bounds_->heads[b].size()) {
      const HeadBounds& hb = bounds_->heads[b][h];
      limits.query_high = std::max(1.0, double(hb.query[0].high));
      limits.key_high =
          std::max(0.0, double(std::max(std::fabs(hb.key[0].high), std::fabs(hb.key[0].low))) / 2);
    }
    std::optional<Family> family =
        family_of(r, name(b, h), config_.mode == neural::ModelMode::Universal, limits);
    auto finish = [&](Status s, const std::string& detail) {
      o.status = s;
      o.detail = detail;
      o.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return o;
    };
    if (!family) return finish(Status::Unknown, "no selection claim for the role `" + r + "`");
    if (head.tie != neural::TieMode::Latest)
      return finish(Status::Unknown, "tie `average`: the intended key is not one position");
    std::string byte_note;
    if (family->query_x_is_target) {
      auto it = group_note_.find({b, h});
      if (it != group_note_.end()) {
        if (!it->second.first.empty()) return finish(Status::Unknown, "not proved: " + it->second.first);
        byte_note = it->second.second;
      }
      if (r.rfind("memory:", 0) == 0) {
        std::vector<Read> v = row_reads(head.value, 0, config_, 2 * int(b));
        if (v.size() != 1 || v[0].feature != "write.address" || v[0].weight != 1)
          return finish(
              Status::Unknown,
              "not proved: the head's value row 0 is not the winner's write.address, so the hit test "
              "could not tell a miss");
        std::string why = hit_test(b, h, hr, byte_note);
        if (!why.empty()) return finish(Status::Unknown, "not proved: the hit test: " + why);
      }
      // What the winner gives: its byte token's value (memory: value row 1, prompt: row 0).
      const Eigen::Index byte_row = r == "prompt" ? 0 : 1;
      std::vector<Read> v = row_reads(head.value, byte_row, config_, 2 * int(b));
      if (v.size() != 1 || v[0].feature != "tok.byte" || v[0].weight != 1)
        return finish(Status::Unknown, "not proved: the head's value row " + std::to_string(byte_row) +
                                           " is not the winner's byte (tok.byte)");
      byte_note += std::string(byte_note.empty() ? "" : "; ") + "value row " + std::to_string(byte_row) +
                   ": the winner's byte";
    }

    std::unique_ptr<RealSolver> solver = symbolic::make_z3_real_solver();
    RealSolver& s = *solver;
    // Each query is small: capped at 20 s whatever --timeout says (a head's proof is not a search).
    s.set_timeout_ms(unsigned(std::max(1.0, std::min(timeout_seconds_, 20.0) * 1000)));
    Position q = family->query(s, hr);
    std::string unnamed;
    Term qx = family->query_x_is_target ? q.target : form(s, hr.query_x, q, hr.one, unnamed);
    Term qy = form(s, hr.query_y, q, hr.one, unnamed);
    if (!unnamed.empty())
      return finish(Status::Unknown,
                    "not proved: the query reads " + unnamed + ", which the cut does not name");
    int queries = 0;
    // One claim: score(first) - score(second) >= 1 (gap) or == (tie), for all values.
    auto claim = [&](const KindMaker& first_kind, const KindMaker& second_kind, bool tie,
                     std::string& failure) -> bool {
      Position k1 = first_kind(s, hr, q.target, "1"), k2 = second_kind(s, hr, q.target, "2");
      std::string missing;
      Term kx1 = form(s, hr.key_x, k1, hr.one, missing), ky1 = form(s, hr.key_y, k1, hr.one, missing);
      Term kx2 = form(s, hr.key_x, k2, hr.one, missing), ky2 = form(s, hr.key_y, k2, hr.one, missing);
      if (!missing.empty()) {
        failure = "not proved: the key reads " + missing + ", which the cut does not name";
        return false;
      }
      Term s1 = s.add(s.multiply(qx, kx1), s.multiply(qy, ky1));
      Term s2 = s.add(s.multiply(qx, kx2), s.multiply(qy, ky2));
      s.push();
      for (const Position* p : {&q, &k1, &k2}) {
        for (Term c : p->constraints) s.assert_true(c);
        for (const Position::Word& w : p->words)
          if (w.bytes_read)
            for (Term c : w.byte_constraints) s.assert_true(c);
      }
      s.assert_true(*k1.intended);
      if (tie)
        s.assert_true(*k2.intended);
      else if (k2.not_intended)
        s.assert_true(*k2.not_intended);
      Term gap = s.linear({{1, s1}, {-1, s2}}, 0);
      s.assert_true(tie ? s.negate(s.equal(gap, s.number(0))) : s.less(gap, s.number(1)));
      symbolic::CheckResult result = s.check();
      ++queries;
      bool ok = result.result == SatResult::Unsat;
      if (result.result == SatResult::Sat) {
        std::string query_values;
        for (const auto& [n, t] : q.values)
          query_values += (query_values.empty() ? "" : ", ") + n + " = " + plain(s.value(t));
        failure = std::string(tie ? "two intended keys do not tie" : "an intended key does not win by >= 1") +
                  (query_values.empty() ? "" : " (query " + query_values + ")") + ": key 1, " +
                  describe(s, k1, s1) + "; key 2, " + describe(s, k2, s2);
      } else if (!ok) {
        failure = "Z3 did not decide (" + result.reason_unknown + ")";
      }
      s.pop();
      return ok;
    };
    std::string failure;
    bool proved = true;
    for (size_t i = 0; i < family->kinds.size() && proved; ++i) {
      if (!family->kinds[i](s, hr, q.target, "1").intended) continue;
      for (size_t j = 0; j < family->kinds.size() && proved; ++j) {
        Position other = family->kinds[j](s, hr, q.target, "2");
        // A kind that is always intended when it can be (a mark) is only compared for a tie.
        if (!other.intended || other.not_intended)
          proved = claim(family->kinds[i], family->kinds[j], false, failure);
        if (proved && other.intended) proved = claim(family->kinds[i], family->kinds[j], true, failure);
      }
    }
    if (!proved) {
      o.counterexample = failure;
      return finish(Status::Unknown, failure + "; assumes " + family->cut);
    }
    std::vector<std::string> ranges = q.ranges;
    for (const KindMaker& kind : family->kinds)
      for (const std::string& range : kind(s, hr, q.target, "").ranges)
        if (std::find(ranges.begin(), ranges.end(), range) == ranges.end()) ranges.push_back(range);
    std::string in_range;
    for (const std::string& range : ranges) in_range += (in_range.empty() ? "" : ", ") + range;
    return finish(Status::Proved,
                  family->intended + " wins: it beats every other key by >= 1 and those keys tie (tie " +
                      "`latest`), for all values in range (" + (in_range.empty() ? "" : in_range + "; ") +
                      std::to_string(queries) + " Z3 queries" + (byte_note.empty() ? "" : "; " + byte_note) +
                      "); assumes " + family->cut);
  }

  const neural::Model& model_;
  const neural::ModelConfig& config_;
  const NumericBounds* bounds_;
  double timeout_seconds_;
  std::map<std::pair<size_t, size_t>, std::pair<std::string, std::string>>
      group_note_;  // (why not, Q's form)
};

}  // namespace

std::vector<Obligation> head_obligations(const neural::Model& model, const neural::ModelConfig& config,
                                         const NumericBounds* bounds, double timeout_seconds) {
  return HeadProver(model, config, bounds, timeout_seconds).run();
}

Obligation head_obligation(const neural::Model& model, const neural::ModelConfig& config,
                           const NumericBounds* bounds, size_t block, size_t head, double timeout_seconds) {
  return HeadProver(model, config, bounds, timeout_seconds).run_one(block, head);
}

}  // namespace c2w::verify
