// Machine words as four byte expressions, and the exact gadgets that compute on them.
//
// A 32-bit word w lives in the circuit as `Bytes`: four linear expressions (b0, b1,
// b2, b3), low byte first, each an integer in [0, 256) wherever it is read, with
// w = b0 + 256 b1 + 256^2 b2 + 256^3 b3 (`word`). Bytes rather than words because a
// memory lookup returns one byte token and a step spells its values byte by byte;
// every gadget below is exact on these ranges (circuit.h states each primitive's).
#pragma once

#include <array>
#include <string>

#include "compiler/circuit.h"

namespace c2w::compiler::gadgets {

using circuit::Circuit;
using circuit::FeatureId;
using circuit::LinExpr;
using Bytes = std::array<LinExpr, 4>;

constexpr double pow256(int k) { return k == 0 ? 1 : 256 * pow256(k - 1); }

// A feature as an expression (coefficient 1).
inline LinExpr feature(FeatureId f) { return LinExpr::of(f); }

// The word of four bytes: b0 + 256 b1 + 256^2 b2 + 256^3 b3.
inline LinExpr word(const Bytes& b) { return b[0] + pow256(1) * b[1] + pow256(2) * b[2] + pow256(3) * b[3]; }

// x + y + carry_in mod 2^32, by carry look-ahead: the carry into byte k is
// [low_k >= 256^k] for the exact sum low_k of the k low bytes of x and y and the
// carry in (one threshold each, all four side by side, no ripple through layers);
// byte k is then x_k + y_k + carry_k - 256 carry_(k+1). carry_in is 0 or 1.
Bytes add_bytes(Circuit& circuit, const std::string& name, const Bytes& x, const Bytes& y,
                const LinExpr& carry_in);

// -x mod 2^32: the inverted bytes 255 - x_k plus 1.
Bytes negate_bytes(Circuit& circuit, const std::string& name, const Bytes& x);

// The bytes of an integer word in [0, 2^32): three threshold counts, high first
// (byte k is the number of m in 1..255 with rest >= m 256^k; the rest is byte 0).
Bytes extract_bytes(Circuit& circuit, const std::string& name, const LinExpr& x);

// The bits of a byte, low first: the high nibble is a count of 15 thresholds, and each
// nibble's four bits are tables over its 16 values.
std::array<LinExpr, 8> bits_of(Circuit& circuit, const std::string& name, const LinExpr& byte);

// flag * bytes for a flag in {0, 1}: one ReLU(flag) * byte neuron per byte.
Bytes gate_bytes(Circuit& circuit, const std::string& name, const LinExpr& flag, const Bytes& b);

}  // namespace c2w::compiler::gadgets
