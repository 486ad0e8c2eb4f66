// Bit-vector expressions for symbolic execution, independent of any solver.
//
// Expressions are immutable, hash-consed nodes owned by an ExprContext: equal
// expressions are the same pointer, so Expr can be compared and hashed by address.
// Every builder folds constants (an operation on constants is a constant) and a few
// identities (x + 0, x & 0, ite(true, a, b), extract of concat, ...), so concrete
// execution through the symbolic domain costs little and builds no terms.
//
// Widths: a bit-vector has width 1..64; width 0 marks a boolean. Semantics are those
// of SMT-LIB bit-vectors (QF_BV) — in particular udiv by zero is all ones and urem by
// zero is the dividend — but callers never rely on them: executors rule out zero
// divisors first.
//
// ExprContext also implements the domain interface of isa::apply_binary (Value is a
// 32-bit Expr, Bool a boolean Expr), so the symbolic executor shares the one
// definition of each instruction's semantics with the reference interpreter.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace c2w::symbolic {

enum class ExprKind : uint8_t {
  Constant,  // value (bit-vector or boolean 0/1)
  Variable,  // a named free bit-vector; `value` is its index in ExprContext
  // bit-vector -> bit-vector (same width)
  Add,
  Sub,
  Mul,
  UDiv,
  SDiv,
  URem,
  SRem,
  And,
  Or,
  Xor,
  Shl,
  LShr,
  AShr,
  Not,
  Neg,
  // bit-vector x bit-vector -> boolean
  Equal,
  ULess,
  ULessEqual,
  SLess,
  SLessEqual,
  // boolean connectives
  BoolAnd,
  BoolOr,
  BoolNot,
  Ite,      // ops[0] boolean; ops[1], ops[2] same width (or booleans)
  Extract,  // bits [high:low] of ops[0]; high = value >> 8, low = value & 255
  Concat,   // ops[0] is the high part
  ZeroExtend,
  SignExtend,
};

struct ExprNode;
using Expr = const ExprNode*;

struct ExprNode {
  ExprKind kind;
  uint8_t width;  // 1..64, or 0 for a boolean
  uint8_t operand_count;
  uint64_t value;  // Constant: the value; Variable: its index; Extract: high << 8 | low
  Expr ops[3];
  size_t hash;

  bool is_bool() const { return width == 0; }
  bool is_constant() const { return kind == ExprKind::Constant; }
};

class ExprContext {
 public:
  ExprContext();
  ~ExprContext();
  ExprContext(const ExprContext&) = delete;
  ExprContext& operator=(const ExprContext&) = delete;

  // ---- leaves ----
  Expr constant(uint64_t value, unsigned width);  // value is truncated to width
  Expr boolean(bool value);
  Expr variable(const std::string& name, unsigned width);  // the same name gives the same variable
  const std::string& variable_name(Expr variable) const;
  size_t variable_count() const { return variable_names_.size(); }

  // ---- bit-vector operations (operands of equal width) ----
  Expr add(Expr a, Expr b);
  Expr sub(Expr a, Expr b);
  Expr mul(Expr a, Expr b);
  Expr udiv(Expr a, Expr b);
  Expr sdiv(Expr a, Expr b);
  Expr urem(Expr a, Expr b);
  Expr srem(Expr a, Expr b);
  Expr bvand(Expr a, Expr b);
  Expr bvor(Expr a, Expr b);
  Expr bvxor(Expr a, Expr b);
  Expr shl(Expr a, Expr b);  // shift amounts >= width give 0 (SMT-LIB)
  Expr lshr(Expr a, Expr b);
  Expr ashr(Expr a, Expr b);
  Expr bvnot(Expr a);
  Expr neg(Expr a);
  Expr extract(Expr a, unsigned high, unsigned low);
  Expr concat(Expr high, Expr low);
  Expr zero_extend(Expr a, unsigned to_width);
  Expr sign_extend(Expr a, unsigned to_width);

  // ---- predicates and booleans ----
  Expr eq(Expr a, Expr b);  // also for booleans
  Expr ult(Expr a, Expr b);
  Expr ule(Expr a, Expr b);
  Expr slt(Expr a, Expr b);
  Expr sle(Expr a, Expr b);
  Expr land(Expr a, Expr b);
  Expr lor(Expr a, Expr b);
  Expr lnot(Expr a);
  Expr ite(Expr condition, Expr then_value, Expr else_value);

  // Evaluates under an assignment of variables (index -> value); unassigned are 0.
  uint64_t evaluate(Expr e, const std::vector<uint64_t>& variables) const;
  std::string to_string(Expr e) const;  // SMT-LIB-like, for messages and tests

  // ---- the domain interface of isa::apply_binary / apply_branch / apply_unary ----
  using Value = Expr;  // 32 bits wide
  using Bool = Expr;
  Value constant(uint32_t v) { return constant(v, 32); }
  Value from_bool(Bool b) { return ite(b, constant(1, 32), constant(0, 32)); }
  Bool bool_not(Bool b) { return lnot(b); }
  Value bit_and(Value a, Value b) { return bvand(a, b); }
  Value bit_or(Value a, Value b) { return bvor(a, b); }
  Value bit_xor(Value a, Value b) { return bvxor(a, b); }
  Value mul_high_unsigned(Value a, Value b);
  Value mul_high_signed(Value a, Value b);
  Value div_unsigned(Value a, Value b) { return udiv(a, b); }
  Value div_signed(Value a, Value b) { return sdiv(a, b); }  // SMT-LIB bvsdiv wraps INT_MIN / -1 too
  Value rem_unsigned(Value a, Value b) { return urem(a, b); }
  Value rem_signed(Value a, Value b) { return srem(a, b); }
  Value shift_left(Value a, Value b) { return shl(a, b); }
  Value shift_right_unsigned(Value a, Value b) { return lshr(a, b); }
  Value shift_right_signed(Value a, Value b) { return ashr(a, b); }
  Bool equal(Value a, Value b) { return eq(a, b); }
  Bool less_signed(Value a, Value b) { return slt(a, b); }
  Bool less_equal_signed(Value a, Value b) { return sle(a, b); }
  Bool less_unsigned(Value a, Value b) { return ult(a, b); }
  Bool less_equal_unsigned(Value a, Value b) { return ule(a, b); }
  Value sign_extend_low(Value a, int bits) { return sign_extend(extract(a, bits - 1, 0), 32); }
  Value count_ones(Value a);           // the sum of a's 32 bits
  Value count_leading_zeros(Value a);  // a chain of ite over the bits, 32 for 0
  Value count_trailing_zeros(Value a);

 private:
  Expr make(ExprKind kind, unsigned width, uint64_t value, Expr a = nullptr, Expr b = nullptr,
            Expr c = nullptr);
  struct Table;
  std::unique_ptr<Table> table_;
  std::vector<std::string> variable_names_;
  std::unordered_map<std::string, Expr> variables_;
};

}  // namespace c2w::symbolic
