// The circuit as Graphviz DOT (see circuit_dot.h).
#include "compiler/circuit_dot.h"

#include <set>
#include <utility>

namespace c2w::compiler {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

// The node that writes feature f: its op, or the embedding / positional source.
std::string writer_node(const circuit::Circuit& c, circuit::FeatureId f) {
  const circuit::Feature& feature = c.features()[size_t(f)];
  if (feature.op >= 0) return "op" + std::to_string(feature.op);
  return feature.source == circuit::Source::Embedding ? "embedding" : "positional";
}

void reads_of(const circuit::LinExpr& e, std::set<circuit::FeatureId>& out) {
  for (const auto& [f, coefficient] : e.terms) out.insert(f);
}

}  // namespace

std::string print_circuit_dot(const circuit::Circuit& c, const Schedule& s) {
  std::string out = "// c2w circuit: " + std::to_string(s.blocks) + " layers, d_model " +
                    std::to_string(s.d_model) +
                    "\ndigraph c2w {\n  rankdir=LR;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
                    "  embedding [shape=cds, label=\"token embedding\"];\n"
                    "  positional [shape=cds, label=\"position, position^2, 1\"];\n"
                    "  unembedding [shape=cds, label=\"unembedding (next token)\"];\n";
  for (int b = 0; b < s.blocks; ++b) {
    out += "  subgraph cluster_" + std::to_string(b) + " {\n    label=\"layer " + std::to_string(b) + "\";\n";
    for (size_t i = 0; i < c.ops().size(); ++i) {
      const circuit::Op& op = c.ops()[i];
      if (s.op_stage[i] != 2 * b && s.op_stage[i] != 2 * b + 1) continue;
      const std::string label = op.kind == circuit::Op::Head
                                    ? op.name + (op.head.role.empty() ? "" : "\\n" + op.head.role)
                                    : op.name + "\\n" + std::to_string(op.neurons.size()) + " neurons";
      out += "    op" + std::to_string(i) + " [label=" + quoted(label) +
             (op.kind == circuit::Op::Head ? ", shape=ellipse, color=\"#30638e\""
                                           : ", shape=box, color=\"#5b8e7d\"") +
             "];\n";
    }
    out += "  }\n";
  }
  std::set<std::pair<std::string, std::string>> edges;
  for (size_t i = 0; i < c.ops().size(); ++i) {
    if (s.op_stage[i] < 0) continue;
    const circuit::Op& op = c.ops()[i];
    std::set<circuit::FeatureId> reads;
    if (op.kind == circuit::Op::Head) {
      for (const circuit::LinExpr* e : {&op.head.query_x, &op.head.query_y, &op.head.key_x, &op.head.key_y})
        reads_of(*e, reads);
      for (const circuit::LinExpr& e : op.head.values) reads_of(e, reads);
    } else {
      for (const circuit::Neuron& n : op.neurons) {
        reads_of(n.gate, reads);
        reads_of(n.value, reads);
      }
    }
    for (circuit::FeatureId f : reads) edges.insert({writer_node(c, f), "op" + std::to_string(i)});
  }
  std::set<circuit::FeatureId> logit_reads;
  for (const circuit::LinExpr& e : c.logits()) reads_of(e, logit_reads);
  for (circuit::FeatureId f : logit_reads) edges.insert({writer_node(c, f), "unembedding"});
  for (const auto& [from, to] : edges) out += "  " + from + " -> " + to + ";\n";
  return out + "}\n";
}

}  // namespace c2w::compiler
