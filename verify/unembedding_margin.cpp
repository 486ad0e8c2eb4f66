// The argmax margin inside each family of generated tokens (unembedding_margin.h).
//
// Checking every pair (j, i) of a family costs |family|² dot products, too many for the
// pc tokens of a universal model. So the rows are first fitted to the parabola
//   row_i = row_0 + 2β(n_i − n_0)·e_X − β(n_i² − n_0²)·e_1
// (n_i the token's number, e_X and e_1 the coordinates X and the constant): two fitted
// rows differ by β(n_j − n_i)² >= β at X = n_j, so every fitted pair is settled at once
// when β >= 1 and the constant coordinate is exactly 1. Only the pairs with a row off
// the parabola are bounded one by one, over the box of the final residual.
#include "verify/unembedding_margin.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace c2w::verify {

namespace {

struct Member {
  long double number;
  int token;
};

std::string plain(long double v) {
  std::ostringstream s;
  s.precision(17);
  s << double(v);
  return s.str();
}

// The family of a token name and its number: "byte" (x00..xff), "out" (out:00..ff),
// "pc" (@0, @1, ...); "" for other tokens.
std::string family_of(const std::string& name, long double& number) {
  auto hex = [&](const std::string& digits) {
    if (digits.size() != 2 || !std::isxdigit(digits[0]) || !std::isxdigit(digits[1])) return false;
    number = std::stoi(digits, nullptr, 16);
    return true;
  };
  if (name.size() == 3 && name[0] == 'x' && hex(name.substr(1))) return "byte";
  if (name.rfind("out:", 0) == 0 && hex(name.substr(4))) return "out";
  if (name.size() > 1 && name[0] == '@' && std::all_of(name.begin() + 1, name.end(), ::isdigit) &&
      name.size() < 12) {
    number = std::stold(name.substr(1));
    return "pc";
  }
  return "";
}

struct Interval {
  long double low, high;
};

// The logit of token j minus that of token i, at X = x, the family's bonus coordinates
// at their highest value (the family is the one chosen) and every other coordinate in
// its range: an interval.
Interval difference(const neural::Model& model, const std::vector<Range>& box, int j, int i, int X,
                    long double x, const std::vector<bool>& bonus) {
  Interval d{0, 0};
  for (Eigen::Index k = 0; k < model.unembedding.cols(); ++k) {
    long double w = (long double)model.unembedding(j, k) - model.unembedding(i, k);
    if (w == 0) continue;
    if (k == X || bonus[size_t(k)]) {
      long double v = k == X ? x : box[size_t(k)].high;
      d.low += w * v, d.high += w * v;
      continue;
    }
    long double a = w * box[size_t(k)].low, b = w * box[size_t(k)].high;
    d.low += std::min(a, b), d.high += std::max(a, b);
  }
  return d;
}

}  // namespace

FamilyMargins check_family_margins(const neural::Model& model, const std::vector<Range>& final_residual) {
  FamilyMargins result;
  std::map<std::string, std::vector<Member>> families;
  for (int t = 0; t < model.vocab_size(); ++t) {
    long double number = 0;
    std::string family = family_of(model.vocabulary[size_t(t)], number);
    if (!family.empty()) families[family].push_back({number, t});
  }
  const int one = model.positional.one;
  const Eigen::Index d = model.unembedding.cols();
  std::vector<std::string> details;
  for (const auto& [family, members] : families) {
    if (members.size() < 2) continue;
    // X: the coordinate other than the constant on which the rows take most values.
    int X = -1;
    size_t most = 1;
    for (Eigen::Index k = 0; k < d; ++k) {
      if (k == one) continue;
      std::vector<double> values;
      for (const Member& m : members) values.push_back(model.unembedding(m.token, k));
      std::sort(values.begin(), values.end());
      size_t distinct = size_t(std::unique(values.begin(), values.end()) - values.begin());
      if (distinct > most) most = distinct, X = int(k);
    }
    if (X < 0) {
      if (result.status == Status::Proved) result.status = Status::Unknown;
      details.push_back(family + ": the rows differ in no coordinate but the constant");
      continue;
    }
    const Range& range = final_residual[size_t(X)];
    auto in_range = [&](long double n) { return n >= range.low && n <= range.high; };

    // The parabola through two reference rows; the rows off it.
    auto off_parabola = [&](size_t r0, size_t r1, long double& beta) {
      std::vector<size_t> off;
      const Member &m0 = members[r0], &m1 = members[r1];
      beta = ((long double)model.unembedding(m1.token, X) - model.unembedding(m0.token, X)) /
             (2 * (m1.number - m0.number));
      for (size_t r = 0; r < members.size(); ++r) {
        const Member& m = members[r];
        bool fits = true;
        for (Eigen::Index k = 0; k < d && fits; ++k) {
          long double expected = model.unembedding(m0.token, k);
          if (k == X) expected += 2 * beta * (m.number - m0.number);
          if (k == one) expected -= beta * (m.number * m.number - m0.number * m0.number);
          fits = (long double)model.unembedding(m.token, k) == expected;
        }
        if (!fits) off.push_back(r);
      }
      return off;
    };
    std::vector<size_t> off;
    long double beta = 0;
    size_t reference = 0;
    bool fitted = false;
    for (auto [r0, r1] : {std::pair<size_t, size_t>{0, 1}, {2, 3}, {1, 2}}) {
      if (r1 >= members.size()) continue;
      long double b = 0;
      std::vector<size_t> o = off_parabola(r0, r1, b);
      if (!fitted || o.size() < off.size()) off = o, beta = b, reference = r0, fitted = true;
    }
    // The family's bonus: the coordinates other than X and the constant that the rows on
    // the parabola all read with one non-zero weight (the kind of token to emit).
    std::vector<bool> bonus(size_t(d), false);
    for (Eigen::Index k = 0; k < d; ++k)
      bonus[size_t(k)] = k != X && k != one && model.unembedding(members[reference].token, k) != 0;
    const bool exact_one =
        one >= 0 && final_residual[size_t(one)].low == 1 && final_residual[size_t(one)].high == 1;
    if (!(beta >= 1 && exact_one && off.size() <= 64)) {
      // No parabola to lean on (or too many rows off it): every pair, when affordable.
      if (members.size() > 2048) {
        if (result.status == Status::Proved) result.status = Status::Unknown;
        details.push_back(family + ": " + std::to_string(members.size()) +
                          " tokens not on one parabola over " + "coordinate " + std::to_string(X) +
                          " (too many pairs to bound one by one)");
        continue;
      }
      off.clear();
      for (size_t r = 0; r < members.size(); ++r) off.push_back(r);
    }

    // The pairs with a row off the parabola, one by one.
    std::vector<bool> is_off(members.size());
    for (size_t r : off) is_off[r] = true;
    long double smallest = beta >= 1 && exact_one ? beta : INFINITY;
    bool unsure = false, refuted = false;
    std::string witness;
    for (size_t jr = 0; jr < members.size() && !refuted; ++jr) {
      const Member& j = members[jr];
      if (!in_range(j.number)) continue;
      for (size_t ir = 0; ir < members.size(); ++ir) {
        if (ir == jr || !(is_off[jr] || is_off[ir])) continue;
        const Member& i = members[ir];
        Interval diff = difference(model, final_residual, j.token, i.token, X, j.number, bonus);
        smallest = std::min(smallest, diff.low);
        if (diff.high < 1) {
          refuted = true;
          std::string chosen;
          for (size_t k = 0; k < bonus.size(); ++k)
            if (bonus[k])
              chosen +=
                  (chosen.empty() ? "" : ", ") + std::to_string(k) + " = " + plain(final_residual[k].high);
          witness = "with residual coordinate " + std::to_string(X) + " = " + plain(j.number) + " (token " +
                    model.vocabulary[size_t(j.token)] + "'s number)" +
                    (chosen.empty() ? "" : " and the family's bonus coordinate " + chosen) +
                    ", the logit of " + model.vocabulary[size_t(j.token)] + " minus that of " +
                    model.vocabulary[size_t(i.token)] + " is at most " + plain(diff.high) +
                    " < 1 whatever the other coordinates hold";
          break;
        }
        if (diff.low < 1) unsure = true;
      }
    }
    std::string line = family + " (" + std::to_string(members.size()) + " tokens, coordinate " +
                       std::to_string(X) + " in " + range.to_string() + ", " + std::to_string(off.size()) +
                       " rows off the parabola";
    if (refuted) {
      result.status = Status::Refuted;
      result.counterexample += (result.counterexample.empty() ? "" : "; ") + family + ": " + witness;
      line += "): refuted";
    } else if (unsure) {
      if (result.status == Status::Proved) result.status = Status::Unknown;
      line += "): a margin below 1 for some values of the other coordinates";
    } else {
      line += "): margin >= " + plain(smallest);
    }
    details.push_back(line);
  }
  for (const std::string& s : details) result.detail += (result.detail.empty() ? "" : "; ") + s;
  return result;
}

}  // namespace c2w::verify
