// Layers, slots and matrices for a circuit (see schedule.h).
#include "compiler/schedule.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/sequential_vertex_coloring.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "support/errors.h"

namespace c2w::compiler {

using circuit::Circuit;
using circuit::FeatureId;
using circuit::LinExpr;
using circuit::Op;
using circuit::Source;

namespace {

template <class F>
void for_each_input(const Op& op, F&& f) {
  auto visit = [&](const LinExpr& e) {
    for (auto [feature, k] : e.terms) f(feature);
  };
  if (op.kind == Op::Head) {
    visit(op.head.query_x), visit(op.head.query_y), visit(op.head.key_x), visit(op.head.key_y);
    for (const LinExpr& v : op.head.values) visit(v);
  } else {
    for (const auto& n : op.neurons) visit(n.gate), visit(n.value);
  }
}

}  // namespace

Schedule schedule_circuit(const Circuit& c, const ScheduleOptions& options) {
  const size_t nf = c.features().size(), no = c.ops().size();
  Schedule s;

  // Which ops matter: those the logits depend on, transitively.
  std::vector<bool> feature_used(nf, false), op_used(no, false);
  std::vector<FeatureId> work;
  auto use = [&](FeatureId f) {
    if (!feature_used[static_cast<size_t>(f)]) feature_used[static_cast<size_t>(f)] = true, work.push_back(f);
  };
  for (const LinExpr& e : c.logits())
    for (auto [f, k] : e.terms) use(f);
  use(c.one());
  while (!work.empty()) {
    FeatureId f = work.back();
    work.pop_back();
    int op = c.features()[static_cast<size_t>(f)].op;
    if (op < 0 || op_used[static_cast<size_t>(op)]) continue;
    op_used[static_cast<size_t>(op)] = true;
    for (FeatureId out : c.ops()[static_cast<size_t>(op)].outputs) use(out);
    for_each_input(c.ops()[static_cast<size_t>(op)], use);
  }

  // The op DAG, sorted topologically by Boost.Graph.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(no);
  for (size_t i = 0; i < no; ++i) {
    if (!op_used[i]) continue;
    std::vector<int> producers;
    for_each_input(c.ops()[i], [&](FeatureId f) {
      int op = c.features()[static_cast<size_t>(f)].op;
      if (op >= 0) producers.push_back(op);
    });
    std::sort(producers.begin(), producers.end());
    producers.erase(std::unique(producers.begin(), producers.end()), producers.end());
    for (int p : producers) boost::add_edge(static_cast<size_t>(p), i, g);
  }
  std::vector<size_t> order;
  try {
    boost::topological_sort(g, std::back_inserter(order));
  } catch (const boost::not_a_dag&) {
    C2W_INTERNAL_ERROR("the machine circuit has a cycle");
  }
  std::reverse(order.begin(), order.end());

  // Earliest stage of the right parity after every input.
  s.op_stage.assign(no, -1);
  s.feature_birth.assign(nf, -1);
  for (size_t i : order) {
    if (!op_used[i]) continue;
    const Op& op = c.ops()[i];
    int ready = -1;
    for_each_input(op,
                   [&](FeatureId f) { ready = std::max(ready, s.feature_birth[static_cast<size_t>(f)]); });
    int stage = ready + 1;
    bool want_even = op.kind == Op::Head;
    if ((stage % 2 == 0) != want_even) ++stage;
    s.op_stage[i] = stage;
    for (FeatureId out : op.outputs) s.feature_birth[static_cast<size_t>(out)] = stage;
  }
  int last = 0;
  for (size_t i = 0; i < no; ++i) last = std::max(last, s.op_stage[i]);
  s.blocks = last / 2 + 1;
  const int final_stage = 2 * s.blocks;  // the unembedding reads here

  // Lifetimes.
  s.feature_death.assign(nf, -2);
  for (size_t i = 0; i < no; ++i)
    if (op_used[i])
      for_each_input(c.ops()[i], [&](FeatureId f) {
        int& d = s.feature_death[static_cast<size_t>(f)];
        d = std::max(d, s.op_stage[i]);
      });
  for (const LinExpr& e : c.logits())
    for (auto [f, k] : e.terms) s.feature_death[static_cast<size_t>(f)] = final_stage;
  for (size_t f = 0; f < nf; ++f) {
    Source src = c.features()[f].source;
    if (src == Source::One || src == Source::Position || src == Source::Square)
      s.feature_death[f] = final_stage;
    if (feature_used[f] && s.feature_death[f] < s.feature_birth[f]) s.feature_death[f] = s.feature_birth[f];
  }

  // Slots: interval colouring. A dead feature is cleared in the first FFN stage at or
  // after its death, and its slot is free for features born after that.
  auto free_after = [&](size_t f) {
    int d = s.feature_death[f];
    if (d >= final_stage || !options.reuse_slots) return final_stage + 1;
    return d % 2 == 1 ? d : d + 1;  // the clearing FFN stage
  };
  std::vector<size_t> live;
  for (size_t f = 0; f < nf; ++f)
    if (feature_used[f]) live.push_back(f);
  std::stable_sort(live.begin(), live.end(),
                   [&](size_t a, size_t b) { return s.feature_birth[a] < s.feature_birth[b]; });
  using Interference = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Interference ig(live.size());
  // Sweep: features overlap when one is born before the other is freed.
  for (size_t i = 0; i < live.size(); ++i)
    for (size_t j = i + 1; j < live.size(); ++j) {
      if (s.feature_birth[live[j]] > free_after(live[i])) continue;
      boost::add_edge(i, j, ig);
    }
  std::vector<size_t> colour(live.size());
  auto colour_map = boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, ig));
  s.d_model = live.empty() ? 0 : static_cast<int>(boost::sequential_vertex_coloring(ig, colour_map));
  s.feature_slot.assign(nf, -1);
  for (size_t i = 0; i < live.size(); ++i) s.feature_slot[live[i]] = static_cast<int>(colour[i]);
  for (size_t f : live)
    if (free_after(f) <= final_stage) ++s.cleared;
  return s;
}

namespace {

void add_row(Eigen::MatrixXd& m, int row, const LinExpr& e, const Schedule& s, int one_slot) {
  for (auto [f, k] : e.terms) {
    int slot = s.feature_slot[static_cast<size_t>(f)];
    C2W_CHECK(slot >= 0, "expression reads an unscheduled feature");
    m(row, slot) += k;
  }
  if (e.constant != 0) m(row, one_slot) += e.constant;
}

}  // namespace

neural::Model emit_model(const Circuit& c, const Schedule& s, std::vector<std::string> vocabulary) {
  C2W_CHECK(static_cast<int>(vocabulary.size()) == c.vocab_size(), "vocabulary size mismatch");
  neural::Model m;
  m.d_model = s.d_model;
  m.vocabulary = std::move(vocabulary);
  const int d = s.d_model, vocab = c.vocab_size();
  const int one_slot = s.feature_slot[static_cast<size_t>(c.one())];
  m.embedding = Eigen::MatrixXd::Zero(d, vocab);
  for (size_t f = 0; f < c.features().size(); ++f) {
    if (s.feature_slot[f] < 0) continue;
    for (auto [token, value] : c.embedding_values()[f]) m.embedding(s.feature_slot[f], token) += value;
  }
  m.positional.one = one_slot;
  m.positional.position = s.feature_slot[static_cast<size_t>(c.position())];
  m.positional.square = s.feature_slot[static_cast<size_t>(c.square())];

  // Clearing neurons, by stage.
  const int final_stage = 2 * s.blocks;
  std::map<int, std::vector<size_t>> clear_at;
  for (size_t f = 0; f < c.features().size(); ++f) {
    if (s.feature_slot[f] < 0) continue;
    int death = s.feature_death[f];
    if (death >= final_stage) continue;
    bool reused = false;  // only clear when a later feature takes the slot
    for (size_t g = 0; g < c.features().size() && !reused; ++g)
      reused = g != f && s.feature_slot[g] == s.feature_slot[f] && s.feature_birth[g] > s.feature_birth[f];
    if (reused) clear_at[death % 2 == 1 ? death : death + 1].push_back(f);
  }

  m.blocks.resize(static_cast<size_t>(s.blocks));
  for (int b = 0; b < s.blocks; ++b) {
    neural::Block& block = m.blocks[static_cast<size_t>(b)];
    std::vector<const Op*> ffn_ops;
    for (size_t i = 0; i < c.ops().size(); ++i) {
      const Op& op = c.ops()[i];
      if (s.op_stage[i] == 2 * b && op.kind == Op::Head) {
        neural::AttentionHead h;
        const int dv = static_cast<int>(op.head.values.size());
        h.query = Eigen::MatrixXd::Zero(2, d);
        h.key = Eigen::MatrixXd::Zero(2, d);
        h.value = Eigen::MatrixXd::Zero(dv, d);
        h.output = Eigen::MatrixXd::Zero(d, dv);
        add_row(h.query, 0, op.head.query_x, s, one_slot);
        add_row(h.query, 1, op.head.query_y, s, one_slot);
        add_row(h.key, 0, op.head.key_x, s, one_slot);
        add_row(h.key, 1, op.head.key_y, s, one_slot);
        for (int v = 0; v < dv; ++v) {
          add_row(h.value, v, op.head.values[static_cast<size_t>(v)], s, one_slot);
          h.output(s.feature_slot[static_cast<size_t>(op.outputs[static_cast<size_t>(v)])], v) = 1;
        }
        h.tie = op.head.tie;
        block.heads.push_back(std::move(h));
      } else if (s.op_stage[i] == 2 * b + 1 && op.kind == Op::Ffn) {
        ffn_ops.push_back(&op);
      }
    }
    int f = 0;
    for (const Op* op : ffn_ops) f += static_cast<int>(op->neurons.size());
    const auto& clears = clear_at[2 * b + 1];
    f += static_cast<int>(clears.size());
    block.ffn.gate = Eigen::MatrixXd::Zero(f, d);
    block.ffn.value = Eigen::MatrixXd::Zero(f, d);
    block.ffn.output = Eigen::MatrixXd::Zero(d, f);
    int row = 0;
    for (const Op* op : ffn_ops) {
      int out = s.feature_slot[static_cast<size_t>(op->outputs[0])];
      for (const auto& n : op->neurons) {
        add_row(block.ffn.gate, row, n.gate, s, one_slot);
        add_row(block.ffn.value, row, n.value, s, one_slot);
        block.ffn.output(out, row) += n.coefficient;
        ++row;
      }
    }
    for (size_t feature : clears) {
      block.ffn.gate(row, one_slot) = 1;
      block.ffn.value(row, s.feature_slot[feature]) = 1;
      block.ffn.output(s.feature_slot[feature], row) = -1;
      ++row;
    }
  }
  m.unembedding = Eigen::MatrixXd::Zero(vocab, d);
  for (int t = 0; t < vocab; ++t) add_row(m.unembedding, t, c.logits()[static_cast<size_t>(t)], s, one_slot);
  return m;
}

std::string print_layers(const Circuit& c, const Schedule& s) {
  std::string out = "; c2w layers: " + std::to_string(s.blocks) + " blocks, d_model " +
                    std::to_string(s.d_model) + ", " + std::to_string(s.cleared) + " slots reused\n";
  for (int stage = 0; stage < 2 * s.blocks; ++stage) {
    bool header = false;
    for (size_t i = 0; i < c.ops().size(); ++i) {
      if (s.op_stage[i] != stage) continue;
      if (!header) {
        out += "block " + std::to_string(stage / 2) + (stage % 2 == 0 ? " attention\n" : " ffn\n");
        header = true;
      }
      const Op& op = c.ops()[i];
      out += "  " + op.name;
      if (op.kind == Op::Ffn) out += " [" + std::to_string(op.neurons.size()) + " neurons]";
      out += " ->";
      for (FeatureId f : op.outputs) out += " " + std::to_string(s.feature_slot[static_cast<size_t>(f)]);
      out += "\n";
    }
  }
  return out;
}

}  // namespace c2w::compiler
