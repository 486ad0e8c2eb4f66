// The weight compiler's dataflow graph and its exact gadgets (see circuit.h).
#include "compiler/circuit.h"

#include <cstdio>
#include <stdexcept>

#include "support/errors.h"

namespace c2w::compiler::circuit {

LinExpr& LinExpr::operator+=(const LinExpr& o) {
  terms.insert(terms.end(), o.terms.begin(), o.terms.end());
  constant += o.constant;
  return *this;
}
LinExpr& LinExpr::operator-=(const LinExpr& o) {
  for (auto [f, k] : o.terms) terms.push_back({f, -k});
  constant -= o.constant;
  return *this;
}
LinExpr& LinExpr::operator*=(double k) {
  for (auto& t : terms) t.second *= k;
  constant *= k;
  return *this;
}
LinExpr operator+(LinExpr a, const LinExpr& b) { return a += b; }
LinExpr operator-(LinExpr a, const LinExpr& b) { return a -= b; }
LinExpr operator*(LinExpr a, double k) { return a *= k; }
LinExpr operator*(double k, LinExpr a) { return a *= k; }
LinExpr operator-(LinExpr a) { return a *= -1; }

Circuit::Circuit() {
  one_ = add_feature("one", Source::One, -1);
  position_ = add_feature("p", Source::Position, -1);
  square_ = add_feature("p^2", Source::Square, -1);
}

FeatureId Circuit::add_feature(const std::string& name, Source source, int op) {
  features_.push_back({name, source, op});
  embed_.emplace_back();
  return static_cast<FeatureId>(features_.size() - 1);
}

FeatureId Circuit::embedding(const std::string& name) { return add_feature(name, Source::Embedding, -1); }

void Circuit::set_embedding(FeatureId f, int token, double value) {
  if (features_.at(static_cast<size_t>(f)).source != Source::Embedding)
    C2W_INTERNAL_ERROR("set_embedding on a computed feature " + features_[static_cast<size_t>(f)].name);
  if (value != 0) embed_[static_cast<size_t>(f)].push_back({token, value});
}

FeatureId Circuit::ffn(const std::string& name, std::vector<Neuron> neurons) {
  Op op;
  op.kind = Op::Ffn;
  op.name = name;
  op.neurons = std::move(neurons);
  int index = static_cast<int>(ops_.size());
  FeatureId f = add_feature(name, Source::Ffn, index);
  op.outputs.push_back(f);
  ops_.push_back(std::move(op));
  return f;
}

std::vector<FeatureId> Circuit::head(const std::string& name, HeadOp head) {
  Op op;
  op.kind = Op::Head;
  op.name = name;
  int index = static_cast<int>(ops_.size());
  for (size_t i = 0; i < head.values.size(); ++i)
    op.outputs.push_back(add_feature(name + "." + std::to_string(i), Source::Head, index));
  op.head = std::move(head);
  ops_.push_back(std::move(op));
  return ops_.back().outputs;
}

FeatureId Circuit::relu_mul(const std::string& name, const LinExpr& gate, const LinExpr& value) {
  return ffn(name, {{gate, value, 1}});
}

FeatureId Circuit::materialize(const std::string& name, const LinExpr& e) { return ffn(name, {{1, e, 1}}); }

LinExpr Circuit::compact(const std::string& name, const LinExpr& e) {
  return e.terms.size() <= 1 ? e : LinExpr::of(materialize(name, e));
}

FeatureId Circuit::is_zero(const std::string& name, const LinExpr& d) {
  return ffn(name, {{d + 1, 1, 1}, {d, 1, -2}, {d - 1, 1, 1}});
}

FeatureId Circuit::is_nonneg(const std::string& name, const LinExpr& d) {
  return ffn(name, {{d + 1, 1, 1}, {d, 1, -1}});
}

FeatureId Circuit::is_zero_if(const std::string& name, const LinExpr& flag, const LinExpr& d, double big) {
  LinExpr off = big * (flag - 1);
  return ffn(name, {{d + 1 + off, 1, 1}, {d + off, 1, -2}, {d - 1 + off, 1, 1}});
}

FeatureId Circuit::is_nonneg_if(const std::string& name, const LinExpr& flag, const LinExpr& d, double big) {
  LinExpr off = big * (flag - 1);
  return ffn(name, {{d + 1 + off, 1, 1}, {d + off, 1, -1}});
}

FeatureId Circuit::gate_nonneg(const std::string& name, const LinExpr& flag, const LinExpr& value,
                               double big) {
  return ffn(name, {{value + big * (flag - 1), 1, 1}});
}

FeatureId Circuit::all_of(const std::string& name, const std::vector<LinExpr>& flags) {
  LinExpr sum = -double(flags.size() - 1);
  for (const LinExpr& f : flags) sum += f;
  return ffn(name, {{sum, 1, 1}});
}

FeatureId Circuit::count_thresholds(const std::string& name, const LinExpr& x_in, double step,
                                    int max_quotient) {
  const LinExpr x = max_quotient > 4 ? compact(name + ".in", x_in) : x_in;
  std::vector<Neuron> n;
  n.reserve(static_cast<size_t>(2 * max_quotient));
  for (int m = 1; m <= max_quotient; ++m) {
    n.push_back({x - m * step + 1, 1, 1});
    n.push_back({x - m * step, 1, -1});
  }
  return ffn(name, std::move(n));
}

FeatureId Circuit::table(const std::string& name, const LinExpr& s_in, const std::vector<double>& values) {
  const LinExpr s = values.size() > 4 ? compact(name + ".in", s_in) : s_in;
  // f(s) = sum_i c_i ReLU(s - i + 1) with c chosen so that f(i) = values[i]: the
  // slope changes at each integer point.
  std::vector<Neuron> n;
  double slope = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    double previous = i == 0 ? 0 : values[i - 1];
    double wanted = values[i] - previous;  // slope on [i-1, i]
    if (wanted != slope) n.push_back({s - double(i) + 1, 1, wanted - slope});
    slope = wanted;
  }
  if (slope != 0) n.push_back({s - double(values.size()) + 1, 1, -slope});
  if (n.empty()) n.push_back({0, 0, 0});
  return ffn(name, std::move(n));
}

void Circuit::set_logit(int token, const LinExpr& e) { logits_.at(static_cast<size_t>(token)) = e; }

size_t Circuit::neuron_count() const {
  size_t n = 0;
  for (const Op& op : ops_) n += op.neurons.size();
  return n;
}

namespace {
std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

std::string print_expr(const Circuit& c, const LinExpr& e) {
  std::string s;
  for (auto [f, k] : e.terms) {
    if (!s.empty())
      s += k < 0 ? " - " : " + ";
    else if (k < 0)
      s += "-";
    double a = k < 0 ? -k : k;
    if (a != 1) s += number(a) + "*";
    s += c.features()[static_cast<size_t>(f)].name;
  }
  if (e.constant != 0 || s.empty()) {
    if (!s.empty())
      s += e.constant < 0 ? " - " + number(-e.constant) : " + " + number(e.constant);
    else
      s = number(e.constant);
  }
  return s;
}

std::string print_circuit(const Circuit& c) {
  std::string out = "; c2w circuit: " + std::to_string(c.features().size()) + " features, " +
                    std::to_string(c.ops().size()) + " ops, " + std::to_string(c.neuron_count()) +
                    " neurons\n";
  for (size_t i = 0; i < c.features().size(); ++i) {
    const Feature& f = c.features()[i];
    if (f.source == Source::Embedding)
      out += "embed " + f.name + " (" + std::to_string(c.embedding_values()[i].size()) + " tokens)\n";
  }
  for (const Op& op : c.ops()) {
    if (op.kind == Op::Head) {
      out += "head " + op.name + (op.head.tie == neural::TieMode::Latest ? " latest" : " average") + "\n";
      out += "  q = (" + print_expr(c, op.head.query_x) + ", " + print_expr(c, op.head.query_y) + ")\n";
      out += "  k = (" + print_expr(c, op.head.key_x) + ", " + print_expr(c, op.head.key_y) + ")\n";
      for (size_t v = 0; v < op.head.values.size(); ++v)
        out += "  " + c.features()[static_cast<size_t>(op.outputs[v])].name + " <- " +
               print_expr(c, op.head.values[v]) + "\n";
    } else {
      out += "ffn " + op.name + " (" + std::to_string(op.neurons.size()) + " neurons)\n";
      size_t shown = 0;
      for (const Neuron& n : op.neurons) {
        if (++shown > 4) {
          out += "  ...\n";
          break;
        }
        out += "  " + number(n.coefficient) + " * relu(" + print_expr(c, n.gate) + ") * (" +
               print_expr(c, n.value) + ")\n";
      }
    }
  }
  return out;
}

}  // namespace c2w::compiler::circuit
