// Hash-consed bit-vector expressions (see expr.h).
//
// Every node is built through make(), which looks the node up in a table keyed by
// (kind, width, value, operands) and returns the existing node when there is one;
// since operands are themselves unique, structural equality is pointer equality.
//
// Folding has one source of truth: compute() gives the value of a node from the
// values of its operands with SMT-LIB bit-vector semantics, and serves both the
// builders (an operation whose operands are all constants becomes a constant) and
// evaluate(). The identities the builders apply on top are listed at each builder;
// every one holds for all operand values, so a folded expression always means what
// the unfolded one would mean to Z3 (tests/test_solver.cpp checks this against Z3).
//
// Traversals (evaluate, to_string) are iterative and visit each distinct node once:
// expressions from long executions are deep chains and share subterms heavily.
#include "symbolic/expr.h"

#include <cctype>
#include <deque>
#include <unordered_set>
#include <utility>

#include "support/errors.h"

namespace c2w::symbolic {
namespace {

uint64_t mask(unsigned width) { return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1; }

// The two's-complement value of the low `width` bits of v.
int64_t to_signed(uint64_t v, unsigned width) {
  unsigned shift = 64 - width;
  return static_cast<int64_t>(v << shift) >> shift;
}

bool sign_bit(uint64_t v, unsigned width) { return (v >> (width - 1)) & 1; }
uint64_t bv_neg(uint64_t v, unsigned width) { return (uint64_t(0) - v) & mask(width); }

// SMT-LIB division: a zero divisor gives all ones (udiv) or the dividend (urem).
uint64_t bv_udiv(uint64_t a, uint64_t b, unsigned width) { return b == 0 ? mask(width) : a / b; }
uint64_t bv_urem(uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }

// bvsdiv / bvsrem as SMT-LIB defines them: divide the magnitudes unsigned, then
// negate the quotient when the signs differ and the remainder when the dividend is
// negative. This also fixes the zero-divisor cases (a / 0 is -1 for a >= 0 and 1
// for a < 0; a % 0 is a) and wraps INT_MIN / -1 to INT_MIN.
uint64_t bv_sdiv(uint64_t a, uint64_t b, unsigned width) {
  bool negative_a = sign_bit(a, width), negative_b = sign_bit(b, width);
  uint64_t q = bv_udiv(negative_a ? bv_neg(a, width) : a, negative_b ? bv_neg(b, width) : b, width);
  return negative_a != negative_b ? bv_neg(q, width) : q;
}
uint64_t bv_srem(uint64_t a, uint64_t b, unsigned width) {
  bool negative_a = sign_bit(a, width), negative_b = sign_bit(b, width);
  uint64_t r = bv_urem(negative_a ? bv_neg(a, width) : a, negative_b ? bv_neg(b, width) : b);
  return negative_a ? bv_neg(r, width) : r;
}

unsigned extract_high(const ExprNode& e) { return static_cast<unsigned>(e.value >> 8); }
unsigned extract_low(const ExprNode& e) { return static_cast<unsigned>(e.value & 255); }

// The value of node `e` (not a Variable) given the values of its operands `v`,
// each already truncated to its operand's width. Booleans are 0/1.
uint64_t compute(const ExprNode& e, const uint64_t* v) {
  const unsigned w = e.operand_count > 0 ? e.ops[0]->width : 0;  // operand width
  switch (e.kind) {
    case ExprKind::Constant: return e.value;
    case ExprKind::Variable: break;
    case ExprKind::Add: return (v[0] + v[1]) & mask(w);
    case ExprKind::Sub: return (v[0] - v[1]) & mask(w);
    case ExprKind::Mul: return (v[0] * v[1]) & mask(w);
    case ExprKind::UDiv: return bv_udiv(v[0], v[1], w);
    case ExprKind::SDiv: return bv_sdiv(v[0], v[1], w);
    case ExprKind::URem: return bv_urem(v[0], v[1]);
    case ExprKind::SRem: return bv_srem(v[0], v[1], w);
    case ExprKind::And: return v[0] & v[1];
    case ExprKind::Or: return v[0] | v[1];
    case ExprKind::Xor: return v[0] ^ v[1];
    // Shift amounts are whole bit-vectors: anything >= width shifts every bit out.
    case ExprKind::Shl: return v[1] >= w ? 0 : (v[0] << v[1]) & mask(w);
    case ExprKind::LShr: return v[1] >= w ? 0 : v[0] >> v[1];
    case ExprKind::AShr: {
      int64_t s = to_signed(v[0], w);
      return static_cast<uint64_t>(v[1] >= w ? (s < 0 ? -1 : 0) : s >> v[1]) & mask(w);
    }
    case ExprKind::Not: return ~v[0] & mask(w);
    case ExprKind::Neg: return bv_neg(v[0], w);
    case ExprKind::Equal: return v[0] == v[1];
    case ExprKind::ULess: return v[0] < v[1];
    case ExprKind::ULessEqual: return v[0] <= v[1];
    case ExprKind::SLess: return to_signed(v[0], w) < to_signed(v[1], w);
    case ExprKind::SLessEqual: return to_signed(v[0], w) <= to_signed(v[1], w);
    case ExprKind::BoolAnd: return v[0] && v[1];
    case ExprKind::BoolOr: return v[0] || v[1];
    case ExprKind::BoolNot: return !v[0];
    case ExprKind::Ite: return v[0] ? v[1] : v[2];
    case ExprKind::Extract: return (v[0] >> extract_low(e)) & mask(e.width);
    case ExprKind::Concat: return (v[0] << e.ops[1]->width) | v[1];
    case ExprKind::ZeroExtend: return v[0];
    case ExprKind::SignExtend: return static_cast<uint64_t>(to_signed(v[0], w)) & mask(e.width);
  }
  C2W_INTERNAL_ERROR("compute: unexpected expression kind");
}

// Visits every distinct node reachable from `root` once, operands before the node,
// without recursion. `done` holds the nodes already visited (by earlier calls too).
template <class Done, class Visit>
void visit_post_order(Expr root, Done& done, Visit visit) {
  std::vector<std::pair<Expr, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    if (done.count(node)) {
      stack.pop_back();
    } else if (!expanded) {
      stack.back().second = true;
      for (unsigned i = 0; i < node->operand_count; ++i)
        if (!done.count(node->ops[i])) stack.push_back({node->ops[i], false});
    } else {
      stack.pop_back();
      visit(node);
    }
  }
}

bool is_constant(Expr e, uint64_t value) { return e->is_constant() && e->value == value; }
bool is_all_ones(Expr e) { return e->is_constant() && e->value == mask(e->width); }

const char* smtlib_operator(ExprKind kind) {
  switch (kind) {
    case ExprKind::Add: return "bvadd";
    case ExprKind::Sub: return "bvsub";
    case ExprKind::Mul: return "bvmul";
    case ExprKind::UDiv: return "bvudiv";
    case ExprKind::SDiv: return "bvsdiv";
    case ExprKind::URem: return "bvurem";
    case ExprKind::SRem: return "bvsrem";
    case ExprKind::And: return "bvand";
    case ExprKind::Or: return "bvor";
    case ExprKind::Xor: return "bvxor";
    case ExprKind::Shl: return "bvshl";
    case ExprKind::LShr: return "bvlshr";
    case ExprKind::AShr: return "bvashr";
    case ExprKind::Not: return "bvnot";
    case ExprKind::Neg: return "bvneg";
    case ExprKind::Equal: return "=";
    case ExprKind::ULess: return "bvult";
    case ExprKind::ULessEqual: return "bvule";
    case ExprKind::SLess: return "bvslt";
    case ExprKind::SLessEqual: return "bvsle";
    case ExprKind::BoolAnd: return "and";
    case ExprKind::BoolOr: return "or";
    case ExprKind::BoolNot: return "not";
    case ExprKind::Ite: return "ite";
    case ExprKind::Concat: return "concat";
    default: return "?";
  }
}

// Bit-vector constants print as SMT-LIB literals: #x... when the width is a whole
// number of hex digits, #b... otherwise.
std::string constant_text(Expr e) {
  if (e->is_bool()) return e->value ? "true" : "false";
  std::string text;
  if (e->width % 4 == 0) {
    text = "#x";
    for (int digit = e->width / 4 - 1; digit >= 0; --digit)
      text += "0123456789abcdef"[(e->value >> (4 * digit)) & 15];
  } else {
    text = "#b";
    for (int bit = e->width - 1; bit >= 0; --bit) text += ((e->value >> bit) & 1) ? '1' : '0';
  }
  return text;
}

// A variable name as an SMT-LIB symbol: bare when it is a simple symbol, |quoted|
// otherwise.
std::string symbol_text(const std::string& name) {
  static const std::string kSymbolPunctuation = "~!@$%^&*_-+=<>.?/";
  bool simple = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name)
    simple = simple &&
             (std::isalnum(static_cast<unsigned char>(c)) || kSymbolPunctuation.find(c) != std::string::npos);
  return simple ? name : "|" + name + "|";
}

}  // namespace

// The unique-node table. Nodes live in a deque so their addresses never move; the
// set indexes them by content (hash and equality over kind, width, value, operands).
struct ExprContext::Table {
  struct ContentHash {
    size_t operator()(Expr e) const { return e->hash; }
  };
  struct ContentEqual {
    bool operator()(Expr x, Expr y) const {
      return x->kind == y->kind && x->width == y->width && x->value == y->value &&
             x->operand_count == y->operand_count && x->ops[0] == y->ops[0] && x->ops[1] == y->ops[1] &&
             x->ops[2] == y->ops[2];
    }
  };
  std::deque<ExprNode> nodes;
  std::unordered_set<Expr, ContentHash, ContentEqual> unique;
};

ExprContext::ExprContext() : table_(std::make_unique<Table>()) {}
ExprContext::~ExprContext() = default;

Expr ExprContext::make(ExprKind kind, unsigned width, uint64_t value, Expr a, Expr b, Expr c) {
  ExprNode candidate{kind, static_cast<uint8_t>(width), 0, value, {a, b, c}, 0};
  candidate.operand_count = static_cast<uint8_t>((a != nullptr) + (b != nullptr) + (c != nullptr));
  // splitmix64-style mixing of every field that identifies the node.
  auto mix = [](uint64_t h, uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 29);
  };
  uint64_t h = mix(static_cast<uint64_t>(kind) << 8 | width, value);
  for (Expr op : candidate.ops) h = mix(h, reinterpret_cast<uintptr_t>(op));
  candidate.hash = static_cast<size_t>(h);

  auto found = table_->unique.find(&candidate);
  if (found != table_->unique.end()) return *found;
  const ExprNode* node = &table_->nodes.emplace_back(candidate);
  table_->unique.insert(node);
  return node;
}

// ---- validation shared by the builders (a violation is a bug in the caller) ----

namespace {

void require_bitvector(Expr a, const char* operation) {
  C2W_CHECK(a != nullptr, std::string(operation) + ": null operand");
  C2W_CHECK(!a->is_bool(), std::string(operation) + ": boolean operand where a bit-vector is required");
}

void require_same_bitvectors(Expr a, Expr b, const char* operation) {
  require_bitvector(a, operation);
  require_bitvector(b, operation);
  C2W_CHECK(a->width == b->width, std::string(operation) + ": operand widths " + std::to_string(a->width) +
                                      " and " + std::to_string(b->width) + " differ");
}

void require_boolean(Expr a, const char* operation) {
  C2W_CHECK(a != nullptr, std::string(operation) + ": null operand");
  C2W_CHECK(a->is_bool(), std::string(operation) + ": bit-vector operand where a boolean is required");
}

}  // namespace

// ---- leaves ----

Expr ExprContext::constant(uint64_t value, unsigned width) {
  C2W_CHECK(width >= 1 && width <= 64, "constant: width " + std::to_string(width) + " outside 1..64");
  return make(ExprKind::Constant, width, value & mask(width));
}

Expr ExprContext::boolean(bool value) { return make(ExprKind::Constant, 0, value ? 1 : 0); }

Expr ExprContext::variable(const std::string& name, unsigned width) {
  C2W_CHECK(width >= 1 && width <= 64,
            "variable " + name + ": width " + std::to_string(width) + " outside 1..64");
  auto found = variables_.find(name);
  if (found != variables_.end()) {
    C2W_CHECK(found->second->width == width, "variable " + name + " redeclared with width " +
                                                 std::to_string(width) + " (was " +
                                                 std::to_string(found->second->width) + ")");
    return found->second;
  }
  Expr v = make(ExprKind::Variable, width, variable_names_.size());
  variable_names_.push_back(name);
  variables_.emplace(name, v);
  return v;
}

const std::string& ExprContext::variable_name(Expr variable) const {
  C2W_CHECK(variable != nullptr && variable->kind == ExprKind::Variable, "variable_name: not a variable");
  return variable_names_[variable->value];
}

// ---- bit-vector operations ----
//
// Each builder: validate, fold when every operand is constant, then try its
// identities, then make the node. Commutative operations move a constant operand to
// the right, so the identities need to look at one side only.

namespace {

// The constant node for a computed value: a boolean when width is 0.
Expr constant_node(ExprContext& context, uint64_t value, unsigned width) {
  return width == 0 ? context.boolean(value != 0) : context.constant(value, width);
}

// When every operand is constant: the folded constant of the node that would be
// built, else nullptr.
Expr fold(ExprContext& context, ExprKind kind, unsigned width, uint64_t value, Expr a, Expr b = nullptr,
          Expr c = nullptr) {
  Expr ops[3] = {a, b, c};
  uint64_t values[3] = {0, 0, 0};
  unsigned count = 0;
  for (Expr op : ops) {
    if (op == nullptr) break;
    if (!op->is_constant()) return nullptr;
    values[count++] = op->value;
  }
  ExprNode shape{kind, static_cast<uint8_t>(width), static_cast<uint8_t>(count), value, {a, b, c}, 0};
  return constant_node(context, compute(shape, values), width);
}

}  // namespace

Expr ExprContext::add(Expr a, Expr b) {
  require_same_bitvectors(a, b, "add");
  if (Expr k = fold(*this, ExprKind::Add, a->width, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (is_constant(b, 0)) return a;  // x + 0 = x
  return make(ExprKind::Add, a->width, 0, a, b);
}

Expr ExprContext::sub(Expr a, Expr b) {
  require_same_bitvectors(a, b, "sub");
  if (Expr k = fold(*this, ExprKind::Sub, a->width, 0, a, b)) return k;
  if (is_constant(b, 0)) return a;           // x - 0 = x
  if (a == b) return constant(0, a->width);  // x - x = 0
  return make(ExprKind::Sub, a->width, 0, a, b);
}

Expr ExprContext::mul(Expr a, Expr b) {
  require_same_bitvectors(a, b, "mul");
  if (Expr k = fold(*this, ExprKind::Mul, a->width, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (is_constant(b, 0)) return b;  // x * 0 = 0
  if (is_constant(b, 1)) return a;  // x * 1 = x
  return make(ExprKind::Mul, a->width, 0, a, b);
}

Expr ExprContext::udiv(Expr a, Expr b) {
  require_same_bitvectors(a, b, "udiv");
  if (Expr k = fold(*this, ExprKind::UDiv, a->width, 0, a, b)) return k;
  if (is_constant(b, 1)) return a;  // x / 1 = x
  return make(ExprKind::UDiv, a->width, 0, a, b);
}

Expr ExprContext::sdiv(Expr a, Expr b) {
  require_same_bitvectors(a, b, "sdiv");
  if (Expr k = fold(*this, ExprKind::SDiv, a->width, 0, a, b)) return k;
  if (is_constant(b, 1)) return a;  // x / 1 = x (also at width 1, where the divisor is -1: x / -1 = -x = x)
  return make(ExprKind::SDiv, a->width, 0, a, b);
}

Expr ExprContext::urem(Expr a, Expr b) {
  require_same_bitvectors(a, b, "urem");
  if (Expr k = fold(*this, ExprKind::URem, a->width, 0, a, b)) return k;
  if (is_constant(b, 1)) return constant(0, a->width);  // x % 1 = 0
  return make(ExprKind::URem, a->width, 0, a, b);
}

Expr ExprContext::srem(Expr a, Expr b) {
  require_same_bitvectors(a, b, "srem");
  if (Expr k = fold(*this, ExprKind::SRem, a->width, 0, a, b)) return k;
  if (is_constant(b, 1)) return constant(0, a->width);  // x % ±1 = 0
  return make(ExprKind::SRem, a->width, 0, a, b);
}

Expr ExprContext::bvand(Expr a, Expr b) {
  require_same_bitvectors(a, b, "bvand");
  if (Expr k = fold(*this, ExprKind::And, a->width, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (is_constant(b, 0)) return b;         // x & 0 = 0
  if (is_all_ones(b) || a == b) return a;  // x & ~0 = x & x = x
  return make(ExprKind::And, a->width, 0, a, b);
}

Expr ExprContext::bvor(Expr a, Expr b) {
  require_same_bitvectors(a, b, "bvor");
  if (Expr k = fold(*this, ExprKind::Or, a->width, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (is_constant(b, 0) || a == b) return a;  // x | 0 = x | x = x
  if (is_all_ones(b)) return b;               // x | ~0 = ~0
  return make(ExprKind::Or, a->width, 0, a, b);
}

Expr ExprContext::bvxor(Expr a, Expr b) {
  require_same_bitvectors(a, b, "bvxor");
  if (Expr k = fold(*this, ExprKind::Xor, a->width, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (is_constant(b, 0)) return a;           // x ^ 0 = x
  if (a == b) return constant(0, a->width);  // x ^ x = 0
  return make(ExprKind::Xor, a->width, 0, a, b);
}

Expr ExprContext::shl(Expr a, Expr b) {
  require_same_bitvectors(a, b, "shl");
  if (Expr k = fold(*this, ExprKind::Shl, a->width, 0, a, b)) return k;
  if (is_constant(b, 0) || is_constant(a, 0)) return a;  // x << 0 = x, 0 << y = 0
  if (b->is_constant() && b->value >= a->width) return constant(0, a->width);
  return make(ExprKind::Shl, a->width, 0, a, b);
}

Expr ExprContext::lshr(Expr a, Expr b) {
  require_same_bitvectors(a, b, "lshr");
  if (Expr k = fold(*this, ExprKind::LShr, a->width, 0, a, b)) return k;
  if (is_constant(b, 0) || is_constant(a, 0)) return a;
  if (b->is_constant() && b->value >= a->width) return constant(0, a->width);
  return make(ExprKind::LShr, a->width, 0, a, b);
}

Expr ExprContext::ashr(Expr a, Expr b) {
  require_same_bitvectors(a, b, "ashr");
  if (Expr k = fold(*this, ExprKind::AShr, a->width, 0, a, b)) return k;
  if (is_constant(b, 0) || is_constant(a, 0) || is_all_ones(a)) return a;  // sign fill of 0 or -1 is itself
  return make(ExprKind::AShr, a->width, 0, a, b);
}

Expr ExprContext::bvnot(Expr a) {
  require_bitvector(a, "bvnot");
  if (Expr k = fold(*this, ExprKind::Not, a->width, 0, a)) return k;
  if (a->kind == ExprKind::Not) return a->ops[0];  // ~~x = x
  return make(ExprKind::Not, a->width, 0, a);
}

Expr ExprContext::neg(Expr a) {
  require_bitvector(a, "neg");
  if (Expr k = fold(*this, ExprKind::Neg, a->width, 0, a)) return k;
  if (a->kind == ExprKind::Neg) return a->ops[0];  // -(-x) = x
  return make(ExprKind::Neg, a->width, 0, a);
}

Expr ExprContext::extract(Expr a, unsigned high, unsigned low) {
  require_bitvector(a, "extract");
  C2W_CHECK(low <= high && high < a->width, "extract [" + std::to_string(high) + ":" + std::to_string(low) +
                                                "] outside a " + std::to_string(a->width) + "-bit operand");
  const unsigned width = high - low + 1;
  const uint64_t bounds = uint64_t(high) << 8 | low;
  if (Expr k = fold(*this, ExprKind::Extract, width, bounds, a)) return k;
  if (low == 0 && high == a->width - 1u) return a;  // the whole operand
  switch (a->kind) {
    case ExprKind::Extract:  // bits of bits: shift the range by the inner low bound
      return extract(a->ops[0], extract_low(*a) + high, extract_low(*a) + low);
    case ExprKind::Concat: {  // a range inside one half reads that half alone
      const unsigned low_width = a->ops[1]->width;
      if (high < low_width) return extract(a->ops[1], high, low);
      if (low >= low_width) return extract(a->ops[0], high - low_width, low - low_width);
      break;
    }
    case ExprKind::ZeroExtend:
    case ExprKind::SignExtend: {  // the low part is the operand itself; zero extension adds zeros above it
      const unsigned inner_width = a->ops[0]->width;
      if (high < inner_width) return extract(a->ops[0], high, low);
      if (a->kind == ExprKind::ZeroExtend && low >= inner_width) return constant(0, width);
      break;
    }
    default: break;
  }
  return make(ExprKind::Extract, width, bounds, a);
}

Expr ExprContext::concat(Expr high, Expr low) {
  require_bitvector(high, "concat");
  require_bitvector(low, "concat");
  const unsigned width = high->width + low->width;
  C2W_CHECK(width <= 64, "concat: result width " + std::to_string(width) + " exceeds 64");
  if (Expr k = fold(*this, ExprKind::Concat, width, 0, high, low)) return k;
  // Adjacent ranges of one expression rejoin: x[h:m+1] ++ x[m:l] = x[h:l]. This is
  // how a word stored byte by byte and loaded back becomes the word again.
  if (high->kind == ExprKind::Extract && low->kind == ExprKind::Extract && high->ops[0] == low->ops[0] &&
      extract_low(*high) == extract_high(*low) + 1)
    return extract(high->ops[0], extract_high(*high), extract_low(*low));
  return make(ExprKind::Concat, width, 0, high, low);
}

Expr ExprContext::zero_extend(Expr a, unsigned to_width) {
  require_bitvector(a, "zero_extend");
  C2W_CHECK(to_width >= a->width && to_width <= 64,
            "zero_extend from " + std::to_string(a->width) + " to " + std::to_string(to_width) + " bits");
  if (to_width == a->width) return a;
  if (Expr k = fold(*this, ExprKind::ZeroExtend, to_width, 0, a)) return k;
  return make(ExprKind::ZeroExtend, to_width, 0, a);
}

Expr ExprContext::sign_extend(Expr a, unsigned to_width) {
  require_bitvector(a, "sign_extend");
  C2W_CHECK(to_width >= a->width && to_width <= 64,
            "sign_extend from " + std::to_string(a->width) + " to " + std::to_string(to_width) + " bits");
  if (to_width == a->width) return a;
  if (Expr k = fold(*this, ExprKind::SignExtend, to_width, 0, a)) return k;
  return make(ExprKind::SignExtend, to_width, 0, a);
}

// ---- predicates and booleans ----

Expr ExprContext::eq(Expr a, Expr b) {
  C2W_CHECK(a != nullptr && b != nullptr, "eq: null operand");
  C2W_CHECK(a->width == b->width, "eq: operand widths " + std::to_string(a->width) + " and " +
                                      std::to_string(b->width) + " differ (0 is boolean)");
  if (a == b) return boolean(true);
  if (Expr k = fold(*this, ExprKind::Equal, 0, 0, a, b)) return k;
  if (a->is_constant()) std::swap(a, b);
  if (b->is_constant()) {
    if (a->is_bool()) return b->value ? a : lnot(a);  // (p = true) = p, (p = false) = not p
    // ite(c, k1, k2) = k with constant k1, k2, k is c, not c, or a constant: this
    // turns the test of a comparison's 0/1 result back into the comparison.
    if (a->kind == ExprKind::Ite && a->ops[1]->is_constant() && a->ops[2]->is_constant()) {
      bool then_equal = a->ops[1] == b, else_equal = a->ops[2] == b;
      if (then_equal && else_equal) return boolean(true);
      if (then_equal) return a->ops[0];
      if (else_equal) return lnot(a->ops[0]);
      return boolean(false);
    }
  }
  return make(ExprKind::Equal, 0, 0, a, b);
}

Expr ExprContext::ult(Expr a, Expr b) {
  require_same_bitvectors(a, b, "ult");
  if (Expr k = fold(*this, ExprKind::ULess, 0, 0, a, b)) return k;
  if (a == b || is_constant(b, 0) || is_all_ones(a)) return boolean(false);  // nothing is below 0 or above ~0
  return make(ExprKind::ULess, 0, 0, a, b);
}

Expr ExprContext::ule(Expr a, Expr b) {
  require_same_bitvectors(a, b, "ule");
  if (Expr k = fold(*this, ExprKind::ULessEqual, 0, 0, a, b)) return k;
  if (a == b || is_constant(a, 0) || is_all_ones(b)) return boolean(true);
  return make(ExprKind::ULessEqual, 0, 0, a, b);
}

Expr ExprContext::slt(Expr a, Expr b) {
  require_same_bitvectors(a, b, "slt");
  if (Expr k = fold(*this, ExprKind::SLess, 0, 0, a, b)) return k;
  if (a == b) return boolean(false);
  return make(ExprKind::SLess, 0, 0, a, b);
}

Expr ExprContext::sle(Expr a, Expr b) {
  require_same_bitvectors(a, b, "sle");
  if (Expr k = fold(*this, ExprKind::SLessEqual, 0, 0, a, b)) return k;
  if (a == b) return boolean(true);
  return make(ExprKind::SLessEqual, 0, 0, a, b);
}

Expr ExprContext::land(Expr a, Expr b) {
  require_boolean(a, "land");
  require_boolean(b, "land");
  if (a->is_constant()) std::swap(a, b);
  if (b->is_constant()) return b->value ? a : b;  // p and true = p, p and false = false
  if (a == b) return a;
  return make(ExprKind::BoolAnd, 0, 0, a, b);
}

Expr ExprContext::lor(Expr a, Expr b) {
  require_boolean(a, "lor");
  require_boolean(b, "lor");
  if (a->is_constant()) std::swap(a, b);
  if (b->is_constant()) return b->value ? b : a;  // p or true = true, p or false = p
  if (a == b) return a;
  return make(ExprKind::BoolOr, 0, 0, a, b);
}

Expr ExprContext::lnot(Expr a) {
  require_boolean(a, "lnot");
  if (a->is_constant()) return boolean(!a->value);
  if (a->kind == ExprKind::BoolNot) return a->ops[0];
  return make(ExprKind::BoolNot, 0, 0, a);
}

Expr ExprContext::ite(Expr condition, Expr then_value, Expr else_value) {
  require_boolean(condition, "ite");
  C2W_CHECK(then_value != nullptr && else_value != nullptr, "ite: null operand");
  C2W_CHECK(then_value->width == else_value->width, "ite: branch widths " +
                                                        std::to_string(then_value->width) + " and " +
                                                        std::to_string(else_value->width) + " differ");
  if (condition->is_constant()) return condition->value ? then_value : else_value;
  if (then_value == else_value) return then_value;
  if (condition->kind == ExprKind::BoolNot) return ite(condition->ops[0], else_value, then_value);
  if (then_value->is_bool() && then_value->is_constant() && else_value->is_constant())
    return then_value->value ? condition : lnot(condition);  // ite(c, true, false) = c; the branches differ
  return make(ExprKind::Ite, then_value->width, 0, condition, then_value, else_value);
}

// ---- the domain interface ----

// The high half of the double-width product: extend both operands (zero or sign),
// multiply exactly at twice the width, take the upper half.
Expr ExprContext::mul_high_unsigned(Expr a, Expr b) {
  require_same_bitvectors(a, b, "mul_high_unsigned");
  const unsigned w = a->width;
  C2W_CHECK(w <= 32, "mul_high_unsigned: operands wider than 32 bits");
  return extract(mul(zero_extend(a, 2 * w), zero_extend(b, 2 * w)), 2 * w - 1, w);
}

Expr ExprContext::mul_high_signed(Expr a, Expr b) {
  require_same_bitvectors(a, b, "mul_high_signed");
  const unsigned w = a->width;
  C2W_CHECK(w <= 32, "mul_high_signed: operands wider than 32 bits");
  return extract(mul(sign_extend(a, 2 * w), sign_extend(b, 2 * w)), 2 * w - 1, w);
}

// Bit counts, from the bits: a sum of zero-extended bits, and chains of ite that
// stop at the first set bit (from the top for clz, from the bottom for ctz).
Expr ExprContext::count_ones(Expr a) {
  C2W_CHECK(a->width == 32, "count_ones: a 32-bit operand");
  Expr sum = constant(0u);
  for (unsigned i = 0; i < 32; ++i) sum = add(sum, zero_extend(extract(a, i, i), 32));
  return sum;
}

Expr ExprContext::count_leading_zeros(Expr a) {
  C2W_CHECK(a->width == 32, "count_leading_zeros: a 32-bit operand");
  Expr count = constant(32u);
  for (unsigned i = 0; i < 32; ++i)  // bit i set and every bit above it clear: 31 - i
    count = ite(eq(extract(a, i, i), constant(1, 1)), constant(31 - i), count);
  return count;
}

Expr ExprContext::count_trailing_zeros(Expr a) {
  C2W_CHECK(a->width == 32, "count_trailing_zeros: a 32-bit operand");
  Expr count = constant(32u);
  for (unsigned i = 32; i-- > 0;)  // bit i set and every bit below it clear: i
    count = ite(eq(extract(a, i, i), constant(1, 1)), constant(i), count);
  return count;
}

// ---- evaluation and printing ----

uint64_t ExprContext::evaluate(Expr e, const std::vector<uint64_t>& variables) const {
  C2W_CHECK(e != nullptr, "evaluate: null expression");
  std::unordered_map<Expr, uint64_t> values;
  visit_post_order(e, values, [&](Expr node) {
    uint64_t result;
    if (node->kind == ExprKind::Variable) {
      result = node->value < variables.size() ? variables[node->value] & mask(node->width) : 0;
    } else {
      uint64_t operands[3] = {0, 0, 0};
      for (unsigned i = 0; i < node->operand_count; ++i) operands[i] = values.at(node->ops[i]);
      result = compute(*node, operands);
    }
    values.emplace(node, result);
  });
  return values.at(e);
}

// Shared subterms (operations used by two or more distinct parents) are printed once,
// bound by nested `let`s, operands' bindings before their users', so the text stays
// linear in the size of the DAG: (let ((?e1 (bvmul x y))) (bvadd ?e1 ?e1)). Terms are
// written into one string from an explicit stack, so deep chains cost linear time.
std::string ExprContext::to_string(Expr e) const {
  C2W_CHECK(e != nullptr, "to_string: null expression");
  std::unordered_map<Expr, unsigned> parents;
  std::unordered_set<Expr> seen;
  visit_post_order(e, seen, [&](Expr node) {
    seen.insert(node);
    for (unsigned i = 0; i < node->operand_count; ++i) ++parents[node->ops[i]];
  });
  std::unordered_map<Expr, std::string> names;
  std::vector<Expr> bound;  // in post-order
  seen.clear();
  visit_post_order(e, seen, [&](Expr node) {
    seen.insert(node);
    if (node->operand_count > 0 && parents[node] >= 2) {
      names.emplace(node, "?e" + std::to_string(bound.size() + 1));
      bound.push_back(node);
    }
  });

  std::string out;
  // Writes the form of `root`; its operands are spelled by name when bound.
  auto write = [&](Expr root) {
    struct Item {
      Expr node;  // nullptr: `text` is literal
      const char* text;
    };
    std::vector<Item> stack{{root, nullptr}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      Expr node = item.node;
      if (node == nullptr) {
        out += item.text;
        continue;
      }
      auto name = names.find(node);
      if (node != root && name != names.end()) {
        out += name->second;
      } else if (node->kind == ExprKind::Constant) {
        out += constant_text(node);
      } else if (node->kind == ExprKind::Variable) {
        out += symbol_text(variable_names_[node->value]);
      } else {
        if (node->kind == ExprKind::Extract)
          out += "((_ extract " + std::to_string(extract_high(*node)) + " " +
                 std::to_string(extract_low(*node)) + ")";
        else if (node->kind == ExprKind::ZeroExtend || node->kind == ExprKind::SignExtend)
          out += std::string(node->kind == ExprKind::ZeroExtend ? "((_ zero_extend " : "((_ sign_extend ") +
                 std::to_string(node->width - node->ops[0]->width) + ")";
        else
          out += std::string("(") + smtlib_operator(node->kind);
        stack.push_back({nullptr, ")"});
        for (int i = node->operand_count - 1; i >= 0; --i) {
          stack.push_back({node->ops[i], nullptr});
          stack.push_back({nullptr, " "});
        }
      }
    }
  };
  for (Expr node : bound) {
    out += "(let ((" + names.at(node) + " ";
    write(node);
    out += ")) ";
  }
  write(e);
  out.append(bound.size(), ')');
  return out;
}

}  // namespace c2w::symbolic
