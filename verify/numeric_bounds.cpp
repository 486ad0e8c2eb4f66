// Sound numeric bounds of a model's forward pass (see numeric_bounds.h).
#include "verify/numeric_bounds.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>
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
    SparseRows query, key, value, output_columns;  // output_columns[r]: (coordinate, weight) of value r
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
        block.heads.push_back(
            {rows_of(h.query), rows_of(h.key), rows_of(h.value), rows_of(h.output.transpose()), h.tie});
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

// What is known of a coordinate beyond its box, in two kinds (both may be absent).
//
// Piecewise: the coordinate equals c + Σ w_k·ReLU(g_s + t_k) for the scalar g_s of one
// neuron group (its `source`), at every position: the outputs of a group whose value
// row is a constant and whose gate has too many values for a table. Several
// coordinates of the same source read together (the one-hot flags of a step offset, say,
// each a hat function of it) are bounded as one piecewise linear function of g_s, so
// their sum is as tight as it is (a one-hot sum stays in [0, 1]) where boxes would add
// up their ranges. Source -1 with no terms: exactly 0.
//
// Tables: for a discrete source (a variable with finitely many values: the position's
// own token; the token, or any tabled variable, at the winner of a `latest` head; the
// gate of a neuron group with few values), an interval per value of the source that
// holds the coordinate whenever the source has that value. Everything the table does
// not depend on is inside each interval (its box), so the table is sound whatever the
// other variables are, and two coordinates tabled on the same source are added value
// by value: the op flags of one pc token, the bytes of one fetched operand, the
// thresholds of one shift amount stay related through every later sum, product and
// ReLU (case splitting on the source). A coordinate keeps its most informative tables.
struct Table {
  int source = -1;
  std::shared_ptr<const std::vector<Real>> low, high;
  // Per value, the grain of the quantity there (null: the quantity's grain). A shifted
  // right word 2^-s·(the bits of a from s up) has grain -s in its factor and s in the
  // other: an integer at every s, though the box's grain is -31.
  std::shared_ptr<const std::vector<int>> grain;
  int grain_at(size_t k, int otherwise) const { return grain ? (*grain)[k] : otherwise; }
};

// The grains of a table of values (an embedding row, the identity of a source).
std::shared_ptr<std::vector<int>> grains_of(const std::vector<Real>& values) {
  auto g = std::make_shared<std::vector<int>>(values.size());
  for (size_t k = 0; k < values.size(); ++k)
    (*g)[k] = values[k] == 0 ? Range::kZeroGrain : grain_of(double(values[k]));
  return g;
}
using Tables = std::vector<Table>;

struct Form {
  int source = -2;  // piecewise: -2 none known, -1 exactly 0, >= 0 a group's gate
  Real constant = 0;
  std::vector<std::pair<double, double>> terms;  // (w, t)
  Tables tables;
  bool known() const { return source != -2; }
};

constexpr size_t kMaxTables = 4;          // per coordinate
constexpr size_t kMaxScalarValues = 512;  // a gate with at most this many values gets a table
constexpr Real kTableWork = 1e6;          // per neuron group: members × table entries
constexpr Real kSplitTableWork = 4e6;     // for a split gate (see split_gate), whose tables it is for
constexpr size_t kSplitValues = 2;        // a gate is split on a coordinate with at most this many values

// Rounding of long double sums of n terms of total magnitude m: below n·m·2^-63; bounded
// generously.
Real rounding(size_t n, Real m) { return Real(n + 4) * m * std::ldexp(Real(1), -60); }

// f(x) = c + Σ w_k·ReLU(x + t_k): its range over an interval is read at the interval's
// ends and at the breaks x = −t_k inside it.
class PiecewiseLinear {
 public:
  PiecewiseLinear(Real c, const std::vector<std::pair<double, double>>& terms, Real linear = 0)
      : constant_(c), slope_(linear) {
    std::vector<std::pair<Real, Real>> by_break;  // (−t, w)
    for (auto [w, t] : terms) {
      by_break.push_back({-Real(t), Real(w)});
      scale_ += std::fabs(w);
      max_break_ = std::max(max_break_, std::fabs(Real(t)));
    }
    scale_ += std::fabs(linear);
    std::sort(by_break.begin(), by_break.end());
    Real slope = slope_, value = c;
    for (size_t k = 0; k < by_break.size(); ++k) {
      value = breaks_.empty() ? c + slope_ * by_break[k].first
                              : value + slope * (by_break[k].first - breaks_.back());
      if (breaks_.empty() || by_break[k].first != breaks_.back()) {
        breaks_.push_back(by_break[k].first);
        at_.push_back(value);
        slopes_.push_back(0);
      }
      slope += by_break[k].second;
      slopes_.back() = slope;
    }
    for (Real v : at_) low_ = std::min(low_, v), high_ = std::max(high_, v);
  }

  Real operator()(Real x) const {
    auto it = std::upper_bound(breaks_.begin(), breaks_.end(), x);
    if (it == breaks_.begin()) return constant_ + slope_ * x;
    size_t j = size_t(it - breaks_.begin()) - 1;
    return at_[j] + slopes_[j] * (x - breaks_[j]);
  }

  // The range over [a, b] (a <= b), widened by a bound of the rounding.
  std::pair<Real, Real> range(Real a, Real b) const {
    Real fa = (*this)(a), fb = (*this)(b);
    Real low = std::min(fa, fb), high = std::max(fa, fb);
    auto first = std::upper_bound(breaks_.begin(), breaks_.end(), a);
    auto last = std::lower_bound(breaks_.begin(), breaks_.end(), b);
    if (last - first > 64) {
      low = std::min(low, low_), high = std::max(high, high_);
    } else {
      for (auto it = first; it < last; ++it) {
        Real v = at_[size_t(it - breaks_.begin())];
        low = std::min(low, v), high = std::max(high, v);
      }
    }
    Real error =
        rounding(breaks_.size(),
                 std::fabs(constant_) + scale_ * (std::max(std::fabs(a), std::fabs(b)) + max_break_ + 1));
    return {low - error, high + error};
  }
  Range range(const Range& g, int grain) const {
    auto [low, high] = range(g.low, g.high);
    return snapped(down(low), up(high), grain);
  }

 private:
  Real constant_, slope_, scale_ = 0, max_break_ = 0, low_ = kInfinity, high_ = -kInfinity;
  std::vector<Real> breaks_, at_, slopes_;  // f at each break, the slope right of it
};

// The values in both sets: multiples of both grains, so of the coarser one.
Range intersect(const Range& a, const Range& b) {
  if (a.grain == Range::kZeroGrain || b.grain == Range::kZeroGrain) return zero_range();
  return snapped(std::max(a.low, b.low), std::min(a.high, b.high), std::max(a.grain, b.grain));
}

// A table's intervals narrowed to the multiples of 2^grain they contain.
void snap_table(std::vector<Real>& low, std::vector<Real>& high, int grain,
                const std::vector<int>* grains = nullptr) {
  int last = Range::kZeroGrain;
  Real step = 0;
  for (size_t k = 0; k < low.size(); ++k) {
    int g = grains ? std::max(grain, (*grains)[k]) : grain;
    if (g == Range::kZeroGrain) {
      low[k] = high[k] = 0;
      continue;
    }
    if (g <= -16000) continue;
    if (g != last) step = std::ldexp(Real(1), g), last = g;
    Real l = std::ceil(low[k] / step) * step, h = std::floor(high[k] / step) * step;
    if (l > h) l = h = std::ceil(low[k] / step) * step;  // empty: never happens for a sound table
    low[k] = l + Real(0), high[k] = h + Real(0);
  }
}

// w·table, value by value.
Table scaled(const Table& t, Real w) {
  auto low = std::make_shared<std::vector<Real>>(t.low->size()),
       high = std::make_shared<std::vector<Real>>(t.low->size());
  for (size_t k = 0; k < low->size(); ++k) {
    Real a = w * (*t.low)[k], b = w * (*t.high)[k];
    (*low)[k] = std::min(a, b);
    (*high)[k] = std::max(a, b);
  }
  std::shared_ptr<std::vector<int>> grain;
  if (t.grain) {
    grain = std::make_shared<std::vector<int>>(*t.grain);
    for (int& g : *grain)
      if (g != Range::kZeroGrain) g += grain_of(double(w));
  }
  return Table{t.source, low, high, grain};
}

const Table* table_of(const Tables& tables, int source) {
  for (const Table& t : tables)
    if (t.source == source) return &t;
  return nullptr;
}

// A sum of terms w·q, each q a range with its tables: the range of the sum, its tables
// (per source, the tabled terms value by value and every other term's range added to
// each value), and a bound of every partial sum (of any subset of the terms, so in any
// order of summation): per source, the largest sum of the terms' magnitudes at one value.
class Accumulator {
 public:
  explicit Accumulator(const std::vector<size_t>& sizes) : sizes_(sizes) {}

  void add(Real w, const Range& q, const Tables& tables, bool counts_for_partial_sums = true) {
    if (q.grain == Range::kZeroGrain || w == 0) return;
    Range term = w == 1 ? q : multiply(constant(double(w)), q);
    box_ = add_ranges(box_, term);
    Real m = term.magnitude();
    if (counts_for_partial_sums) magnitude_ = up(magnitude_ + m);
    abs_ += m;
    grain_ = std::min(grain_, term.grain);
    low_ += term.low, high_ += term.high;
    ++terms_;
    term_grains_.push_back({term.grain, {}});
    int weight_grain = grain_of(double(w));
    for (const Table& t : tables) {
      PerSource& s = sources_[t.source];
      term_grains_.back().second.push_back(t.source);
      size_t n = t.low->size();
      if (s.low.empty())
        s.low.assign(n, 0), s.high.assign(n, 0), s.magnitude.assign(n, 0),
            s.grain.assign(n, Range::kZeroGrain);
      for (size_t k = 0; k < n; ++k) {
        Real a = w * (*t.low)[k], b = w * (*t.high)[k];
        if (a > b) std::swap(a, b);
        s.low[k] += a, s.high[k] += b;
        if (counts_for_partial_sums) s.magnitude[k] += std::max(std::fabs(a), std::fabs(b));
        if (a != 0 || b != 0) {
          int g = t.grain_at(k, q.grain);
          s.grain[k] = std::min(s.grain[k], g == Range::kZeroGrain ? term.grain : g + weight_grain);
        }
      }
      s.low_covered += term.low, s.high_covered += term.high;
      if (counts_for_partial_sums) s.magnitude_covered += m;
    }
  }

  struct Result {
    Range range;
    Tables tables;
    Real magnitude = 0;  // of every partial sum
    int grain = Range::kZeroGrain;
  };

  Result finish(size_t max_tables = kMaxTables) const {
    Result r{box_, {}, magnitude_, grain_};
    if (box_.grain == Range::kZeroGrain) return r;
    Real error = rounding(terms_, abs_);
    struct Candidate {
      int source;
      std::shared_ptr<std::vector<Real>> low, high;
      std::shared_ptr<std::vector<int>> grain;
      Real mean_width;
    };
    std::vector<Candidate> candidates;
    int table_grain = Range::kZeroGrain + 1;  // the coarsest grain a table shows (none yet)
    for (const auto& [source, s] : sources_) {
      int uncovered = Range::kZeroGrain;  // of the terms this source does not table
      for (const auto& [g, covered] : term_grains_)
        if (std::find(covered.begin(), covered.end(), source) == covered.end())
          uncovered = std::min(uncovered, g);
      auto grain = std::make_shared<std::vector<int>>(s.grain.size());
      int finest = Range::kZeroGrain;
      for (size_t k = 0; k < s.grain.size(); ++k) {
        (*grain)[k] = std::min(s.grain[k], uncovered);
        finest = std::min(finest, (*grain)[k]);
      }
      table_grain = table_grain == Range::kZeroGrain + 1 ? finest : std::max(table_grain, finest);
      Real other_low = low_ - s.low_covered, other_high = high_ - s.high_covered;
      auto low = std::make_shared<std::vector<Real>>(s.low.size()),
           high = std::make_shared<std::vector<Real>>(s.low.size());
      Real table_low = kInfinity, table_high = -kInfinity, largest = 0;
      for (size_t k = 0; k < s.low.size(); ++k) {
        (*low)[k] = s.low[k] + other_low - error;
        (*high)[k] = s.high[k] + other_high + error;
        table_low = std::min(table_low, (*low)[k]);
        table_high = std::max(table_high, (*high)[k]);
        largest = std::max(largest, s.magnitude[k]);
      }
      r.range = intersect(r.range, snapped(down(table_low), up(table_high), grain_));
      r.magnitude = std::min(r.magnitude, up(largest + (magnitude_ - s.magnitude_covered) + error));
      candidates.push_back({source, low, high, grain, 0});
    }
    // Every value of the sum (and every partial sum) is a multiple of 2^g at each value
    // of a source, so of the coarsest such grain over the sources.
    if (table_grain != Range::kZeroGrain + 1 && table_grain > r.grain && r.range.grain != Range::kZeroGrain) {
      r.grain = std::min(table_grain, Range::kZeroGrain);
      r.range = table_grain == Range::kZeroGrain
                    ? zero_range()
                    : snapped(r.range.low, r.range.high, std::max(r.range.grain, table_grain));
    }
    if (r.range.grain == Range::kZeroGrain) return r;
    Real width = r.range.high - r.range.low;
    for (Candidate& c : candidates) {
      Real sum = 0;
      snap_table(*c.low, *c.high, r.range.grain, c.grain.get());
      for (size_t k = 0; k < c.low->size(); ++k) {
        (*c.low)[k] = std::max((*c.low)[k], r.range.low);
        (*c.high)[k] = std::min((*c.high)[k], r.range.high);
        sum += std::max<Real>((*c.high)[k] - (*c.low)[k], 0);
      }
      c.mean_width = sum / Real(c.low->size());
    }
    // The most informative tables: the narrowest on average against the range.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const Candidate& a, const Candidate& b) { return a.mean_width < b.mean_width; });
    for (const Candidate& c : candidates)
      if (r.tables.size() < max_tables && c.mean_width < width)
        r.tables.push_back({c.source, c.low, c.high, c.grain});
    // Kept in the last places whatever their rank by average width, each replacing the last of
    // the others: the source that tables the most terms (it relates them all: a sum of op
    // flags, each promoted to a two-valued source of its own that looks narrower on
    // average, stays a function of the fetched op byte's token) and, before it, the
    // source whose values show the coarsest grains beyond the sum's (a shift's kept bits
    // from s up are a multiple of 2^s at each s: 2^-s times them is then an integer).
    auto keep = [&](const Candidate& c, size_t behind) {  // `behind`: tables kept after it
      if (table_of(r.tables, c.source) || max_tables <= behind) return;
      if (r.tables.size() == max_tables) r.tables.erase(r.tables.end() - 1 - std::ptrdiff_t(behind));
      r.tables.insert(r.tables.end() - std::ptrdiff_t(behind), Table{c.source, c.low, c.high, c.grain});
    };
    const Candidate *shared = nullptr, *coarse = nullptr;
    size_t most = 1;
    Real best_gain = 0;
    for (const Candidate& c : candidates) {
      if (c.mean_width >= width) continue;
      size_t covering = 0;
      for (const auto& [g, covered] : term_grains_)
        covering += std::find(covered.begin(), covered.end(), c.source) != covered.end();
      if (covering > most) shared = &c, most = covering;
      Real gain = 0;
      for (int g : *c.grain)
        if (g != Range::kZeroGrain && g > r.grain) gain += std::min(g - r.grain, 64);
      if (gain > best_gain) coarse = &c, best_gain = gain;
    }
    bool shared_last = shared && !table_of(r.tables, shared->source);
    if (shared) keep(*shared, 0);
    if (coarse && coarse != shared) keep(*coarse, shared_last ? 1 : 0);
    return r;
  }

 private:
  static Range add_ranges(const Range& a, const Range& b) { return c2w::verify::add(a, b); }
  struct PerSource {
    std::vector<Real> low, high, magnitude;
    std::vector<int> grain;
    Real low_covered = 0, high_covered = 0, magnitude_covered = 0;
  };
  const std::vector<size_t>& sizes_;
  Range box_ = zero_range();
  Real magnitude_ = 0, abs_ = 0, low_ = 0, high_ = 0;
  int grain_ = Range::kZeroGrain;
  size_t terms_ = 0;
  std::map<int, PerSource> sources_;
  std::vector<std::pair<int, std::vector<int>>> term_grains_;  // per term: its grain, the sources it tables
};

// The residual stream at every position, abstracted: a box per coordinate and, where
// known, its form.
struct Stream {
  std::vector<Range> box;
  std::vector<Form> form;
  std::vector<uint64_t> version;  // changes whenever the coordinate is written
};

// A coordinate written by the feed-forward's linear map alone (a compact copy of a
// sum): its box and tables hold the sum row · x for as long as no coordinate of the row
// is written again, even after the copy's slot is reused. A later row that reads λ times
// that sum reads it with those tables (a shift amount computed from a byte's two parts
// relates to the copy of that byte the thresholds were counted on).
struct Definition {
  Range box;      // of the sum, when it was written
  Tables tables;  // its tables then (with the identity of the source it was promoted to)
  std::vector<Entry> row;
  std::vector<uint64_t> versions;
};

// A term of a row after substitution: λ times a definition's sum.
struct DefinedTerm {
  double lambda;
  Range box;
  Tables tables;
};

// A threshold count and its product (the digit step of a long division): the feed-
// forward writes q = Σ_{m=1..M} (ReLU(u − m·v + 1) − ReLU(u − m·v)) to a coordinate that
// was 0, u and v integers, v >= 0, so q = #{m : m·v <= u}, a set closed downwards: q·v <= u
// when q >= 1. A later neuron writes P = ReLU(q)·v = q·v. Then u − P lies in
// [min(0, u), u], whatever the boxes of q and v say: the remainder of a division step is
// at most what was divided.
struct Count {
  int u, v;
  uint64_t u_version, v_version;
};
struct Product {
  int q, v;
  uint64_t q_version, v_version;
};

// A selection: the feed-forward writes P = ReLU(f)·(V·x) to a coordinate that was 0, with
// f in {0, 1} (an integer in [0, 1]), so P is 0 or V·x.
struct Mux {
  int f;
  uint64_t f_version;
  std::vector<Entry> value;
  std::vector<uint64_t> value_versions;
  std::vector<Range> value_boxes;  // V's coordinates then: a coordinate written since is read as its box then
};

// A dot product's range and tables, and the bound of its partial sums.
struct DotResult {
  Range range;
  Tables tables;
  Real magnitude = 0;
  int grain = Range::kZeroGrain;
};

class Analysis {
 public:
  Analysis(ExactnessLedger& ledger) : ledger_(ledger) {}

  // row · x: its range and tables (coordinates of one piecewise source combined through
  // their forms, tabled coordinates value by value), and the bound of every partial sum
  // (the engine adds the row's terms one by one, in any order), recorded.
  DotResult dot(const std::vector<Entry>& original, const Stream& x,
                const std::function<std::string()>& where) {
    std::vector<Entry> substituted;
    std::vector<DefinedTerm> defined;
    bool changed = substitute(original, x, substituted, defined);
    const std::vector<Entry>& row = changed ? substituted : original;
    Accumulator acc(sizes_);
    bool any_piecewise = false;
    for (const Entry& e : original) {
      const Form& f = x.form[size_t(e.column)];
      any_piecewise =
          any_piecewise || (f.known() && f.source >= 0 && x.box[size_t(e.column)].grain != Range::kZeroGrain);
    }
    for (const Entry& e : row) {
      const Range& xi = x.box[size_t(e.column)];
      if (xi.grain == Range::kZeroGrain) continue;
      const Form& f = x.form[size_t(e.column)];
      any_piecewise = any_piecewise || (f.known() && f.source >= 0);
      acc.add(e.weight, xi, f.tables);
    }
    for (const DefinedTerm& d : defined) acc.add(d.lambda, d.box, d.tables);
    Accumulator::Result r = acc.finish();
    DotResult out{r.range, r.tables, r.magnitude, r.grain};
    if (changed) {  // the engine adds the original terms: their partial sums, their grain
      Accumulator terms(sizes_);
      for (const Entry& e : original)
        terms.add(e.weight, x.box[size_t(e.column)], x.form[size_t(e.column)].tables);
      Accumulator::Result t = terms.finish(0);
      out.magnitude = t.magnitude, out.grain = t.grain;
      if (t.range.grain == Range::kZeroGrain) return DotResult{zero_range(), {}, 0, Range::kZeroGrain};
      out.range = intersect(out.range, t.range);
    }
    if (any_piecewise && out.range.grain != Range::kZeroGrain) {
      Range pw = piecewise_dot(original, x);
      if (changed) {
        Range after = piecewise_dot(row, x);
        for (const DefinedTerm& d : defined) after = add(after, multiply(constant(d.lambda), d.box));
        pw = intersect(pw, after);
      }
      out.range = intersect(out.range, pw);
    }
    if (out.range.grain != Range::kZeroGrain && mux_depth_ < 2)
      out.range = intersect(out.range, mux_split(original, x));
    if (out.grain != Range::kZeroGrain && where)
      ledger_.record(Range{-out.magnitude, out.magnitude, out.grain}, where);
    return out;
  }

  // row · x with the coordinates of one piecewise source combined into one function of
  // its gate g, and, when the row holds λ times g's own row (the clamp min(a, c) =
  // a − ReLU(a − c) reads a and the ReLU), λ·g too: f(g) = λ·g + Σ w·ReLU(g + t),
  // whose range is exact. The other coordinates as boxes.
  Range piecewise_dot(const std::vector<Entry>& row, const Stream& x) {
    std::map<int, double> entries;  // column -> weight
    std::set<int> present;          // the piecewise sources of the row's coordinates
    for (const Entry& e : row) {
      if (x.box[size_t(e.column)].grain == Range::kZeroGrain) continue;
      entries[e.column] = e.weight;
      const Form& f = x.form[size_t(e.column)];
      if (f.known() && f.source >= 0) present.insert(f.source);
    }
    // λ·g in the row: every column of g's row with the same ratio, none written since g
    // was read. Later sources first (a gate may read an earlier source's outputs: the
    // wrap of a sum inside a clamp).
    std::map<int, std::pair<Real, int>> linear;  // source -> (λ, grain of λ·g)
    for (auto it = present.rbegin(); it != present.rend(); ++it) {
      const std::vector<Entry>& gate = piece_rows_[size_t(*it)];
      const std::vector<uint64_t>& versions = piece_versions_[size_t(*it)];
      if (gate.empty() || !entries.count(gate[0].column)) continue;
      double lambda = entries[gate[0].column] / gate[0].weight;
      bool all = lambda != 0;
      for (size_t k = 0; k < gate.size() && all; ++k) {
        auto found = entries.find(gate[k].column);
        all = found != entries.end() && found->second == lambda * gate[k].weight &&
              x.version[size_t(gate[k].column)] == versions[k];
      }
      if (!all) continue;
      int grain = Range::kZeroGrain;
      for (const Entry& e : gate) {
        grain = std::min(grain, multiply(constant(entries[e.column]), x.box[size_t(e.column)]).grain);
        entries.erase(e.column);
      }
      linear[*it] = {lambda, grain};
    }
    std::map<int, Form> by_source;
    std::map<int, int> source_grain;
    Range sum = zero_range();
    for (auto [column, w] : entries) {
      const Range& xi = x.box[size_t(column)];
      const Form& f = x.form[size_t(column)];
      if (f.known() && f.source >= 0) {
        Form& s = by_source[f.source];
        s.constant += w * f.constant;
        for (auto [a, t] : f.terms) s.terms.push_back({w * a, t});
        int grain = multiply(constant(w), xi).grain;
        auto [it, fresh] = source_grain.emplace(f.source, grain);
        if (!fresh) it->second = std::min(it->second, grain);
      } else {
        sum = add(sum, multiply(constant(w), xi));
      }
    }
    for (auto [source, lambda] : linear) {
      by_source[source];
      auto [it, fresh] = source_grain.emplace(source, lambda.second);
      if (!fresh) it->second = std::min(it->second, lambda.second);
    }
    for (auto& [source, f] : by_source) {
      auto l = linear.find(source);
      Real slope = l == linear.end() ? 0 : l->second.first;
      sum = add(
          sum,
          PiecewiseLinear(f.constant, f.terms, slope).range(pieces_[size_t(source)], source_grain[source]));
    }
    return sum;
  }

  // A row reading λ·P for a selection P = f·(V·x) (see Mux) is R'·x + λ·f·(V·x), so
  // R'·x when f = 0 and (R' + λ·V)·x when f = 1: the range is the join of the two rows'
  // (the cases of f), where boxes would add V's range to R''s (a value chosen between x
  // and y by x + f·(y − x) then lies between them).
  Range mux_split(const std::vector<Entry>& row, const Stream& x) {
    Range all{-kInfinity, kInfinity, -16000};
    for (const Entry& e : row) {
      auto it = muxes_.find(e.column);
      if (it == muxes_.end() || x.version[size_t(e.column)] != it->second.first) continue;
      const Mux& mux = it->second.second;
      if (x.version[size_t(mux.f)] != mux.f_version) continue;
      std::map<int, double> off, on;
      for (const Entry& r : row)
        if (r.column != e.column) off[r.column] += r.weight;
      on = off;
      Range written = zero_range();  // λ·(the terms of V whose coordinate was written since)
      for (size_t k = 0; k < mux.value.size(); ++k) {
        const Entry& v = mux.value[k];
        if (x.version[size_t(v.column)] == mux.value_versions[k])
          on[v.column] += e.weight * v.weight;
        else
          written = add(written, multiply(constant(e.weight * v.weight), mux.value_boxes[k]));
      }
      auto as_row = [](const std::map<int, double>& m) {
        std::vector<Entry> r;
        for (auto [c, w] : m)
          if (w != 0) r.push_back({c, w, grain_of(w)});
        return r;
      };
      ++mux_depth_;
      Range a = dot(as_row(off), x, nullptr).range, b = add(dot(as_row(on), x, nullptr).range, written);
      --mux_depth_;
      Range joined = join(a, b);
      return joined.grain == Range::kZeroGrain ? zero_range() : joined;
    }
    return all;
  }

  // The row with every valid definition's sum taken out as a defined term (see
  // Definition); false when none applies.
  bool substitute(const std::vector<Entry>& row, const Stream& x, std::vector<Entry>& out,
                  std::vector<DefinedTerm>& defined) const {
    if (definitions_.empty() && products_.empty()) return false;
    std::map<int, double> entries;
    for (const Entry& e : row)
      if (x.box[size_t(e.column)].grain != Range::kZeroGrain) entries[e.column] += e.weight;
    bool changed = false;
    for (int round = 0; round < 8; ++round) {
      bool applied = false;
      for (auto it = entries.begin(); it != entries.end() && !applied; ++it) {
        auto [first, last] = definitions_.equal_range(it->first);
        const double weight = it->second;
        for (auto d = last; d != first && !applied;) {  // the latest definitions first
          const Definition& def = (--d)->second;
          double lambda = weight / def.row[0].weight;
          bool all = lambda != 0 && def.row.size() > 1;
          for (size_t k = 0; k < def.row.size() && all; ++k) {
            auto found = entries.find(def.row[k].column);
            all = found != entries.end() && found->second == lambda * def.row[k].weight &&
                  x.version[size_t(def.row[k].column)] == def.versions[k];
          }
          if (!all) continue;
          for (const Entry& e : def.row) entries.erase(e.column);  // `it` among them: leave both loops
          defined.push_back({lambda, def.box, def.tables});
          applied = changed = true;
        }
        if (applied) break;
      }
      if (!applied) break;
    }
    // a·u − a·P for a product P = q·v of a threshold count q of u by v (see Count).
    for (auto it = entries.begin(); it != entries.end();) {
      auto product = products_.find(it->first);
      bool applied = false;
      if (product != products_.end() && x.version[size_t(it->first)] == product->second.first) {
        const Product& pr = product->second.second;
        auto count = counts_.find(pr.q);
        if (count != counts_.end() && x.version[size_t(pr.q)] == pr.q_version &&
            count->second.first == pr.q_version) {
          const Count& c = count->second.second;
          auto u = entries.find(c.u);
          if (c.v == pr.v && c.v_version == pr.v_version && x.version[size_t(c.v)] == c.v_version &&
              x.version[size_t(c.u)] == c.u_version && u != entries.end() && u->second == -it->second) {
            const Range& ub = x.box[size_t(c.u)];
            const Range& pb = x.box[size_t(it->first)];
            Range remainder = snapped(std::min<Real>(0, ub.low), ub.high, std::min(ub.grain, pb.grain));
            defined.push_back({u->second, remainder, {}});
            entries.erase(u);
            it = entries.erase(it);
            applied = changed = true;
          }
        }
      }
      if (!applied) ++it;
    }
    if (!changed) return false;
    out.clear();
    for (auto [column, w] : entries) out.push_back({column, w, grain_of(w)});
    return true;
  }

  void define(const Range& box, const Tables& tables, const std::vector<Entry>& all, const Stream& x) {
    std::vector<Entry> row;  // the coordinates that are exactly 0 add nothing
    for (const Entry& e : all)
      if (x.box[size_t(e.column)].grain != Range::kZeroGrain) row.push_back(e);
    if (row.size() < 2 || box.grain == Range::kZeroGrain) return;
    Definition def{box, tables, row, {}};
    for (const Entry& e : row) def.versions.push_back(x.version[size_t(e.column)]);
    definitions_.emplace(row[0].column, std::move(def));
  }
  uint64_t new_version() { return next_version_++; }

  // A coordinate with few values that is no exact function of a tabled source becomes a
  // source of its own (its table is the identity): what is computed from it later is
  // tabled value by value (case splitting on it), so the thresholds of a shift amount and
  // the power of two it selects stay related.
  void promote(const Range& r, Tables& tables) {
    if (r.grain == Range::kZeroGrain || r.grain <= -64) return;
    Real step = std::ldexp(Real(1), r.grain);
    Real count = std::floor((r.high - r.low) / step) + 1;
    if (count < 2 || count > Real(kMaxScalarValues)) return;
    for (const Table& t : tables)
      if (*t.low == *t.high) return;  // an exact function of a source already
    int source = new_discrete_source(size_t(count));
    auto values = std::make_shared<std::vector<Real>>(size_t(count));
    for (size_t k = 0; k < values->size(); ++k) (*values)[k] = r.low + Real(k) * step;
    tables.insert(tables.begin(), Table{source, values, values, grains_of(*values)});
    if (tables.size() > kMaxTables) tables.pop_back();
  }

  // A gate that reads a coordinate of at most kSplitValues values (a flag in {0, 1}:
  // valid, which gates the op flags' is_zero tests of the fetched op byte) is computed
  // once per value of it, with the coordinate fixed there. The tables of each case hold
  // whenever the coordinate has that value, so their join holds at every position, where
  // one pass would add the coordinate's whole range at every value of the other sources
  // (the op byte's table would read op + 1024·[0, 1], every op flag possible at every op).
  // Empty when no coordinate qualifies; the most valuable one (fewest values, then the
  // widest term) is split.
  std::vector<DotResult> split_gate(const std::vector<Entry>& row, const Stream& x) {
    int best = -1;
    Real best_count = 0, best_width = 0;
    size_t live = 0;
    for (const Entry& e : row) {
      const Range& r = x.box[size_t(e.column)];
      if (r.grain == Range::kZeroGrain) continue;
      ++live;
      if (r.grain <= -64) continue;
      Real count = std::floor((r.high - r.low) / std::ldexp(Real(1), r.grain)) + 1;
      Real width = std::fabs(Real(e.weight)) * (r.high - r.low);
      if (count < 2 || count > Real(kSplitValues)) continue;
      if (best < 0 || count < best_count || (count == best_count && width > best_width))
        best = e.column, best_count = count, best_width = width;
    }
    if (best < 0 || live < 2) return {};
    Stream fixed = x;
    const Range whole = x.box[size_t(best)];
    const Real step = std::ldexp(Real(1), whole.grain);
    std::vector<DotResult> out;
    for (size_t k = 0; k < size_t(best_count); ++k) {
      Real value = whole.low + Real(k) * step;
      fixed.box[size_t(best)] = value == 0 ? zero_range() : constant(double(value));
      fixed.form[size_t(best)] = value == 0 ? Form{-1, 0, {}, {}} : Form{};
      out.push_back(dot(row, fixed, nullptr));
    }
    return out;
  }

  int new_piecewise_source(const Range& g, const std::vector<Entry>& gate_row, const Stream& x) {
    pieces_.push_back(g);
    piece_rows_.push_back(gate_row);
    piece_versions_.emplace_back();
    for (const Entry& e : gate_row) piece_versions_.back().push_back(x.version[size_t(e.column)]);
    return int(pieces_.size()) - 1;
  }
  int new_discrete_source(size_t size) {
    sizes_.push_back(size);
    return int(sizes_.size()) - 1;
  }
  size_t source_size(int source) const { return sizes_[size_t(source)]; }
  const std::vector<size_t>& sizes() const { return sizes_; }

  // One ReGLU feed-forward sublayer with its residual connection (see NeuronGroup).
  Stream feed_forward(const SparseModelRows::Block& block, const Stream& x, const std::string& block_name,
                      int one, std::vector<Range>* gates, std::vector<Range>* products) {
    const size_t d = x.box.size();
    Stream out{std::vector<Range>(d), std::vector<Form>(d), x.version};
    auto neuron_name = [&](const char* what, int n) {
      return [&, what, n] { return block_name + " ffn " + what + " " + std::to_string(n); };
    };
    // The value of each coordinate (its range and tables) and, apart, the engine's terms
    // for the partial sums: x_i, each linear neuron's and each group neuron's output.
    std::vector<std::unique_ptr<Accumulator>> value(d), terms(d);
    auto value_of = [&](size_t i) -> Accumulator& {
      if (!value[i]) value[i] = std::make_unique<Accumulator>(sizes_);
      return *value[i];
    };
    auto terms_of = [&](size_t i) -> Accumulator& {
      if (!terms[i]) {
        terms[i] = std::make_unique<Accumulator>(sizes_);
        terms[i]->add(1, x.box[i], x.form[i].tables);
      }
      return *terms[i];
    };
    // (I + L) x, and which piecewise forms survive it.
    for (size_t i = 0; i < d; ++i) {
      const auto& linear = block.linear_rows[i];
      bool identity = linear.size() == 1 && linear[0].first == int(i) && linear[0].second == 1;
      if (identity) {
        out.box[i] = x.box[i];
        out.form[i] = x.form[i];
        continue;
      }
      std::vector<Entry> row;
      for (auto [j, c] : linear) row.push_back({j, double(c), grain_of(double(c))});
      DotResult r = dot(row, x, nullptr);
      value_of(i).add(1, r.range, r.tables);
      out.box[i] = r.range;
      out.form[i] = Form{};
      if (row.empty() || r.range.grain == Range::kZeroGrain) out.form[i] = Form{-1, 0, {}, {}};
    }
    // The engine's terms of the linear neurons, for the partial sums.
    for (size_t k = 0; k < block.linear_neurons.size(); ++k) {
      int n = block.linear_neurons[k];
      DotResult v = dot(block.value[size_t(n)], x, neuron_name("value", n));
      Range product = multiply(constant(block.linear_gate[k]), v.range);
      ledger_.record(product, neuron_name("product", n));
      if (products) (*products)[size_t(n)] = product;
      if (gates) (*gates)[size_t(n)] = constant(block.linear_gate[k]);
      Tables tables;
      for (const Table& t : v.tables) tables.push_back(scaled(t, block.linear_gate[k]));
      for (const Entry& o : block.output_columns[size_t(n)])
        terms_of(size_t(o.column)).add(o.weight, product, tables);
    }
    std::vector<bool> group_written(d);
    auto group_value_of = [&](size_t i) -> Accumulator& {
      group_written[i] = true;
      return value_of(i);
    };
    for (const SparseModelRows::NeuronGroup& group : block.groups)
      feed_group(group, x, block_name, one, out, group_value_of, terms_of, gates, products);
    std::map<int, std::vector<std::pair<int, std::pair<int, double>>>> steps;  // q -> (u, (v, m))
    std::map<int, std::pair<int, int>> step_products;                          // P -> (q, v)
    std::map<int, const SparseModelRows::NeuronGroup*> selections;             // P -> its group
    std::vector<int> writers(d);
    for (const SparseModelRows::NeuronGroup& group : block.groups) {
      for (const auto& [i, terms] : group.outputs) ++writers[size_t(i)];
      bool constant_value =
          group.value.size() == 1 && group.value[0].column == one && group.value[0].weight == 1;
      if (group.neurons.size() == 2 && constant_value && group.outputs.size() == 1 &&
          group.gate_variable.size() == 2 && group.outputs[0].second.size() == 2) {
        const auto& terms = group.outputs[0].second;
        int on = terms[0].second == 1 ? terms[0].first : terms[1].first;
        int off = terms[0].second == 1 ? terms[1].first : terms[0].first;
        bool weights = (terms[0].second == 1 && terms[1].second == -1) ||
                       (terms[0].second == -1 && terms[1].second == 1);
        const Entry& a = group.gate_variable[0];
        const Entry& b = group.gate_variable[1];
        const Entry& u = a.weight == 1 ? a : b;
        const Entry& v = a.weight == 1 ? b : a;
        if (weights && group.thresholds[size_t(on)] == 1 && group.thresholds[size_t(off)] == 0 &&
            u.weight == 1 && v.weight <= -1 && v.weight == std::floor(v.weight))
          steps[group.outputs[0].first].push_back({u.column, {v.column, -v.weight}});
      }
      if (group.neurons.size() == 1 && group.thresholds[0] == 0 && group.gate_variable.size() == 1 &&
          group.gate_variable[0].weight == 1 && group.value.size() == 1 && group.value[0].weight == 1 &&
          group.outputs.size() == 1 && group.outputs[0].second.size() == 1 &&
          group.outputs[0].second[0].second == 1)
        step_products[group.outputs[0].first] = {group.gate_variable[0].column, group.value[0].column};
      if (group.neurons.size() == 1 && group.thresholds[0] == 0 && group.gate_variable.size() == 1 &&
          group.gate_variable[0].weight == 1 && group.outputs.size() == 1 &&
          group.outputs[0].second.size() == 1 && group.outputs[0].second[0].second == 1)
        selections[group.outputs[0].first] = &group;
    }
    auto fresh = [&](int i) {  // written by one of this block's groups alone, from 0
      const auto& linear = block.linear_rows[size_t(i)];
      return linear.size() == 1 && linear[0].first == i && linear[0].second == 1 &&
             x.box[size_t(i)].grain == Range::kZeroGrain;
    };
    for (size_t i = 0; i < d; ++i) {
      if (terms[i]) {
        Accumulator::Result t = terms[i]->finish(0);
        if (t.grain != Range::kZeroGrain)
          ledger_.record(Range{-t.magnitude, t.magnitude, t.grain},
                         [&] { return block_name + " ffn residual " + std::to_string(i); });
      }
      if (!value[i]) continue;
      // Every term of the coordinate: its old value (when the linear map kept it) and the
      // groups' outputs.
      const auto& linear = block.linear_rows[i];
      bool identity = linear.size() == 1 && linear[0].first == int(i) && linear[0].second == 1;
      if (identity) value[i]->add(1, x.box[i], x.form[i].tables);
      Accumulator::Result r = value[i]->finish();
      Range box = r.range;
      const Form& f = out.form[i];
      if (f.known() && f.source >= 0 && box.grain != Range::kZeroGrain)
        box =
            intersect(box, PiecewiseLinear(f.constant, f.terms).range(pieces_[size_t(f.source)], box.grain));
      out.box[i] = box;
      out.form[i].tables = box.grain == Range::kZeroGrain ? Tables{} : r.tables;
      promote(box, out.form[i].tables);
      out.version[i] = new_version();
      if (!identity && !group_written[i]) {
        std::vector<Entry> row;
        for (auto [j, c] : linear) row.push_back({j, double(c), grain_of(double(c))});
        define(out.box[i], out.form[i].tables, row, x);
      }
      if (box.grain == Range::kZeroGrain) out.form[i] = Form{-1, 0, {}, {}};
    }
    for (auto& [q, list] : steps) {
      if (!fresh(q) || int(list.size()) != writers[size_t(q)]) continue;
      int u = list[0].first, v = list[0].second.first;
      std::set<double> multiples;
      bool ok = x.box[size_t(u)].grain >= 0 && x.box[size_t(v)].grain >= 0 && x.box[size_t(v)].low >= 0;
      for (const auto& [uu, vm] : list)
        ok = ok && uu == u && vm.first == v && multiples.insert(vm.second).second;
      if (ok) counts_[q] = {out.version[size_t(q)], Count{u, v, x.version[size_t(u)], x.version[size_t(v)]}};
    }
    for (auto& [product, group] : selections) {
      int f = group->gate_variable[0].column;
      const Range& fb = x.box[size_t(f)];
      if (!fresh(product) || writers[size_t(product)] != 1 || fb.grain < 0 || fb.low < 0 || fb.high > 1)
        continue;
      Mux mux{f, x.version[size_t(f)], group->value, {}, {}};
      for (const Entry& e : group->value) {
        mux.value_versions.push_back(x.version[size_t(e.column)]);
        mux.value_boxes.push_back(x.box[size_t(e.column)]);
      }
      muxes_[product] = {out.version[size_t(product)], std::move(mux)};
    }
    for (auto& [product, qv] : step_products)
      if (fresh(product) && writers[size_t(product)] == 1 && x.box[size_t(qv.first)].low >= 0)
        products_[product] = {
            out.version[size_t(product)],
            Product{qv.first, qv.second, x.version[size_t(qv.first)], x.version[size_t(qv.second)]}};
    return out;
  }

  // One group of neurons sharing a gate's variable part g and a value row v (see
  // NeuronGroup): the products ReLU(g + t_k)·v, recorded, and their outputs added to the
  // coordinates they write, as ranges and as tables (value by value of every source that
  // g or v is tabled on: a member whose gate is <= 0 at a value adds 0 there).
  template <class ValueOf, class TermsOf>
  void feed_group(const SparseModelRows::NeuronGroup& group, const Stream& x, const std::string& block_name,
                  int one, Stream& out, ValueOf& value_of, TermsOf& terms_of, std::vector<Range>* gates,
                  std::vector<Range>* products) {
    auto neuron_name = [&](const char* what, int n) {
      return [&, what, n] { return block_name + " ffn " + what + " " + std::to_string(n); };
    };
    int first = group.neurons.front();
    DotResult g = dot(group.gate_variable, x, neuron_name("gate", first));
    DotResult v = dot(group.value, x, neuron_name("value", first));
    // A gate λ times an earlier such gate (the same coordinates, not written since; λ a
    // power of two, so λ·g is exact) is a table of that gate's source: the thresholds of
    // a shift amount counted on -s and the power 2^-s selected on s stay one case split.
    if (g.tables.empty() && g.range.grain != Range::kZeroGrain)
      for (const GateSource& earlier : gate_sources_) {
        const std::vector<Entry>& row = group.gate_variable;
        if (earlier.row.size() != row.size() || row.empty()) continue;
        double lambda = row[0].weight / earlier.row[0].weight;
        int exponent = 0;
        bool same = std::frexp(std::fabs(lambda), &exponent) == 0.5;
        for (size_t k = 0; k < row.size() && same; ++k)
          same = row[k].column == earlier.row[k].column && row[k].weight == lambda * earlier.row[k].weight &&
                 x.version[size_t(row[k].column)] == earlier.versions[k];
        if (!same) continue;
        auto values = std::make_shared<std::vector<Real>>(*earlier.values);
        for (Real& value : *values) value *= lambda;
        g.tables.push_back({earlier.source, values, values, grains_of(*values)});
        break;
      }
    // A gate with few values and no table: a discrete source of its own, so that the
    // group's outputs (a step function of g, a table over g) are tables of g's value.
    if (g.tables.empty() && g.range.grain != Range::kZeroGrain && g.range.grain > -64) {
      Real step = std::ldexp(Real(1), g.range.grain);
      Real count = std::floor((g.range.high - g.range.low) / step) + 1;
      if (count >= 2 && count <= Real(kMaxScalarValues)) {
        int source = new_discrete_source(size_t(count));
        auto values = std::make_shared<std::vector<Real>>(size_t(count));
        for (size_t k = 0; k < values->size(); ++k) (*values)[k] = g.range.low + Real(k) * step;
        g.tables.push_back({source, values, values, grains_of(*values)});
        GateSource made{group.gate_variable, {}, source, values};
        for (const Entry& e : group.gate_variable) made.versions.push_back(x.version[size_t(e.column)]);
        gate_sources_.push_back(std::move(made));
      }
    }
    const size_t members = group.neurons.size();
    // The gate once per value of its split coordinate (see split_gate): its tables then.
    std::vector<DotResult> cases = split_gate(group.gate_variable, x);
    // The sources the products are tabled on, within the work budget.
    std::vector<int> sources;
    Real work = 0;
    std::vector<const Tables*> all_tables;  // the cases' first: the split is for them
    for (const DotResult& c : cases) all_tables.push_back(&c.tables);
    all_tables.push_back(&g.tables), all_tables.push_back(&v.tables);
    const Real passes = Real(std::max<size_t>(1, cases.size()));
    for (const Tables* tables : all_tables)
      for (const Table& t : *tables) {
        Real cost = passes * Real(members + group.outputs.size()) * Real(t.low->size());
        if (std::find(sources.begin(), sources.end(), t.source) == sources.end() &&
            work + cost <= (cases.empty() ? kTableWork : kSplitTableWork)) {
          sources.push_back(t.source);
          work += cost;
        }
      }
    // The gate's intervals at value k of a source: one, or one per case of the split.
    auto gate_at = [&](int source, size_t k, std::vector<std::pair<Real, Real>>& intervals) {
      intervals.clear();
      if (cases.empty()) {
        if (const Table* t = table_of(g.tables, source))
          intervals.push_back({(*t->low)[k], (*t->high)[k]});
        else
          intervals.push_back({g.range.low, g.range.high});
        return;
      }
      // Each case's interval, narrowed by the whole gate's table (both hold there); a case
      // whose interval is then empty does not happen at this value.
      Real whole_low = g.range.low, whole_high = g.range.high;
      if (const Table* t = table_of(g.tables, source)) whole_low = (*t->low)[k], whole_high = (*t->high)[k];
      for (const DotResult& c : cases) {
        Real low = 0, high = 0;
        if (const Table* t = c.range.grain == Range::kZeroGrain ? nullptr : table_of(c.tables, source))
          low = (*t->low)[k], high = (*t->high)[k];
        else if (c.range.grain != Range::kZeroGrain)
          low = c.range.low, high = c.range.high;
        low = std::max(low, whole_low), high = std::min(high, whole_high);
        if (low <= high) intervals.push_back({low, high});
      }
      if (intervals.empty()) intervals.push_back({whole_low, whole_high});
    };
    std::vector<std::pair<Real, Real>> intervals;
    auto value_at = [&](int source, size_t k, Real& low, Real& high) {
      if (const Table* t = table_of(v.tables, source))
        low = (*t->low)[k], high = (*t->high)[k];
      else
        low = v.range.low, high = v.range.high;
    };
    auto grain_at = [&](const DotResult& r, int source, size_t k) {
      const Table* t = table_of(r.tables, source);
      return t ? t->grain_at(k, r.range.grain) : r.range.grain;
    };
    auto times = [](Real al, Real ah, Real bl, Real bh, Real& low, Real& high) {
      Real p[4] = {al * bl, al * bh, ah * bl, ah * bh};
      low = *std::min_element(p, p + 4), high = *std::max_element(p, p + 4);
      Real error = rounding(1, std::max(std::fabs(low), std::fabs(high)));
      low -= error, high += error;
    };
    std::vector<Range> product(members);
    std::vector<Tables> product_tables(members);
    int relu_grain = Range::kZeroGrain;
    for (size_t k = 0; k < members; ++k) {
      int n = group.neurons[k];
      Real threshold = group.thresholds[k];
      Range gate = add(g.range, constant(group.thresholds[k]));
      Real m = up(g.magnitude + std::fabs(threshold));
      ledger_.record(Range{-m, m, gate.grain}, neuron_name("gate", n));
      if (gates) (*gates)[size_t(n)] = gate;
      product[k] = multiply(relu(gate), v.range);
      if (relu(gate).grain != Range::kZeroGrain) relu_grain = std::min(relu_grain, gate.grain);
      if (product[k].grain != Range::kZeroGrain)
        for (int source : sources) {
          size_t size = sizes_[size_t(source)];
          auto low = std::make_shared<std::vector<Real>>(size),
               high = std::make_shared<std::vector<Real>>(size);
          auto grain = std::make_shared<std::vector<int>>(size);
          Real table_low = kInfinity, table_high = -kInfinity;
          int finest = Range::kZeroGrain;
          const int threshold_grain = threshold == 0 ? Range::kZeroGrain : grain_of(double(threshold));
          for (size_t t = 0; t < size; ++t) {
            Real vl, vh, gh = 0;
            gate_at(source, t, intervals);
            value_at(source, t, vl, vh);
            (*low)[t] = kInfinity, (*high)[t] = -kInfinity;
            for (auto [il, ih] : intervals) {
              // g + t_k rounds: widen it before the ReLU.
              Real e = rounding(1, std::fabs(il) + std::fabs(ih) + std::fabs(threshold));
              Real gl = std::max<Real>(il + threshold - e, 0), h = std::max<Real>(ih + threshold + e, 0), lo,
                   hi;
              times(gl, h, vl, vh, lo, hi);
              (*low)[t] = std::min((*low)[t], lo), (*high)[t] = std::max((*high)[t], hi);
              gh = std::max(gh, h);
            }
            int gate_grain = std::min(grain_at(g, source, t), threshold_grain);
            int value_grain = grain_at(v, source, t);
            (*grain)[t] = gh == 0 || gate_grain == Range::kZeroGrain || value_grain == Range::kZeroGrain ||
                                  ((*low)[t] == 0 && (*high)[t] == 0)
                              ? Range::kZeroGrain
                              : gate_grain + value_grain;
            finest = std::min(finest, (*grain)[t]);
            table_low = std::min(table_low, (*low)[t]);
            table_high = std::max(table_high, (*high)[t]);
          }
          // Every product is a multiple of 2^finest (the finest grain over the values).
          if (finest > product[k].grain)
            product[k] =
                finest == Range::kZeroGrain ? zero_range() : snapped(product[k].low, product[k].high, finest);
          if (product[k].grain == Range::kZeroGrain) break;
          product[k] = intersect(product[k], snapped(down(table_low), up(table_high), product[k].grain));
          snap_table(*low, *high, product[k].grain, grain.get());
          product_tables[k].push_back({source, low, high, grain});
        }
      ledger_.record(product[k], neuron_name("product", n));
      if (products) (*products)[size_t(n)] = product[k];
    }
    if (relu_grain == Range::kZeroGrain || v.range.grain == Range::kZeroGrain)
      return;  // never fires, or v = 0
    // A constant value row (it reads the constant coordinate alone) and a gate without
    // tables: the outputs are piecewise linear functions of g, a source of their own.
    bool constant_value = group.value.size() == 1 && group.value[0].column == one;
    bool piecewise = constant_value;
    int piece = piecewise ? new_piecewise_source(g.range, group.gate_variable, x) : -1;
    for (const auto& [i, terms] : group.outputs) {
      int phi_grain = Range::kZeroGrain;
      std::vector<std::pair<double, double>> pl;
      for (auto [k, w] : terms) {
        terms_of(size_t(i)).add(w, product[size_t(k)], product_tables[size_t(k)]);
        phi_grain = std::min(phi_grain, grain_of(w) + relu_grain);
        pl.push_back({w, group.thresholds[size_t(k)]});
      }
      PiecewiseLinear phi(0, pl);
      Range term = multiply(phi.range(g.range, phi_grain), v.range);
      Tables term_tables;
      if (term.grain != Range::kZeroGrain)
        for (int source : sources) {
          size_t size = sizes_[size_t(source)];
          auto low = std::make_shared<std::vector<Real>>(size),
               high = std::make_shared<std::vector<Real>>(size);
          auto grain = std::make_shared<std::vector<int>>(size);
          int finest = Range::kZeroGrain;
          for (size_t t = 0; t < size; ++t) {
            Real vl, vh, gh = -kInfinity;
            gate_at(source, t, intervals);
            value_at(source, t, vl, vh);
            (*low)[t] = kInfinity, (*high)[t] = -kInfinity;
            for (auto [il, ih] : intervals) {
              auto [phi_low, phi_high] = phi.range(il, ih);
              Real lo, hi;
              times(phi_low, phi_high, vl, vh, lo, hi);
              (*low)[t] = std::min((*low)[t], lo), (*high)[t] = std::max((*high)[t], hi);
              gh = std::max(gh, ih);
            }
            // The members that may fire at this value set the grain of φ there.
            int phi_at = Range::kZeroGrain, gate_grain = grain_at(g, source, t);
            for (auto [k, w] : terms) {
              Real threshold = group.thresholds[size_t(k)];
              if (gh + threshold + rounding(1, std::fabs(gh) + std::fabs(threshold)) <= 0) continue;
              int member =
                  std::min(gate_grain, threshold == 0 ? Range::kZeroGrain : grain_of(double(threshold)));
              if (member != Range::kZeroGrain) phi_at = std::min(phi_at, grain_of(w) + member);
            }
            int value_grain = grain_at(v, source, t);
            (*grain)[t] = phi_at == Range::kZeroGrain || value_grain == Range::kZeroGrain ||
                                  ((*low)[t] == 0 && (*high)[t] == 0)
                              ? Range::kZeroGrain
                              : phi_at + value_grain;
            finest = std::min(finest, (*grain)[t]);
          }
          if (finest > term.grain)
            term = finest == Range::kZeroGrain ? zero_range() : snapped(term.low, term.high, finest);
          if (term.grain == Range::kZeroGrain) {
            term_tables.clear();
            break;
          }
          snap_table(*low, *high, term.grain, grain.get());
          term_tables.push_back({source, low, high, grain});
        }
      value_of(size_t(i)).add(1, term, term_tables);
      Form& f = out.form[size_t(i)];
      if (piecewise && f.known() && (f.source == -1 || f.source == piece)) {
        f.source = piece;
        for (auto [w, t] : pl) f.terms.push_back({w * group.value[0].weight, t});
      } else {
        f.source = -2, f.constant = 0, f.terms.clear();
      }
    }
  }

 private:
  ExactnessLedger& ledger_;
  std::vector<Range> pieces_;                             // the gate of each piecewise source
  std::vector<std::vector<Entry>> piece_rows_;            // and its row
  std::vector<std::vector<uint64_t>> piece_versions_;     // and the versions of the row's coordinates then
  std::vector<size_t> sizes_;                             // the number of values of each discrete source
  std::multimap<int, Definition> definitions_;            // by the first column of their row
  std::map<int, std::pair<uint64_t, Count>> counts_;      // by q's column: (q's version, the count)
  std::map<int, std::pair<uint64_t, Product>> products_;  // by P's column: (P's version, the product)
  std::map<int, std::pair<uint64_t, Mux>> muxes_;         // by P's column: (P's version, the selection)
  // The gates made discrete sources of their own (see feed_group): their row, the
  // versions of its coordinates then, the source and its values.
  struct GateSource {
    std::vector<Entry> row;
    std::vector<uint64_t> versions;
    int source;
    std::shared_ptr<const std::vector<Real>> values;
  };
  std::vector<GateSource> gate_sources_;
  int mux_depth_ = 0;
  uint64_t next_version_ = 1;
};

NumericBounds bound_rows(const neural::Model& model, const SparseModelRows& rows, int64_t positions) {
  C2W_CHECK(positions >= 1, "bound_model needs at least one position");
  NumericBounds out;
  out.positions = positions;
  ExactnessLedger ledger(out);
  Analysis analysis(ledger);
  const size_t vocab = size_t(model.vocab_size());
  analysis.new_discrete_source(vocab);  // source 0: the position's own token
  const int d = model.d_model;

  // x0: any token's embedding column (a table of the token) plus the positional features.
  Stream x{std::vector<Range>(static_cast<size_t>(d)), std::vector<Form>(static_cast<size_t>(d)),
           std::vector<uint64_t>(static_cast<size_t>(d))};
  for (int i = 0; i < d; ++i) {
    Range r = constant(model.embedding(i, 0));
    for (int t = 1; t < model.vocab_size(); ++t) r = join(r, constant(model.embedding(i, t)));
    Real last = Real(positions - 1);
    bool positional =
        i == model.positional.position || i == model.positional.square || i == model.positional.one;
    if (i == model.positional.position) r = add(r, Range{0, last, 0});
    if (i == model.positional.square) r = add(r, Range{0, up(last * last), 0});
    if (i == model.positional.one) r = add(r, Range{1, 1, 0});
    x.box[size_t(i)] = r;
    if (r.grain == Range::kZeroGrain) {
      x.form[size_t(i)] = Form{-1, 0, {}, {}};
    } else if (!positional) {
      Eigen::VectorXd row = model.embedding.row(i);
      auto values = std::make_shared<const std::vector<Real>>(row.data(), row.data() + row.size());
      x.form[size_t(i)].tables.push_back({0, values, values, grains_of(*values)});
    }
    ledger.record(r, [&] { return "embedding " + std::to_string(i); });
  }

  for (size_t b = 0; b < rows.blocks.size(); ++b) {
    const SparseModelRows::Block& block = rows.blocks[b];
    std::string block_name = "block " + std::to_string(b);
    out.heads.emplace_back();
    out.blocks.emplace_back();
    BlockBounds& bounds = out.blocks.back();
    // x_i + the heads' outputs to it: a value with its tables, and the engine's terms.
    std::map<size_t, Accumulator> written;
    for (size_t h = 0; h < block.heads.size(); ++h) {
      const SparseModelRows::Head& head = block.heads[h];
      std::string name = block_name + " head " + std::to_string(h);
      HeadBounds hb;
      hb.tie = head.tie;
      for (int r = 0; r < 2; ++r) {
        hb.query[r] =
            analysis.dot(head.query[size_t(r)], x, [&] { return name + " query " + std::to_string(r); })
                .range;
        hb.key[r] =
            analysis.dot(head.key[size_t(r)], x, [&] { return name + " key " + std::to_string(r); }).range;
      }
      // A query and a key belong to different positions: their product is one of boxes.
      Range s0 = multiply(hb.query[0], hb.key[0]), s1 = multiply(hb.query[1], hb.key[1]);
      hb.score = add(s0, s1);
      int grain = std::min(s0.grain, s1.grain);
      if (grain != Range::kZeroGrain) {
        Real m = up(s0.magnitude() + s1.magnitude());
        ledger.record(Range{-m, m, grain}, [&] { return name + " score"; });
      }
      hb.recorded_at = ledger.count();
      if (head.tie == neural::TieMode::Average) ++out.average_heads;
      // A `latest` head returns the value vector of one position, its winner: a table of
      // a source there (the winner's token, say) is a table of that source at the winner,
      // a new source of the same size, shared by the head's value rows. An `average` head
      // returns a mean of values: inside their box, with no table.
      std::map<int, int> at_winner;
      for (size_t r = 0; r < head.value.size(); ++r) {
        DotResult value =
            analysis.dot(head.value[r], x, [&] { return name + " value " + std::to_string(r); });
        hb.value.push_back(value.range);
        Tables tables;
        if (head.tie == neural::TieMode::Latest)
          for (const Table& t : value.tables) {
            auto [it, fresh] = at_winner.emplace(t.source, 0);
            if (fresh) it->second = analysis.new_discrete_source(analysis.source_size(t.source));
            tables.push_back({it->second, t.low, t.high, t.grain});
          }
        for (const Entry& o : head.output_columns[r]) {
          auto [it, fresh] = written.try_emplace(size_t(o.column), analysis.sizes());
          if (fresh) it->second.add(1, x.box[size_t(o.column)], x.form[size_t(o.column)].tables);
          it->second.add(o.weight, value.range, tables);
        }
      }
      out.heads.back().push_back(hb);
    }
    for (auto& [i, acc] : written) {
      Accumulator::Result r = acc.finish();
      if (r.grain != Range::kZeroGrain)
        ledger.record(Range{-r.magnitude, r.magnitude, r.grain},
                      [&] { return block_name + " attention residual " + std::to_string(i); });
      x.box[i] = r.range;
      x.form[i] = r.range.grain == Range::kZeroGrain ? Form{-1, 0, {}, {}} : Form{-2, 0, {}, r.tables};
      analysis.promote(x.box[i], x.form[i].tables);
      x.version[i] = analysis.new_version();
    }
    bounds.attention_residual = x.box;
    bounds.ffn_gate.assign(block.gate.size(), Range{-kInfinity, kInfinity, 0});
    bounds.ffn_product.assign(block.gate.size(), zero_range());
    x = analysis.feed_forward(block, x, block_name, model.positional.one, &bounds.ffn_gate,
                              &bounds.ffn_product);
    bounds.ffn_residual = x.box;
  }
  for (size_t t = 0; t < rows.unembedding.size(); ++t)
    out.logits.push_back(
        analysis.dot(rows.unembedding[t], x, [&] { return "logit " + std::to_string(t); }).range);
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

std::vector<ExactPositionCount> exact_position_counts(const neural::Model& model, int64_t limit,
                                                      double precision, const NumericBounds* known) {
  C2W_CHECK(limit >= 1, "exact_position_counts needs a limit of at least one position");
  SparseModelRows rows(model);
  std::map<int64_t, std::vector<bool>> exact_at;  // every pass answers for all formats
  if (known)
    for (const QuantityRecord& r : known->first_inexact)
      exact_at[known->positions].push_back(r.where.empty());
  auto exact = [&](int64_t n, size_t f) {
    auto it = exact_at.find(n);
    if (it == exact_at.end()) {
      NumericBounds b = bound_rows(model, rows, n);
      std::vector<bool> fits;
      for (const QuantityRecord& r : b.first_inexact) fits.push_back(r.where.empty());
      it = exact_at.emplace(n, fits).first;
    }
    return bool(it->second[f]);
  };
  std::vector<ExactPositionCount> out;
  for (size_t f = 0; f < float_formats().size(); ++f) {
    ExactPositionCount c;
    if (!exact(1, f)) {
      c.not_shown = 1;
      out.push_back(c);
      continue;
    }
    // Bisection over the powers of two below the limit (the passes are shared between
    // formats), then between the last count shown exact and the first not shown, down to
    // `precision`.
    int64_t good = 1, bad = 0;  // exact(good); !exact(bad) when bad > 0
    if (exact(limit, f)) {
      good = limit;
    } else {
      bad = limit;
      int low = 0, high = 0;  // exact(2^low); 2^high >= limit is not
      while ((int64_t(1) << high) < limit) ++high;
      while (high - low > 1) {
        int mid = (low + high) / 2;
        (exact(int64_t(1) << mid, f) ? low : high) = mid;
      }
      good = int64_t(1) << low;
      if ((int64_t(1) << high) < limit) bad = int64_t(1) << high;
    }
    while (bad > 0 && bad - good > std::max<int64_t>(1, int64_t(double(good) * precision))) {
      int64_t mid = good + (bad - good) / 2;
      (exact(mid, f) ? good : bad) = mid;
    }
    c.proved = good;
    c.not_shown = bad;
    out.push_back(c);
  }
  return out;
}

int64_t largest_exact_positions(const neural::Model& model, const FloatFormat& format, int64_t limit) {
  size_t f = 0;
  while (float_formats()[f].name != format.name) ++f;
  return exact_position_counts(model, limit, 0)[f].proved;
}

}  // namespace c2w::verify
