// Proofs of the ops' value semantics from the weights (see op_proofs.h).
//
// Stages, as in the config's residual_slots: -1 the embedding, 2b block b's attention,
// 2b + 1 its feed-forward. The cone is a set of residual slots per stage; the forward
// evaluation keeps, for each slot of the cone, an exact linear form over atoms (input
// variables, unconstrained leaves, and one atom per ReGLU neuron that does not fold to a
// constant once the op's flags are fixed).
#include "verify/op_proofs.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "isa/isa.h"
#include "isa/semantics.h"
#include "isa/trace_format.h"
#include "support/errors.h"
#include "verify/arith_proofs.h"
#include "symbolic/expr.h"
#include "symbolic/solver.h"
#include "verify/control_proofs.h"

namespace c2w::verify {

namespace {

using Clock = std::chrono::steady_clock;

// Raised when the encoding cannot be kept exact or the op's semantics is outside the
// bit-level domain: the op stays unknown with this reason.
struct NotAttempted {
  std::string why;
};

// An exact dyadic rational num / 2^shift (shift >= 0), normalised.
struct Exact {
  __int128 num = 0;
  int shift = 0;

  static Exact of(double d) {
    C2W_CHECK(std::isfinite(d), "a non-finite weight (the shape obligation checks them first)");
    Exact e;
    if (d == 0) return e;
    int exponent = 0;
    double mantissa = std::frexp(d, &exponent);  // d = mantissa * 2^exponent, 0.5 <= |m| < 1
    auto m = static_cast<int64_t>(std::ldexp(mantissa, 53));
    exponent -= 53;
    e.num = m;
    if (exponent >= 0) {
      if (exponent > 70) throw NotAttempted{"a weight beyond 2^120"};
      e.num <<= exponent;
    } else {
      e.shift = -exponent;
    }
    e.normalise();
    return e;
  }
  void normalise() {
    if (num == 0) shift = 0;
    while (shift > 0 && (num & 1) == 0) num >>= 1, --shift;
  }
  bool is_zero() const { return num == 0; }
  bool integral() const { return shift == 0; }
  long double approx() const { return std::ldexp(static_cast<long double>(num), -shift); }
  bool positive() const { return num > 0; }

  friend Exact operator*(const Exact& a, const Exact& b) {
    Exact r;
    if (__builtin_mul_overflow(a.num, b.num, &r.num) || a.shift + b.shift > 200)
      throw NotAttempted{"a product of weights beyond 2^127 (not kept exact)"};
    r.shift = a.shift + b.shift;
    r.normalise();
    return r;
  }
  friend Exact operator+(const Exact& a, const Exact& b) {
    int s = std::max(a.shift, b.shift);
    __int128 x = a.num, y = b.num;
    for (int i = a.shift; i < s; ++i)
      if (__builtin_mul_overflow(x, __int128(2), &x)) throw NotAttempted{"a sum beyond 2^127"};
    for (int i = b.shift; i < s; ++i)
      if (__builtin_mul_overflow(y, __int128(2), &y)) throw NotAttempted{"a sum beyond 2^127"};
    Exact r;
    if (__builtin_add_overflow(x, y, &r.num)) throw NotAttempted{"a sum beyond 2^127"};
    r.shift = s;
    r.normalise();
    return r;
  }
};

// Exact 128-bit integer arithmetic of the concrete evaluations (never wrapping).
__int128 checked_multiply(__int128 a, __int128 b) {
  __int128 r;
  if (__builtin_mul_overflow(a, b, &r)) throw NotAttempted{"a value beyond 2^127 in an exact evaluation"};
  return r;
}
__int128 checked_add(__int128 a, __int128 b) {
  __int128 r;
  if (__builtin_add_overflow(a, b, &r)) throw NotAttempted{"a value beyond 2^127 in an exact evaluation"};
  return r;
}

// A linear form: sum of coefficient * atom, plus a constant.
struct Lin {
  std::map<int, Exact> terms;
  Exact constant;
  bool is_constant() const { return terms.empty(); }
  void add(const Lin& other, const Exact& k) {
    if (k.is_zero()) return;
    for (const auto& [atom, c] : other.terms) {
      Exact sum = terms[atom] + c * k;
      if (sum.is_zero())
        terms.erase(atom);
      else
        terms[atom] = sum;
    }
    constant = constant + other.constant * k;
  }
  static Lin atom(int a) {
    Lin l;
    l.terms[a] = Exact::of(1);
    return l;
  }
  static Lin number(const Exact& e) {
    Lin l;
    l.constant = e;
    return l;
  }
};

struct Interval {
  long double low = 0, high = 0;
};

// An atom: an input variable (bits boolean bits, an integer in [0, 2^bits)), a leaf left
// unconstrained (a coordinate or head output the cone reaches outside the inputs), or
// ReLU(gate) * value.
struct Atom {
  enum Kind { Input, Free, Neuron } kind = Free;
  std::string name;
  int bits = 0;     // Input
  Lin gate, value;  // Neuron
};

enum class OpKind { Binary, Shift, Product, Branch, Output, Unary, Select, Lea, Load, None };

// Why an op's proof is not attempted.
std::string not_attempted_reason(isa::Opcode op) {
  using isa::Opcode;
  switch (op) {
    default: return "its result is not the plan's value bytes of the operands: memory, control flow or i/o";
  }
}

OpKind kind_of(isa::Opcode op) {
  using isa::Opcode;
  switch (op) {
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
    case Opcode::Eq:
    case Opcode::Ne:
    case Opcode::LtS:
    case Opcode::LeS:
    case Opcode::LtU:
    case Opcode::LeU: return OpKind::Binary;
    case Opcode::Shl:
    case Opcode::ShrU:
    case Opcode::ShrS: return OpKind::Shift;
    case Opcode::Mul:
    case Opcode::MulHU:
    case Opcode::MulHS: return OpKind::Product;
    case Opcode::BrEq:
    case Opcode::BrNe:
    case Opcode::BrLtS:
    case Opcode::BrLeS:
    case Opcode::BrLtU:
    case Opcode::BrLeU: return OpKind::Branch;
    case Opcode::PutC:
    case Opcode::Halt: return OpKind::Output;
    case Opcode::Mov:
    case Opcode::SExt8:
    case Opcode::SExt16:
    case Opcode::Popcnt:
    case Opcode::Clz:
    case Opcode::Ctz: return OpKind::Unary;
    case Opcode::Select: return OpKind::Select;
    case Opcode::Ld8U:
    case Opcode::Ld8S:
    case Opcode::Ld16U:
    case Opcode::Ld16S:
    case Opcode::Ld32: return OpKind::Load;
    case Opcode::Lea: return OpKind::Lea;
    default: return OpKind::None;
  }
}

// A residual slot's feature written at `stage`, if that feature is an input of the
// proofs: "op.NAME", "a0".."c3", "a.fb0".."c.fb3", "fp.0".."fp.2".
bool is_input_feature(const std::string& f) {
  if (f.rfind("op.", 0) == 0) return true;
  if (f.size() == 2 && (f[0] == 'a' || f[0] == 'b' || f[0] == 'c') && f[1] >= '0' && f[1] <= '3') return true;
  if (f.size() == 5 && (f[0] == 'a' || f[0] == 'b' || f[0] == 'c') && f.compare(1, 3, ".fb") == 0 &&
      f[4] >= '0' && f[4] <= '3')
    return true;
  if (f.size() == 10 && f.rfind("load", 0) == 0 && f.compare(5, 5, ".byte") == 0 && f[4] >= '0' &&
      f[4] <= '3')
    return true;  // a load's looked-up byte
  if (f.size() == 5 && f.rfind("data", 0) == 0 && f[4] >= '0' && f[4] <= '3') return true;  // its fallback
  // a branch's target and static next pc (the ROM's fields on a specialised model)
  if (f == "target" || f == "next") return true;
  // a call's outgoing area and frame limit, an access's width (control_proofs.h)
  if (f == "limit" || f == "width" || f == "out" || f == "out0" || f == "out1" || f == "out2") return true;
  return f == "fp.0" || f == "fp.1" || f == "fp.2" || f == "cursor.0" || f == "cursor.1" || f == "cursor.2";
}

// The ROM fields a specialised model's byte count reads (rom.cpp), cut at the head that
// copies them like the operand fields: the static count n, the destination's offset or
// address, its slot flag and fallback bytes, ret's returned words.
bool is_rom_input(const std::string& f) {
  if (f.size() == 7 && f.rfind("dst.fb", 0) == 0 && f[6] >= '0' && f[6] <= '3') return true;
  return f == "n" || f == "dst" || f == "dst.slot" || f == "ret_words4";
}

// The universal model's fetched quantities, cut at the outputs of the heads that read
// them from the prompt (compiler/gadgets/fetch.cpp, call_ret.cpp), by the variable each
// becomes: byte K of the record of instruction pc "rec.K" (head fetch.K), the step head's
// pc "pc" and its flag valid ("valid": 1 at P, a pc token), the header's instruction count
// bytes "count0" and "count1", and calli's target's record: its entry flag "entry" and its
// entry limit bytes "entry.limit0".."entry.limit2". "" for any other feature.
std::string fetched_input(const std::string& f) {
  if (f.rfind("fetch.", 0) == 0 && f.size() > 8 && f.compare(f.size() - 2, 2, ".0") == 0)
    return "rec." + f.substr(6, f.size() - 8);
  if (f == "step.1") return "pc";
  if (f == "step.2") return "valid";
  if (f == "count0.0" || f == "count1.0") return f.substr(0, 6);
  if (f == "calli.entry_raw.0") return "entry";
  if (f == "calli.limit0.0" || f == "calli.limit1.0" || f == "calli.limit2.0")
    return "entry.limit" + f.substr(11, 1);
  return "";
}

// An input byte's variable name and its fallback feature: operand byte "a0" = fallback
// "a.fb0" + looked-up part (the feature "a0"); loaded byte "load0" = fallback "data0" (the
// data image, specialised models) + looked-up part (the feature "load0.byte").
struct ByteInput {
  std::string variable, fallback;
};
std::optional<ByteInput> byte_input(const std::string& f) {
  if (f.size() == 2) return ByteInput{f, std::string(1, f[0]) + ".fb" + f[1]};
  if (f.size() == 10 && f.rfind("load", 0) == 0) return ByteInput{f.substr(0, 5), "data" + f.substr(4, 1)};
  return std::nullopt;
}

// A matrix's non-zero entries, by column and by row.
struct Sparse {
  std::vector<std::vector<std::pair<int, double>>> by_row, by_column;
  explicit Sparse(const Eigen::MatrixXd& m) : by_row(size_t(m.rows())), by_column(size_t(m.cols())) {
    for (Eigen::Index c = 0; c < m.cols(); ++c)
      for (Eigen::Index r = 0; r < m.rows(); ++r)
        if (m(r, c) != 0) {
          by_row[size_t(r)].push_back({int(c), m(r, c)});
          by_column[size_t(c)].push_back({int(r), m(r, c)});
        }
  }
};

std::string hex(uint32_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

}  // namespace

struct OpProver::Impl {
  const neural::Model& model;
  const neural::ModelConfig& config;
  // The program is in the prompt: the cut is at the fetch heads' outputs (fetched_input).
  const bool universal = config.mode == neural::ModelMode::Universal;
  std::set<std::string> flags;  // the universal model's opcode flags "op.NAME" (slots before the plan head)
  std::string unusable;         // why no op can be proved on this model ("" usable)
  int plan_block = -1, plan_head = -1;
  int target_stage = 0;  // the plan head's stage: the residual after stage target_stage - 1 feeds it
  std::vector<Sparse> gate, value, output;  // per block, FFN
  // cuts[stage + 1]: slot -> input feature written at that stage
  std::vector<std::map<int, std::string>> cuts;
  // A dependency cone: needed[stage + 1], the slots of the cone after that stage (cut
  // ones included); per FFN stage its neurons, per attention stage the heads writing
  // into it.
  struct Cone {
    std::vector<std::set<int>> needed;
    std::vector<std::vector<int>> neurons, heads;
  };
  Cone main_cone;                       // of the plan head's rows
  std::vector<std::string> head_names;  // of the heads in the cone, for the detail

  Impl(const neural::Model& m, const neural::ModelConfig& c) : model(m), config(c) {
    for (size_t b = 0; b < config.heads.size(); ++b)
      for (size_t h = 0; h < config.heads[b].size(); ++h)
        if (config.heads[b][h] == "plan") plan_block = int(b), plan_head = int(h);
    if (plan_block < 0 || size_t(plan_block) >= model.blocks.size() ||
        size_t(plan_head) >= model.blocks[size_t(plan_block)].heads.size()) {
      unusable = "the model config names no `plan` head (not a c2w machine model?)";
      return;
    }
    if (model.blocks[size_t(plan_block)].heads[size_t(plan_head)].value.rows() < 4) {
      unusable = "the plan head carries fewer than 4 values";
      return;
    }
    if (config.residual_slots.size() != size_t(model.d_model)) {
      unusable = "the model config's residual_slots do not name every coordinate";
      return;
    }
    target_stage = 2 * plan_block;
    cuts.resize(size_t(target_stage) + 1);
    // On the universal model the opcode flags are not cut: they are decoded inside the
    // cone from the fetched op byte, fixed to the op's code (input_form).
    for (size_t s = 0; s < config.residual_slots.size(); ++s)
      for (const neural::ModelConfig::SlotUse& use : config.residual_slots[s]) {
        if (use.written < -1 || use.written >= target_stage) continue;
        if (use.feature.rfind("op.", 0) == 0) flags.insert(use.feature);
        std::string input = universal ? fetched_input(use.feature) : "";
        if (input.empty() && is_input_feature(use.feature) &&
            !(universal && use.feature.rfind("op.", 0) == 0))
          input = use.feature;
        if (!input.empty()) cuts[size_t(use.written + 1)][int(s)] = input, input_features.insert(input);
      }
    rom_cuts();
    for (const neural::Block& block : model.blocks) {
      gate.emplace_back(block.ffn.gate);
      value.emplace_back(block.ffn.value);
      output.emplace_back(block.ffn.output);
    }
    build_cone();
  }

  // The feature slot `s` holds when stage `t` reads it ("" none).
  std::string feature_read(int s, int t) const {
    for (const neural::ModelConfig::SlotUse& use : config.residual_slots[size_t(s)])
      if (use.written < t && use.last_read >= t) return use.feature;
    return "";
  }

  // Specialised models carry the instruction's fields in the pc token's embedding
  // ("rom.op.add", "rom.a.fb0", ...); a head copies them at P (its value row reads that
  // one coordinate with weight 1, its output writes one coordinate with weight 1): that
  // output is the field, cut like the universal model's fetched fields.
  void rom_cuts() {
    for (size_t b = 0; b < model.blocks.size() && int(2 * b) < target_stage; ++b)
      for (size_t h = 0; h < model.blocks[b].heads.size(); ++h) {
        const neural::AttentionHead& head = model.blocks[b].heads[h];
        for (Eigen::Index c = 0; c < head.value.rows(); ++c) {
          int from = -1, to = -1, reads = 0, writes = 0;
          for (Eigen::Index i = 0; i < head.value.cols(); ++i)
            if (head.value(c, i) != 0) ++reads, from = head.value(c, i) == 1 ? int(i) : -1;
          for (Eigen::Index i = 0; i < head.output.rows(); ++i)
            if (head.output(i, c) != 0) ++writes, to = head.output(i, c) == 1 ? int(i) : -1;
          if (reads != 1 || writes != 1 || from < 0 || to < 0) continue;
          std::string field = feature_read(from, int(2 * b));
          if (field.rfind("rom.", 0) != 0 ||
              !(is_input_feature(field.substr(4)) || is_rom_input(field.substr(4))))
            continue;
          cuts[2 * b + 1][to] = field.substr(4);
          input_features.insert(field.substr(4));
          rom_heads.insert(std::to_string(b) + "." + std::to_string(h));
        }
      }
  }
  // The plan head's components the proofs read: the value bytes B1..B4, then (when the
  // head carries them, output.cpp's order) how the step ends.
  struct EndOfStep {
    int component;
    int expected;  // for an op that neither traps nor halts nor writes out:XX
    const char* what;
  };
  static constexpr EndOfStep kEndOfStep[] = {{13, 1, "ends with its next pc"},
                                             {14, 0, "no putc"},
                                             {16, 0, "no halt"},
                                             {17, 0, "no division trap"},
                                             {18, 0, "no memory trap"},
                                             {19, 0, "no stack trap"},
                                             {20, 0, "no call trap"},
                                             {21, 0, "no trap instruction"}};
  // the plan's byte count, next pc and putc's byte (rows.size() - 3, - 2, - 1)
  static constexpr int kByteCount = 11, kNextPc = 12, kOutByte = 15;
  // What component i of kEndOfStep is for `op` (putc and halt differ from a value op).
  static std::pair<int, std::string> end_of_step(isa::Opcode op, size_t i) {
    const EndOfStep& e = kEndOfStep[i];
    if (op == isa::Opcode::PutC && e.component == 14) return {1, "a putc"};
    if (op == isa::Opcode::Halt && e.component == 16) return {1, "a halt"};
    if (op == isa::Opcode::Halt && e.component == 13) return {0, "ends without a pc"};
    return {e.expected, e.what};
  }
  bool has_end_of_step() const {
    return model.blocks[size_t(plan_block)].heads[size_t(plan_head)].value.rows() == 22;
  }
  std::vector<int> plan_rows() const {
    std::vector<int> rows = {0, 1, 2, 3};
    if (has_end_of_step()) {
      for (const EndOfStep& e : kEndOfStep) rows.push_back(e.component);
      rows.push_back(kByteCount);
      rows.push_back(kNextPc);
      rows.push_back(kOutByte);
    }
    return rows;
  }
  std::set<std::string> rom_heads;       // heads that copy the instruction's fields
  std::set<std::string> input_features;  // the features cut as inputs

  void build_cone() { main_cone = cone_of(component_slots(plan_rows()), target_stage, &head_names); }
  // The residual slots the plan head's value rows `rows` read.
  std::set<int> component_slots(const std::vector<int>& rows) const {
    const neural::AttentionHead& plan = model.blocks[size_t(plan_block)].heads[size_t(plan_head)];
    std::set<int> n;
    for (int k : rows)
      for (Eigen::Index s = 0; s < plan.value.cols(); ++s)
        if (plan.value(k, s) != 0) n.insert(int(s));
    return n;
  }
  std::vector<int> all_rows() const {
    std::vector<int> rows;
    for (int k = 0; k < int(model.blocks[size_t(plan_block)].heads[size_t(plan_head)].value.rows()); ++k)
      rows.push_back(k);
    return rows;
  }
  Cone role_cone;  // of every plan component (check_components), made on first use
  // The cone of the slots `n` read after stage top - 1.
  Cone cone_of(std::set<int> n, int top, std::vector<std::string>* names) const {
    Cone cone;
    std::vector<std::set<int>>& needed = cone.needed;
    std::vector<std::vector<int>>&neurons = cone.neurons, &heads = cone.heads;
    needed.assign(size_t(top) + 1, {});
    neurons.assign(size_t(top), {});
    heads.assign(size_t(top), {});
    for (int t = top - 1; t >= 0; --t) {
      needed[size_t(t + 1)] = n;
      std::set<int> live;
      for (int s : n)
        if (!cuts[size_t(t + 1)].count(s)) live.insert(s);
      std::set<int> reads = live;
      const size_t b = size_t(t / 2);
      if (t % 2 == 1) {
        const Sparse& out = output[b];
        for (size_t j = 0; j < out.by_column.size(); ++j) {
          bool in_cone = false;
          for (const auto& [s, w] : out.by_column[j]) in_cone = in_cone || live.count(s);
          if (!in_cone) continue;
          neurons[size_t(t)].push_back(int(j));
          for (const auto& [s, w] : gate[b].by_row[j]) reads.insert(s);
          for (const auto& [s, w] : value[b].by_row[j]) reads.insert(s);
        }
      } else {
        for (size_t h = 0; h < model.blocks[b].heads.size(); ++h) {
          const Eigen::MatrixXd& o = model.blocks[b].heads[h].output;
          bool in_cone = false;
          for (int s : live) in_cone = in_cone || !o.row(s).isZero(0);
          if (!in_cone) continue;
          heads[size_t(t)].push_back(int(h));
          std::string name = b < config.heads.size() && h < config.heads[b].size() ? config.heads[b][h] : "";
          if (names)
            names->push_back(std::to_string(b) + "." + std::to_string(h) + (name.empty() ? "" : " " + name));
        }
      }
      n = std::move(reads);
    }
    needed[0] = n;
    return cone;
  }

  // ---- one op ----
  // A case of a case split: the input byte `variable` takes only `values` (the others
  // are other cases). A neuron that depends on that byte alone and has the same exact
  // value for every one of them is a constant in this case (checked value by value).
  struct Split {
    std::string variable;
    std::vector<int> values;
  };
  struct Evaluation {
    std::vector<Atom> atoms;
    std::vector<bool> split_only;       // per atom: depends on the split's byte alone
    std::map<std::string, int> inputs;  // input variable name -> atom
    const Split* split = nullptr;
    // per atom: the one input atom it depends on (-1 none, -2 several or a free leaf)
    std::vector<int> one_input;
    int combine(int p, int q) const { return p == -1 ? q : q == -1 || q == p ? p : -2; }
    int one_input_of(const Lin& l) const {
      int r = -1;
      for (const auto& [a, c] : l.terms) r = combine(r, one_input[size_t(a)]);
      return r;
    }
    // per atom: for a neuron with a constant value, the class of its gate's non-constant
    // terms (exactly equal terms, one class), else -1: the neurons of one class are
    // functions of one y (piecewise_facts, Encoder::piecewise)
    std::vector<int> gate_class_of;
    std::map<std::vector<std::tuple<int, int64_t, uint64_t, int>>, int> gate_classes;
    int input(const std::string& name, int bits) {
      auto it = inputs.find(name);
      if (it != inputs.end()) return it->second;
      gate_class_of.push_back(-1);
      atoms.push_back({Atom::Input, name, bits, {}, {}});
      one_input.push_back(int(atoms.size()) - 1);
      split_only.push_back(split && name == split->variable);
      inputs[name] = int(atoms.size()) - 1;
      return int(atoms.size()) - 1;
    }
    int free_leaf(const std::string& name) {
      atoms.push_back({Atom::Free, name, 0, {}, {}});
      gate_class_of.push_back(-1);
      one_input.push_back(-2);
      split_only.push_back(false);
      return int(atoms.size()) - 1;
    }
    bool only_split(const Lin& l) const {
      for (const auto& [a, c] : l.terms)
        if (!split_only[size_t(a)]) return false;
      return true;
    }
    int neuron(Lin g, Lin v) {
      bool only = split && only_split(g) && only_split(v);
      one_input.push_back(combine(one_input_of(g), one_input_of(v)));
      int gate_class = -1;
      if (v.is_constant() && !g.is_constant()) {
        std::vector<std::tuple<int, int64_t, uint64_t, int>> key;
        for (const auto& [b, k] : g.terms) key.push_back({b, int64_t(k.num >> 64), uint64_t(k.num), k.shift});
        gate_class = gate_classes.emplace(std::move(key), int(gate_classes.size())).first->second;
      }
      gate_class_of.push_back(gate_class);
      atoms.push_back({Atom::Neuron, "", 0, std::move(g), std::move(v)});
      split_only.push_back(only);
      return int(atoms.size()) - 1;
    }
    // The exact value of a split-only form when the split's byte is `value`.
    Exact value_of(const Lin& l, int value, std::map<int, Exact>& memo) const {
      Exact r = l.constant;
      for (const auto& [a, c] : l.terms) r = r + c * value_of_atom(a, value, memo);
      return r;
    }
    Exact value_of_atom(int a, int value, std::map<int, Exact>& memo) const {
      auto it = memo.find(a);
      if (it != memo.end()) return it->second;
      const Atom& at = atoms[size_t(a)];
      Exact r = Exact::of(value);
      if (at.kind == Atom::Neuron) {
        Exact g = value_of(at.gate, value, memo);
        r = g.positive() ? g * value_of(at.value, value, memo) : Exact{};
      }
      return memo[a] = r;
    }
    // True when the gate depends on one input byte alone and is <= 0 for each of its 256
    // values (exactly): the neuron is 0 (an all_of whose flag is 0, say).
    bool never_on(const Lin& g) const {
      int input = one_input_of(g);
      if (input < 0 || atoms[size_t(input)].bits > 8) return false;
      for (int v = 0; v < (1 << atoms[size_t(input)].bits); ++v) {
        std::map<int, Exact> memo;
        if (value_of_input(g, input, v, memo).positive()) return false;
      }
      return true;
    }
    Exact value_of_input(const Lin& l, int input, int v, std::map<int, Exact>& memo) const {
      Exact r = l.constant;
      for (const auto& [a, c] : l.terms) {
        auto it = memo.find(a);
        Exact value;
        if (it != memo.end()) {
          value = it->second;
        } else {
          const Atom& at = atoms[size_t(a)];
          value = Exact::of(v);
          if (a != input) {
            Exact gate = value_of_input(at.gate, input, v, memo);
            value = gate.positive() ? gate * value_of_input(at.value, input, v, memo) : Exact{};
          }
          memo[a] = value;
        }
        r = r + c * value;
      }
      return r;
    }
    // ReLU(g) * v as one constant when it is the same for every value of the split.
    std::optional<Exact> constant_in_case(const Lin& g, const Lin& v,
                                          std::vector<std::map<int, Exact>>& memos) {
      if (!split || !only_split(g) || !only_split(v)) return std::nullopt;
      std::optional<Exact> common;
      for (size_t i = 0; i < split->values.size(); ++i) {
        Exact gi = value_of(g, split->values[i], memos[i]);
        Exact p = gi.positive() ? gi * value_of(v, split->values[i], memos[i]) : Exact{};
        if (common && (common->num != p.num || common->shift != p.shift)) return std::nullopt;
        common = p;
      }
      return common;
    }
  };

  // A word result cut in two (the shifts: their integer word `ext.OP`, written by one FFN
  // stage, that the byte extraction reads): the cone up to that slot is proved equal to
  // the ISA's word, and the rest of the cone proved to spell the bytes of any word in
  // [0, 2^32) found in that slot.
  struct WordCut {
    std::string feature;  // "ext.shl"
    int slot = -1, stage = -1;
    Cone upstream;  // the cone of the slot after its stage
  };
  std::optional<WordCut> word_cut(const std::string& op) const {
    WordCut cut;
    cut.feature = "ext." + op;
    for (size_t s = 0; s < config.residual_slots.size(); ++s)
      for (const neural::ModelConfig::SlotUse& use : config.residual_slots[s])
        if (use.feature == cut.feature && use.written >= 0 && use.written < target_stage)
          cut.slot = int(s), cut.stage = use.written;
    if (cut.slot < 0 || !main_cone.needed[size_t(cut.stage + 1)].count(cut.slot)) return std::nullopt;
    cut.upstream = cone_of({cut.slot}, cut.stage + 1, nullptr);
    return cut;
  }

  // A head's output c: lo + u for an input u of enough bits when the numeric analysis
  // bounds its value row to the integers in [lo, hi] and the head returns one
  // position's values (tie `latest`); else a free leaf. Only the frame head's (the
  // call record a ret returns to: its mark and fp bound whether the bad-call trap can
  // fire), the input head's (getc's byte) and the destination's memory heads' (the old
  // bytes that a step without a destination never drops from its byte count); a field
  // the ROM or the fetch copies stays free, as the instruction's.
  std::vector<std::vector<std::vector<Range>>> head_values;  // per block, head, value row
  Lin bounded_head_output(Evaluation& e, const std::string& name, size_t b, size_t h, size_t c) const {
    if (std::optional<HeadOutput> bounded = bounded_output(b, h, c)) {
      Lin l = Lin::atom(e.input(bounded->variable, bounded->bits));
      l.constant = Exact::of(double(bounded->low));
      return l;
    }
    return Lin::atom(e.free_leaf(name));
  }
  // The input variable of a bounded head output (bounded_head_output), if it is one.
  std::optional<HeadOutput> bounded_output(size_t b, size_t h, size_t c) const {
    const neural::AttentionHead& head = model.blocks[b].heads[h];
    const bool frame = b < config.head_roles.size() && h < config.head_roles[b].size() &&
                       (config.head_roles[b][h] == "frame" || config.head_roles[b][h] == "input" ||
                        config.head_roles[b][h] == "memory:destination");
    if (!frame || b >= head_values.size() || h >= head_values[b].size() || c >= head_values[b][h].size() ||
        head.tie != neural::TieMode::Latest)
      return std::nullopt;
    const Range& r = head_values[b][h][c];
    const long double low = std::floor(r.low), high = std::ceil(r.high);
    if (!(r.integral() && std::isfinite(low) && std::isfinite(high) && high - low < 0x1p40L))
      return std::nullopt;
    int bits = 1;
    while (std::ldexp(1.0L, bits) <= high - low) ++bits;
    const std::string name = "head " + std::to_string(b) + "." + std::to_string(h) + " output " +
                             std::to_string(c) + copied_feature(head, Eigen::Index(c), int(2 * b));
    return HeadOutput{
        name + " in [" + std::to_string(int64_t(low)) + ", " + std::to_string(int64_t(high)) + "]", bits,
        int64_t(low)};
  }

  // " (a copy of F)" when value row c of `head` reads the one coordinate holding F at
  // stage t, else "".
  std::string copied_feature(const neural::AttentionHead& head, Eigen::Index c, int t) const {
    int from = -1, reads = 0;
    for (Eigen::Index i = 0; i < head.value.cols(); ++i)
      if (head.value(c, i) != 0) ++reads, from = int(i);
    if (reads != 1) return "";
    std::string f = feature_read(from, t);
    return f.empty() ? "" : " (a copy of " + f + ")";
  }

  // A flag the cut holds (the ROM's copy, a specialised model's slot), or that the
  // universal model decodes inside the cone.
  bool has_flag(const std::string& op_name) const {
    if (universal) return flags.count("op." + op_name) > 0;
    for (const auto& stage : cuts)
      for (const auto& [s, f] : stage)
        if (f == "op." + op_name) return true;
    return false;
  }
  // The bits of a fetched input (fetched_input) as wide as the prompt encoder's values of
  // it (universal_prompt.cpp): an operand's or the destination's kind 2 (0..3), the entry
  // flag 1, the count's high byte that of max_pc / 256, pc that of max_pc - 1, else a byte.
  int fetched_bits(const std::string& name) const {
    if (name == "rec.1" || name == "rec.6" || name == "rec.11" || name == "rec.16") return 2;
    if (name == "entry") return 1;
    auto bits_of = [](int64_t most) {  // the bits of the integers 0..most
      int bits = 1;
      while ((int64_t(1) << bits) <= most) ++bits;
      return bits;
    };
    if (name == "count1") return bits_of(config.layout.max_pc >> 8);
    if (name == "pc") return bits_of(config.layout.max_pc - 1);
    return 8;
  }

  // On the universal model, the instruction fields the claims name (the ROM's fields on
  // a specialised model: target, next, limit, out and out0..out2, width) as the ISA and
  // the record layout (compiler/universal_prompt.h) define them from the fetched bytes
  // rec.K and pc, and what the prompt encoder writes at all (universal_prompt.cpp:
  // operand kinds 0..3, a destination kind 0..2, an entry flag 0 or 1, a call's outgoing
  // area in (0, 2^24)). On a specialised model: its ROM fields n and ret_words4.
  symbolic::Expr fetched_fields(symbolic::ExprContext& x, isa::Opcode op) const {
    // A specialised model's ROM fields n and ret_words4 (cut at their copies): the op's
    // trace::step_byte_count, and no returned words but a ret's (the rom obligation
    // decodes both).
    if (!universal) {
      symbolic::Expr n = x.eq(x.variable("n", 8), x.constant(uint64_t(trace::step_byte_count(op)), 8));
      if (op == isa::Opcode::Ret) return n;
      return x.land(n, x.eq(x.variable("ret_words4", 8), x.constant(0, 8)));
    }
    auto rec = [&](int k) {
      const std::string name = "rec." + std::to_string(k);
      return x.variable(name, unsigned(fetched_bits(name)));
    };
    auto bytes = [&](int first, int count) {  // rec.first .. rec.(first + count - 1), little-endian, 32 bits
      symbolic::Expr w = x.constant(0, unsigned(32 - 8 * count));
      for (int k = count - 1; k >= 0; --k) w = x.concat(w, rec(first + k));
      return w;
    };
    symbolic::Expr facts = x.boolean(true);
    auto add = [&](symbolic::Expr e) { facts = x.land(facts, e); };
    add(x.ule(rec(16), x.constant(2, 2)));  // kFieldDstKind (the operand kinds: 2 bits, 0..3)
    // the instruction count N = count0 + 256 count1 <= max_pc (the encoder's limit)
    const symbolic::Expr count = x.concat(
        x.zero_extend(x.variable("count1", unsigned(fetched_bits("count1"))), 8), x.variable("count0", 8));
    add(x.ule(count, x.constant(uint64_t(config.layout.max_pc), 16)));
    add(x.eq(x.variable("N", 32), x.zero_extend(count, 32)));
    const symbolic::Expr target = bytes(20, 2);  // kFieldTarget
    const symbolic::Expr pc = x.zero_extend(x.variable("pc", unsigned(fetched_bits("pc"))), 32);
    const bool jumps = op == isa::Opcode::Jmp || op == isa::Opcode::Call;
    add(x.eq(x.variable("target", 32), target));
    add(x.eq(x.variable("next", 32), jumps ? target : x.add(pc, x.constant(1, 32))));
    add(x.eq(x.variable("limit", 32), bytes(22, 3)));  // kFieldLimit
    if (op == isa::Opcode::Call || op == isa::Opcode::CallI) {
      const int out = op == isa::Opcode::Call ? 2 : 7;  // a's value bytes (call), b's (calli)
      add(x.eq(x.variable("out", 32), bytes(out, 3)));
      for (int k = 0; k < 3; ++k) add(x.eq(x.variable("out" + std::to_string(k), 8), rec(out + k)));
      add(x.eq(rec(out + 3), x.constant(0, 8)));
      add(x.lnot(x.eq(bytes(out, 3), x.constant(0, 32))));
    }
    const int width = isa::is_load(op) || isa::is_store(op) ? isa::access_width(op) : 0;
    add(x.eq(x.variable("width", 8), x.constant(uint64_t(width), 8)));
    return facts;
  }
  std::string flags_assumption() const {
    return universal ? "the op byte is the op's code (the weights decode the flags from it)"
                     : "the op flags are one-hot";
  }
  // What the universal model's cut assumes, for an obligation's detail ("" when specialised).
  std::string fetch_assumption() const {
    if (!universal) return "";
    return "; on this universal model the cut is at the fetch heads' outputs: rec.K is byte K of the "
           "record of instruction pc (assumed: the fetch heads return the bytes of the record of instruction "
           "pc, their head and margin obligations), pc and valid = 1 the step head's values at P (P is the "
           "step's pc "
           "token), the op byte rec.0 the op's code, every other byte free within what the prompt encoder "
           "writes (operand kinds 0..3 and the destination's 0..2, 2 bits each, a call's outgoing area in "
           "(0, "
           "2^24), the instruction count N = count0 + 256 count1 at most max_pc, the entry flag 1 bit); the "
           "opcode flags and the fields are decoded from them by the weights, and the ISA's fields are "
           "defined from the record (universal_prompt.h): target = rec.20 + 256 rec.21, next = target for "
           "jmp and call else pc + 1, limit = rec.22..24, out = a's value bytes rec.2..4 for call, b's "
           "rec.7..9 for calli, width the op's access width";
  }

  // The linear form of input feature `f` when the op under proof is `op`.
  Lin input_form(Evaluation& e, const std::string& f, const std::string& op) const {
    if (f == "valid") return Lin::number(Exact::of(1));  // P is a pc token
    if (f == "rec.0") {                                  // the op byte: the op's code
      isa::Opcode code;
      return isa::opcode_from_mnemonic(op, code) ? Lin::number(Exact::of(int(code)))
                                                 : Lin::atom(e.input(f, 8));
    }
    if (f == "pc" || f.rfind("rec.", 0) == 0 || f.rfind("count", 0) == 0 || f.rfind("entry", 0) == 0)
      return Lin::atom(e.input(f, fetched_bits(f)));
    if (f.rfind("op.", 0) == 0) return Lin::number(Exact::of(f.substr(3) == op ? 1 : 0));
    if (std::optional<ByteInput> b = byte_input(f)) {  // the looked-up part: byte - fallback
      Lin l = Lin::atom(e.input(b->variable, 8));
      if (input_features.count(b->fallback)) l.add(Lin::atom(e.input(b->fallback, 8)), Exact::of(-1));
      return l;
    }
    if (f == "target" || f == "next" || f == "limit" || f == "out" || f == "dst")
      return Lin::atom(e.input(f, 32));  // a pc, an fp, an offset
    return Lin::atom(e.input(f, 8));     // a fallback byte or an fp byte
  }

  Lin dot(const std::vector<std::pair<int, double>>& row, const std::map<int, Lin>& x) {
    Lin r;
    for (const auto& [s, w] : row) {
      auto it = x.find(s);
      C2W_CHECK(it != x.end(), "a read outside the cone");
      r.add(it->second, Exact::of(w));
    }
    return r;
  }

  // The plan's value rows 0..3 over the atoms, the op's flags fixed. With a word cut:
  // `upstream` stops at the cut and returns the cut slot's form alone; otherwise the
  // slot is replaced by the 32-bit input "w" there.
  // With `all_components`, every component of the plan head (check_components).
  std::vector<Lin> evaluate(Evaluation& e, const std::string& op, const WordCut* cut = nullptr,
                            bool upstream = false, bool all_components = false) {
    std::vector<std::map<int, Exact>> memos(e.split ? e.split->values.size() : 0);
    if (all_components && role_cone.needed.empty())
      role_cone = cone_of(component_slots(all_rows()), target_stage, nullptr);
    const Cone& cone = cut && upstream ? cut->upstream : all_components ? role_cone : main_cone;
    const std::vector<std::set<int>>& needed = cone.needed;
    const int top = cut && upstream ? cut->stage + 1 : target_stage;
    std::map<int, Lin> x;
    for (int s : needed[0]) {
      auto cut = cuts[0].find(s);
      if (cut != cuts[0].end())
        x[s] = input_form(e, cut->second, op);
      else if (s == model.positional.one)
        x[s] = Lin::number(Exact::of(1));
      else if (s != model.positional.position && s != model.positional.square &&
               (model.embedding.row(s).array() == model.embedding(s, 0)).all())
        x[s] = Lin::number(Exact::of(model.embedding(s, 0)));  // the same for every token
      else
        x[s] = Lin::atom(e.free_leaf(config.residual_slots[size_t(s)].empty()
                                         ? "coordinate " + std::to_string(s)
                                         : "embedding coordinate " + std::to_string(s) + " (" +
                                               config.residual_slots[size_t(s)].front().feature + ")"));
    }
    for (int t = 0; t < top; ++t) {
      const size_t b = size_t(t / 2);
      std::map<int, Lin> next;
      for (int s : needed[size_t(t + 1)])
        if (!cuts[size_t(t + 1)].count(s)) next[s] = x.at(s);
      if (t % 2 == 1) {
        for (int j : cone.neurons[size_t(t)]) {
          Lin g = dot(gate[b].by_row[size_t(j)], x), v = dot(value[b].by_row[size_t(j)], x);
          Lin product;
          if (g.is_constant()) {
            if (g.constant.positive()) product.add(v, g.constant);
          } else if (!(v.is_constant() && v.constant.is_zero())) {
            if (std::optional<Exact> c = e.constant_in_case(g, v, memos))
              product = Lin::number(*c);
            else if (!v.is_constant() && e.one_input_of(v) != e.one_input_of(g) && e.never_on(g))
              continue;
            else if (never_positive(facts_of(e, g)))
              continue;  // a gate that its interval bound keeps <= 0: the neuron is 0
            else
              product = Lin::atom(e.neuron(std::move(g), std::move(v)));
          }
          if (product.is_constant() && product.constant.is_zero()) continue;
          for (const auto& [s, w] : output[b].by_column[size_t(j)]) {
            auto it = next.find(s);
            if (it != next.end()) it->second.add(product, Exact::of(w));
          }
        }
      } else {
        for (int h : cone.heads[size_t(t)]) {
          const neural::AttentionHead& head = model.blocks[b].heads[size_t(h)];
          for (Eigen::Index c = 0; c < head.output.cols(); ++c) {
            Lin leaf;
            bool made = false;
            for (auto& [s, l] : next) {
              double w = head.output(s, c);
              if (w == 0) continue;
              if (!made) {
                const std::string name = "head " + std::to_string(b) + "." + std::to_string(h) + " output " +
                                         std::to_string(c) + copied_feature(head, c, t);
                leaf = bounded_head_output(e, name, b, size_t(h), size_t(c));
                made = true;
              }
              l.add(leaf, Exact::of(w));
            }
          }
        }
      }
      for (const auto& [s, f] : cuts[size_t(t + 1)])
        if (needed[size_t(t + 1)].count(s)) next[s] = input_form(e, f, op);
      for (const SlotCut& c : slot_cuts)
        if (c.stage == t && next.count(c.slot)) {
          captured[c.name] = next.at(c.slot);
          next[c.slot] = Lin::atom(e.input(c.name, c.bits));
        }
      if (cut && t == cut->stage) {
        if (upstream) return {next.at(cut->slot)};
        next[cut->slot] = Lin::atom(e.input("w", 32));
      }
      x = std::move(next);
    }
    const neural::AttentionHead& plan = model.blocks[size_t(plan_block)].heads[size_t(plan_head)];
    std::vector<Lin> rows;
    for (int k : all_components ? all_rows() : plan_rows()) {
      std::vector<std::pair<int, double>> row;
      for (Eigen::Index s = 0; s < plan.value.cols(); ++s)
        if (plan.value(k, s) != 0) row.push_back({int(s), plan.value(k, s)});
      rows.push_back(dot(row, x));
    }
    return rows;
  }

  // ---- bounds, integrality, support ----
  struct Facts {
    Interval range;
    bool integral = true;
  };
  // A quantity that its bounds keep <= 0: its upper bound is, or it is an integer below
  // 1/2 (the bound of a sum of exactly cancelling terms can be off by a rounding error of
  // the long double arithmetic, far below 1/2 at the magnitudes bounded by 2^62).
  static bool never_positive(const Facts& f) {
    return f.range.high <= 0 || (f.integral && f.range.high < 0.5L);
  }
  std::vector<std::optional<Facts>> facts;

  // Neurons ReLU(y + d_i) * v_i of one y (the same non-constant gate terms) and constant
  // values v_i: their weighted sum is a piecewise-linear function of y, 0 below its first
  // breakpoint, bounded exactly by its values at the breakpoints that bracket y's range
  // (a threshold count, a step ReLU(y + 1) - ReLU(y): the box of each neuron alone loses
  // that they cancel). Nothing when the exact arithmetic would overflow.
  std::map<std::vector<std::tuple<int, int64_t, uint64_t, int>>, std::optional<Facts>> piecewise_memo;
  std::optional<Facts> piecewise_facts(const Evaluation& e, const std::vector<std::pair<int, Exact>>& group) {
    std::vector<std::tuple<int, int64_t, uint64_t, int>> key;
    for (const auto& [a, c] : group) key.push_back({a, int64_t(c.num >> 64), uint64_t(c.num), c.shift});
    auto found = piecewise_memo.find(key);
    if (found != piecewise_memo.end()) return found->second;
    return piecewise_memo[key] = piecewise_facts_uncached(e, group);
  }
  std::optional<Facts> piecewise_facts_uncached(const Evaluation& e,
                                                const std::vector<std::pair<int, Exact>>& group) {
    struct Piece {
      Exact breakpoint, slope;
    };
    std::vector<Piece> pieces;
    Lin y;
    y.terms = e.atoms[size_t(group.front().first)].gate.terms;
    bool integral = true;
    try {
      for (const auto& [a, c] : group) {
        const Atom& at = e.atoms[size_t(a)];
        Exact minus_d = at.gate.constant * Exact::of(-1);
        pieces.push_back({minus_d, c * at.value.constant});
        integral = integral && at.gate.constant.integral() && pieces.back().slope.integral();
      }
      std::sort(pieces.begin(), pieces.end(), [](const Piece& p, const Piece& q) {
        return (p.breakpoint + q.breakpoint * Exact::of(-1)).num < 0;
      });
      Facts fy = facts_of(e, y);
      // f at each breakpoint, from the left.
      std::vector<Exact> at(pieces.size());
      Exact slope;
      for (size_t j = 1; j < pieces.size(); ++j) {
        slope = slope + pieces[j - 1].slope;
        at[j] = at[j - 1] + slope * (pieces[j].breakpoint + pieces[j - 1].breakpoint * Exact::of(-1));
      }
      slope = slope + pieces.back().slope;
      size_t first = 0, last = pieces.size() - 1;
      for (size_t j = 0; j < pieces.size(); ++j)
        if (pieces[j].breakpoint.approx() <= fy.range.low) first = j;
      for (size_t j = pieces.size(); j-- > 0;)
        if (pieces[j].breakpoint.approx() >= fy.range.high) last = j;
      Facts f{{std::numeric_limits<long double>::infinity(), -std::numeric_limits<long double>::infinity()},
              integral && fy.integral};
      for (size_t j = first; j <= last; ++j) {
        f.range.low = std::min(f.range.low, at[j].approx());
        f.range.high = std::max(f.range.high, at[j].approx());
      }
      long double beyond = fy.range.high - pieces.back().breakpoint.approx();
      if (beyond > 0 && !slope.is_zero()) {  // past the last breakpoint: linear, slope the sum
        long double end = at.back().approx() + slope.approx() * beyond;
        f.range.low = std::min(f.range.low, end);
        f.range.high = std::max(f.range.high, end);
      }
      f.range.low -= std::fabs(f.range.low) * 0x1p-60L;
      f.range.high += std::fabs(f.range.high) * 0x1p-60L;
      return f;
    } catch (const NotAttempted&) {
      return std::nullopt;
    }
  }

  Facts facts_of(const Evaluation& e, const Lin& l) {
    Facts f{{l.constant.approx(), l.constant.approx()}, l.constant.integral()};
    // Grouped by the gate's exact non-constant terms.
    std::map<int, std::vector<std::pair<int, Exact>>> groups;
    Lin single;
    for (const auto& [a, c] : l.terms) {
      if (e.gate_class_of[size_t(a)] >= 0) {
        groups[e.gate_class_of[size_t(a)]].push_back({a, c});
      } else {
        single.terms[a] = c;
      }
    }
    for (const auto& [key, group] : groups) {
      std::optional<Facts> g = group.size() > 1 ? piecewise_facts(e, group) : std::nullopt;
      if (!g) {
        for (const auto& [a, c] : group) single.terms[a] = c;
        continue;
      }
      f.range.low += g->range.low;
      f.range.high += g->range.high;
      f.integral = f.integral && g->integral;
    }
    for (const auto& [a, c] : single.terms) {
      Facts fa = atom_facts(e, a);
      long double k = c.approx();
      long double lo = k >= 0 ? k * fa.range.low : k * fa.range.high;
      long double hi = k >= 0 ? k * fa.range.high : k * fa.range.low;
      f.range.low += lo;
      f.range.high += hi;
      f.integral = f.integral && fa.integral && c.integral();
    }
    // outward by a relative 2^-60 (long double rounding), integers exact below 2^64
    f.range.low -= std::fabs(f.range.low) * 0x1p-60L;
    f.range.high += std::fabs(f.range.high) * 0x1p-60L;
    return f;
  }
  Facts atom_facts(const Evaluation& e, int a) {
    if (facts.size() < e.atoms.size()) facts.resize(e.atoms.size());
    if (facts[size_t(a)]) return *facts[size_t(a)];
    const Atom& atom = e.atoms[size_t(a)];
    Facts f;
    constexpr long double inf = std::numeric_limits<long double>::infinity();
    if (atom.kind == Atom::Input) {
      f = {{0, std::ldexp(1.0L, atom.bits) - 1}, true};
    } else if (atom.kind == Atom::Free) {
      f = {{-inf, inf}, false};
    } else {
      Facts g = facts_of(e, atom.gate), v = facts_of(e, atom.value);
      long double r_lo = std::max(0.0L, g.range.low), r_hi = std::max(0.0L, g.range.high);
      if (r_hi == 0) {
        f = {{0, 0}, true};
      } else {
        long double p[4] = {r_lo * v.range.low, r_lo * v.range.high, r_hi * v.range.low, r_hi * v.range.high};
        for (long double& q : p)
          if (std::isnan(q)) q = 0;  // 0 * inf: the relu's 0 end
        f.range = {std::min({p[0], p[1], p[2], p[3], 0.0L}), std::max({p[0], p[1], p[2], p[3], 0.0L})};
        f.integral = g.integral && v.integral;
      }
    }
    facts[size_t(a)] = f;
    return f;
  }

  void support(const Evaluation& e, const Lin& l, std::set<int>& seen) {
    for (const auto& [a, c] : l.terms) {
      if (!seen.insert(a).second) continue;
      const Atom& atom = e.atoms[size_t(a)];
      if (atom.kind == Atom::Neuron) {
        support(e, atom.gate, seen);
        support(e, atom.value, seen);
      }
    }
  }

  // The name of a free input among `cone`'s atoms (one a proof cannot read off the
  // weights), or "" when there is none.
  static std::string free_input(const Evaluation& e, const std::set<int>& cone) {
    for (int a : cone)
      if (e.atoms[size_t(a)].kind == Atom::Free) return e.atoms[size_t(a)].name;
    return "";
  }

  symbolic::ExprContext scratch;  // for the encoders that only compute bounds

  // ---- the query: 64-bit bit-vectors (symbolic/expr.h, Z3 behind symbolic/solver.h) ----
  // Every coefficient is an integer (else not attempted). The linear forms are computed
  // modulo 2^64, which is exact for what is compared: every gate and every plan byte is
  // checked to lie in [-2^62, 2^62] by the bounds (facts_of), and a neuron's product is
  // a ring operation, so its value modulo 2^64 is what the weights compute.
  struct Encoder {
    Encoder(Impl& impl, const Evaluation& e, symbolic::ExprContext& x, unsigned width)
        : impl(impl), e(e), x(x), width(width) {}
    Impl& impl;
    const Evaluation& e;
    symbolic::ExprContext& x;
    unsigned width = 64;  // the bit-vectors' width: every compared quantity fits in width - 1 bits
    std::map<int, symbolic::Expr> memo;
    size_t nonlinear = 0;

    static void in_range(const Facts& f, const char* what) {
      if (!f.integral)
        throw NotAttempted{std::string("a ") + what + " with a non-integer weight in the cone"};
      if (!(f.range.low >= -0x1p62L && f.range.high <= 0x1p62L))
        throw NotAttempted{std::string("a ") + what + " not bounded by 2^62"};
    }
    // The narrowest width holding every gate and the plan byte of `row`'s cone (signed).
    static unsigned width_for(Impl& impl, const Evaluation& e, const Lin& row, const std::set<int>& cone) {
      Encoder probe{impl, e, impl.scratch, 64};
      Facts f = probe.grouped_facts(row);
      in_range(f, "plan component");
      long double most = std::max(-f.range.low, f.range.high);
      for (int a : cone) {
        const Atom& at = e.atoms[size_t(a)];
        if (at.kind != Atom::Neuron) continue;
        Facts g = impl.facts_of(e, at.gate);
        in_range(g, "gate");
        in_range(impl.facts_of(e, at.value), "neuron value");
        most = std::max({most, -g.range.low, g.range.high});
      }
      unsigned bits = 1;
      while (bits < 64 && std::ldexp(1.0L, int(bits)) <= most) ++bits;
      return std::clamp(bits + 2, 10u, 64u);
    }
    // Integer coefficients, taken modulo 2^width (a ring homomorphism).
    symbolic::Expr number(const Exact& c) {
      if (!c.integral()) throw NotAttempted{"a non-integer coefficient"};
      return x.constant(uint64_t(c.num), width);
    }
    // Terms on neurons of one byte only are summed into one table per byte; neurons of
    // one gate y (up to a constant) with constant values, as the piecewise-linear
    // function of y they sum to (piecewise()).
    symbolic::Expr lin(const Lin& l) {
      symbolic::Expr r = number(l.constant);
      std::map<int, Lin> by_byte;
      std::map<int, std::vector<std::pair<int, Exact>>> groups;
      for (const auto& [a, c] : l.terms) {
        const Atom& at = e.atoms[size_t(a)];
        if (at.kind == Atom::Neuron) {
          if (std::optional<int> only = single_input(a)) {
            by_byte[*only].terms[a] = c;
            continue;
          }
          if (e.gate_class_of[size_t(a)] >= 0) {
            groups[e.gate_class_of[size_t(a)]].push_back({a, c});
            continue;
          }
        }
        r = x.add(r, x.mul(number(c), atom(a)));
      }
      for (const auto& [input, group] : by_byte) r = x.add(r, table(group, input));
      for (const auto& [key, group] : groups) {
        std::optional<symbolic::Expr> p = group.size() > 1 ? piecewise(group) : std::nullopt;
        if (p) {
          r = x.add(r, *p);
        } else {
          for (const auto& [a, c] : group) r = x.add(r, x.mul(number(c), atom(a)));
        }
      }
      return r;
    }
    // sum_i c_i ReLU(y + d_i) v_i (constant v_i) as a function of the integer y: 0 below
    // the first breakpoint -d_i, linear between two, each piece's value and slope exact
    // from the weights; encoded as a binary search over the breakpoints (a threshold
    // count becomes a multiplexer instead of hundreds of products and a sum).
    std::map<std::vector<std::pair<int, std::pair<int64_t, uint64_t>>>, symbolic::Expr> piecewise_memo;
    std::optional<symbolic::Expr> piecewise(const std::vector<std::pair<int, Exact>>& group) {
      std::vector<std::pair<int, std::pair<int64_t, uint64_t>>> memo_key;
      for (const auto& [a, c] : group)
        if (c.integral()) memo_key.push_back({a, {int64_t(c.num >> 64), uint64_t(c.num)}});
      if (memo_key.size() != group.size()) return std::nullopt;
      auto found = piecewise_memo.find(memo_key);
      if (found != piecewise_memo.end()) return found->second;
      struct Piece {
        __int128 breakpoint, slope;
      };
      std::vector<Piece> pieces;
      const __int128 limit = __int128(1) << (width - 2);
      for (const auto& [a, c] : group) {
        const Atom& at = e.atoms[size_t(a)];
        Exact k = c * at.value.constant;
        if (!at.gate.constant.integral() || !k.integral()) return std::nullopt;
        if (at.gate.constant.num >= limit || at.gate.constant.num <= -limit) return std::nullopt;
        pieces.push_back({-at.gate.constant.num, k.num});
      }
      std::sort(pieces.begin(), pieces.end(),
                [](const Piece& p, const Piece& q) { return p.breakpoint < q.breakpoint; });
      // Distinct breakpoints b_j; on [b_j, b_(j+1)) the sum is value_j + slope_j (y - b_j).
      std::vector<__int128> breakpoint, value, slope;
      __int128 current_slope = 0, current_value = 0;
      for (const Piece& p : pieces) {
        if (breakpoint.empty() || breakpoint.back() != p.breakpoint) {
          if (!breakpoint.empty())
            current_value =
                checked_add(current_value, checked_multiply(current_slope, p.breakpoint - breakpoint.back()));
          breakpoint.push_back(p.breakpoint);
          value.push_back(current_value);
          slope.push_back(current_slope);
        }
        current_slope = checked_add(current_slope, p.slope);
        slope.back() = current_slope;
      }
      Lin y;
      y.terms = e.atoms[size_t(group.front().first)].gate.terms;
      symbolic::Expr ye = lin(y);
      auto constant = [&](__int128 v) { return x.constant(uint64_t(v), width); };
      if (std::optional<symbolic::Expr> steps = staircase(ye, breakpoint, value, slope)) {
        ++piecewise_groups;
        return piecewise_memo[memo_key] = *steps;
      }
      // Interval 0 is y < b_0 (the sum is 0); interval j >= 1 is [b_(j-1), b_j).
      std::function<symbolic::Expr(size_t, size_t)> build = [&](size_t low, size_t high) -> symbolic::Expr {
        if (low == high) {
          if (low == 0) return constant(0);
          size_t j = low - 1;
          symbolic::Expr v = constant(value[j]);
          if (slope[j] != 0) v = x.add(v, x.mul(constant(slope[j]), x.sub(ye, constant(breakpoint[j]))));
          return v;
        }
        size_t middle = (low + high + 1) / 2;
        return x.ite(x.slt(ye, constant(breakpoint[middle - 1])), build(low, middle - 1),
                     build(middle, high));
      };
      symbolic::Expr r = build(0, breakpoint.size());
      ++piecewise_groups;
      piecewise_memo[memo_key] = r;
      return r;
    }
    size_t piecewise_groups = 0;
    // On the integers (y is one: integer weights), a sum whose every rising piece spans
    // one unit and whose last piece is flat is a step function: 0 below the first
    // breakpoint, value_j on [b_j, b_(j+1)). When its steps are equal rises h at points
    // p, p + 2^e, ..., p + (n-1) 2^e (a threshold count: n thresholds m 256^k), it is
    //   0 for y < p,  n h for y >= p + (n-1) 2^e,  else h (1 + ((y - p) >> e)),
    // a shift instead of a search over the breakpoints.
    std::optional<symbolic::Expr> staircase(symbolic::Expr y, const std::vector<__int128>& breakpoint,
                                            const std::vector<__int128>& value,
                                            const std::vector<__int128>& slope) {
      const size_t n = breakpoint.size();
      if (slope.back() != 0) return std::nullopt;
      for (size_t j = 0; j + 1 < n; ++j)
        if (slope[j] != 0 && breakpoint[j + 1] - breakpoint[j] != 1) return std::nullopt;
      // The integer function's jumps: at y = b_j it becomes value_j (the flat value after).
      std::vector<std::pair<__int128, __int128>> jumps;  // (point, new value)
      __int128 previous = 0;
      for (size_t j = 0; j < n; ++j) {
        if (value[j] != previous) jumps.push_back({breakpoint[j], value[j]});
        previous = value[j];
      }
      if (jumps.size() < 2) return std::nullopt;
      const __int128 rise = jumps[0].second, spacing = jumps[1].first - jumps[0].first;
      int shift = 0;
      while (shift < 62 && (__int128(1) << shift) < spacing) ++shift;
      if ((__int128(1) << shift) != spacing) return std::nullopt;
      for (size_t m = 0; m < jumps.size(); ++m)
        if (jumps[m].first != jumps[0].first + __int128(m) * spacing ||
            jumps[m].second != rise * __int128(m + 1))
          return std::nullopt;
      auto constant = [&](__int128 v) { return x.constant(uint64_t(v), width); };
      const __int128 first = jumps.front().first, last = jumps.back().first;
      symbolic::Expr middle =
          x.mul(constant(rise), x.add(constant(1), x.lshr(x.sub(y, constant(first)), constant(shift))));
      return x.ite(x.slt(y, constant(first)), constant(0),
                   x.ite(x.slt(y, constant(last)), middle, constant(jumps.back().second)));
    }
    // Step 1 of the multiplications' proof (arith_proofs.h): with abstract_products, a
    // neuron ReLU(c x) * (c' y + k) of two distinct operand bytes x, y (c > 0, x >= 0: the
    // ReLU is the identity) is c c' p_xy + c k x, where p_xy, a 16-bit variable named
    // "p.x.y" (the names in order) and at most 255^2, stands for the byte product x y.
    bool abstract_products = false;
    std::set<std::string> products;
    static const Atom* single_byte(const Evaluation& e, const Lin& l) {
      if (l.terms.size() != 1) return nullptr;
      const Atom& in = e.atoms[size_t(l.terms.begin()->first)];
      return in.kind == Atom::Input && in.bits == 8 && l.terms.begin()->second.integral() ? &in : nullptr;
    }
    std::optional<symbolic::Expr> byte_product(const Atom& at) {
      const Atom *x_byte = single_byte(e, at.gate), *y_byte = single_byte(e, at.value);
      if (!x_byte || !y_byte || x_byte == y_byte || !at.gate.constant.is_zero() ||
          !at.gate.terms.begin()->second.positive() || !at.value.constant.integral())
        return std::nullopt;
      const Exact c = at.gate.terms.begin()->second, c_value = at.value.terms.begin()->second;
      std::string name =
          "p." + std::min(x_byte->name, y_byte->name) + "." + std::max(x_byte->name, y_byte->name);
      products.insert(name);
      symbolic::Expr p = x.zero_extend(x.variable(name, 16), width);
      symbolic::Expr x_value = x.zero_extend(x.variable(x_byte->name, 8), width);
      return x.add(x.mul(number(c * c_value), p), x.mul(number(c * at.value.constant), x_value));
    }
    symbolic::Expr atom(int a) {
      auto it = memo.find(a);
      if (it != memo.end()) return it->second;
      const Atom& at = e.atoms[size_t(a)];
      symbolic::Expr r;
      std::optional<symbolic::Expr> product =
          abstract_products && at.kind == Atom::Neuron ? byte_product(at) : std::nullopt;
      if (product) {
        r = *product;
      } else if (at.kind == Atom::Input) {
        r = x.zero_extend(x.variable(at.name, unsigned(at.bits)), width);
      } else if (at.kind == Atom::Free) {
        r = x.variable(at.name, width);
      } else if (std::optional<int> only = single_input(a)) {
        r = table(Lin::atom(a), *only);
      } else {
        Facts gf = impl.facts_of(e, at.gate);
        symbolic::Expr g = lin(at.gate), zero = x.constant(0, width);
        symbolic::Expr on = x.slt(zero, g);
        if (at.value.is_constant()) {
          r = x.ite(on, x.mul(g, number(at.value.constant)), zero);
        } else if (gf.range.high <= 1 || (gf.integral && gate_at_most_one(g))) {
          r = x.ite(on, lin(at.value), zero);  // an integer gate in (0, 1] is 1
        } else {
          ++nonlinear;
          r = x.ite(on, x.mul(g, lin(at.value)), zero);
        }
      }
      memo[a] = r;
      return r;
    }
    // A lemma, proved on its own: the gate g <= 1 for every input valuation (then an
    // integer gate makes ReLU(g) * v a choice between v and 0, no product).
    double lemma_seconds = 1;
    size_t lemmas = 0;
    bool gate_at_most_one(symbolic::Expr g) {
      std::unique_ptr<symbolic::Solver> lemma = symbolic::make_z3_solver(x);
      lemma->set_timeout_ms(unsigned(lemma_seconds * 1000));
      lemma->add(x.slt(x.constant(1, width), g));
      bool proved = lemma->check().result == symbolic::SatResult::Unsat;
      lemmas += proved;
      return proved;
    }

    // The input atoms a neuron depends on.
    std::map<int, std::set<int>> inputs_memo;
    const std::set<int>& inputs_of(int a) {
      auto it = inputs_memo.find(a);
      if (it != inputs_memo.end()) return it->second;
      std::set<int> r;
      const Atom& at = e.atoms[size_t(a)];
      if (at.kind == Atom::Input) r.insert(a);
      if (at.kind == Atom::Neuron)
        for (const Lin* l : {&at.gate, &at.value})
          for (const auto& [b, c] : l->terms) {
            const std::set<int>& sub = inputs_of(b);
            r.insert(sub.begin(), sub.end());
          }
      return inputs_memo[a] = r;
    }
    std::optional<int> single_input(int a) {
      const std::set<int>& in = inputs_of(a);
      if (in.size() == 1 && e.atoms[size_t(*in.begin())].bits <= 8) return *in.begin();
      return std::nullopt;
    }
    // The exact value (a dyadic rational) of an atom when the input atom `input` is `v`
    // (the atom depends on no other input).
    Exact concrete(int a, int input, int v, std::map<int, Exact>& memo_v) {
      auto it = memo_v.find(a);
      if (it != memo_v.end()) return it->second;
      const Atom& at = e.atoms[size_t(a)];
      C2W_CHECK(a == input || at.kind == Atom::Neuron, "a concrete atom outside the table's cone");
      Exact r = Exact::of(v);
      if (a != input) {
        Exact g = concrete_lin(at.gate, input, v, memo_v);
        r = g.positive() ? g * concrete_lin(at.value, input, v, memo_v) : Exact{};
      }
      return memo_v[a] = r;
    }
    Exact concrete_lin(const Lin& l, int input, int v, std::map<int, Exact>& memo_v) {
      Exact r = l.constant;
      for (const auto& [b, c] : l.terms) r = r + c * concrete(b, input, v, memo_v);
      return r;
    }
    // The table's entries: every one an integer below 2^62 (the coefficients need not
    // be: 2^-s times the bits from s up is one).
    std::vector<int64_t> entries(const Lin& l, int input) {
      std::vector<int64_t> r;
      for (int v = 0; v < (1 << e.atoms[size_t(input)].bits); ++v) {
        std::map<int, Exact> memo_v;
        Exact entry = concrete_lin(l, input, v, memo_v);
        if (!entry.integral() || entry.num >= (__int128(1) << 62) || entry.num <= -(__int128(1) << 62))
          throw NotAttempted{"a one-byte table entry that is not an integer below 2^62"};
        r.push_back(int64_t(entry.num));
      }
      return r;
    }
    // The bounds of a form whose one-byte neurons are taken as tables (as lin() encodes
    // them): each table's exact extremes, the other terms by their boxes.
    Facts grouped_facts(const Lin& l) {
      Lin rest;
      rest.constant = l.constant;
      std::map<int, Lin> by_byte;
      for (const auto& [a, c] : l.terms) {
        std::optional<int> only = e.atoms[size_t(a)].kind == Atom::Neuron ? single_input(a) : std::nullopt;
        if (only)
          by_byte[*only].terms[a] = c;
        else
          rest.terms[a] = c;
      }
      Facts f = impl.facts_of(e, rest);
      for (const auto& [input, group] : by_byte) {
        std::vector<int64_t> t = entries(group, input);
        f.range.low += *std::min_element(t.begin(), t.end());
        f.range.high += *std::max_element(t.begin(), t.end());
      }
      return f;
    }
    // A neuron that depends on one byte only, as its table over the byte's 256 values (a
    // multiplexer on the byte's bits), each entry computed exactly from the weights.
    symbolic::Expr table(const Lin& l, int input) {
      const Atom& in = e.atoms[size_t(input)];
      std::vector<symbolic::Expr> level;
      for (int64_t entry : entries(l, input)) level.push_back(x.constant(uint64_t(entry), width));
      symbolic::Expr var = x.variable(in.name, unsigned(in.bits));
      for (int bit = 0; level.size() > 1; ++bit) {
        std::vector<symbolic::Expr> up;
        symbolic::Expr set = x.eq(x.extract(var, unsigned(bit), unsigned(bit)), x.constant(1, 1));
        for (size_t i = 0; i < level.size(); i += 2) up.push_back(x.ite(set, level[i + 1], level[i]));
        level = std::move(up);
      }
      ++tables;
      return level.front();
    }
    size_t tables = 0;

    // An operand's word from its four byte variables ("a" -> a3 a2 a1 a0), or fp's
    // three bytes under a zero top byte.
    symbolic::Expr word(const std::string& x_name, const std::string& separator, int bytes) {
      symbolic::Expr w = nullptr;
      for (int k = 3; k >= 0; --k) {
        symbolic::Expr byte =
            k < bytes ? x.variable(x_name + separator + std::to_string(k), 8) : x.constant(0, 8);
        w = w ? x.concat(w, byte) : byte;
      }
      return w;
    }
  };

  // ---- one plan byte ----
  static constexpr int kEnumerationBits = 8;  // at most 2^20 operand valuations enumerated
  struct ByteOutcome {
    bool proved = false;
    std::string how;      // "enumerated 65536", "Z3 1.2 s"
    std::string failure;  // a counterexample or why not
    unsigned width = 0;   // of the bit-vectors, where a lemma must meet the same terms
  };

  // The ISA's result over the operand byte variables of `x` (named "a0", "fp.1", ...;
  // `rename` maps each name, so that a second copy can differ outside a byte's inputs).
  template <class Rename>
  static symbolic::Expr isa_result(symbolic::ExprContext& x, isa::Opcode op, OpKind kind, Rename rename,
                                   std::vector<symbolic::Expr>* nonzero_divisors = nullptr) {
    auto word = [&](const std::string& name, const std::string& separator, int bytes) {
      symbolic::Expr w = nullptr;
      for (int k = 3; k >= 0; --k) {
        symbolic::Expr byte =
            k < bytes ? x.variable(rename(name + separator + std::to_string(k)), 8) : x.constant(0, 8);
        w = w ? x.concat(w, byte) : byte;
      }
      return w;
    };
    symbolic::Expr a = word("a", "", 4), b = word("b", "", 4);
    if (kind == OpKind::Binary || kind == OpKind::Shift || kind == OpKind::Product) {
      if (nonzero_divisors && isa::is_division(op))
        nonzero_divisors->push_back(x.lnot(x.eq(b, x.constant(0, 32))));
      return isa::apply_binary(x, op, a, b);
    }
    if (kind == OpKind::Unary) return isa::apply_unary(x, op, a);
    if (kind == OpKind::Select) return isa::apply_select(x, a, b, word("c", "", 4));
    if (kind == OpKind::Load)  // the access_width bytes looked up at a + b, extended
      return isa::extend_loaded(x, op, word("load", "", isa::access_width(op)));
    return x.add(word("fp", ".", 3), a);  // lea: isa::lea_value, fp + the offset a
  }
  static symbolic::Expr byte_of(symbolic::ExprContext& x, symbolic::Expr word, int k, unsigned width = 64) {
    return x.zero_extend(x.extract(word, unsigned(8 * k + 7), unsigned(8 * k)), width);
  }

  // Z3: some operand valuation makes the weights' byte differ from the ISA's?
  ByteOutcome solve_byte(const Evaluation& e, const Lin& row, isa::Opcode op, OpKind kind, int k,
                         double timeout_seconds, size_t& nonlinear, bool word_cut = false) {
    auto t = Clock::now();
    ByteOutcome out;
    symbolic::ExprContext x;
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    std::set<int> cone;
    support(e, row, cone);
    Encoder enc{*this, e, x, Encoder::width_for(*this, e, row, cone)};
    symbolic::Expr weights = enc.lin(row);
    nonlinear += enc.nonlinear;
    std::vector<symbolic::Expr> side;
    // Past a word cut the byte is compared with the byte of the cut word "w".
    symbolic::Expr result = word_cut ? x.variable("w", 32)
                                     : isa_result(
                                           x, op, kind, [](const std::string& n) { return n; }, &side);
    for (symbolic::Expr c : side) solver->add(c);
    solver->add(x.lnot(x.eq(weights, byte_of(x, result, k, enc.width))));
    symbolic::CheckResult r = solver->check();
    double seconds = std::chrono::duration<double>(Clock::now() - t).count();
    std::ostringstream how;
    how << "Z3 " << std::fixed << std::setprecision(1) << seconds << " s on " << enc.width << "-bit vectors";
    if (enc.tables) how << ", " << enc.tables << " one-byte tables";
    if (enc.lemmas) how << ", " << enc.lemmas << " gate lemmas";
    out.how = how.str();
    if (r.result == symbolic::SatResult::Unsat) {
      out.proved = true;
    } else if (r.result == symbolic::SatResult::Sat) {
      auto value = [&](const char* n) { return hex(uint32_t(solver->model_value(enc.word(n, "", 4)))); };
      out.failure =
          (word_cut
               ? "the FFN cone after the word cut spells a byte other than the word's for w=" +
                     hex(uint32_t(solver->model_value(x.variable("w", 32))))
               : std::string("the FFN cone differs from the ISA for a=") + value("a") + " b=" + value("b")) +
          (kind == OpKind::Select ? std::string(" c=") + value("c") : std::string()) + ": weights " +
          std::to_string(solver->model_value(weights)) + " (mod 2^" + std::to_string(enc.width) + "), ISA " +
          std::to_string(solver->model_value(byte_of(x, result, k))) +
          " (under the assumptions, not replayed on the engine)";
    } else {
      out.how = "Z3 unknown (" + (r.reason_unknown.empty() ? std::string("?") : r.reason_unknown) +
                ") after " + std::to_string(int(seconds)) + " s";
      out.failure = out.how;
    }
    return out;
  }

  // The word before the cut, in one case of the shift amount s = b0 & 31 (b0 one of
  // the case's values): Z3 shows it equals the ISA's 32-bit result for every operand
  // valuation with b0 & 31 = s.
  ByteOutcome solve_word(const Evaluation& e, const Lin& word, isa::Opcode op, int s,
                         double timeout_seconds) {
    ByteOutcome out;
    symbolic::ExprContext x;
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    std::set<int> cone;
    support(e, word, cone);
    if (std::string free = free_input(e, cone); !free.empty()) {
      out.failure = "the word depends on " + free;
      return out;
    }
    Encoder enc{*this, e, x, std::max(34u, Encoder::width_for(*this, e, word, cone))};
    symbolic::Expr weights = enc.lin(word);
    symbolic::Expr result = isa_result(x, op, OpKind::Binary, [](const std::string& n) { return n; });
    solver->add(x.eq(x.extract(x.variable("b0", 8), 4, 0), x.constant(uint64_t(s), 5)));
    solver->add(x.lnot(x.eq(weights, x.zero_extend(result, enc.width))));
    symbolic::CheckResult r = solver->check();
    tables_used += enc.tables;
    if (r.result == symbolic::SatResult::Unsat) {
      out.proved = true;
    } else if (r.result == symbolic::SatResult::Sat) {
      out.failure = "the word before the byte cut differs from the ISA for a=" +
                    hex(uint32_t(solver->model_value(enc.word("a", "", 4)))) +
                    " b=" + hex(uint32_t(solver->model_value(enc.word("b", "", 4)))) + ": weights " +
                    std::to_string(solver->model_value(weights)) + ", ISA " +
                    std::to_string(solver->model_value(result)) +
                    " (under the assumptions, not replayed on the engine)";
    } else {
      out.failure = "Z3 unknown (" + (r.reason_unknown.empty() ? std::string("?") : r.reason_unknown) +
                    ") on the word for s = " + std::to_string(s);
    }
    return out;
  }
  size_t tables_used = 0;

  // ---- the long division of divu and remu (arith_proofs.h: long_division_statement) ----
  // Slots cut besides the operand features (the divisor, the running remainders, the
  // digits): evaluate() captures each one's form when its stage writes it, then it is
  // a free input of `bits` bits.
  struct SlotCut {
    int slot = -1, stage = -1;
    std::string name;
    int bits = 0;
  };
  std::vector<SlotCut> slot_cuts;
  std::map<std::string, Lin> captured;
  // The slot of `feature` written latest before the plan head.
  std::optional<SlotCut> slot_cut(const std::string& feature, const std::string& name, int bits) const {
    SlotCut c{-1, -1, name, bits};
    for (size_t s = 0; s < config.residual_slots.size(); ++s)
      for (const neural::ModelConfig::SlotUse& use : config.residual_slots[s])
        if (use.feature == feature && use.written >= 0 && use.written < target_stage && use.written > c.stage)
          c.slot = int(s), c.stage = use.written;
    if (c.slot < 0 || !main_cone.needed[size_t(c.stage + 1)].count(c.slot)) return std::nullopt;
    return c;
  }
  // "" when `q` is exactly sum over m = 1..255 of ReLU(r - m d + 1) - ReLU(r - m d) over
  // the input atoms r and d (the digit of one step), else why not.
  static std::string digit_pattern(const Evaluation& e, const Lin& q, int r, int d) {
    if (!q.constant.is_zero()) return "the digit has a constant term";
    std::set<std::pair<int, int>> seen;
    for (const auto& [a, c] : q.terms) {
      const Atom& at = e.atoms[size_t(a)];
      if (at.kind != Atom::Neuron || !at.value.is_constant() || at.gate.terms.size() != 2 ||
          !at.gate.terms.count(r) || !at.gate.terms.count(d))
        return "a term of the digit is not a threshold neuron of the remainder and the divisor";
      const Exact kr = at.gate.terms.at(r), kd = at.gate.terms.at(d), w = c * at.value.constant;
      if (!kr.integral() || kr.num != 1 || !kd.integral() || kd.num > -1 || kd.num < -255)
        return "a threshold of the digit is not r - m d with m in 1..255";
      const int m = int(-kd.num);
      const int offset =
          at.gate.constant.integral() && (at.gate.constant.num == 0 || at.gate.constant.num == 1)
              ? int(at.gate.constant.num)
              : -1;
      if (offset < 0 || !w.integral() || w.num != (offset == 1 ? 1 : -1))
        return "a threshold pair of the digit is not ReLU(r - m d + 1) - ReLU(r - m d)";
      if (!seen.insert({m, offset}).second) return "two neurons of one threshold of the digit";
    }
    if (seen.size() != 510)
      return "the digit has " + std::to_string(seen.size()) + " thresholds, not 255 pairs";
    return "";
  }
  // Z3: `form` equals expected(x, width) for every input valuation with d >= 1 and, for
  // each (q, r) of `digits`, q d <= r < q d + d and r < 256 d. "" when proved, else why not.
  std::string solve_division_step(
      const Evaluation& e, const Lin& form,
      const std::function<symbolic::Expr(symbolic::ExprContext&, unsigned)>& expected,
      const std::vector<std::pair<std::string, std::string>>& digits, double timeout_seconds) {
    std::set<int> cone;
    support(e, form, cone);
    if (std::string free = free_input(e, cone); !free.empty()) return "it depends on " + free;
    symbolic::ExprContext x;
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    Encoder enc{*this, e, x, std::max(52u, Encoder::width_for(*this, e, form, cone))};
    symbolic::Expr weights = enc.lin(form);
    const unsigned w = enc.width;
    symbolic::Expr d = x.zero_extend(x.variable("d", 32), w);
    solver->add(x.ult(x.constant(0, w), d));
    for (const auto& [q_name, r_name] : digits) {
      symbolic::Expr q = x.zero_extend(x.variable(q_name, 8), w),
                     r = x.zero_extend(x.variable(r_name, 40), w);
      symbolic::Expr qd = x.mul(q, d);
      solver->add(x.ule(qd, r));
      solver->add(x.ult(r, x.add(qd, d)));
      solver->add(x.ult(r, x.mul(x.constant(256, w), d)));
    }
    symbolic::Expr want = expected(x, w);
    solver->add(x.lnot(x.eq(weights, want)));
    symbolic::CheckResult result = solver->check();
    if (result.result == symbolic::SatResult::Unsat) return "";
    if (result.result == symbolic::SatResult::Sat) {
      std::ostringstream why;
      why << "it differs from the ISA's step for a="
          << hex(uint32_t(solver->model_value(enc.word("a", "", 4))))
          << " b=" << hex(uint32_t(solver->model_value(enc.word("b", "", 4))))
          << " d=" << solver->model_value(x.variable("d", 32));
      for (const auto& [q_name, r_name] : digits)
        why << " " << r_name << "=" << solver->model_value(x.variable(r_name, 40)) << " " << q_name << "="
            << solver->model_value(x.variable(q_name, 8));
      why << ": weights " << solver->model_value(weights) << ", expected " << solver->model_value(want)
          << " (under the assumptions, not replayed on the engine)";
      return why.str();
    }
    return "Z3 unknown (" + (result.reason_unknown.empty() ? std::string("?") : result.reason_unknown) + ")";
  }

  // divu and remu: the divisor slot is b's word, the first remainder a's top byte, each
  // digit the 255 threshold pairs of its remainder and the divisor, each next remainder
  // 256 (r - q d) + the next byte of a, and the result the digits (divu) or the last
  // r - q d (remu, through the word ext.rem and its byte cut). The long division's
  // induction (arith_proofs.h) turns these step facts into A / B and A % B.
  Obligation prove_division(Obligation o, isa::Opcode op, const std::string& op_name,
                            double timeout_seconds) {
    auto start = Clock::now();
    auto done = [&]() {
      o.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      slot_cuts.clear();
      captured.clear();
      return o;
    };
    std::vector<std::pair<std::string, std::string>> wanted = {{"div.d", "d"}};
    for (int k = 3; k >= 0; --k) {
      wanted.push_back({"div.r" + std::to_string(k), "r" + std::to_string(k)});
      wanted.push_back({"div.q" + std::to_string(k), "q" + std::to_string(k)});
    }
    slot_cuts.clear();
    for (const auto& [feature, name] : wanted) {
      std::optional<SlotCut> c = slot_cut(feature, name, name == "d" ? 32 : name[0] == 'r' ? 40 : 8);
      if (!c) {
        o.detail = "not proved: no residual slot in the plan's cone holds " + feature;
        return done();
      }
      slot_cuts.push_back(*c);
    }
    for (const SlotCut& c : hit_cuts()) slot_cuts.push_back(c);  // the byte count's (prove_value_count)
    const bool rem = op == isa::Opcode::RemU || op == isa::Opcode::RemS;
    const bool is_signed = op == isa::Opcode::DivS || op == isa::Opcode::RemS;
    std::optional<WordCut> cut;
    if (rem && !(cut = word_cut("rem"))) {
      o.detail = "not proved: no residual slot in the plan's cone holds the word ext.rem";
      return done();
    }
    try {
      std::vector<std::string> steps;
      auto fail = [&](const std::string& what, const std::string& why) {
        o.detail = "not proved: " + what + ": " + why;
        return done();
      };
      // The step facts, from one evaluation (remu's: the cone of its word).
      Evaluation e;
      facts.clear(), piecewise_memo.clear(), captured.clear();
      std::optional<Lin> rem_word;
      std::vector<Lin> rows;
      if (rem)
        rem_word = evaluate(e, op_name, &*cut, true).front();
      else
        rows = evaluate(e, op_name);
      for (const auto& [feature, name] : wanted)
        if (!captured.count(name)) return fail(feature, "its slot is not written in the cone");
      auto in = [&](const std::string& name, unsigned bits, unsigned w, symbolic::ExprContext& x) {
        return x.zero_extend(x.variable(name, bits), w);
      };
      // The long division runs on the magnitudes |a|, |b| (the signed ops) or on a, b.
      auto magnitude = [&](symbolic::ExprContext& x, const char* operand) {
        symbolic::Expr v = nullptr;
        for (int k = 3; k >= 0; --k) {
          symbolic::Expr byte = x.variable(operand + std::to_string(k), 8);
          v = v ? x.concat(v, byte) : byte;
        }
        return is_signed ? x.ite(x.slt(v, x.constant(0, 32)), x.neg(v), v) : v;
      };
      auto n_byte = [&](symbolic::ExprContext& x, unsigned w, int k) {
        return x.zero_extend(x.extract(magnitude(x, "a"), unsigned(8 * k + 7), unsigned(8 * k)), w);
      };
      const std::string divisor = is_signed ? "|b|" : "b",
                        byte_of_a = is_signed ? "byte of |a|" : "byte of a";
      auto t = Clock::now();
      std::string why = solve_division_step(
          e, captured.at("d"),
          [&](symbolic::ExprContext& x, unsigned w) { return x.zero_extend(magnitude(x, "b"), w); }, {},
          timeout_seconds);
      if (!why.empty()) return fail("the divisor div.d is not " + divisor, why);
      why = solve_division_step(
          e, captured.at("r3"), [&](symbolic::ExprContext& x, unsigned w) { return n_byte(x, w, 3); }, {},
          timeout_seconds);
      if (!why.empty()) return fail("the first remainder div.r3 is not the top " + byte_of_a, why);
      for (int k = 3; k >= 0; --k) {
        const std::string ks = std::to_string(k);
        auto r_atom = e.inputs.find("r" + ks), d_atom = e.inputs.find("d");
        if (r_atom == e.inputs.end() || d_atom == e.inputs.end())
          return fail("digit " + ks, "no remainder input");
        why = digit_pattern(e, captured.at("q" + ks), r_atom->second, d_atom->second);
        if (!why.empty()) return fail("digit q" + ks, why);
        if (k == 0) break;
        const std::string next = std::to_string(k - 1);
        why = solve_division_step(
            e, captured.at("r" + next),
            [&](symbolic::ExprContext& x, unsigned w) {
              symbolic::Expr d = in("d", 32, w, x);
              return x.add(
                  x.mul(x.constant(256, w), x.sub(in("r" + ks, 40, w, x), x.mul(in("q" + ks, 8, w, x), d))),
                  n_byte(x, w, k - 1));
            },
            {{"q" + ks, "r" + ks}}, timeout_seconds);
        if (!why.empty())
          return fail("the remainder div.r" + next + " is not 256 (r" + ks + " - q" + ks + " d) + the next " +
                          byte_of_a,
                      why);
      }
      why = long_division_lemmas(timeout_seconds);
      if (!why.empty()) return fail("the long division's induction", why);
      std::ostringstream how;
      how << "the divisor slot is " << divisor << ", the first remainder the top " << byte_of_a
          << ", each digit q_k exactly the 255 threshold pairs ReLU(r_k - m d + 1) - ReLU(r_k - m d) of its "
             "remainder slot r_k and the divisor (read off the weights), each next remainder slot 256 (r_k - "
             "q_k "
             "d) + the next "
          << byte_of_a << " (Z3 with q_k d <= r_k < q_k d + d)";
      Evaluation after;  // remu, rems: the cone after the word
      std::vector<Lin> bytes;
      if (!rem) {
        for (int k = 0; k < 4; ++k) {
          why = solve_division_step(
              e, rows[size_t(k)],
              [&](symbolic::ExprContext& x, unsigned w) {
                if (!is_signed) return in("q" + std::to_string(k), 8, w, x);
                // the digits' word, negated when exactly one operand is negative
                symbolic::Expr q = x.concat(x.concat(x.variable("q3", 8), x.variable("q2", 8)),
                                            x.concat(x.variable("q1", 8), x.variable("q0", 8)));
                symbolic::Expr zero = x.constant(0, 32);
                Encoder words{*this, e, x, w};
                symbolic::Expr negative =
                    x.lnot(x.eq(x.slt(words.word("a", "", 4), zero), x.slt(words.word("b", "", 4), zero)));
                return byte_of(x, x.ite(negative, x.neg(q), q), k, w);
              },
              {}, timeout_seconds);
          if (!why.empty())
            return fail("B" + std::to_string(k + 1) + " is not the digit q" + std::to_string(k) +
                            (is_signed ? "'s byte of the signed quotient" : ""),
                        why);
        }
        how << (is_signed
                    ? ", and the plan bytes B1..B4 are the bytes of the digits' word, negated when exactly "
                      "one of a and b is negative (Z3)"
                    : ", and the plan bytes B1..B4 are the digits q0..q3 (Z3)");
      } else {
        why = solve_division_step(
            e, *rem_word,
            [&](symbolic::ExprContext& x, unsigned w) {
              return x.sub(in("r0", 40, w, x), x.mul(in("q0", 8, w, x), in("d", 32, w, x)));
            },
            {{"q0", "r0"}}, timeout_seconds);
        if (!why.empty()) return fail("the word ext.rem is not r0 - q0 d", why);
        // After the word: its bytes, as for the shifts and the multiplications.
        slot_cuts = hit_cuts();  // the byte count's
        facts.clear(), piecewise_memo.clear();
        bytes = evaluate(after, op_name, &*cut);
        size_t nonlinear = 0;
        for (int k = 0; k < 4; ++k) {
          std::set<int> cone;
          support(after, bytes[size_t(k)], cone);
          for (int a : cone)
            if (after.atoms[size_t(a)].kind == Atom::Free)
              return fail("B" + std::to_string(k + 1), "it depends on " + after.atoms[size_t(a)].name);
          if (is_signed) {  // the word negated for a negative a
            why = solve_division_step(
                after, bytes[size_t(k)],
                [&](symbolic::ExprContext& x, unsigned w) {
                  Encoder words{*this, after, x, w};
                  symbolic::Expr word = x.variable("w", 32);
                  symbolic::Expr negative = x.slt(words.word("a", "", 4), x.constant(0, 32));
                  return byte_of(x, x.ite(negative, x.neg(word), word), k, w);
                },
                {}, timeout_seconds);
            if (!why.empty()) return fail("B" + std::to_string(k + 1), why);
            continue;
          }
          ByteOutcome r =
              solve_byte(after, bytes[size_t(k)], op, OpKind::Binary, k, timeout_seconds, nonlinear, true);
          if (!r.proved) return fail("B" + std::to_string(k + 1), r.failure);
        }
        how << ", the word ext.rem is r0 - q0 d (Z3), and the plan bytes B1..B4 are the bytes of any word w "
               "in "
               "[0, 2^32) there"
            << (is_signed ? ", negated when a is negative (Z3)" : " (Z3)");
      }
      how << " in " << std::fixed << std::setprecision(1)
          << std::chrono::duration<double>(Clock::now() - t).count() << " s";
      // The byte count, on the evaluation of the bytes (its hit tests cut there too: divu,
      // divs at the long division's slots; remu, rems after the word).
      std::string count_assumed;
      if (head_values.empty()) {
        how << "; " << kCountNotBounded;
      } else {
        ComponentOutcome r = prove_value_count(rem ? after : e, rem ? bytes : rows, op, op_name,
                                               timeout_seconds, count_assumed);
        if (!r.proved)
          return fail(
              "the byte count (trace::delta_byte_count of the destination's old bytes and the value, 0 when "
              "b "
              "== 0)",
              r.failure);
        how << "; the byte count trace::delta_byte_count(old bytes, value), 0 when b == 0 (" << r.how << ")";
      }
      o.status = Status::Proved;
      o.detail =
          "proved from the weights for all operand values: the plan bytes B1..B4 equal isa/semantics.h's " +
          op_name + " for b != 0 (b == 0 traps) (" + how.str() + "; " + long_division_statement(rem) +
          (is_signed ? signed_division_statement(op) : std::string()) +
          "); how the step ends: not shown (the division trap depends on b); assumes at P: the residual "
          "features [a0 a1 a2 a3 b0 b1 b2 b3] hold the operand bytes (byte = fallback + looked-up part, "
          "each in [0, 255]) and " +
          flags_assumption() + "; the plan head " + std::to_string(plan_block) + "." +
          std::to_string(plan_head) + " returns P's values (its head and margin obligations)" +
          (rom_heads.empty() ? std::string()
                             : "; the fields are the ROM row of P's pc token, copied by head " +
                                   *rom_heads.begin() + " (its head and margin obligations)") +
          fetch_assumption() + count_assumed;
    } catch (const NotAttempted& n) {
      o.detail = "not proved: " + n.why;
    }
    return done();
  }

  // The exact bounds of a word k Y + c + sum_i c_i ReLU(Y + d_i) v_i, where the neurons
  // are one gate class (the same non-constant gate terms Y, constant values v_i) and
  // the word's other terms are k times Y's: a piecewise-linear function of the integer
  // Y (the box of each term alone loses that they cancel, as in mulhs's t - 2^32 [t >=
  // 2^32] - 2^32 [t >= 2^33]), bounded by its values at Y's bounds and at the
  // breakpoints between. Nothing when the word is not of that form.
  std::optional<Facts> wrapped_facts(const Evaluation& e, const Lin& word) {
    std::map<int, std::vector<int>> classes;
    for (const auto& [a, c] : word.terms)
      if (e.gate_class_of[size_t(a)] >= 0 && e.atoms[size_t(a)].value.is_constant())
        classes[e.gate_class_of[size_t(a)]].push_back(a);
    for (const auto& [g, members] : classes) {
      const Lin& gate = e.atoms[size_t(members.front())].gate;
      Lin rest = word;
      for (int a : members) rest.terms.erase(a);
      Lin y;
      y.terms = gate.terms;
      // rest = k y + constant?
      if (rest.terms.size() != y.terms.size() || rest.terms.empty()) continue;
      const auto& [first_atom, first_coefficient] = *y.terms.begin();
      if (!rest.terms.count(first_atom)) continue;
      Exact k = rest.terms.at(first_atom);
      if (!k.integral() || !first_coefficient.integral() || first_coefficient.num != 1) continue;
      bool proportional = true;
      for (const auto& [a, c] : y.terms) {
        auto it = rest.terms.find(a);
        Exact kc = c * k;
        proportional = proportional && it != rest.terms.end() && it->second.num == kc.num &&
                       it->second.shift == kc.shift;
      }
      if (!proportional || !rest.constant.integral()) continue;
      Facts fy = facts_of(e, y);
      if (!fy.integral || !(fy.range.low > -0x1p62L && fy.range.high < 0x1p62L)) continue;
      const __int128 low = __int128(std::ceil(fy.range.low)), high = __int128(std::floor(fy.range.high));
      struct Piece {
        __int128 offset, weight;  // weight * ReLU(y + offset)
      };
      std::vector<Piece> pieces;
      bool integral = true;
      for (int a : members) {
        const Atom& at = e.atoms[size_t(a)];
        Exact weight = word.terms.at(a) * at.value.constant;
        integral = integral && at.gate.constant.integral() && weight.integral();
        pieces.push_back({at.gate.constant.num, weight.num});
      }
      if (!integral) continue;
      auto f = [&](__int128 v) {
        __int128 r = checked_add(checked_multiply(k.num, v), rest.constant.num);
        for (const Piece& p : pieces) {
          __int128 g = checked_add(v, p.offset);
          if (g > 0) r = checked_add(r, checked_multiply(p.weight, g));
        }
        return r;
      };
      std::vector<__int128> points = {low, high};
      for (const Piece& p : pieces)
        if (-p.offset > low && -p.offset < high) points.push_back(-p.offset);
      try {
        __int128 most = f(low), least = f(low);
        for (__int128 v : points) most = std::max(most, f(v)), least = std::min(least, f(v));
        return Facts{{static_cast<long double>(least), static_cast<long double>(most)}, true};
      } catch (const NotAttempted&) {
        continue;
      }
    }
    return std::nullopt;
  }

  // A multiplication's word before the cut (step 1 of arith_proofs.h): with each byte
  // product of the weights a free p_xy in [0, 255^2], Z3 shows the word equals
  // product_word(op, T, a, b) for T = schoolbook_product(p), for every a, b and p.
  ByteOutcome solve_product_word(const Evaluation& e, const Lin& word, isa::Opcode op,
                                 double timeout_seconds) {
    auto t = Clock::now();
    ByteOutcome out;
    symbolic::ExprContext x;
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    std::set<int> cone;
    support(e, word, cone);
    if (std::string free = free_input(e, cone); !free.empty()) {
      out.failure = "the word depends on " + free;
      return out;
    }
    Encoder enc{*this, e, x, std::max(48u, Encoder::width_for(*this, e, word, cone))};
    enc.abstract_products = true;
    out.width = enc.width;
    symbolic::Expr weights = enc.lin(word);
    auto p = [&](int i, int j) {
      return x.variable("p.a" + std::to_string(i) + ".b" + std::to_string(j), 16);
    };
    symbolic::Expr a = enc.word("a", "", 4), b = enc.word("b", "", 4);
    symbolic::Expr result = product_word_of_parts(x, op, schoolbook_product(x, p, enc.width), a, b);
    for (const std::string& name : enc.products)
      solver->add(x.ule(x.variable(name, 16), x.constant(255 * 255, 16)));
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) solver->add(x.ule(p(i, j), x.constant(255 * 255, 16)));
    // The word in [0, 2^32) by the bounds (the products' boxes [0, 255^2], a threshold
    // count by its breakpoints): then its low 32 bits are compared, which spares Z3 the
    // tight bound that the whole word's comparison needs (mulhu's is 2 below 2^32).
    Facts range = facts_of(e, word);
    if (std::optional<Facts> folded = wrapped_facts(e, word)) range = *folded;
    const bool in_word = range.integral && range.range.low >= 0 && range.range.high < 0x1p32L;
    solver->add(x.lnot(in_word ? x.eq(x.extract(weights, 31, 0), result)
                               : x.eq(weights, x.zero_extend(result, enc.width))));
    symbolic::CheckResult r = solver->check();
    double seconds = std::chrono::duration<double>(Clock::now() - t).count();
    std::ostringstream how;
    how << "Z3 " << std::fixed << std::setprecision(1) << seconds << " s on " << enc.width << "-bit vectors, "
        << enc.products.size() << " byte products as free p_xy in [0, 255^2]"
        << (in_word ? ", the word's low 32 bits (the word is in [0, 2^32) by its bounds)" : "");
    if (enc.tables) how << ", " << enc.tables << " one-byte tables";
    if (enc.lemmas) how << ", " << enc.lemmas << " gate lemmas";
    if (enc.nonlinear) how << ", " << enc.nonlinear << " other products";
    out.how = how.str();
    if (r.result == symbolic::SatResult::Unsat) {
      out.proved = true;
    } else if (r.result == symbolic::SatResult::Sat) {
      std::string ps;
      for (const std::string& name : enc.products)
        ps += " " + name + "=" + std::to_string(solver->model_value(x.variable(name, 16)));
      out.failure =
          "the word before the byte cut differs from the ISA's word of the schoolbook product for a=" +
          hex(uint32_t(solver->model_value(a))) + " b=" + hex(uint32_t(solver->model_value(b))) +
          " and byte products" + ps + ": weights " + std::to_string(solver->model_value(weights)) +
          ", expected " + std::to_string(solver->model_value(result)) +
          " (under the assumptions, not replayed on the engine)";
    } else {
      out.failure = "Z3 unknown (" + (r.reason_unknown.empty() ? std::string("?") : r.reason_unknown) +
                    ") on the word after " + std::to_string(int(seconds)) + " s";
    }
    return out;
  }

  // A branch's next pc: Z3 shows the plan's next pc is the target when isa/semantics.h's
  // condition holds on a and b, else the static next pc, for every a, b, target, next.
  ByteOutcome solve_next_pc(const Evaluation& e, const Lin& next_pc, isa::Opcode op, double timeout_seconds) {
    auto t = Clock::now();
    ByteOutcome out;
    symbolic::ExprContext x;
    std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
    solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
    std::set<int> cone;
    support(e, next_pc, cone);
    Encoder enc{*this, e, x, std::max(35u, Encoder::width_for(*this, e, next_pc, cone))};
    symbolic::Expr weights = enc.lin(next_pc);
    symbolic::Expr taken = isa::apply_branch(x, op, enc.word("a", "", 4), enc.word("b", "", 4));
    symbolic::Expr expected = x.ite(taken, x.zero_extend(x.variable("target", 32), enc.width),
                                    x.zero_extend(x.variable("next", 32), enc.width));
    solver->add(fetched_fields(x, op));
    solver->add(x.lnot(x.eq(weights, expected)));
    symbolic::CheckResult r = solver->check();
    std::ostringstream how;
    how << "next pc: Z3 " << std::fixed << std::setprecision(1)
        << std::chrono::duration<double>(Clock::now() - t).count() << " s on " << enc.width << "-bit vectors";
    out.how = how.str();
    if (r.result == symbolic::SatResult::Unsat) {
      out.proved = true;
    } else if (r.result == symbolic::SatResult::Sat) {
      out.failure = "the plan's next pc differs from the ISA's for a=" +
                    hex(uint32_t(solver->model_value(enc.word("a", "", 4)))) +
                    " b=" + hex(uint32_t(solver->model_value(enc.word("b", "", 4)))) +
                    " target=" + std::to_string(solver->model_value(x.variable("target", 32))) +
                    " next=" + std::to_string(solver->model_value(x.variable("next", 32))) + ": weights " +
                    std::to_string(solver->model_value(weights)) + ", ISA " +
                    std::to_string(solver->model_value(expected)) +
                    " (under the assumptions, not replayed on the engine)";
    } else {
      out.failure = "Z3 unknown (" + (r.reason_unknown.empty() ? std::string("?") : r.reason_unknown) + ")";
    }
    return out;
  }

  // "" when Z3 shows `row` equals the operand byte a0 for every input valuation, else why not.
  std::string row_equals_a0(const Evaluation& e, const Lin& row, double timeout_seconds) {
    std::set<int> cone;
    support(e, row, cone);
    if (std::string free = free_input(e, cone); !free.empty()) return "it depends on " + free;
    try {
      symbolic::ExprContext x;
      std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
      solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
      Encoder enc{*this, e, x, std::max(10u, Encoder::width_for(*this, e, row, cone))};
      symbolic::Expr a_low = x.extract(enc.word("a", "", 4), 7, 0);  // isa::low_byte(a)
      solver->add(x.lnot(x.eq(enc.lin(row), x.zero_extend(a_low, enc.width))));
      symbolic::CheckResult r = solver->check();
      if (r.result == symbolic::SatResult::Unsat) return "";
      if (r.result == symbolic::SatResult::Sat)
        return "it differs for a=" + hex(uint32_t(solver->model_value(enc.word("a", "", 4)))) + ": weights " +
               std::to_string(solver->model_value(enc.lin(row)));
      return "Z3 unknown";
    } catch (const NotAttempted& n) {
      return n.why;
    }
  }

  // "" when Z3 shows `row` equals `expected` for every input valuation, else why not.
  // The answers are kept per prover under the row's canonical form (fingerprint()): the
  // same formula, over the same named inputs, has the same answer for every op.
  std::map<std::string, std::string> constant_rows;
  // On the universal model the fetched fields' definitions (fetched_fields) are the op's.
  std::string constant_row(const Evaluation& e, const Lin& row, int expected, isa::Opcode op,
                           double timeout_seconds) {
    std::set<int> cone;
    support(e, row, cone);
    if (std::string free = free_input(e, cone); !free.empty()) return "it depends on " + free;
    std::string key = std::to_string(expected) + "|" + fingerprint(e, row) +
                      (universal ? std::string("|") + isa::info(op).mnemonic : "");
    auto known = constant_rows.find(key);
    if (known != constant_rows.end()) return known->second;
    return constant_rows[key] = constant_row_uncached(e, row, expected, op, timeout_seconds);
  }
  // A form and its cone written out exactly, atoms renumbered in the order first met.
  static std::string fingerprint(const Evaluation& e, const Lin& row) {
    std::map<int, int> id;
    std::ostringstream out;
    std::function<void(const Lin&)> write = [&](const Lin& l) {
      auto exact = [&](const Exact& c) {
        out << int64_t(c.num >> 64) << ':' << uint64_t(c.num) << '/' << c.shift;
      };
      out << '(';
      exact(l.constant);
      for (const auto& [a, c] : l.terms) {
        auto it = id.find(a);
        if (it == id.end()) {
          const Atom& at = e.atoms[size_t(a)];
          if (at.kind == Atom::Neuron) {
            write(at.gate);
            write(at.value);
            out << 'N';
          } else {
            out << (at.kind == Atom::Input ? 'I' : 'F') << at.name << '#' << at.bits;
          }
          it = id.emplace(a, int(id.size())).first;
          out << '=' << it->second;
        }
        out << ' ' << it->second << '*';
        exact(c);
      }
      out << ')';
    };
    write(row);
    return out.str();
  }
  std::string constant_row_uncached(const Evaluation& e, const Lin& row, int expected, isa::Opcode op,
                                    double timeout_seconds) {
    std::set<int> cone;
    support(e, row, cone);
    try {
      symbolic::ExprContext x;
      std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
      solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
      Encoder enc{*this, e, x, Encoder::width_for(*this, e, row, cone)};
      solver->add(fetched_fields(x, op));
      solver->add(x.lnot(x.eq(enc.lin(row), x.constant(uint64_t(expected), enc.width))));
      symbolic::CheckResult r = solver->check();
      if (r.result == symbolic::SatResult::Unsat) return "";
      if (r.result == symbolic::SatResult::Sat) {
        std::string inputs;
        for (int a : cone)
          if (e.atoms[size_t(a)].kind == Atom::Input)
            inputs += " " + e.atoms[size_t(a)].name + "=" +
                      std::to_string(solver->model_value(
                          x.variable(e.atoms[size_t(a)].name, unsigned(e.atoms[size_t(a)].bits))));
        return "it differs for" + inputs + ": weights " + std::to_string(solver->model_value(enc.lin(row)));
      }
      return "Z3 unknown";
    } catch (const NotAttempted& n) {
      return n.why;
    }
  }

  // Every valuation of the byte's inputs (at most 2^kEnumerationBits), evaluated exactly
  // on the neurons of its cone and compared with the ISA (isa::eval_*). Sound because Z3
  // first shows that the ISA's byte k does not depend on any operand byte outside them.
  ByteOutcome enumerate_byte(const Evaluation& e, const Lin& row, const std::set<int>& cone,
                             const std::vector<int>& inputs, isa::Opcode op, OpKind kind, int k,
                             double timeout_seconds) {
    auto t = Clock::now();
    ByteOutcome out;
    std::set<std::string> names;
    for (int a : inputs) names.insert(e.atoms[size_t(a)].name);
    {
      symbolic::ExprContext x;
      std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
      solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
      symbolic::Expr one = isa_result(x, op, kind, [](const std::string& n) { return n; });
      symbolic::Expr two =
          isa_result(x, op, kind, [&](const std::string& n) { return names.count(n) ? n : n + "'"; });
      solver->add(x.lnot(x.eq(byte_of(x, one, k), byte_of(x, two, k))));
      symbolic::CheckResult r = solver->check();
      if (r.result != symbolic::SatResult::Unsat) {
        out.how = "not enumerated";
        out.failure = "the ISA's byte depends on operand bytes outside the weights' cone of it" +
                      std::string(r.result == symbolic::SatResult::Sat ? "" : " (or Z3 could not tell)");
        return out;
      }
    }
    // A flat program: the cone's neurons in creation order (operands before users).
    struct Term {
      int slot;
      int64_t coefficient;
    };
    struct Form {
      std::vector<Term> terms;
      int64_t constant = 0;
    };
    std::map<int, int> slot_of;
    std::vector<std::pair<Form, Form>> neurons;
    std::vector<int> neuron_slot;
    auto check64 = [](const Exact& c) {
      if (!c.integral() || c.num >= (__int128(1) << 62) || c.num < -(__int128(1) << 62))
        throw NotAttempted{"a coefficient that is not a 62-bit integer"};
      return int64_t(c.num);
    };
    int slots = 0;
    for (int a : inputs) slot_of[a] = slots++;
    auto form = [&](const Lin& l) {
      Encoder::in_range(facts_of(e, l), "neuron input");
      Form f;
      f.constant = check64(l.constant);
      for (const auto& [a, c] : l.terms) f.terms.push_back({slot_of.at(a), check64(c)});
      return f;
    };
    for (int a : cone)
      if (e.atoms[size_t(a)].kind == Atom::Neuron) {
        neurons.push_back({form(e.atoms[size_t(a)].gate), form(e.atoms[size_t(a)].value)});
        slot_of[a] = slots;
        neuron_slot.push_back(slots++);
      }
    Form target = form(row);
    std::vector<__int128> v(static_cast<size_t>(slots), 0);
    auto eval = [&](const Form& f) {
      __int128 s = f.constant;
      for (const Term& term : f.terms)
        s = checked_add(s, checked_multiply(__int128(term.coefficient), v[size_t(term.slot)]));
      return s;
    };
    // Where each enumerated byte goes: operand a, b, c or fp (0..3), byte j; -1 elsewhere
    // (a fallback byte, which the ISA does not read).
    std::vector<std::pair<int, int>> place;
    for (int a : inputs) {
      const std::string& n = e.atoms[size_t(a)].name;
      int which = n.size() == 2 ? n[0] - 'a' : n.rfind("fp.", 0) == 0 ? 3 : n.rfind("load", 0) == 0 ? 4 : -1;
      place.push_back({which, n.back() - '0'});
    }
    const uint64_t count = uint64_t(1) << (8 * inputs.size());
    for (uint64_t assignment = 0; assignment < count; ++assignment) {
      uint32_t words[5] = {0, 0, 0, 0, 0};
      for (size_t i = 0; i < inputs.size(); ++i) {
        v[i] = (assignment >> (8 * i)) & 255;
        if (place[i].first >= 0) words[place[i].first] |= uint32_t(v[i]) << (8 * place[i].second);
      }
      for (size_t n = 0; n < neurons.size(); ++n) {
        __int128 g = eval(neurons[n].first);
        v[size_t(neuron_slot[n])] = g > 0 ? checked_multiply(g, eval(neurons[n].second)) : 0;
      }
      __int128 got = eval(target);
      uint32_t a = words[0], b = words[1], result = 0;
      isa::TrapKind trap = isa::TrapKind::None;
      if (kind == OpKind::Binary)
        result = isa::eval_binary(op, a, b, trap);
      else if (kind == OpKind::Unary)
        result = isa::eval_unary(op, a);
      else if (kind == OpKind::Select)
        result = a != 0 ? b : words[2];
      else if (kind == OpKind::Load) {
        isa::ConcreteDomain d;
        int width = isa::access_width(op);
        result = isa::extend_loaded(d, op, width == 4 ? words[4] : words[4] & ((1u << (8 * width)) - 1));
      } else
        result = words[3] + a;
      if (got != __int128((result >> (8 * k)) & 255)) {
        out.how = "enumeration";
        out.failure = "the weights give " + std::to_string(int64_t(got)) + " for a=" + hex(a) +
                      " b=" + hex(b) + " (other operand bytes 0), the ISA " +
                      std::to_string((result >> (8 * k)) & 255) +
                      " (under the assumptions, not replayed on the engine)";
        return out;
      }
    }
    std::ostringstream how;
    how << "all " << count << " valuations of " << inputs.size() << " bytes enumerated in " << std::fixed
        << std::setprecision(1) << std::chrono::duration<double>(Clock::now() - t).count() << " s";
    out.how = how.str();
    out.proved = true;
    return out;
  }

  Obligation prove(const std::string& op_name, double timeout_seconds) {
    auto start = Clock::now();
    Obligation o{"op", op_name, Status::Unknown, "", "", 0};
    auto done = [&]() {
      o.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return o;
    };
    isa::Opcode op;
    if (!isa::opcode_from_mnemonic(op_name, op)) {
      o.detail = "not an op";
      return done();
    }
    OpKind kind = kind_of(op);
    if (!unusable.empty()) {
      o.detail = "not proved: " + unusable;
      return done();
    }
    const bool division = isa::is_division(op);
    if (kind == OpKind::None && !division) {
      o.detail = "not proved: " + op_name + " is not attempted (" + not_attempted_reason(op) + ")";
      return done();
    }
    if (!has_flag(op_name)) {
      o.detail = "not proved: no residual slot holds the flag op." + op_name;
      return done();
    }
    if (division) return prove_division(o, op, op_name, timeout_seconds);
    try {
      // A shift: first its word, case by case on s = b0 & 31.
      std::optional<WordCut> cut;
      std::set<std::string> word_inputs;
      std::string word_how;
      if (kind == OpKind::Product) {
        cut = word_cut(op_name);
        if (!cut) {
          o.detail = "not proved: no residual slot in the plan's cone holds the word ext." + op_name;
          return done();
        }
        Evaluation eu;
        facts.clear(), piecewise_memo.clear();
        Lin w = evaluate(eu, op_name, &*cut, true).front();
        std::set<int> cone;
        support(eu, w, cone);
        size_t count = 0;
        for (int a : cone) {
          if (eu.atoms[size_t(a)].kind == Atom::Input) word_inputs.insert(eu.atoms[size_t(a)].name);
          count += eu.atoms[size_t(a)].kind == Atom::Neuron;
        }
        ByteOutcome r = solve_product_word(eu, w, op, timeout_seconds);
        if (!r.proved) {
          o.detail = "not proved: " + r.failure + " (" + r.how + ")";
          return done();
        }
        facts.clear(), piecewise_memo.clear();
        auto lemma_start = Clock::now();
        std::string parts = parts_lemma(op, r.width, timeout_seconds);
        if (!parts.empty()) {
          o.detail = "not proved: " + parts;
          return done();
        }
        std::string schoolbook = schoolbook_lemma(r.width, timeout_seconds);
        if (!schoolbook.empty()) {
          o.detail = "not proved: " + schoolbook;
          return done();
        }
        std::string lemma = prove_product_lemma(op, std::min(timeout_seconds, 10.0));
        std::ostringstream how;
        how << "its word " << cut->feature << " (slot " << cut->slot << ", FFN stage " << cut->stage
            << ", a cone of " << count
            << " neurons) is the ISA's word of the schoolbook product T = sum_ij 256^(i+j) p_ij = low + 2^32 "
               "high "
               "of the byte products p_ij (arith_proofs.h): "
            << r.how
            << "; the parts' word is T's (Z3); with p_ij = a_i b_j, T = A B, the operands' product (Z3: "
            << "A = sum_i 256^i a_i, the 16-bit p_ij the bytes' product, the parts unwrapped at " << r.width
            << " bits, "
               "and the distributive law as a polynomial identity); and the ISA's "
            << op_name << " is that word of A B: "
            << (lemma.empty()
                    ? op == isa::Opcode::MulHS
                          ? "Z3, in four lemmas (sext(a) = A - 2^32 [a < 0]; (A - 2^32 s)(B - 2^32 t) = "
                            "A B - 2^32 (s B + t A); the high word of P - 2^32 X; the low word of "
                            "[a < 0] B + [b < 0] A)"
                          : "Z3"
                    : "by algebra, " + lemma + " (Z3 did not finish it in 10 s)")
            << "; the lemmas joined by substituting equals (" << std::fixed << std::setprecision(1)
            << std::chrono::duration<double>(Clock::now() - lemma_start).count()
            << " s for these lemmas); then the bytes of any word w in [0, 2^32) there";
        word_how = how.str();
      }
      if (kind == OpKind::Shift) {
        cut = word_cut(op_name);
        if (!cut) {
          o.detail = "not proved: no residual slot in the plan's cone holds the word ext." + op_name;
          return done();
        }
        auto t = Clock::now();
        size_t most = 0;
        for (int amount = 0; amount < 32; ++amount) {
          Split split{"b0", {}};
          for (int v = amount; v < 256; v += 32) split.values.push_back(v);
          Evaluation eu;
          eu.split = &split;
          facts.clear(), piecewise_memo.clear();
          Lin w = evaluate(eu, op_name, &*cut, true).front();
          std::set<int> cone;
          support(eu, w, cone);
          size_t count = 0;
          for (int a : cone) {
            if (eu.atoms[size_t(a)].kind == Atom::Input) word_inputs.insert(eu.atoms[size_t(a)].name);
            count += eu.atoms[size_t(a)].kind == Atom::Neuron;
          }
          most = std::max(most, count);
          ByteOutcome r = solve_word(eu, w, op, amount, timeout_seconds);
          if (!r.proved) {
            o.detail = "not proved: s = " + std::to_string(amount) + ": " + r.failure;
            return done();
          }
        }
        facts.clear(), piecewise_memo.clear();
        word_inputs.insert("b0");  // the case split's byte: its neurons folded
        std::ostringstream how;
        how << "its word " << cut->feature << " (slot " << cut->slot << ", FFN stage " << cut->stage
            << ") equals the ISA's result: Z3 in 32 cases of s = b0 & 31 in " << std::fixed
            << std::setprecision(1) << std::chrono::duration<double>(Clock::now() - t).count()
            << " s (each case folds the neurons of b0 alone that are constant on its 8 values of b0, checked "
               "value by value; at most "
            << most << " neurons left, as one-byte tables); then the bytes of any word w in [0, 2^32) there";
        word_how = how.str();
      }
      Evaluation e;
      facts.clear(), piecewise_memo.clear(), captured.clear();
      slot_cuts = hit_cuts();  // the count's hit tests: proved apart (prove_value_count)
      std::vector<Lin> rows = evaluate(e, op_name, cut ? &*cut : nullptr);
      slot_cuts.clear();
      std::set<int> seen;
      if (kind == OpKind::Branch) {  // its result is the next pc (and no bytes)
        if (!has_end_of_step()) {
          o.detail = "not proved: the plan head carries no next pc";
          return done();
        }
        support(e, rows[rows.size() - 2], seen);
      }
      const size_t out_row = op == isa::Opcode::PutC ? rows.size() - 1 : 0;  // putc's out:XX byte, halt's B1
      if (kind == OpKind::Output) {
        if (!has_end_of_step()) {
          o.detail = "not proved: the plan head carries no out byte";
          return done();
        }
        support(e, rows[out_row], seen);
      }
      for (int k = 0; k < 4 && kind != OpKind::Branch && kind != OpKind::Output; ++k)
        support(e, rows[size_t(k)], seen);
      std::vector<std::string> free, used(word_inputs.begin(), word_inputs.end());
      size_t neurons_used = 0;
      for (int a : seen) {
        const Atom& at = e.atoms[size_t(a)];
        if (at.kind == Atom::Free) free.push_back(at.name);
        if (at.kind == Atom::Input && at.name != "w" && !word_inputs.count(at.name)) used.push_back(at.name);
        if (at.kind == Atom::Neuron) ++neurons_used;
      }
      if (!free.empty()) {
        o.detail = std::string("not proved: the ") + (kind == OpKind::Branch ? "next pc" : "value") +
                   " depends on " + std::to_string(free.size()) + " quantities outside the operands, e.g. " +
                   free.front();
        return done();
      }
      // Per plan byte: exhaustive enumeration when its inputs have few bits, else Z3.
      std::vector<std::string> how;
      std::string failure;
      size_t nonlinear = 0;
      bool all_proved = true;
      if (kind == OpKind::Branch) {
        // No bytes: a byte count of 0 (on a specialised model the ROM's field n, a head's
        // copy outside the cut: then not shown here; the rom obligation decodes it).
        std::string count = constant_row(e, rows[rows.size() - 3], 0, op, timeout_seconds);
        if (count.rfind("it differs", 0) == 0) {
          all_proved = false;
          failure = "the byte count is not 0: " + count;
        } else {
          ByteOutcome r = solve_next_pc(e, rows[rows.size() - 2], op, timeout_seconds);
          how.push_back(r.how);
          how.push_back(count.empty() ? "no bytes (the byte count is 0 for every operand" +
                                            std::string(universal ? "" : ", the ROM's n being 0") + ")"
                                      : "the byte count not shown (" + count + ")");
          if (!r.proved) all_proved = false, failure = r.failure;
        }
      }
      if (kind == OpKind::Output) {
        // putc's out:XX byte and halt's code byte B1: the low byte of a (isa::low_byte);
        // the byte count (0 or 1) a constant, or a ROM field copied outside the cut.
        const int bytes = op == isa::Opcode::Halt ? 1 : 0;
        std::string byte = row_equals_a0(e, rows[out_row], timeout_seconds);
        std::string count = constant_row(e, rows[rows.size() - 3], bytes, op, timeout_seconds);
        if (!byte.empty() || count.rfind("it differs", 0) == 0) {
          all_proved = false;
          failure = !byte.empty()
                        ? std::string(op == isa::Opcode::PutC ? "the out:XX byte" : "the halt code") +
                              " is not a's low byte: " + byte
                        : "the byte count is not " + std::to_string(bytes) + ": " + count;
        } else {
          how.push_back(std::string(op == isa::Opcode::PutC ? "the out:XX byte" : "B1, the exit code") +
                        " is a's low byte for every a (Z3)");
          how.push_back(
              count.empty()
                  ? "a byte count of " + std::to_string(bytes) + " for every operand" +
                        std::string(universal ? "" : " (the ROM's n being " + std::to_string(bytes) + ")")
                  : "the byte count not shown (" + count + ")");
        }
      }
      for (int k = 0; k < 4 && failure.empty() && kind != OpKind::Branch && kind != OpKind::Output; ++k) {
        std::set<int> cone;
        support(e, rows[size_t(k)], cone);
        std::vector<int> inputs_k;
        int bits = 0;
        for (int a : cone)
          if (e.atoms[size_t(a)].kind == Atom::Input) inputs_k.push_back(a), bits += e.atoms[size_t(a)].bits;
        ByteOutcome r =
            bits <= kEnumerationBits && !isa::is_division(op) && !cut
                ? enumerate_byte(e, rows[size_t(k)], cone, inputs_k, op, kind, k, timeout_seconds)
                : solve_byte(e, rows[size_t(k)], op, kind, k, timeout_seconds, nonlinear, cut.has_value());
        how.push_back("B" + std::to_string(k + 1) + " " + r.how);
        if (!r.proved) all_proved = false;
        if (!r.failure.empty()) failure = "B" + std::to_string(k + 1) + ": " + r.failure;
      }
      // How the step ends (not for loads, which trap out of bounds): each component a
      // constant once the flags are set, the one the ISA gives for a value op.
      std::string ending;
      if (failure.empty() && kind != OpKind::Load && rows.size() > 4) {
        std::string shown, not_shown;
        std::set<int> read;  // the inputs the ending reads beyond the value's
        for (size_t i = 0; i < std::size(kEndOfStep) && failure.empty(); ++i) {
          const Lin& r = rows[4 + i];
          support(e, r, read);
          const auto [expected, what] = end_of_step(op, i);
          std::string why;
          if (!r.is_constant())
            why = constant_row(e, r, expected, op, timeout_seconds);
          else if (!(r.constant.integral() && r.constant.num == expected)) {
            all_proved = false;
            failure = "for every operand the plan's \"" + what + "\" component is " +
                      std::to_string(double(r.constant.approx())) + ", the ISA's " + std::to_string(expected);
          }
          if (!why.empty() && expected == 1 && kind == OpKind::Output && kEndOfStep[i].component != 13) {
            all_proved = false;  // putc's or halt's own component: the claim itself
            failure = "the plan's \"" + what + "\" component is not shown: " + why;
          } else if (why.empty()) {
            shown += (shown.empty() ? "" : ", ") + what;
          } else {
            not_shown += (not_shown.empty() ? "" : ", ") + what + " (" + why + ")";
          }
        }
        std::string also;
        for (int a : read)
          if (e.atoms[size_t(a)].kind == Atom::Input &&
              std::find(used.begin(), used.end(), e.atoms[size_t(a)].name) == used.end())
            also += (also.empty() ? "" : " ") + e.atoms[size_t(a)].name;
        if (failure.empty())
          ending = "; how the step ends, for every operand: " + (shown.empty() ? "nothing" : shown) +
                   (not_shown.empty() ? "" : "; not shown: " + not_shown) +
                   (also.empty() ? ""
                                 : " (reading also [" + also +
                                       "]: the instruction's fields, and the frame head's outputs within "
                                       "their numeric bounds below max_positions)");
      }
      // The byte count of a value op (delta writes): a claim of its own, over the bytes
      // just proved and the destination's old bytes.
      std::string count_assumed;
      if (failure.empty() && all_proved && kind != OpKind::Branch && kind != OpKind::Output &&
          head_values.empty()) {
        how.push_back(kCountNotBounded);
      } else if (failure.empty() && all_proved && kind != OpKind::Branch && kind != OpKind::Output) {
        ComponentOutcome r = prove_value_count(e, rows, op, op_name, timeout_seconds, count_assumed);
        if (r.proved) {
          how.push_back("the byte count trace::delta_byte_count(old bytes, value)" +
                        std::string(kind == OpKind::Load ? ", 0 when the load traps" : "") + " (" + r.how +
                        ")");
        } else {
          all_proved = false;
          failure = "the byte count (trace::delta_byte_count of the destination's old bytes and the value" +
                    std::string(kind == OpKind::Load ? ", 0 when the load traps" : "") + "): " + r.failure;
        }
      }
      std::string inputs;
      for (const std::string& n : used) inputs += (inputs.empty() ? "" : " ") + n;
      std::string methods;
      for (const std::string& h : how) methods += (methods.empty() ? "" : ", ") + h;
      std::string assumed =
          "assumes at P: the residual features [" + inputs +
          "] hold the operand bytes (a load's: the bytes at a + b; a branch's target and next: the "
          "instruction's) (byte = fallback + looked-up part, each "
          "in [0, 255]) and " +
          flags_assumption() + "; the plan head " + std::to_string(plan_block) + "." +
          std::to_string(plan_head) + " returns P's values (its head and margin obligations)" +
          (rom_heads.empty() ? std::string()
                             : "; the fields are the ROM row of P's pc token, copied by head " +
                                   *rom_heads.begin() + " (its head and margin obligations)") +
          fetch_assumption() + count_assumed + "; cone: " + std::to_string(neurons_used) +
          " neurons after the operands" +
          (nonlinear ? ", " + std::to_string(nonlinear) + " of them products of two unknowns" : "");
      if (all_proved) {
        o.status = Status::Proved;
        o.detail =
            std::string(
                kind == OpKind::Branch
                    ? "proved from the weights for all operand values: the plan's next pc is the target "
                      "when isa/semantics.h's condition of "
                : kind == OpKind::Output
                    ? "proved from the weights for all operand values: the tokens of "
                    : "proved from the weights for all operand values: the plan bytes B1..B4 equal "
                      "isa/semantics.h's ") +
            op_name + (kind == OpKind::Branch ? " holds on a and b, else the static next pc" : "") +
            (kind == OpKind::Output ? std::string(" as the reference interpreter emits them")
                                    : std::string()) +
            (isa::is_division(op) ? " for b != 0 (b == 0 traps)" : "") + " (" +
            (word_how.empty() ? "" : word_how + ": ") + methods + ")" + ending + "; " + assumed;
      } else {
        o.detail = "not proved: " + failure + " (" + methods + "; " + assumed + ")";
      }
    } catch (const NotAttempted& n) {
      o.detail = "not proved: " + n.why;
    }
    return done();
  }

  // ---- the byte count of a value op (delta writes, isa/trace_format.h) ----
  // Without the numeric analysis' boxes (use_head_ranges) the destination heads' outputs
  // are unbounded: the count is not attempted, and the obligation says so.
  static constexpr const char* kCountNotBounded =
      "the byte count not shown (the destination heads' outputs are not bounded: no numeric ranges)";
  // The destination's hit tests hit.dst.old0..3 as 1-bit inputs hit0..hit3 at their
  // slots (their forms captured, proved apart: prove_value_count); none missing.
  std::vector<SlotCut> hit_cuts() const {
    std::vector<SlotCut> cuts;
    for (int k = 0; k < 4; ++k)
      if (std::optional<SlotCut> c =
              slot_cut("hit.dst.old" + std::to_string(k), "hit" + std::to_string(k), 1))
        cuts.push_back(*c);
    return cuts;
  }
  // The count row reads the value bytes through the destination's [value byte k == old
  // byte k] tests (delta_writes.cpp). Those bytes are proved first (the plan rows B1..B4
  // equal the ISA's bytes), so the count is proved over the value bytes as free inputs
  // v0..v3: every form that holds q (B_k - its constant) for a plan byte's form B_k
  // (a non-zero q, each of B_k's atoms with q times its coefficient) has it replaced by
  // q (v_k - the constant), which is the same number whenever v_k = B_k; the claim then
  // holds for every v, so for the ISA's value. A constant plan byte stays that constant.
  // q = r / c, from the coefficient r of B_k's first atom in the form (c its own), when dyadic.
  static std::optional<Exact> quotient(const Exact& r, const Exact& c) {  // r / c when it is dyadic
    if (c.num == 0 || r.num % c.num != 0) return std::nullopt;
    Exact q;
    q.num = r.num / c.num;
    if (c.shift >= r.shift) {
      for (int i = r.shift; i < c.shift; ++i)
        if (__builtin_mul_overflow(q.num, __int128(2), &q.num)) return std::nullopt;
    } else {
      q.shift = r.shift - c.shift;
    }
    q.normalise();
    return q;
  }
  static bool same(const Exact& a, const Exact& b) { return a.num == b.num && a.shift == b.shift; }
  static bool same(const Lin& a, const Lin& b) {
    if (!same(a.constant, b.constant) || a.terms.size() != b.terms.size()) return false;
    for (auto i = a.terms.begin(), j = b.terms.begin(); i != a.terms.end(); ++i, ++j)
      if (i->first != j->first || !same(i->second, j->second)) return false;
    return true;
  }
  struct ValueByte {
    Lin form;       // the plan row B_k
    int input = 0;  // the atom of v_k
  };
  Lin with_value_bytes(Evaluation& e, const Lin& l, const std::vector<ValueByte>& bytes,
                       std::map<int, int>& memo) {
    Lin r = l;
    for (const ValueByte& b : bytes) {
      const auto& [first, c] = *b.form.terms.begin();
      std::optional<Exact> q = r.terms.count(first) ? quotient(r.terms.at(first), c) : std::nullopt;
      bool holds = q.has_value();
      for (const auto& [a, c] : b.form.terms)
        holds = holds && r.terms.count(a) && same(r.terms.at(a), *q * c);
      if (!holds) continue;
      r.add(b.form, Exact{-q->num, q->shift});
      r.add(Lin::atom(b.input), *q);
    }
    Lin out = Lin::number(r.constant);
    for (const auto& [a, c] : r.terms) out.add(Lin::atom(with_value_bytes(e, a, bytes, memo)), c);
    return out;
  }
  int with_value_bytes(Evaluation& e, int a, const std::vector<ValueByte>& bytes, std::map<int, int>& memo) {
    auto it = memo.find(a);
    if (it != memo.end()) return it->second;
    if (e.atoms[size_t(a)].kind != Atom::Neuron) return memo[a] = a;
    const Lin gate = e.atoms[size_t(a)].gate, value = e.atoms[size_t(a)].value;
    Lin g = with_value_bytes(e, gate, bytes, memo), v = with_value_bytes(e, value, bytes, memo);
    const int r = same(g, gate) && same(v, value) ? a : e.neuron(std::move(g), std::move(v));
    return memo[a] = r;
  }
  // Head h's output c as the number it is (low + its variable), `width` bits.
  static symbolic::Expr head_value(symbolic::ExprContext& x, const HeadOutput& h, unsigned width) {
    return x.add(x.zero_extend(x.variable(h.variable, unsigned(h.bits)), width),
                 x.constant(uint64_t(h.low), width));
  }
  // The destination's memory heads (delta_writes.cpp: "read.dst.oldK"): their winner's
  // address and byte, bounded; "" or why not.
  std::string destination_heads(std::array<HeadOutput, 4>& winner, std::array<HeadOutput, 4>& byte,
                                std::string& names) const {
    for (int k = 0; k < 4; ++k) {
      bool found = false;
      for (size_t b = 0; b < config.heads.size() && b < config.head_roles.size() && !found; ++b)
        for (size_t h = 0; h < config.heads[b].size() && h < config.head_roles[b].size() && !found; ++h) {
          if (config.heads[b][h] != "read.dst.old" + std::to_string(k) ||
              config.head_roles[b][h] != "memory:destination")
            continue;
          std::optional<HeadOutput> w = bounded_output(b, h, 0), v = bounded_output(b, h, 1);
          if (!w || !v || w->bits > 36 || v->bits > 32)
            return "the destination head " + std::to_string(b) + "." + std::to_string(h) +
                   "'s outputs are not bounded by the exactness analysis";
          winner[size_t(k)] = *w, byte[size_t(k)] = *v, found = true;
          names += (names.empty() ? "" : ", ") + std::to_string(b) + "." + std::to_string(h);
        }
      if (!found) return "no memory:destination head read.dst.old" + std::to_string(k);
    }
    return "";
  }
  // The claim: the plan's byte count is trace::delta_byte_count of the old bytes and the
  // value, 0 when the step traps. `rows` are evaluate()'s (B1..B4 first, the count third
  // from the end), the bytes proved. Appends to `assumed` what the claim assumes.
  ComponentOutcome prove_value_count(Evaluation& e, const std::vector<Lin>& rows, isa::Opcode op,
                                     const std::string& op_name, double timeout_seconds,
                                     std::string& assumed) {
    ComponentOutcome out;
    if (!has_end_of_step()) {
      out.failure = "the plan head carries no byte count";
      return out;
    }
    std::array<HeadOutput, 4> winner, byte;
    std::string heads;
    if (std::string why = destination_heads(winner, byte, heads); !why.empty()) {
      out.failure = why;
      return out;
    }
    std::vector<ValueByte> bytes;
    std::array<std::optional<uint64_t>, 4> constant;
    std::array<int, 4> alias{};  // the input v_j of byte k
    for (int k = 0; k < 4; ++k) {
      const Lin& b = rows[size_t(k)];
      if (b.is_constant()) {
        if (!b.constant.integral() || b.constant.num < 0 || b.constant.num > 255) {
          out.failure = "the plan byte B" + std::to_string(k + 1) + " is a constant outside [0, 255]";
          return out;
        }
        constant[size_t(k)] = uint64_t(b.constant.num);
      } else {
        // A byte whose form is an earlier byte's (sign extension's top bytes) is that
        // byte's input: the ISA's bytes are equal too (both forms are proved).
        alias[size_t(k)] = k;
        for (int j = 0; j < k; ++j)
          if (!constant[size_t(j)] && same(rows[size_t(j)], b)) {
            alias[size_t(k)] = alias[size_t(j)];
            break;
          }
        if (alias[size_t(k)] == k) bytes.push_back({b, e.input("v" + std::to_string(k), 8)});
      }
    }
    // A load's or a division's trap: the plan's trap component (its `trap` obligation
    // shows it is the ISA's condition, 0 or 1) becomes the 1-bit input "trap" the same way.
    const int trap_component = isa::is_load(op) ? 18 : isa::is_division(op) ? 17 : -1;
    std::optional<uint64_t> constant_trap;
    for (size_t i = 0; i < std::size(kEndOfStep); ++i)
      if (kEndOfStep[i].component == trap_component) {
        const Lin& t = rows[4 + i];
        if (t.is_constant())
          constant_trap = t.constant.is_zero() ? 0 : 1;
        else
          bytes.push_back({t, e.input("trap", 1)});
      }
    std::map<int, int> memo;
    const Lin count = with_value_bytes(e, rows[rows.size() - 3], bytes, memo);
    const bool rom = !universal;
    const int kind_bits = fetched_bits("rec.16");
    // The destination's address (isa::operand_address): fp + offset for a frame slot, in
    // 40 bits (fp < 2^24, the offset < 2^32, the winner < 2^36: no wrap); the instruction's
    // kind and offset the ROM's fields or the record's bytes.
    auto address = [=](symbolic::ExprContext& x) {
      using symbolic::Expr;
      Expr fp = x.constant(0, 16);
      for (int k = 2; k >= 0; --k) fp = x.concat(fp, x.variable("fp." + std::to_string(k), 8));
      Expr slot = rom ? x.eq(x.variable("dst.slot", 8), x.constant(1, 8))
                      : x.eq(x.variable("rec.16", unsigned(kind_bits)), x.constant(1, unsigned(kind_bits)));
      Expr offset = rom ? x.zero_extend(x.variable("dst", 32), 40)
                        : x.zero_extend(x.concat(x.variable("rec.19", 8),
                                                 x.concat(x.variable("rec.18", 8), x.variable("rec.17", 8))),
                                        40);
      return x.ite(slot, x.add(fp, offset), offset);
    };
    auto rom_fields = [=](symbolic::ExprContext& x) {
      symbolic::Expr facts = x.boolean(true);
      if (!rom) return facts;
      facts = x.land(facts, x.eq(x.variable("n", 8), x.constant(uint64_t(trace::step_byte_count(op)), 8)));
      facts = x.land(facts, x.ule(x.variable("dst.slot", 8), x.constant(1, 8)));
      if (isa::is_load(op))
        facts = x.land(facts, x.eq(x.variable("width", 8), x.constant(uint64_t(isa::access_width(op)), 8)));
      return facts;
    };
    // First the hit tests, each cut at its slot (hit.dst.oldK, the input hitK): every
    // neuron of test K has the gate winner_K - D - K + c for one destination base form D.
    // D is proved to be the ISA's address, then replaced by a free input "base" (as the
    // value bytes are), and each test shown to be [winner_K == base + K].
    std::optional<Lin> base;
    std::array<Lin, 4> forms;
    for (int k = 0; k < 4; ++k) {
      const std::string name = "hit" + std::to_string(k);
      auto form = captured.find(name);
      auto w = e.inputs.find(winner[size_t(k)].variable);
      if (form == captured.end() || w == e.inputs.end()) {
        out.failure = "no residual slot in the cone holds the hit test hit.dst.old" + std::to_string(k) +
                      " (or it does not read its head's winner)";
        return out;
      }
      forms[size_t(k)] = form->second;
      for (const auto& [a, c] : form->second.terms) {
        const Atom& at = e.atoms[size_t(a)];
        auto coefficient = at.gate.terms.find(w->second);
        if (at.kind != Atom::Neuron || coefficient == at.gate.terms.end() ||
            !same(coefficient->second, Exact::of(1))) {
          out.failure =
              "the hit test hit.dst.old" + std::to_string(k) + " is not a test of its head's winner";
          return out;
        }
        Lin d;  // D = winner - (the gate - its constant)
        d.add(at.gate, Exact::of(-1));
        d.add(Lin::atom(w->second), Exact::of(1));
        d.constant = Exact{};
        if (!base) base = d;
        if (!same(*base, d)) {
          out.failure = "the hit tests do not read one destination base";
          return out;
        }
      }
    }
    if (!base || base->is_constant()) {
      out.failure = "the hit tests read no destination base";
      return out;
    }
    auto slot_flag = [=](symbolic::ExprContext& x) {  // the ROM's dst.slot is 0 or 1
      return rom ? x.ule(x.variable("dst.slot", 8), x.constant(1, 8)) : x.boolean(true);
    };
    std::vector<std::string> hit_how;
    {
      ComponentClaim d;
      d.component = kByteCount;
      d.what = "the destination base";
      d.expected = [=](symbolic::ExprContext& x) { return x.extract(address(x), 33, 0); };
      d.assume = slot_flag;
      // no op: the base reads no field the op decides (one query per model)
      ComponentOutcome r = check_claim(e, *base, d, "", timeout_seconds);
      if (!r.proved) {
        r.failure = "the destination base of the hit tests is not the destination's address: " + r.failure;
        return r;
      }
      hit_how.push_back("the base " + r.how);
    }
    std::map<int, int> base_memo;
    const std::vector<ValueByte> base_input = {{*base, e.input("base", 34)}};
    for (int k = 0; k < 4; ++k) {
      ComponentClaim hit;
      hit.component = kByteCount;
      hit.what = "hit.dst.old" + std::to_string(k);
      hit.expected = [=, w = winner[size_t(k)]](symbolic::ExprContext& x) {
        return x.eq(head_value(x, w, 40),
                    x.add(x.zero_extend(x.variable("base", 34), 40), x.constant(uint64_t(k), 40)));
      };
      ComponentOutcome r = check_claim(e, with_value_bytes(e, forms[size_t(k)], base_input, base_memo), hit,
                                       "", timeout_seconds);
      if (!r.proved) {
        r.failure = "the hit test hit.dst.old" + std::to_string(k) +
                    " is not [winner == the destination's address + " + std::to_string(k) + "]: " + r.failure;
        return r;
      }
      hit_how.push_back(r.how);
    }
    ComponentClaim claim;
    claim.component = kByteCount;
    claim.what = "the byte count";
    claim.expected = [=](symbolic::ExprContext& x) {
      using symbolic::Expr;
      Expr old = nullptr, value = nullptr;
      for (int k = 3; k >= 0; --k) {
        Expr hit = x.eq(x.variable("hit" + std::to_string(k), 1), x.constant(1, 1));
        Expr fallback = rom ? x.variable("dst.fb" + std::to_string(k), 8) : x.constant(0, 8);
        Expr o = x.ite(hit, x.extract(head_value(x, byte[size_t(k)], 32), 7, 0), fallback);
        Expr v = constant[size_t(k)] ? x.constant(*constant[size_t(k)], 8)
                                     : x.variable("v" + std::to_string(alias[size_t(k)]), 8);
        old = old ? x.concat(old, o) : o;
        value = value ? x.concat(value, v) : v;
      }
      Expr traps = trap_component < 0 ? x.boolean(false)
                   : constant_trap    ? x.boolean(*constant_trap != 0)
                                      : x.eq(x.variable("trap", 1), x.constant(1, 1));
      return x.ite(traps, x.constant(0, 32), trace::delta_byte_count(x, old, value));
    };
    claim.assume = [=](symbolic::ExprContext& x) {
      symbolic::Expr facts = rom_fields(x);
      for (int k = 0; k < 4; ++k)  // the winner's byte is a byte (a byte token's, or 0)
        facts = x.land(facts, x.ule(head_value(x, byte[size_t(k)], 32), x.constant(255, 32)));
      return facts;
    };
    out = check_claim(e, count, claim, op_name, timeout_seconds);
    if (out.proved) {
      std::string hits;
      for (size_t k = 0; k < hit_how.size(); ++k) hits += (k ? ", " : "") + hit_how[k];
      out.how = out.how +
                "; each hit test hit.dst.oldK, cut at its slot, is [the head's winner == D + K] over "
                "the destination base D its gates read, which is the destination's address "
                "(isa::operand_address) (" +
                hits + ")";
    }
    assumed +=
        std::string("; the byte count is over the proved value bytes v0..v3 and the destination's ") +
        "old bytes: the memory:destination heads " + heads +
        " return, for destination byte k, the latest write of it (the winner's address and byte) or miss "
        "(another winner: the old byte is then " +
        (rom ? "the ROM's dst.fbK, the data image's byte of a global destination, 0 for a frame slot"
             : "0, the universal model's memory before the prompt's data writes") +
        ") (their head and margin obligations), their outputs within the box the exactness analysis gives "
        "below "
        "max_positions, the byte's at most 255" +
        (trap_component < 0 ? std::string()
         : isa::is_load(op) ? "; trap is the plan's memory trap component, which the trap obligation " +
                                  op_name + " memory shows is [a + b out of bounds]"
                            : "; trap is the plan's division trap component, which the trap obligation " +
                                  op_name + " division by zero shows is [b == 0]") +
        (rom ? "; the ROM's n is trace::step_byte_count of the op, dst.slot 0 or 1" +
                   std::string(isa::is_load(op) ? " and width the op's" : "") +
                   " (the rom obligation decodes them)"
             : "");
    return out;
  }

  // ---- other token roles (control_proofs.h) ----
  std::map<std::string, ComponentOutcome> role_answers;  // by query (check_components)
  std::vector<ComponentOutcome> check_components(const std::string& op_name,
                                                 const std::vector<ComponentClaim>& claims,
                                                 double timeout_seconds) {
    std::vector<ComponentOutcome> out(claims.size());
    auto fail_all = [&](const std::string& why) {
      for (ComponentOutcome& o : out) o.failure = why;
      return out;
    };
    if (!unusable.empty()) return fail_all(unusable);
    if (!has_flag(op_name)) return fail_all("no residual slot holds the flag op." + op_name);
    Evaluation e;
    std::vector<Lin> rows;
    try {
      facts.clear(), piecewise_memo.clear();
      rows = evaluate(e, op_name, nullptr, false, true);
    } catch (const NotAttempted& n) {
      return fail_all(n.why);
    }
    for (size_t i = 0; i < claims.size(); ++i) {
      const ComponentClaim& claim = claims[i];
      if (claim.component < 0 || size_t(claim.component) >= rows.size()) {
        out[i].failure = "the plan head carries no component " + std::to_string(claim.component);
        continue;
      }
      out[i] = check_claim(e, rows[size_t(claim.component)], claim, op_name, timeout_seconds);
    }
    return out;
  }
  // One claim on `row` (a component's form over e's atoms): its inputs, and Z3's answer
  // for every valuation of them under the claim's and the instruction's assumptions.
  ComponentOutcome check_claim(const Evaluation& e, const Lin& row, const ComponentClaim& claim,
                               const std::string& op_name, double timeout_seconds) {
    ComponentOutcome o;
    std::set<int> cone;
    support(e, row, cone);
    std::vector<std::string> free;
    std::map<std::string, int> input_bits;
    for (int a : cone) {
      const Atom& at = e.atoms[size_t(a)];
      if (at.kind == Atom::Free) free.push_back(at.name);
      if (at.kind == Atom::Input) o.inputs.push_back(at.name), input_bits[at.name] = at.bits;
      o.neurons += at.kind == Atom::Neuron;
    }
    if (!free.empty()) {
      o.failure = "it depends on " + std::to_string(free.size()) + " quantities outside the cut: " + free[0];
      for (size_t k = 1; k < free.size() && k < 4; ++k) o.failure += ", " + free[k];
      if (free.size() > 4) o.failure += ", ...";
      return o;
    }
    auto t = Clock::now();
    try {
      symbolic::ExprContext x;
      std::unique_ptr<symbolic::Solver> solver = symbolic::make_z3_solver(x);
      solver->set_timeout_ms(unsigned(std::max(1.0, timeout_seconds) * 1000));
      Encoder enc{*this, e, x, std::max(35u, Encoder::width_for(*this, e, row, cone))};
      symbolic::Expr expected = claim.expected(x);
      expected = expected->is_bool() ? x.ite(expected, x.constant(1, enc.width), x.constant(0, enc.width))
                                     : x.zero_extend(expected, enc.width);
      symbolic::Expr assume = claim.assume ? claim.assume(x) : x.boolean(true);
      isa::Opcode code;
      if (isa::opcode_from_mnemonic(op_name, code)) assume = x.land(assume, fetched_fields(x, code));
      // The same formula over the same named inputs has the same answer for every op.
      const std::string key = fingerprint(e, row) + "|" + x.to_string(expected) + "|" + x.to_string(assume);
      auto known = role_answers.find(key);
      if (known != role_answers.end()) {
        o.proved = known->second.proved, o.counterexample = known->second.counterexample;
        o.how = known->second.how + ", the same query as before";
        o.failure = known->second.failure;
        return o;
      }
      symbolic::Expr weights = enc.lin(row);
      solver->add(assume);
      solver->add(x.lnot(x.eq(weights, expected)));
      symbolic::CheckResult r = solver->check();
      std::ostringstream how;
      how << "Z3 " << std::fixed << std::setprecision(1)
          << std::chrono::duration<double>(Clock::now() - t).count() << " s on " << enc.width
          << "-bit vectors";
      if (enc.tables) how << ", " << enc.tables << " one-byte tables";
      if (enc.nonlinear) how << ", " << enc.nonlinear << " products of two unknowns";
      o.how = how.str();
      if (r.result == symbolic::SatResult::Unsat) {
        o.proved = true;
      } else if (r.result == symbolic::SatResult::Sat) {
        std::ostringstream c;
        // the weights' component as the signed number it is (every quantity below 2^(width-2))
        const uint64_t got = solver->model_value(weights);
        const int64_t signed_got =
            got >> (enc.width - 1) & 1 ? int64_t(got) - (int64_t(1) << (enc.width - 1)) * 2 : int64_t(got);
        c << "the weights give " << signed_got << ", the ISA " << solver->model_value(expected) << " for";
        for (const auto& [n, bits] : input_bits)
          c << " " << n << "=" << solver->model_value(x.variable(n, unsigned(bits)));
        o.failure = c.str() + " (under the assumptions, not replayed on the engine)";
        o.counterexample = true;
      } else {
        o.failure = "Z3 unknown (" + (r.reason_unknown.empty() ? std::string("?") : r.reason_unknown) + ")";
      }
      role_answers[key] = o;
    } catch (const NotAttempted& n) {
      o.failure = n.why;
    }
    return o;
  }
};

OpProver::OpProver(const neural::Model& model, const neural::ModelConfig& config)
    : impl_(std::make_unique<Impl>(model, config)) {}
OpProver::~OpProver() = default;
Obligation OpProver::prove(const std::string& op, double timeout_seconds) {
  if (control_attempts(op)) return prove_control(*this, impl_->config, op, timeout_seconds);
  return impl_->prove(op, timeout_seconds);
}
std::vector<OpProver::ComponentOutcome> OpProver::check_components(const std::string& op,
                                                                   const std::vector<ComponentClaim>& claims,
                                                                   double timeout_seconds) {
  return impl_->check_components(op, claims, timeout_seconds);
}
std::string OpProver::plan_head_name() const {
  return std::to_string(impl_->plan_block) + "." + std::to_string(impl_->plan_head);
}
std::string OpProver::fetch_assumption() const { return impl_->fetch_assumption(); }
std::string OpProver::flags_assumption() const { return impl_->flags_assumption(); }
bool OpProver::universal() const { return impl_->universal; }
std::string OpProver::rom_head_name() const {
  return impl_->rom_heads.empty() ? "" : *impl_->rom_heads.begin();
}
std::optional<OpProver::HeadOutput> OpProver::head_output(const std::string& role, size_t c) const {
  for (size_t b = 0; b < impl_->config.head_roles.size() && b < impl_->model.blocks.size(); ++b)
    for (size_t h = 0; h < impl_->config.head_roles[b].size() && h < impl_->model.blocks[b].heads.size(); ++h)
      if (impl_->config.head_roles[b][h] == role) return impl_->bounded_output(b, h, c);
  return std::nullopt;
}
void OpProver::use_head_ranges(const NumericBounds& bounds) {
  impl_->head_values.clear();
  for (const std::vector<HeadBounds>& block : bounds.heads) {
    impl_->head_values.emplace_back();
    for (const HeadBounds& head : block) impl_->head_values.back().push_back(head.value);
  }
}
bool OpProver::attempts(const std::string& op) {
  isa::Opcode code;
  return isa::opcode_from_mnemonic(op, code) && (kind_of(code) != OpKind::None || isa::is_division(code));
}

}  // namespace c2w::verify
