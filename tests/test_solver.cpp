// The symbolic layer against Z3 and against the reference semantics: every ISA
// operation built over expressions means, to Z3, what the concrete interpreter
// computes; folding on constants gives the same values; random expressions evaluate
// the same in evaluate(), in Z3, and when built from constants (which exercises every
// fold and identity); and the solver's push/pop, assumptions and timeouts behave.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "isa/semantics.h"
#include "support/errors.h"
#include "isa/isa.h"
#include "symbolic/expr.h"
#include "symbolic/solver.h"

using namespace c2w;
using namespace c2w::symbolic;

namespace {

// 32-bit operands where instruction semantics have edges: zero, ±1, the signed
// extremes, all ones, shift amounts around 32, powers of two, and a few random words.
std::vector<uint32_t> edge_words() {
  std::vector<uint32_t> words = {0,      1,          2,          7,          31,         32,
                                 33,     0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE,
                                 0xFFFF, 0x8000,     0x80,       1u << 16,   1u << 30};
  std::mt19937 rng(2024);
  for (int i = 0; i < 4; ++i) words.push_back(rng());
  return words;
}

std::string hex(uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

std::vector<isa::Opcode> binary_opcodes() {
  std::vector<isa::Opcode> ops;
  for (int i = static_cast<int>(isa::Opcode::Add); i <= static_cast<int>(isa::Opcode::LeU); ++i)
    ops.push_back(static_cast<isa::Opcode>(i));
  return ops;
}

uint64_t mask(unsigned width) { return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1; }

std::string leaf_variable_name(unsigned width, unsigned k) {
  std::string name = "v";
  name += std::to_string(width);
  name += '_';
  name += std::to_string(k);
  return name;
}

// Random expressions of a given width over variables "v<width>_<k>". The choices
// depend only on the random stream, never on what the builders return, so two
// generators with the same seed build the same tree: one over variables, and one
// (with `constants` set) whose variables are replaced by their assigned values.
class RandomExpressions {
 public:
  RandomExpressions(ExprContext& context, uint64_t seed, const std::map<std::string, uint64_t>* constants)
      : context_(context), rng_(seed), constants_(constants) {}

  Expr bitvector(unsigned width, int depth) {
    if (depth == 0 || pick(6) == 0) return leaf(width);
    switch (pick(20)) {
      case 0: return context_.add(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 1: return context_.sub(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 2: return context_.mul(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 3: return context_.udiv(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 4: return context_.sdiv(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 5: return context_.urem(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 6: return context_.srem(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 7: return context_.bvand(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 8: return context_.bvor(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 9: return context_.bvxor(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 10: return context_.shl(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 11: return context_.lshr(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 12: return context_.ashr(bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 13: return context_.bvnot(bitvector(width, depth - 1));
      case 14: return context_.neg(bitvector(width, depth - 1));
      case 15:
        return context_.ite(boolean(depth - 1), bitvector(width, depth - 1), bitvector(width, depth - 1));
      case 16: {  // a window of a wider expression
        unsigned wide = width + pick(65 - width);
        unsigned low = pick(wide - width + 1);
        return context_.extract(bitvector(wide, depth - 1), low + width - 1, low);
      }
      default: {
        if (width == 1) return context_.bvxor(bitvector(1, depth - 1), bitvector(1, depth - 1));
        unsigned narrow = 1 + pick(width - 1);
        int choice = pick(3);
        if (choice == 0)
          return context_.concat(bitvector(narrow, depth - 1), bitvector(width - narrow, depth - 1));
        if (choice == 1) return context_.zero_extend(bitvector(narrow, depth - 1), width);
        return context_.sign_extend(bitvector(narrow, depth - 1), width);
      }
    }
  }

  Expr boolean(int depth) {
    if (depth == 0 || pick(6) == 0) return context_.boolean(pick(2));
    switch (pick(9)) {
      case 0: return context_.land(boolean(depth - 1), boolean(depth - 1));
      case 1: return context_.lor(boolean(depth - 1), boolean(depth - 1));
      case 2: return context_.lnot(boolean(depth - 1));
      case 3: return context_.eq(boolean(depth - 1), boolean(depth - 1));
      case 4: return context_.ite(boolean(depth - 1), boolean(depth - 1), boolean(depth - 1));
      default: {
        unsigned width = random_width();
        Expr a = bitvector(width, depth - 1), b = bitvector(width, depth - 1);
        switch (pick(5)) {
          case 0: return context_.eq(a, b);
          case 1: return context_.ult(a, b);
          case 2: return context_.ule(a, b);
          case 3: return context_.slt(a, b);
          default: return context_.sle(a, b);
        }
      }
    }
  }

  unsigned random_width() {
    static const unsigned kWidths[] = {1, 8, 32, 64};
    return pick(2) ? kWidths[pick(4)] : 1 + pick(64);
  }

  // A value with the edges of `width` over-represented.
  uint64_t edge_value(unsigned width) {
    uint64_t m = mask(width);
    switch (pick(8)) {
      case 0: return 0;
      case 1: return 1;
      case 2: return m;
      case 3: return uint64_t(1) << (width - 1);
      case 4: return m >> 1;
      case 5: return pick(width + 2) & m;  // shift amounts around the width
      default: return rng_() & m;
    }
  }

 private:
  unsigned pick(unsigned n) { return static_cast<unsigned>(rng_() % n); }

  Expr leaf(unsigned width) {
    if (pick(2)) return context_.constant(edge_value(width), width);
    std::string name = leaf_variable_name(width, pick(3));
    if (constants_ != nullptr) return context_.constant(constants_->at(name), width);
    return context_.variable(name, width);
  }

  ExprContext& context_;
  std::mt19937_64 rng_;
  const std::map<std::string, uint64_t>* constants_;
};

// The distinct variables of an expression.
std::vector<Expr> variables_of(Expr root) {
  std::vector<Expr> found, stack{root};
  std::set<Expr> seen;
  while (!stack.empty()) {
    Expr e = stack.back();
    stack.pop_back();
    if (!seen.insert(e).second) continue;
    if (e->kind == ExprKind::Variable) found.push_back(e);
    for (unsigned i = 0; i < e->operand_count; ++i) stack.push_back(e->ops[i]);
  }
  return found;
}

}  // namespace

TEST_CASE("every binary instruction built over expressions means to Z3 what the interpreter computes",
          "[solver]") {
  // One query per opcode, one instance of the operation per operand pair: variables
  // a_i, b_i pinned to the pair, out_i = op(a_i, b_i); the model must give out_i the
  // interpreter's result.
  const std::vector<uint32_t> words = edge_words();
  for (isa::Opcode op : binary_opcodes()) {
    ExprContext ctx;
    auto solver = make_z3_solver(ctx);
    struct Instance {
      uint32_t x, y;
      Expr out;
    };
    std::vector<Instance> instances;
    for (uint32_t x : words) {
      for (uint32_t y : words) {
        if (isa::is_division(op) && y == 0) continue;  // traps: executors never build it
        const std::string i = std::to_string(instances.size());
        Expr a = ctx.variable("a" + i, 32), b = ctx.variable("b" + i, 32), out = ctx.variable("out" + i, 32);
        solver->add(ctx.eq(a, ctx.constant(x)));
        solver->add(ctx.eq(b, ctx.constant(y)));
        solver->add(ctx.eq(out, isa::apply_binary(ctx, op, a, b)));
        instances.push_back({x, y, out});
      }
    }
    INFO(isa::info(op).mnemonic);
    REQUIRE(solver->check().result == SatResult::Sat);
    std::vector<std::string> mismatches;
    for (const Instance& instance : instances) {
      isa::TrapKind trap = isa::TrapKind::None;
      uint32_t expected = isa::eval_binary(op, instance.x, instance.y, trap);
      uint64_t got = solver->model_value(instance.out);
      if (got != expected)
        mismatches.push_back(std::string(isa::info(op).mnemonic) + " " + hex(instance.x) + ", " +
                             hex(instance.y) + ": Z3 " + hex(got) + ", interpreter " + hex(expected));
    }
    CHECK(mismatches == std::vector<std::string>{});
  }
}

TEST_CASE("every binary instruction on constants folds to the interpreter's value", "[solver]") {
  ExprContext ctx;
  const std::vector<uint32_t> words = edge_words();
  std::vector<std::string> mismatches;
  for (isa::Opcode op : binary_opcodes()) {
    for (uint32_t x : words) {
      for (uint32_t y : words) {
        if (isa::is_division(op) && y == 0) continue;
        isa::TrapKind trap = isa::TrapKind::None;
        uint32_t expected = isa::eval_binary(op, x, y, trap);
        Expr folded = isa::apply_binary(ctx, op, ctx.constant(x), ctx.constant(y));
        if (!folded->is_constant() || folded->width != 32 || folded->value != expected)
          mismatches.push_back(std::string(isa::info(op).mnemonic) + " " + hex(x) + ", " + hex(y) +
                               ": folded to " + ctx.to_string(folded) + ", interpreter " + hex(expected));
      }
    }
  }
  CHECK(mismatches == std::vector<std::string>{});
}

TEST_CASE("branch conditions and unary instructions agree with the interpreter, folded and in Z3",
          "[solver]") {
  // As for binary instructions: one query, one pinned instance per operand pair.
  ExprContext ctx;
  auto solver = make_z3_solver(ctx);
  const std::vector<uint32_t> words = edge_words();
  struct Instance {
    std::string where;
    Expr result;
    uint64_t expected;
  };
  std::vector<Instance> instances;
  std::vector<std::string> mismatches;
  auto pinned_word = [&](uint32_t value) {
    const std::string index = std::to_string(ctx.variable_count());
    Expr v = ctx.variable("w" + index, 32);
    solver->add(ctx.eq(v, ctx.constant(value)));
    return v;
  };
  for (int i = static_cast<int>(isa::Opcode::BrEq); i <= static_cast<int>(isa::Opcode::BrLeU); ++i) {
    auto op = static_cast<isa::Opcode>(i);
    for (uint32_t x : words) {
      for (uint32_t y : words) {
        bool expected = isa::eval_branch(op, x, y);
        std::string where = std::string(isa::info(op).mnemonic) + " " + hex(x) + ", " + hex(y);
        Expr folded = isa::apply_branch(ctx, op, ctx.constant(x), ctx.constant(y));
        if (folded != ctx.boolean(expected))
          mismatches.push_back(where + ": folded to " + ctx.to_string(folded));
        instances.push_back({where, isa::apply_branch(ctx, op, pinned_word(x), pinned_word(y)), expected});
      }
    }
  }
  for (isa::Opcode op : {isa::Opcode::Mov, isa::Opcode::SExt8, isa::Opcode::SExt16, isa::Opcode::Popcnt,
                         isa::Opcode::Clz, isa::Opcode::Ctz}) {
    for (uint32_t x : words) {
      uint32_t expected = isa::eval_unary(op, x);
      std::string where = std::string(isa::info(op).mnemonic) + " " + hex(x);
      Expr folded = isa::apply_unary(ctx, op, ctx.constant(x));
      if (folded != ctx.constant(expected))
        mismatches.push_back(where + ": folded to " + ctx.to_string(folded));
      instances.push_back({where, isa::apply_unary(ctx, op, pinned_word(x)), expected});
    }
  }
  REQUIRE(solver->check().result == SatResult::Sat);
  for (const Instance& instance : instances) {
    uint64_t got = solver->model_value(instance.result);  // a taken branch reads as 1
    if (got != instance.expected)
      mismatches.push_back(instance.where + ": Z3 " + hex(got) + ", interpreter " + hex(instance.expected));
  }
  CHECK(mismatches == std::vector<std::string>{});
}

TEST_CASE("random expressions evaluate alike in evaluate(), in Z3, and folded from constants", "[solver]") {
  // evaluate() == Z3 checks compute() on every kind left unfolded between variables;
  // folded-from-constants == evaluate() then checks every fold and identity the
  // builders applied on the way (the constant build computes each node exactly).
  ExprContext ctx;
  auto solver = make_z3_solver(ctx);
  std::mt19937_64 seeds(99);
  std::vector<std::string> mismatches;
  for (int trial = 0; trial < 600; ++trial) {
    const uint64_t seed = seeds();
    std::map<std::string, uint64_t> assignment;  // a value for every variable a tree may name
    RandomExpressions values(ctx, seed ^ 0x5eed, nullptr);
    for (unsigned width = 1; width <= 64; ++width)
      for (unsigned k = 0; k < 3; ++k) assignment[leaf_variable_name(width, k)] = values.edge_value(width);

    const bool as_boolean = trial % 4 == 0;
    const unsigned width = values.random_width();
    RandomExpressions symbolic_tree(ctx, seed, nullptr), constant_tree(ctx, seed, &assignment);
    Expr e = as_boolean ? symbolic_tree.boolean(4) : symbolic_tree.bitvector(width, 4);
    Expr folded = as_boolean ? constant_tree.boolean(4) : constant_tree.bitvector(width, 4);

    std::vector<uint64_t> variables(ctx.variable_count());
    std::vector<Expr> pinned;  // each variable of e equals its assigned value
    for (Expr v : variables_of(e)) {
      variables[v->value] = assignment.at(ctx.variable_name(v));
      pinned.push_back(ctx.eq(v, ctx.constant(variables[v->value], v->width)));
    }
    const uint64_t expected = ctx.evaluate(e, variables);
    const std::string where = "seed " + std::to_string(seed) + ": " + ctx.to_string(e);

    if (!folded->is_constant() || folded->value != expected)
      mismatches.push_back(where + ": evaluates to " + hex(expected) + " but folds to " +
                           ctx.to_string(folded));
    solver->push();
    for (Expr pin : pinned) solver->add(pin);
    CheckResult r = solver->check();
    if (r.result != SatResult::Sat || solver->model_value(e) != expected)
      mismatches.push_back(where + ": evaluates to " + hex(expected) + ", Z3's model disagrees");
    // Z3 also proves the value forced: e != expected is unsatisfiable.
    if (solver
            ->check(
                {ctx.lnot(ctx.eq(e, as_boolean ? ctx.boolean(expected) : ctx.constant(expected, e->width)))})
            .result != SatResult::Unsat)
      mismatches.push_back(where + ": Z3 finds another value than " + hex(expected));
    solver->pop();
  }
  CHECK(mismatches == std::vector<std::string>{});
}

TEST_CASE("building the same expression twice gives the same node", "[solver]") {
  ExprContext ctx;
  auto build = [&] {
    Expr x = ctx.variable("x", 32), y = ctx.variable("y", 32);
    return ctx.ite(ctx.ult(x, y), ctx.add(x, ctx.mul(y, ctx.constant(3, 32))),
                   ctx.extract(ctx.concat(x, y), 47, 16));
  };
  Expr first = build();
  CHECK(build() == first);
  CHECK(ctx.variable("x", 32) == ctx.variable("x", 32));
  CHECK(ctx.variable("x", 32) != ctx.variable("y", 32));
  CHECK(ctx.constant(5, 32) == ctx.constant(5, 32));
  CHECK(ctx.constant(5, 32) != ctx.constant(5, 8));
  CHECK(ctx.constant(0x1FF, 8) == ctx.constant(0xFF, 8));  // truncated to the width
  CHECK(ctx.boolean(true) != ctx.constant(1, 1));          // a boolean is not a 1-bit vector
  CHECK(ctx.variable_count() == 2);
}

TEST_CASE("cheap identities fold without building nodes", "[solver]") {
  ExprContext ctx;
  Expr x = ctx.variable("x", 32), y = ctx.variable("y", 32), byte = ctx.variable("byte", 8);
  Expr p = ctx.ult(x, y);
  Expr zero = ctx.constant(0, 32), one = ctx.constant(1, 32), ones = ctx.constant(~0u, 32);
  const std::vector<std::pair<Expr, Expr>> cases = {
      {ctx.add(x, zero), x},
      {ctx.add(zero, x), x},
      {ctx.sub(x, zero), x},
      {ctx.sub(x, x), zero},
      {ctx.mul(x, one), x},
      {ctx.mul(zero, x), zero},
      {ctx.bvand(x, zero), zero},
      {ctx.bvand(ones, x), x},
      {ctx.bvor(x, zero), x},
      {ctx.bvor(x, ones), ones},
      {ctx.bvxor(x, zero), x},
      {ctx.bvxor(x, x), zero},
      {ctx.shl(x, ctx.constant(32, 32)), zero},
      {ctx.bvnot(ctx.bvnot(x)), x},
      {ctx.neg(ctx.neg(x)), x},
      {ctx.ite(ctx.boolean(true), x, y), x},
      {ctx.ite(ctx.boolean(false), x, y), y},
      {ctx.ite(p, x, x), x},
      {ctx.ite(ctx.lnot(p), x, y), ctx.ite(p, y, x)},
      {ctx.eq(x, x), ctx.boolean(true)},
      {ctx.lnot(ctx.lnot(p)), p},
      {ctx.land(p, ctx.boolean(true)), p},
      {ctx.land(ctx.boolean(false), p), ctx.boolean(false)},
      {ctx.lor(p, ctx.boolean(true)), ctx.boolean(true)},
      {ctx.lor(ctx.boolean(false), p), p},
      {ctx.extract(x, 31, 0), x},
      {ctx.extract(ctx.constant(0x12345678, 32), 15, 8), ctx.constant(0x56, 8)},
      {ctx.extract(ctx.concat(x, y), 63, 32), x},
      {ctx.extract(ctx.concat(x, y), 15, 8), ctx.extract(y, 15, 8)},
      {ctx.extract(ctx.zero_extend(byte, 32), 7, 0), byte},
      {ctx.extract(ctx.zero_extend(byte, 32), 31, 8), ctx.constant(0, 24)},
      {ctx.extract(ctx.extract(x, 23, 8), 7, 0), ctx.extract(x, 15, 8)},
      {ctx.zero_extend(x, 32), x},
      {ctx.sign_extend(x, 32), x},
      {ctx.concat(ctx.constant(0xAB, 8), ctx.constant(0xCD, 8)), ctx.constant(0xABCD, 16)},
      // a word stored as four bytes and loaded back is the word
      {ctx.concat(ctx.concat(ctx.extract(x, 31, 24), ctx.extract(x, 23, 16)),
                  ctx.concat(ctx.extract(x, 15, 8), ctx.extract(x, 7, 0))),
       x},
      // testing a comparison's 0/1 result is the comparison
      {ctx.eq(ctx.from_bool(p), zero), ctx.lnot(p)},
      {ctx.eq(ctx.from_bool(p), one), p},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i << ": " << ctx.to_string(cases[i].first) << " should be "
                 << ctx.to_string(cases[i].second));
    CHECK(cases[i].first == cases[i].second);
  }
}

TEST_CASE("to_string prints SMT-LIB and binds shared subterms once", "[solver]") {
  ExprContext ctx;
  Expr x = ctx.variable("x", 32), y = ctx.variable("y", 32);
  CHECK(ctx.to_string(ctx.add(x, ctx.mul(y, ctx.constant(3, 32)))) == "(bvadd x (bvmul y #x00000003))");
  CHECK(ctx.to_string(ctx.extract(ctx.sign_extend(ctx.variable("b", 5), 32), 31, 4)) ==
        "((_ extract 31 4) ((_ sign_extend 27) b))");
  Expr square = ctx.mul(x, x);
  CHECK(ctx.to_string(ctx.add(square, square)) == "(let ((?e1 (bvmul x x))) (bvadd ?e1 ?e1))");
  CHECK(ctx.to_string(ctx.ult(ctx.variable("odd name", 3), ctx.constant(5, 3))) ==
        "(bvult |odd name| #b101)");
}

TEST_CASE("deep expressions evaluate, print and solve without recursion", "[solver]") {
  // A chain 20000 operations deep, handled on a thread with a 256 KiB stack: any
  // traversal that recursed per node would overflow it.
  ExprContext ctx;
  Expr x = ctx.variable("x", 32);
  Expr chain = x;
  const int depth = 20000;
  for (int i = 0; i < depth; ++i) chain = ctx.add(ctx.bvxor(chain, ctx.constant(i, 32)), ctx.constant(1, 32));
  uint32_t expected = 7;
  for (int i = 0; i < depth; ++i) expected = (expected ^ uint32_t(i)) + 1;

  struct Job {
    ExprContext* ctx;
    Expr chain;
    uint64_t value = 0;
    size_t text_size = 0;
  } job{&ctx, chain};
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, 256 * 1024);
  pthread_t thread;
  auto run = [](void* argument) -> void* {
    auto* j = static_cast<Job*>(argument);
    j->value = j->ctx->evaluate(j->chain, {7});
    j->text_size = j->ctx->to_string(j->chain).size();
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attributes, run, &job) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
  CHECK(job.value == expected);
  CHECK(job.text_size > size_t(depth) * 20);

  auto solver = make_z3_solver(ctx);
  REQUIRE(solver->check({ctx.eq(x, ctx.constant(7))}).result == SatResult::Sat);
  CHECK(solver->model_value(chain) == expected);
}

TEST_CASE("pop removes assertions and assumptions hold for one check only", "[solver]") {
  ExprContext ctx;
  auto solver = make_z3_solver(ctx);
  Expr x = ctx.variable("x", 32);
  solver->add(ctx.ult(ctx.constant(10, 32), x));  // x > 10
  REQUIRE(solver->check().result == SatResult::Sat);
  CHECK(solver->model_value(x) > 10);

  CHECK(solver->check({ctx.eq(x, ctx.constant(3, 32))}).result == SatResult::Unsat);
  CHECK(solver->check().result == SatResult::Sat);  // the assumption is gone
  // A compound assumption works as well as a literal.
  CHECK(solver
            ->check({ctx.land(ctx.ult(x, ctx.constant(20, 32)),
                              ctx.eq(ctx.urem(x, ctx.constant(7, 32)), ctx.constant(0, 32)))})
            .result == SatResult::Sat);
  CHECK(solver->model_value(x) == 14);

  solver->push();
  solver->add(ctx.ult(x, ctx.constant(5, 32)));
  CHECK(solver->check().result == SatResult::Unsat);
  solver->pop();
  REQUIRE(solver->check().result == SatResult::Sat);
  CHECK(solver->model_value(ctx.ult(ctx.constant(10, 32), x)) == 1);   // booleans read as 0/1
  CHECK(solver->model_value(ctx.variable("unconstrained", 16)) == 0);  // completed to 0
}

TEST_CASE("a hard query under a tiny timeout comes back Unknown with a reason, and the solver stays usable",
          "[solver]") {
  // Factoring a 64-bit semiprime of two 32-bit primes: far beyond a millisecond.
  const uint64_t p = 3301746797u, q = 3356063771u;
  ExprContext ctx;
  auto solver = make_z3_solver(ctx);
  Expr x = ctx.variable("x", 64), y = ctx.variable("y", 64);
  const Expr two_to_32 = ctx.constant(uint64_t(1) << 32, 64), one = ctx.constant(1, 64);
  solver->set_timeout_ms(1);
  solver->push();
  solver->add(ctx.eq(ctx.mul(x, y), ctx.constant(p * q, 64)));
  for (Expr factor : {x, y}) {
    solver->add(ctx.ult(one, factor));
    solver->add(ctx.ult(factor, two_to_32));
  }
  auto start = std::chrono::steady_clock::now();
  CheckResult r = solver->check();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  if (r.result == SatResult::Sat) {  // never seen, but then the answer must be right
    uint64_t a = solver->model_value(x), b = solver->model_value(y);
    CHECK(((a == p && b == q) || (a == q && b == p)));
  } else {
    CHECK(r.result == SatResult::Unknown);
    CHECK(!r.reason_unknown.empty());
  }
  solver->pop();
  solver->set_timeout_ms(0);  // no limit
  REQUIRE(solver->check({ctx.eq(ctx.mul(x, ctx.constant(3, 64)), ctx.constant(21, 64))}).result ==
          SatResult::Sat);
  CHECK(solver->model_value(ctx.mul(x, ctx.constant(3, 64))) == 21);
}

TEST_CASE("misuse is an error with a clear message, never a raw Z3 exception", "[solver]") {
  ExprContext ctx;
  auto solver = make_z3_solver(ctx);
  Expr x = ctx.variable("x", 32);
  CHECK_THROWS_AS(solver->model_value(x), InternalError);  // no check yet
  solver->add(ctx.boolean(false));
  CHECK(solver->check().result == SatResult::Unsat);
  CHECK_THROWS_AS(solver->model_value(x), InternalError);  // the last check was not Sat
  CHECK_THROWS_AS(ctx.add(x, ctx.variable("narrow", 8)), InternalError);
  CHECK_THROWS_AS(ctx.variable("x", 16), InternalError);
  CHECK_THROWS_AS(ctx.extract(x, 32, 0), InternalError);
  CHECK_THROWS_AS(solver->add(x), InternalError);  // not a boolean
  CHECK_THROWS_AS(solver->pop(), InternalError);   // no matching push
}

TEST_CASE("the counting solver counts checks by result and forwards the rest", "[solver]") {
  ExprContext ctx;
  CountingSolver solver(make_z3_solver(ctx));
  Expr x = ctx.variable("x", 8);
  solver.add(ctx.ult(x, ctx.constant(4, 8)));
  CHECK(solver.check().result == SatResult::Sat);
  CHECK(solver.model_value(x) < 4);
  CHECK(solver.check({ctx.eq(x, ctx.constant(9, 8))}).result == SatResult::Unsat);
  solver.push();
  solver.add(ctx.eq(x, ctx.constant(2, 8)));
  CHECK(solver.check().result == SatResult::Sat);
  solver.pop();
  CHECK(solver.checks == 3);
  CHECK(solver.sat == 2);
  CHECK(solver.unsat == 1);
  CHECK(solver.unknown == 0);
  CHECK(solver.seconds > 0);
}

// ---- IndependentCachingSolver ----

namespace {

// Random conjuncts over a small pool of 8-bit variables, each over one or two of
// them, so that queries split into a few independent parts and both Sat and Unsat
// answers are common.
class RandomConjuncts {
 public:
  RandomConjuncts(ExprContext& context, uint64_t seed, unsigned variables) : context_(context), rng_(seed) {
    for (unsigned i = 0; i < variables; ++i) {
      std::string name = "x";  // built with += : GCC 12 warns falsely on "x" + std::to_string(i)
      name += std::to_string(i);
      pool_.push_back(context.variable(name, 8));
    }
  }

  Expr conjunct() {
    Expr x = pool_[pick(pool_.size())];
    Expr term = x;
    switch (pick(5)) {
      case 0: term = context_.add(x, pool_[pick(pool_.size())]); break;
      case 1: term = context_.mul(x, context_.constant(1 + pick(7), 8)); break;
      case 2: term = context_.bvxor(x, pool_[pick(pool_.size())]); break;
      case 3: term = context_.urem(x, context_.constant(2 + pick(9), 8)); break;
      default: break;
    }
    Expr bound = context_.constant(pick(256), 8);
    switch (pick(5)) {
      case 0: return context_.eq(term, bound);
      case 1: return context_.lnot(context_.eq(term, bound));
      case 2: return context_.ult(term, bound);
      case 3: return context_.ule(bound, term);
      default: return context_.slt(term, bound);
    }
  }
  std::vector<Expr> conjuncts(size_t count) {
    std::vector<Expr> result;
    for (size_t i = 0; i < count; ++i) result.push_back(conjunct());
    return result;
  }
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  const std::vector<Expr>& pool() const { return pool_; }

 private:
  ExprContext& context_;
  std::mt19937_64 rng_;
  std::vector<Expr> pool_;
};

bool all_hold(ExprContext& ctx, const std::vector<Expr>& conjuncts, const std::vector<uint64_t>& assignment) {
  for (Expr c : conjuncts)
    if (ctx.evaluate(c, assignment) == 0) return false;
  return true;
}

}  // namespace

TEST_CASE("the independent caching solver answers random queries as the plain solver does", "[solver]") {
  ExprContext ctx;
  RandomConjuncts random(ctx, 7, 6);
  auto plain = make_z3_solver(ctx);
  auto counting = std::make_unique<CountingSolver>(make_z3_solver(ctx));
  CountingSolver* inner = counting.get();
  IndependentCachingSolver solver(ctx, std::move(counting));
  std::vector<std::vector<Expr>> asked;
  unsigned sat = 0, unsat = 0;
  for (int round = 0; round < 300; ++round) {
    // A third of the queries repeat an earlier one with a conjunct added or dropped,
    // as a path condition grows: their other parts are cache hits.
    std::vector<Expr> query;
    if (!asked.empty() && random.pick(3) == 0) {
      query = asked[random.pick(asked.size())];
      if (random.pick(2) == 0 || query.size() < 2)
        query.push_back(random.conjunct());
      else
        query.erase(query.begin() + static_cast<long>(random.pick(query.size())));
    } else {
      query = random.conjuncts(1 + random.pick(6));
    }
    asked.push_back(query);
    SatResult expected = plain->check(query).result;
    REQUIRE(expected != SatResult::Unknown);
    CheckResult got = solver.check(query);
    INFO("round " << round);
    REQUIRE(got.result == expected);
    if (expected == SatResult::Sat) {
      ++sat;
      CHECK(all_hold(ctx, query, solver.model()));
      for (Expr c : query) CHECK(solver.model_value(c) == 1);
    } else {
      ++unsat;
      CHECK_THROWS_AS(solver.model_value(random.pool()[0]), InternalError);
    }
  }
  CHECK(sat > 50);  // both answers were exercised
  CHECK(unsat > 50);
  CHECK(solver.queries == 300);
  CHECK(solver.cache_hits > 100);
  CHECK(inner->checks == solver.parts_solved);  // every miss, and only misses, reach the inner solver
}

TEST_CASE("with a witness of the known conjuncts only the extra's part is solved, and the model is complete",
          "[solver]") {
  ExprContext ctx;
  RandomConjuncts random(ctx, 11, 6);
  auto plain = make_z3_solver(ctx);
  IndependentCachingSolver solver(ctx, make_z3_solver(ctx));
  unsigned sat = 0, unsat = 0, checked = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Expr> known = random.conjuncts(1 + random.pick(5));
    if (plain->check(known).result != SatResult::Sat) continue;
    std::vector<uint64_t> witness(ctx.variable_count(), 0);
    for (Expr x : random.pool()) witness[x->value] = plain->model_value(x);
    std::vector<Expr> extra = random.conjuncts(1 + random.pick(2));
    std::vector<Expr> all = known;
    all.insert(all.end(), extra.begin(), extra.end());
    SatResult expected = plain->check(all).result;
    REQUIRE(expected != SatResult::Unknown);
    uint64_t witness_answers = solver.witness_answers;
    INFO("round " << round);
    REQUIRE(solver.check(known, extra, witness).result == expected);
    ++checked;
    if (expected == SatResult::Sat) {
      ++sat;
      CHECK(all_hold(ctx, all, solver.model()));
      // Variables outside the extra's part keep the witness's values.
      if (all_hold(ctx, extra, witness)) CHECK(solver.witness_answers == witness_answers + 1);
    } else {
      ++unsat;
    }
  }
  CHECK(checked > 100);
  CHECK(sat > 30);
  CHECK(unsat > 30);
}

TEST_CASE("independent parts are solved once and cached, and assertions are part of every query",
          "[solver]") {
  ExprContext ctx;
  Expr x = ctx.variable("x", 8), y = ctx.variable("y", 8), z = ctx.variable("z", 8);
  auto counting = std::make_unique<CountingSolver>(make_z3_solver(ctx));
  CountingSolver* inner = counting.get();
  IndependentCachingSolver solver(ctx, std::move(counting));
  Expr x_is_1 = ctx.eq(x, ctx.constant(1, 8)), y_is_2 = ctx.eq(y, ctx.constant(2, 8));
  REQUIRE(solver.check({x_is_1, y_is_2}).result == SatResult::Sat);  // two parts
  CHECK(solver.parts_solved == 2);
  REQUIRE(solver.check({y_is_2, x_is_1}).result == SatResult::Sat);  // the same parts, in another order
  CHECK(solver.cache_hits == 2);
  REQUIRE(solver.check({x_is_1, ctx.eq(y, ctx.constant(3, 8))}).result == SatResult::Sat);
  CHECK(solver.parts_solved == 3);  // only the new part
  CHECK(solver.model_value(x) == 1);
  CHECK(solver.model_value(y) == 3);
  CHECK(solver.model_value(z) == 0);  // unconstrained: 0, as with Z3's model completion
  // x + y links x and y into one part.
  Expr sum_is_10 = ctx.eq(ctx.add(x, y), ctx.constant(10, 8));
  REQUIRE(solver.check({x_is_1, sum_is_10}).result == SatResult::Sat);
  CHECK(solver.model_value(y) == 9);
  CHECK(solver.check({x_is_1, sum_is_10, y_is_2}).result == SatResult::Unsat);

  // With a witness: the known part over z is not solved again; z keeps its value.
  std::vector<uint64_t> witness(ctx.variable_count(), 0);
  witness[z->value] = 42;
  Expr z_big = ctx.ult(ctx.constant(40, 8), z);
  uint64_t solved = solver.parts_solved;
  REQUIRE(solver.check({z_big}, {ctx.eq(x, ctx.constant(5, 8))}, witness).result == SatResult::Sat);
  CHECK(solver.parts_solved == solved + 1);
  CHECK(solver.model_value(x) == 5);
  CHECK(solver.model_value(z) == 42);
  REQUIRE(solver.check({z_big}, {ctx.ult(z, ctx.constant(50, 8))}, witness).result == SatResult::Sat);
  CHECK(solver.witness_answers == 1);  // 42 < 50 already
  CHECK(solver.check({z_big}, {ctx.ult(z, ctx.constant(30, 8))}, witness).result == SatResult::Unsat);

  solver.push();
  solver.add(ctx.ult(x, ctx.constant(5, 8)));
  CHECK(solver.check({ctx.eq(x, ctx.constant(7, 8))}).result == SatResult::Unsat);
  solver.pop();
  CHECK(solver.check({ctx.eq(x, ctx.constant(7, 8))}).result == SatResult::Sat);
  CHECK_THROWS_AS(solver.pop(), InternalError);
  CHECK(inner->checks == solver.parts_solved);
}

TEST_CASE("solver: the polynomial solver proves identities of sums of products and refutes false ones") {
  // (a + b)(a + b) against a^2 + 2ab + b^2 and against a^2 + b^2, at 64 bits: the
  // plain solver meets two 64-bit multipliers; the polynomial one first brings both
  // sides to sums of monomials.
  symbolic::ExprContext x;
  symbolic::Expr a = x.variable("a", 64), b = x.variable("b", 64);
  symbolic::Expr square = x.mul(x.add(a, b), x.add(a, b));
  symbolic::Expr expanded = x.add(x.add(x.mul(a, a), x.mul(x.constant(2, 64), x.mul(a, b))), x.mul(b, b));
  {
    std::unique_ptr<symbolic::Solver> s = symbolic::make_z3_polynomial_solver(x);
    s->set_timeout_ms(20000);
    s->add(x.lnot(x.eq(square, expanded)));
    CHECK(s->check().result == symbolic::SatResult::Unsat);
  }
  {
    std::unique_ptr<symbolic::Solver> s = symbolic::make_z3_polynomial_solver(x);
    s->set_timeout_ms(20000);
    s->add(x.lnot(x.eq(square, x.add(x.mul(a, a), x.mul(b, b)))));
    REQUIRE(s->check().result == symbolic::SatResult::Sat);
    const uint64_t va = s->model_value(a), vb = s->model_value(b);
    CHECK((va + vb) * (va + vb) != va * va + vb * vb);  // the model is a real counterexample
  }
}
