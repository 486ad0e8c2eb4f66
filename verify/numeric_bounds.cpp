// Sound numeric bounds of a model's forward pass (see numeric_bounds.h).
#include "verify/numeric_bounds.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <sstream>

#include "support/errors.h"

namespace c2w::verify {

namespace {

using Real = long double;
constexpr Real kInfinity = HUGE_VALL;

Real down(Real x) { return std::nextafter(x, -kInfinity); }
Real up(Real x) { return std::nextafter(x, kInfinity); }

// The exponent of the lowest set bit of a finite non-zero double: w = odd · 2^grain.
int grain_of(double w) {
  int exponent = 0;
  double mantissa = std::frexp(std::fabs(w), &exponent);  // in [0.5, 1)
  auto bits = uint64_t(std::ldexp(mantissa, 53));         // exact: at most 53 bits
  return exponent - 53 + std::countr_zero(bits);
}

Range zero_range() { return Range{}; }

// [low, high] narrowed to the multiples of 2^grain it contains (the set it stands for).
Range snapped(Real low, Real high, int grain) {
  if (grain == Range::kZeroGrain) return zero_range();
  Real step = std::ldexp(Real(1), grain);
  Real l = std::ceil(low / step) * step, h = std::floor(high / step) * step;
  if (l > h) l = h = 0;  // rounding noise around a single point
  if (l == 0 && h == 0) return Range{0, 0, grain};
  return Range{l + Real(0), h + Real(0), grain};  // no negative zero
}

Range constant(double w) {
  if (w == 0) return zero_range();
  return Range{w, w, grain_of(w)};
}

Range join(const Range& a, const Range& b) {
  if (a.is_zero() && a.grain == Range::kZeroGrain) {
    Range r = b;
    r.low = std::min<Real>(r.low, 0);
    r.high = std::max<Real>(r.high, 0);
    return r;
  }
  if (b.is_zero() && b.grain == Range::kZeroGrain) return join(b, a);
  return Range{std::min(a.low, b.low), std::max(a.high, b.high), std::min(a.grain, b.grain)};
}

Range add(const Range& a, const Range& b) {
  if (a.grain == Range::kZeroGrain) return b;
  if (b.grain == Range::kZeroGrain) return a;
  return snapped(down(a.low + b.low), up(a.high + b.high), std::min(a.grain, b.grain));
}

Range multiply(const Range& a, const Range& b) {
  if (a.grain == Range::kZeroGrain || b.grain == Range::kZeroGrain) return zero_range();
  Real p[4] = {a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high};
  return snapped(down(*std::min_element(p, p + 4)), up(*std::max_element(p, p + 4)), a.grain + b.grain);
}

Range relu(const Range& a) {
  if (a.grain == Range::kZeroGrain || a.high <= 0) return zero_range();
  return Range{std::max<Real>(a.low, 0) + Real(0), a.high, a.grain};
}

// One non-zero of a matrix row, with its grain.
struct Entry {
  int column;
  double weight;
  int grain;
};
using SparseRows = std::vector<std::vector<Entry>>;

SparseRows rows_of(const Eigen::MatrixXd& m) {
  SparseRows rows(size_t(m.rows()));
  for (Eigen::Index c = 0; c < m.cols(); ++c)
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      if (double w = m(r, c); w != 0) rows[size_t(r)].push_back({int(c), w, grain_of(w)});
  return rows;
}

// The model's matrices as sparse rows, built once for many bound_model calls.
struct SparseModelRows {
  struct Head {
    SparseRows query, key, value, output;
    neural::TieMode tie;
  };
  // Neurons sharing the variable part of their gate (every coordinate but the constant
  // one) and their value row: ReLU(g + t_n)·v for one g and one v. Their summed output
  // to a coordinate i is v·φ_i(g), φ_i(g) = Σ_n O(i,n)·ReLU(g + t_n), a piecewise
  // linear function of g whose range over an interval is read at its ends and breaks.
  // This keeps the threshold pairs of a step function (ReLU(g+1) − ReLU(g) ∈ [0, 1])
  // as tight as they are, where boxes would add up each neuron's whole range.
  struct NeuronGroup {
    std::vector<Entry> gate_variable, value;
    std::vector<int> neurons;
    std::vector<double> thresholds;  // t_n, per member
    // Per output coordinate: (member index, O(i, n)).
    std::vector<std::pair<int, std::vector<std::pair<int, double>>>> outputs;
  };
  struct Block {
    std::vector<Head> heads;
    SparseRows gate, value, output_columns;  // output_columns[n]: (coordinate, weight) of neuron n
    std::vector<NeuronGroup> groups;
    // Neurons whose gate is a positive constant: a linear map of x, folded with the
    // residual connection into x_new = (I + L) x, so that a slot cleared by subtracting
    // itself is exactly 0 (boxes would give [lo − hi, hi − lo]).
    std::vector<std::vector<std::pair<int, long double>>> linear_rows;  // (I + L), per row
    std::vector<int> linear_neurons;
    std::vector<double> linear_gate;
  };
  std::vector<Block> blocks;
  SparseRows unembedding;

  explicit SparseModelRows(const neural::Model& m) {
    const int one = m.positional.one;
    for (const neural::Block& b : m.blocks) {
      Block block;
      for (const neural::AttentionHead& h : b.heads)
        block.heads.push_back({rows_of(h.query), rows_of(h.key), rows_of(h.value), rows_of(h.output), h.tie});
      block.gate = rows_of(b.ffn.gate);
      block.value = rows_of(b.ffn.value);
      block.output_columns = rows_of(b.ffn.output.transpose());
      std::map<std::pair<std::vector<std::pair<int, double>>, std::vector<std::pair<int, double>>>, size_t>
          index;
      std::vector<std::map<int, long double>> linear(size_t(m.d_model));
      for (int i = 0; i < m.d_model; ++i) linear[size_t(i)][i] = 1;
      for (size_t n = 0; n < block.gate.size(); ++n) {
        double threshold = 0;
        std::vector<Entry> variable;
        std::vector<std::pair<int, double>> gate_key, value_key;
        for (const Entry& e : block.gate[n]) {
          if (e.column == one)
            threshold = e.weight;
          else
            variable.push_back(e), gate_key.push_back({e.column, e.weight});
        }
        for (const Entry& e : block.value[n]) value_key.push_back({e.column, e.weight});
        if (variable.empty()) {  // a constant gate: dead (<= 0) or linear
          if (threshold > 0 && !block.value[n].empty()) {
            block.linear_neurons.push_back(int(n));
            block.linear_gate.push_back(threshold);
            for (const Entry& o : block.output_columns[n])
              for (const Entry& v : block.value[n])
                linear[size_t(o.column)][v.column] += (long double)o.weight * threshold * v.weight;
          }
          continue;
        }
        if (block.value[n].empty()) continue;  // always 0
        auto [it, fresh] = index.emplace(std::make_pair(gate_key, value_key), block.groups.size());
        if (fresh) block.groups.push_back({variable, block.value[n], {}, {}, {}});
        block.groups[it->second].neurons.push_back(int(n));
        block.groups[it->second].thresholds.push_back(threshold);
      }
      for (NeuronGroup& g : block.groups) {
        std::map<int, std::vector<std::pair<int, double>>> by_coordinate;
        for (size_t k = 0; k < g.neurons.size(); ++k)
          for (const Entry& o : block.output_columns[size_t(g.neurons[k])])
            by_coordinate[o.column].push_back({int(k), o.weight});
        g.outputs.assign(by_coordinate.begin(), by_coordinate.end());
      }
      for (int i = 0; i < m.d_model; ++i) {
        std::vector<std::pair<int, long double>> row;
        for (auto [j, c] : linear[size_t(i)])
          if (c != 0) row.push_back({j, c});
        block.linear_rows.push_back(std::move(row));
      }
      blocks.push_back(std::move(block));
    }
    unembedding = rows_of(m.unembedding);
  }
};

// Checks every quantity against every format, remembering the first that does not fit.
class ExactnessLedger {
 public:
  explicit ExactnessLedger(NumericBounds& out) : out_(out) {
    out_.first_inexact.assign(float_formats().size(), QuantityRecord{});
  }

  void record(const Range& r, const std::function<std::string()>& where) {
    ++out_.quantities;
    if (r.grain == Range::kZeroGrain) return;
    for (size_t f = 0; f < float_formats().size(); ++f) {
      if (!out_.first_inexact[f].where.empty()) continue;
      if (!fits(r, float_formats()[f])) out_.first_inexact[f] = QuantityRecord{where(), r, out_.quantities};
    }
  }
  uint64_t count() const { return out_.quantities; }

  static bool fits(const Range& r, const FloatFormat& f) {
    Real m = r.magnitude();
    if (!std::isfinite(m)) return false;
    if (m == 0) return true;
    return r.grain >= f.min_exponent && m < std::ldexp(Real(1), f.significand_bits + r.grain) &&
           m < std::ldexp(Real(1), f.max_exponent + 1);
  }

 private:
  NumericBounds& out_;
};

// A coordinate known to equal c + Σ w_k·ReLU(g_s + t_k) for the scalar g_s of one
// neuron group (its `source`), at every position: the outputs of a group whose value
// row is a constant. Several coordinates of the same source read together (the one-hot
// flags of a step offset, say, each a hat function of it) are bounded as one piecewise
// linear function of g_s, so their sum is as tight as it is (a one-hot sum stays in
// [0, 1]) where boxes would add up their ranges. Source -1 with no terms: exactly 0.
//
// The other kind of source is discrete: a token. A coordinate that is a function of the
// position's own token (source 0: an embedding coordinate no block has written yet) has
// its table over the vocabulary; so has a coordinate written by one `latest` head whose
// value rows read such coordinates alone (its source: that head's winner, one position,
// so one token). The flags of the ROM fetched by the latest-pc head are then one token's
// column, read together (one-hot over the opcode classes), not a box per flag.
struct Form {
  int source = -2;  // -2: no form known
  Real constant = 0;
  std::vector<std::pair<double, double>> terms;    // (w, t)
  std::shared_ptr<const std::vector<Real>> table;  // a discrete source: the value per token
  bool known() const { return source != -2; }
};

// The range of c + Σ w·ReLU(g + t) over g in `g`: the function is piecewise linear with
// breaks at g = −t, so its extremes are at the ends of the interval or at a break.
Range piecewise_range(Real c, const std::vector<std::pair<double, double>>& terms, const Range& g,
                      int grain) {
  auto at = [&](Real x) {
    Real sum = c, error = std::fabs(c);
    for (auto [w, t] : terms) {
      Real r = std::max<Real>(0, x + t);
      sum += w * r;
      error += std::fabs(w * r);
    }
    return std::make_pair(sum, error * 1e-15L);  // long double rounding, bounded generously
  };
  std::vector<Real> points = {g.low, g.high};
  for (auto [w, t] : terms)
    if (-t > g.low && -t < g.high) points.push_back(-t);
  Real low = kInfinity, high = -kInfinity;
  for (Real x : points) {
    auto [v, e] = at(x);
    low = std::min(low, v - e);
    high = std::max(high, v + e);
  }
  return snapped(down(low), up(high), grain);
}

// The values in both sets: multiples of both grains, so of the coarser one.
Range intersect(const Range& a, const Range& b) {
  if (a.grain == Range::kZeroGrain || b.grain == Range::kZeroGrain) return zero_range();
  return snapped(std::max(a.low, b.low), std::min(a.high, b.high), std::max(a.grain, b.grain));
}

// x_i + Σ contributions, each contribution a column of an output matrix times a range.
struct ResidualUpdate {
  std::vector<Range> sum;
  std::vector<Real> magnitude;
  std::vector<int> grain;

  explicit ResidualUpdate(const std::vector<Range>& x) : sum(x), magnitude(x.size()), grain(x.size()) {
    for (size_t i = 0; i < x.size(); ++i) {
      magnitude[i] = x[i].magnitude();
      grain[i] = x[i].grain;
    }
  }
  void add_outputs(const SparseRows& output, const std::vector<Range>& values) {
    for (size_t i = 0; i < output.size(); ++i)
      for (const Entry& e : output[i]) {
        const Range& v = values[size_t(e.column)];
        if (v.grain == Range::kZeroGrain) continue;
        Range term = multiply(constant(e.weight), v);
        sum[i] = add(sum[i], term);
        magnitude[i] = up(magnitude[i] + term.magnitude());
        grain[i] = std::min(grain[i], term.grain);
      }
  }
  std::vector<Range> finish(ExactnessLedger& ledger, const std::string& where) {
    for (size_t i = 0; i < sum.size(); ++i)
      if (grain[i] != Range::kZeroGrain)
        ledger.record(Range{-magnitude[i], magnitude[i], grain[i]},
                      [&] { return where + " residual " + std::to_string(i); });
    return sum;
  }
};

// The residual stream at every position, abstracted: a box per coordinate and, where
// known, its form.
struct Stream {
  std::vector<Range> box;
  std::vector<Form> form;
};

class Analysis {
 public:
  Analysis(ExactnessLedger& ledger) : ledger_(ledger) {}

  // row · x: its range (coordinates of one source combined through their forms) and the
  // bound of every partial sum (the sum of the terms' magnitudes), recorded.
  Range dot(const std::vector<Entry>& row, const Stream& x, const std::function<std::string()>& where,
            Real* partial_sums = nullptr) {
    Range sum = zero_range(), box_sum = zero_range();
    Real magnitude = 0;
    int grain = Range::kZeroGrain;
    std::map<int, Form> by_source;
    std::map<int, int> source_grain;
    std::map<int, std::pair<std::vector<Real>, Real>> tables;  // per discrete source: Σ w·table, Σ magnitudes
    for (const Entry& e : row) {
      const Range& xi = x.box[size_t(e.column)];
      if (xi.grain == Range::kZeroGrain) continue;
      Range term = multiply(constant(e.weight), xi);
      box_sum = add(box_sum, term);
      magnitude = up(magnitude + term.magnitude());
      grain = std::min(grain, term.grain);
      const Form& f = x.form[size_t(e.column)];
      if (f.table) {
        auto& [acc, size] = tables[f.source];
        if (acc.empty()) acc.assign(f.table->size(), 0);
        for (size_t t = 0; t < acc.size(); ++t) acc[t] += e.weight * (*f.table)[t];
        size += term.magnitude();
        auto [it, fresh] = source_grain.emplace(f.source, term.grain);
        if (!fresh) it->second = std::min(it->second, term.grain);
      } else if (f.known() && f.source >= 0) {
        Form& acc = by_source[f.source];
        acc.constant += e.weight * f.constant;
        for (auto [w, t] : f.terms) acc.terms.push_back({e.weight * w, t});
        auto [it, fresh] = source_grain.emplace(f.source, term.grain);
        if (!fresh) it->second = std::min(it->second, term.grain);
      } else {
        sum = add(sum, term);
      }
    }
    for (auto& [source, f] : by_source)
      sum = add(sum, piecewise_range(f.constant, f.terms, sources_[size_t(source)], source_grain[source]));
    for (auto& [source, table] : tables) {
      auto [low, high] = std::minmax_element(table.first.begin(), table.first.end());
      Real error = table.second * 1e-15L;  // long double rounding, bounded generously
      sum = add(sum, snapped(down(*low - error), up(*high + error), source_grain[source]));
    }
    if (grain != Range::kZeroGrain) ledger_.record(Range{-magnitude, magnitude, grain}, where);
    if (partial_sums) *partial_sums = magnitude;
    if (by_source.empty() && tables.empty()) return sum;
    return intersect(sum, box_sum);
  }

  int new_source(const Range& g) {
    sources_.push_back(g);
    return int(sources_.size()) - 1;
  }
  // A discrete source (a token); source 0 is the position's own token.
  int new_token_source() { return new_source(Range{}); }

  // The table of row · x over the tokens of one discrete source, when every coordinate
  // the row reads is a table of that source or a single number; null otherwise.
  std::shared_ptr<std::vector<Real>> table_of(const std::vector<Entry>& row, const Stream& x, int source,
                                              size_t vocab) {
    auto table = std::make_shared<std::vector<Real>>(vocab, 0);
    for (const Entry& e : row) {
      const Range& xi = x.box[size_t(e.column)];
      if (xi.grain == Range::kZeroGrain) continue;
      const Form& f = x.form[size_t(e.column)];
      if (f.table && f.source == source) {
        for (size_t t = 0; t < vocab; ++t) (*table)[t] += e.weight * (*f.table)[t];
      } else if (xi.low == xi.high) {
        for (size_t t = 0; t < vocab; ++t) (*table)[t] += e.weight * xi.low;
      } else {
        return nullptr;
      }
    }
    return table;
  }

  // One ReGLU feed-forward sublayer with its residual connection (see NeuronGroup).
  Stream feed_forward(const SparseModelRows::Block& block, const Stream& x, const std::string& block_name,
                      int one) {
    const size_t d = x.box.size();
    Stream out{std::vector<Range>(d), std::vector<Form>(d)};
    std::vector<Real> magnitude(d);
    std::vector<int> grain(d, Range::kZeroGrain);
    auto neuron_name = [&](const char* what, int n) {
      return [&, what, n] { return block_name + " ffn " + what + " " + std::to_string(n); };
    };
    // (I + L) x, and which forms survive it.
    for (size_t i = 0; i < d; ++i) {
      magnitude[i] = x.box[i].magnitude();
      grain[i] = x.box[i].grain;
      std::vector<Entry> row;
      for (auto [j, c] : block.linear_rows[i]) row.push_back({j, double(c), grain_of(double(c))});
      out.box[i] = dot(row, x, [] { return std::string(); });
      if (row.empty() || out.box[i].grain == Range::kZeroGrain)
        out.form[i] = Form{-1, 0, {}, nullptr};
      else if (row.size() == 1 && row[0].column == int(i) && row[0].weight == 1)
        out.form[i] = x.form[i];
    }
    // The engine's terms of the linear neurons, for the partial sums.
    for (size_t k = 0; k < block.linear_neurons.size(); ++k) {
      int n = block.linear_neurons[k];
      Range value = dot(block.value[size_t(n)], x, neuron_name("value", n));
      Range product = multiply(constant(block.linear_gate[k]), value);
      ledger_.record(product, neuron_name("product", n));
      for (const Entry& o : block.output_columns[size_t(n)]) {
        Range term = multiply(constant(o.weight), product);
        magnitude[size_t(o.column)] = up(magnitude[size_t(o.column)] + term.magnitude());
        grain[size_t(o.column)] = std::min(grain[size_t(o.column)], term.grain);
      }
    }
    for (const SparseModelRows::NeuronGroup& group : block.groups) {
      int first = group.neurons.front();
      Real gate_sums = 0;
      Range g = dot(group.gate_variable, x, neuron_name("gate", first), &gate_sums);
      Range v = dot(group.value, x, neuron_name("value", first));
      std::vector<Range> product(group.neurons.size());
      int relu_grain = Range::kZeroGrain;
      for (size_t k = 0; k < group.neurons.size(); ++k) {
        Range gate = add(g, constant(group.thresholds[k]));
        Real m = up(gate_sums + std::fabs(group.thresholds[k]));
        ledger_.record(Range{-m, m, gate.grain}, neuron_name("gate", group.neurons[k]));
        product[k] = multiply(relu(gate), v);
        ledger_.record(product[k], neuron_name("product", group.neurons[k]));
        if (relu(gate).grain != Range::kZeroGrain) relu_grain = std::min(relu_grain, gate.grain);
      }
      if (relu_grain == Range::kZeroGrain || v.grain == Range::kZeroGrain) continue;  // never fires, or v = 0
      // A constant value row (it reads the constant coordinate alone): the outputs are
      // piecewise linear functions of g.
      bool constant_value = group.value.size() == 1 && group.value[0].column == one;
      int source = constant_value ? new_source(g) : -1;
      for (const auto& [i, terms] : group.outputs) {
        int phi_grain = Range::kZeroGrain;
        std::vector<std::pair<double, double>> pl;
        for (auto [k, w] : terms) {
          Range term = multiply(constant(w), product[size_t(k)]);
          magnitude[size_t(i)] = up(magnitude[size_t(i)] + term.magnitude());
          grain[size_t(i)] = std::min(grain[size_t(i)], term.grain);
          phi_grain = std::min(phi_grain, grain_of(w) + relu_grain);
          pl.push_back({w, group.thresholds[size_t(k)]});
        }
        Range phi = piecewise_range(0, pl, g, phi_grain);
        out.box[size_t(i)] = add(out.box[size_t(i)], multiply(phi, v));
        Form& f = out.form[size_t(i)];
        if (constant_value && f.known() && (f.source == -1 || f.source == source)) {
          f.source = source;
          for (auto [w, t] : pl) f.terms.push_back({w * group.value[0].weight, t});
        } else {
          f = Form{};
        }
      }
    }
    for (size_t i = 0; i < d; ++i) {
      if (grain[i] != Range::kZeroGrain)
        ledger_.record(Range{-magnitude[i], magnitude[i], grain[i]},
                       [&] { return block_name + " ffn residual " + std::to_string(i); });
      if (out.box[i].grain != Range::kZeroGrain) out.box[i].grain = std::min(out.box[i].grain, grain[i]);
      // A form known with terms narrows the box.
      const Form& f = out.form[i];
      if (f.known() && f.source >= 0 && !f.table && out.box[i].grain != Range::kZeroGrain)
        out.box[i] = intersect(
            out.box[i], piecewise_range(f.constant, f.terms, sources_[size_t(f.source)], out.box[i].grain));
    }
    return out;
  }

 private:
  ExactnessLedger& ledger_;
  std::vector<Range> sources_;
};

NumericBounds bound_rows(const neural::Model& model, const SparseModelRows& rows, int64_t positions) {
  C2W_CHECK(positions >= 1, "bound_model needs at least one position");
  NumericBounds out;
  out.positions = positions;
  ExactnessLedger ledger(out);
  Analysis analysis(ledger);
  analysis.new_token_source();  // source 0: the position's own token
  const int d = model.d_model;

  // x0: any token's embedding column plus the positional features.
  Stream x{std::vector<Range>(static_cast<size_t>(d)), std::vector<Form>(static_cast<size_t>(d))};
  for (int i = 0; i < d; ++i) {
    Range r = constant(model.embedding(i, 0));
    for (int t = 1; t < model.vocab_size(); ++t) r = join(r, constant(model.embedding(i, t)));
    Real last = Real(positions - 1);
    if (i == model.positional.position) r = add(r, Range{0, last, 0});
    if (i == model.positional.square) r = add(r, Range{0, up(last * last), 0});
    if (i == model.positional.one) r = add(r, Range{1, 1, 0});
    x.box[size_t(i)] = r;
    if (r.grain == Range::kZeroGrain) {
      x.form[size_t(i)] = Form{-1, 0, {}, nullptr};
    } else if (i != model.positional.position && i != model.positional.square && i != model.positional.one) {
      Eigen::VectorXd row = model.embedding.row(i);
      x.form[size_t(i)] =
          Form{0, 0, {}, std::make_shared<const std::vector<Real>>(row.data(), row.data() + row.size())};
    }
    ledger.record(r, [&] { return "embedding " + std::to_string(i); });
  }

  for (size_t b = 0; b < rows.blocks.size(); ++b) {
    const SparseModelRows::Block& block = rows.blocks[b];
    std::string block_name = "block " + std::to_string(b);
    ResidualUpdate attention(x.box);
    out.heads.emplace_back();
    std::vector<Form> forms = x.form;
    std::vector<bool> written(x.box.size());
    for (size_t h = 0; h < block.heads.size(); ++h) {
      const SparseModelRows::Head& head = block.heads[h];
      std::string name = block_name + " head " + std::to_string(h);
      HeadBounds hb;
      hb.tie = head.tie;
      for (int r = 0; r < 2; ++r) {
        hb.query[r] =
            analysis.dot(head.query[size_t(r)], x, [&] { return name + " query " + std::to_string(r); });
        hb.key[r] = analysis.dot(head.key[size_t(r)], x, [&] { return name + " key " + std::to_string(r); });
      }
      Range s0 = multiply(hb.query[0], hb.key[0]), s1 = multiply(hb.query[1], hb.key[1]);
      hb.score = add(s0, s1);
      int grain = std::min(s0.grain, s1.grain);
      if (grain != Range::kZeroGrain) {
        Real m = up(s0.magnitude() + s1.magnitude());
        ledger.record(Range{-m, m, grain}, [&] { return name + " score"; });
      }
      hb.recorded_at = ledger.count();
      std::vector<Range> value(head.value.size());
      for (size_t r = 0; r < head.value.size(); ++r)
        value[r] = analysis.dot(head.value[r], x, [&] { return name + " value " + std::to_string(r); });
      if (head.tie == neural::TieMode::Average) ++out.average_heads;
      attention.add_outputs(head.output, value);
      // A `latest` head whose value rows are tables of the position's token returns the
      // tables of its winner's token: a new discrete source. A coordinate it alone writes,
      // from 0, is a table of that source; any other written coordinate loses its form.
      std::vector<std::shared_ptr<std::vector<Real>>> value_tables(head.value.size());
      bool any_table = false;
      if (head.tie == neural::TieMode::Latest)
        for (size_t r = 0; r < head.value.size(); ++r) {
          value_tables[r] = analysis.table_of(head.value[r], x, 0, size_t(model.vocab_size()));
          any_table = any_table || value_tables[r];
        }
      int winner = any_table ? analysis.new_token_source() : -1;
      for (size_t i = 0; i < head.output.size(); ++i) {
        std::shared_ptr<std::vector<Real>> table;
        for (const Entry& e : head.output[i]) {
          if (value[size_t(e.column)].grain == Range::kZeroGrain) continue;
          if (winner < 0 || written[i] || x.form[i].source != -1 || !value_tables[size_t(e.column)]) {
            table = nullptr;
            forms[i] = Form{};
            written[i] = true;
            break;
          }
          if (!table) table = std::make_shared<std::vector<Real>>(size_t(model.vocab_size()), 0);
          for (size_t t = 0; t < table->size(); ++t)
            (*table)[t] += e.weight * (*value_tables[size_t(e.column)])[t];
        }
        if (table) {
          forms[i] = Form{winner, 0, {}, table};
          written[i] = true;
        }
      }
      out.heads.back().push_back(hb);
    }
    x.box = attention.finish(ledger, block_name + " attention");
    x.form = std::move(forms);
    x = analysis.feed_forward(block, x, block_name, model.positional.one);
  }
  for (size_t t = 0; t < rows.unembedding.size(); ++t)
    out.logits.push_back(analysis.dot(rows.unembedding[t], x, [&] { return "logit " + std::to_string(t); }));
  out.final_residual = x.box;
  return out;
}

}  // namespace

long double Range::magnitude() const { return std::max(std::fabs(low), std::fabs(high)); }

std::string Range::to_string() const {
  if (grain == kZeroGrain) return "{0}";
  std::ostringstream s;
  s.precision(21);
  s << "[" << low << ", " << high << "] in steps of 2^" << grain;
  return s.str();
}

const std::vector<FloatFormat>& float_formats() {
  static const std::vector<FloatFormat> formats = {
      {"bfloat16", 8, -133, 127},
      {"float16", 11, -24, 15},
      {"float32", 24, -149, 127},
      {"float64", 53, -1074, 1023},
  };
  return formats;
}

NumericBounds bound_model(const neural::Model& model, int64_t positions) {
  return bound_rows(model, SparseModelRows(model), positions);
}

int64_t largest_exact_positions(const neural::Model& model, const FloatFormat& format, int64_t limit) {
  SparseModelRows rows(model);
  size_t f = 0;
  while (float_formats()[f].name != format.name) ++f;
  auto exact = [&](int64_t n) { return bound_rows(model, rows, n).first_inexact[f].where.empty(); };
  if (!exact(1)) return 0;
  if (exact(limit)) return limit;
  int64_t good = 1, bad = limit;  // exact(good), !exact(bad)
  while (bad - good > 1) {
    int64_t mid = good + (bad - good) / 2;
    (exact(mid) ? good : bad) = mid;
  }
  return good;
}

}  // namespace c2w::verify
