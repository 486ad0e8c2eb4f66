// Byte arithmetic of the machine circuit (see bytes.h for the representation).
#include "compiler/gadgets/bytes.h"

#include <vector>

namespace c2w::compiler::gadgets {

Bytes add_bytes(Circuit& circuit, const std::string& name, const Bytes& x, const Bytes& y,
                const LinExpr& carry_in) {
  std::array<LinExpr, 5> carry;
  carry[0] = carry_in;
  LinExpr low = carry_in;
  for (int k = 1; k <= 4; ++k) {
    low += pow256(k - 1) * (x[k - 1] + y[k - 1]);
    carry[k] = feature(circuit.is_nonneg(name + ".carry" + std::to_string(k), low - pow256(k)));
  }
  Bytes r;
  for (int k = 0; k < 4; ++k) r[k] = x[k] + y[k] + carry[k] - 256 * carry[k + 1];
  return r;
}

Bytes negate_bytes(Circuit& circuit, const std::string& name, const Bytes& x) {
  Bytes inverted;
  for (int k = 0; k < 4; ++k) inverted[k] = 255 - x[k];
  return add_bytes(circuit, name, inverted, {0, 0, 0, 0}, 1);
}

Bytes extract_bytes(Circuit& circuit, const std::string& name, const LinExpr& x) {
  Bytes r;
  LinExpr rest = x;
  for (int k = 3; k >= 1; --k) {
    FeatureId digit = circuit.count_thresholds(name + ".byte" + std::to_string(k), rest, pow256(k), 255);
    r[k] = feature(digit);
    rest = rest - pow256(k) * feature(digit);
  }
  r[0] = rest;
  return r;
}

std::array<LinExpr, 8> bits_of(Circuit& circuit, const std::string& name, const LinExpr& byte) {
  FeatureId high = circuit.count_thresholds(name + ".hi", byte, 16, 15);
  LinExpr nibble[2] = {byte - 16 * feature(high), feature(high)};
  std::array<LinExpr, 8> bits;
  for (int n = 0; n < 2; ++n)
    for (int j = 0; j < 4; ++j) {
      std::vector<double> table(16);
      for (int v = 0; v < 16; ++v) table[size_t(v)] = (v >> j) & 1;
      bits[size_t(4 * n + j)] =
          feature(circuit.table(name + ".bit" + std::to_string(4 * n + j), nibble[n], table));
    }
  return bits;
}

Bytes gate_bytes(Circuit& circuit, const std::string& name, const LinExpr& flag, const Bytes& b) {
  Bytes r;
  for (int k = 0; k < 4; ++k) r[k] = feature(circuit.relu_mul(name + ".b" + std::to_string(k), flag, b[k]));
  return r;
}

}  // namespace c2w::compiler::gadgets
