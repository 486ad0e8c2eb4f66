// The op proofs of `c2w verify` (verify/op_proofs.h) on the compiled universal model:
// the value ops are proved from the weights for all operands, the ops outside the
// proofs stay unknown with a reason, and one weight changed in an op's cone (a gate's
// threshold, a gate or value weight, an output weight of a neuron that computes the op)
// makes its proof fail with an FFN-level counterexample.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "neural/model_config.h"
#include "isa/isa.h"
#include "isa/semantics.h"
#include "symbolic/expr.h"
#include "verify/arith_proofs.h"
#include "verify/control_proofs.h"
#include "verify/numeric_bounds.h"
#include "verify/op_proofs.h"

using namespace c2w;
using verify::Status;

namespace {

const neural::Model& universal_model() {
  static const neural::Model model = compiler::compile_universal_weights().model;
  return model;
}

neural::ModelConfig config_of(const neural::Model& m) {
  return neural::ModelConfig::from_json(m.config_json, "universal");
}

// The FFN neurons that write `feature` (by the config's slot names): its block and
// the neurons' rows.
struct Writers {
  size_t block = 0;
  int slot = -1;
  std::vector<int> neurons;
};
Writers writers_of(const neural::Model& m, const neural::ModelConfig& config, const std::string& feature) {
  Writers w;
  for (size_t s = 0; s < config.residual_slots.size(); ++s)
    for (const neural::ModelConfig::SlotUse& use : config.residual_slots[s])
      if (use.feature == feature && use.written >= 0 && use.written % 2 == 1) {
        w.block = size_t(use.written / 2);
        w.slot = int(s);
      }
  REQUIRE(w.slot >= 0);
  const neural::FeedForward& ffn = m.blocks[w.block].ffn;
  for (Eigen::Index j = 0; j < ffn.output.cols(); ++j)
    if (ffn.output(w.slot, j) != 0) w.neurons.push_back(int(j));
  REQUIRE(!w.neurons.empty());
  return w;
}

// One weight of neuron j (a writer of w's feature) plus 1: the gate's threshold (its
// weight on the constant coordinate), a gate weight or a value weight on another
// coordinate (the last non-zero one), or its output weight.
enum class Mutation { Threshold, GateWeight, ValueWeight, OutputWeight };
neural::Model mutated(const neural::Model& original, const Writers& w, int j, Mutation kind) {
  neural::Model m = original;
  neural::FeedForward& ffn = m.blocks[w.block].ffn;
  const int one = original.positional.one;
  if (kind == Mutation::Threshold) {
    ffn.gate(j, one) += 1;
  } else if (kind == Mutation::OutputWeight) {
    ffn.output(w.slot, j) += 1;
  } else {
    Eigen::MatrixXd& matrix = kind == Mutation::GateWeight ? ffn.gate : ffn.value;
    Eigen::Index column = one;
    for (Eigen::Index s = 0; s < matrix.cols(); ++s)
      if (s != one && matrix(j, s) != 0) column = s;
    matrix(j, column) += 1;
  }
  return m;
}
constexpr Mutation kAllMutations[] = {Mutation::Threshold, Mutation::GateWeight, Mutation::ValueWeight,
                                      Mutation::OutputWeight};
constexpr Mutation kGateFreeMutations[] = {Mutation::Threshold, Mutation::ValueWeight,
                                           Mutation::OutputWeight};

}  // namespace

TEST_CASE("op proofs: the universal model's value ops are proved from its weights for all operands") {
  const neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  verify::OpProver prover(m, config);
  for (const char* op : {"mov", "add", "and", "or", "xor", "eq", "lt_s", "le_u", "sext16", "select", "popcnt",
                         "ld8_s", "ld32", "putc", "halt"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("assumes at P") != std::string::npos);
  }
  // putc's out:XX byte is the plan head's value row 15 (a's low byte): +1 on its weight
  // loses the proof.
  {
    neural::Model mutant = m;
    bool changed = false;
    for (size_t b = 0; b < config.heads.size() && !changed; ++b)
      for (size_t h = 0; h < config.heads[b].size() && !changed; ++h)
        if (config.heads[b][h] == "plan") {
          Eigen::MatrixXd& value = mutant.blocks[b].heads[h].value;
          for (Eigen::Index s = 0; s < value.cols() && !changed; ++s)
            if (value(15, s) != 0) value(15, s) += 1, changed = true;
        }
    REQUIRE(changed);
    verify::OpProver mutant_prover(mutant, config);
    verify::Obligation o = mutant_prover.prove("putc", 30);
    INFO(o.detail);
    CHECK(o.status == Status::Unknown);
    CHECK(o.detail.find("the out:XX byte is not a's low byte") != std::string::npos);
  }
  // ret reads the frame head's lookup: without its numeric ranges (use_head_ranges) the
  // head's outputs are not bounded, and ret stays unknown, saying so.
  verify::Obligation ret = prover.prove("ret", 5);
  INFO("ret: " << ret.detail);
  CHECK(ret.status == Status::Unknown);
  CHECK(ret.detail.rfind("not proved: ", 0) == 0);
  CHECK(ret.detail.find("read the frame head's lookup, not bounded here") != std::string::npos);
}

TEST_CASE("op proofs: the shifts are proved through their word, case by case on the shift amount") {
  const neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  verify::OpProver prover(m, config);
  for (const char* op : {"shl", "shr_u", "shr_s"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("equals the ISA's result: Z3 in 32 cases of s = b0 & 31") != std::string::npos);
    CHECK(o.detail.find("the bytes of any word w in [0, 2^32)") != std::string::npos);
    CHECK(o.detail.find("assumes at P: the residual features [a0 a1 a2 a3 b0]") != std::string::npos);
  }
}

TEST_CASE("op proofs: the multiplications are proved through their word, from the byte products") {
  const neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  verify::OpProver prover(m, config);
  for (const char* op : {"mul", "mulhu", "mulhs"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("is the ISA's word of the schoolbook product") != std::string::npos);
    CHECK(o.detail.find("byte products as free p_xy in [0, 255^2]") != std::string::npos);
    CHECK(o.detail.find("the bytes of any word w in [0, 2^32)") != std::string::npos);
    CHECK(o.detail.find("the distributive law as a polynomial identity") != std::string::npos);
    CHECK(o.detail.find("by algebra") == std::string::npos);  // step 4 is Z3's for each op
    CHECK(o.detail.find("assumes at P: the residual features [a0 a1 a2 a3 b0 b1 b2 b3]") !=
          std::string::npos);
  }
}

TEST_CASE("op proofs: the divisions are proved digit step by digit step") {
  const neural::Model& m = universal_model();
  neural::ModelConfig config = config_of(m);
  verify::OpProver prover(m, config);
  for (const char* op : {"divu", "remu", "divs", "rems"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("for b != 0 (b == 0 traps)") != std::string::npos);
    CHECK(o.detail.find("each digit q_k exactly the 255 threshold pairs") != std::string::npos);
    CHECK(o.detail.find("long division's induction, each step a lemma Z3 proves") != std::string::npos);
  }
}

TEST_CASE("op proofs: the product word is the ISA's multiplication of the product (arith_proofs.h)") {
  // Step 4 on concrete operands, through the same builders (constants fold): the word
  // of A B, and of its parts, is isa::eval_binary's, for edge words and a pseudo-random
  // walk.
  std::vector<uint32_t> words = {0,          1,          2,          0x7f,       0x80,
                                 0xff,       0x100,      0x7fffffff, 0x80000000, 0x80000001,
                                 0xfffffffe, 0xffffffff, 0x12345678, 0xdeadbeef};
  uint32_t seed = 12345;
  for (int i = 0; i < 50; ++i) words.push_back(seed = seed * 1664525u + 1013904223u);
  symbolic::ExprContext x;
  for (isa::Opcode op : {isa::Opcode::Mul, isa::Opcode::MulHU, isa::Opcode::MulHS})
    for (uint32_t a : words)
      for (uint32_t b : words) {
        isa::TrapKind trap = isa::TrapKind::None;
        const uint32_t expected = isa::eval_binary(op, a, b, trap);
        const uint64_t product = uint64_t(a) * b;
        symbolic::Expr ea = x.constant(a, 32), eb = x.constant(b, 32);
        symbolic::Expr word = verify::product_word(x, op, x.constant(product, 64), ea, eb);
        auto byte = [&](uint32_t w, int k) { return (w >> (8 * k)) & 255; };
        verify::ProductParts parts = verify::schoolbook_product(
            x, [&](int i, int j) { return x.constant(byte(a, i) * byte(b, j), 16); }, 48);
        symbolic::Expr from_parts = verify::product_word_of_parts(x, op, parts, ea, eb);
        INFO(isa::info(op).mnemonic << " " << a << " " << b);
        REQUIRE(word->is_constant());
        REQUIRE(from_parts->is_constant());
        CHECK(word->value == expected);
        CHECK(from_parts->value == expected);
      }
  // The signed divisions' statement (arith_proofs.h) on the same words: |a| / |b| and
  // |a| % |b| with the signs, against isa::eval_binary (INT_MIN / -1 included).
  for (uint32_t a : words)
    for (uint32_t b : words) {
      if (b == 0) continue;
      isa::TrapKind trap = isa::TrapKind::None;
      const uint32_t size_a = int32_t(a) < 0 ? 0u - a : a, size_b = int32_t(b) < 0 ? 0u - b : b;
      const uint32_t quotient = size_a / size_b, remainder = size_a % size_b;
      const bool negative_quotient = (int32_t(a) < 0) != (int32_t(b) < 0);
      INFO(a << " " << b);
      CHECK(isa::eval_binary(isa::Opcode::DivS, a, b, trap) ==
            (negative_quotient ? 0u - quotient : quotient));
      CHECK(isa::eval_binary(isa::Opcode::RemS, a, b, trap) == (int32_t(a) < 0 ? 0u - remainder : remainder));
    }
  // Steps 2 and 4 with Z3: the parts' lemma for each op, and mul's and mulhu's word of
  // zext(a) * zext(b) is the ISA's for every a, b.
  for (isa::Opcode op : {isa::Opcode::Mul, isa::Opcode::MulHU, isa::Opcode::MulHS})
    CHECK(verify::parts_lemma(op, 48, 60).empty());
  CHECK(verify::prove_product_lemma(isa::Opcode::Mul, 60).empty());
  CHECK(verify::prove_product_lemma(isa::Opcode::MulHU, 60).empty());
  // Step 3's four lemmas (the distributive law among them), at the widths the weights'
  // encodings use, and mulhs's four lemmas of step 4.
  for (unsigned width : {48u, 52u, 64u}) {
    INFO("parts of " << width << " bits");
    CHECK(verify::schoolbook_lemma(width, 60) == "");
  }
  CHECK(verify::schoolbook_lemma(40, 60) != "");  // the parts would wrap: refused
  CHECK(verify::prove_product_lemma(isa::Opcode::MulHS, 60) == "");
  CHECK(verify::long_division_lemmas(60) == "");
}

// An op and a feature computed by neurons in its cone.
struct MutantCase {
  const char* op;
  const char* feature;
};

// Four one-weight mutants of the first neuron writing each case's feature in the
// universal model (the gate's threshold, a gate weight on another coordinate, a value
// weight, the output weight; each +1): each must lose its op's proof (checked here); a
// counterexample is a detail holding one of `marks`. Reports the tally and checks that
// at least half come with a counterexample.
void check_mutants_lose_proof(const std::vector<MutantCase>& cases, double timeout_seconds,
                              const std::vector<std::string>& marks) {
  const neural::Model& original = universal_model();
  neural::ModelConfig config = config_of(original);
  int mutants = 0, failed = 0, counterexamples = 0;
  for (const MutantCase& c : cases) {
    Writers w = writers_of(original, config, c.feature);
    const int j = w.neurons.front();
    for (Mutation kind : kAllMutations) {
      neural::Model m = mutated(original, w, j, kind);
      verify::OpProver prover(m, config);
      verify::Obligation o = prover.prove(c.op, timeout_seconds);
      INFO(c.op << ", " << c.feature << " neuron " << j << " mutation " << int(kind) << ": " << o.detail);
      CHECK(o.status != Status::Proved);
      ++mutants;
      failed += o.status != Status::Proved;
      counterexamples += std::any_of(marks.begin(), marks.end(), [&](const std::string& mark) {
        return o.detail.find(mark) != std::string::npos;
      });
    }
  }
  WARN(failed << " of " << mutants << " mutants lose their op's proof, " << counterexamples
              << " with a counterexample");
  CHECK(counterexamples * 2 >= mutants);
}

TEST_CASE("op proofs: one weight changed in an op's cone makes its proof fail") {
  const std::vector<MutantCase> cases = {
      {"add", "add.carry2"},
      {"add", "value.add.b1"},
      {"and", "and1"},
      {"eq", "eq"},
      {"lt_s", "lt_s"},
      {"select", "select0"},
      {"popcnt", "a.bits2.hi"},
      {"mov", "value.mov.b3"},
      // the shifts: before their word (a keep flag, the 2^s table, the kept bits, the sign
      // fill) and after it (the byte extraction they share with mul and rem)
      {"shl", "shl.keep5"},
      {"shl", "2^s"},
      {"shr_u", "shr.high"},
      {"shr_s", "shr_s.fill"},
      {"shr_u", "word.byte2"},
  };
  check_mutants_lose_proof(cases, 30, {"differs from the ISA", "the weights give"});
}

TEST_CASE("op proofs: one weight changed in a multiplication's or a division's cone makes its proof fail") {
  // a byte product, the low word's carry count, mulhs's sign correction, the word's
  // gate; a digit's thresholds, a digit times the divisor (the last one's is the
  // remainder's word; ext.rem's own gate is not used: its rems flag weight is an
  // equivalent mutant for remu), |a|'s byte of divs
  const std::vector<MutantCase> cases = {{"mul", "mul.p12"},  {"mulhu", "mul.carry"}, {"mulhs", "mulhs.a"},
                                         {"mul", "ext.mul"},  {"divu", "div.q2"},     {"remu", "div.qd1"},
                                         {"remu", "div.qd0"}, {"divs", "div.n1"}};
  check_mutants_lose_proof(cases, 10, {"differs from the ISA"});
}

// A specialised model's branches: the next pc the plan carries is the target when the
// ISA's condition holds (else the static next pc), for all operands; the ROM's target
// and next pc are the instruction's (inputs of the proof). One weight changed in the
// taken flag or in the next pc's correction loses the proof.
TEST_CASE("op proofs: a specialised model's branches are proved from its weights, and mutants lose it") {
  isa::Program program =
      compiler::load_program(C2W_SOURCE_DIR "/examples/hello.c", compiler::CompileOptions{});
  const neural::Model original = compiler::compile_weights(program).model;
  neural::ModelConfig config = neural::ModelConfig::from_json(original.config_json, "hello");
  {
    verify::OpProver prover(original, config);
    for (const char* op : {"br_eq", "br_ne", "br_lt_s", "br_le_s", "br_lt_u", "br_le_u"}) {
      verify::Obligation o = prover.prove(op, 60);
      INFO(op << ": " << o.detail);
      CHECK(o.status == Status::Proved);
      CHECK(o.detail.find("the plan's next pc is the target when isa/semantics.h's condition") !=
            std::string::npos);
      CHECK(o.detail.find("[next target a0 a1 a2 a3 b0 b1 b2 b3]") != std::string::npos);
    }
  }
  int mutants = 0, failed = 0;
  // branch.taken's first neuron is br_eq's ReLU(flag + [a == b] - 1); next.branch's
  // ReLU(taken) * (target - next) serves every branch.
  const std::vector<std::pair<const char*, const char*>> cases = {{"br_eq", "branch.taken"},
                                                                  {"br_lt_u", "next.branch"}};
  for (const auto& [op, feature] : cases) {
    Writers w = writers_of(original, config, feature);
    const int j = w.neurons.front();
    for (Mutation kind : kGateFreeMutations) {
      neural::Model m = mutated(original, w, j, kind);
      verify::OpProver prover(m, config);
      verify::Obligation o = prover.prove(op, 30);
      INFO(op << ", " << feature << " neuron " << j << " mutation " << int(kind) << ": " << o.detail);
      CHECK(o.status != Status::Proved);
      ++mutants;
      failed += o.status != Status::Proved;
    }
  }
  WARN(failed << " of " << mutants << " branch mutants lose their op's proof");
}

// The other token roles (verify/control_proofs.h) on hello's specialised model: jmp's and
// call's next pc, a store's address and data bytes and its memory trap, call's callee fp
// and stack trap, the trap instruction, and the trap tokens of a load (memory) and of a
// division (b == 0). The frame head's outputs are bounded by the numeric analysis
// (use_head_ranges), which "ends with its next pc" needs (a ret without a call record
// traps).
namespace {

struct HelloModel {
  neural::Model model;
  neural::ModelConfig config;
  verify::NumericBounds bounds;
};
const HelloModel& hello_model() {
  static const HelloModel hello = [] {
    isa::Program program =
        compiler::load_program(C2W_SOURCE_DIR "/examples/hello.c", compiler::CompileOptions{});
    HelloModel h{compiler::compile_weights(program).model, {}, {}};
    h.config = neural::ModelConfig::from_json(h.model.config_json, "hello");
    h.bounds = verify::bound_model(h.model, h.config.max_positions);
    return h;
  }();
  return hello;
}

}  // namespace

TEST_CASE("control proofs: a specialised model's jmp, store, call, trap and trap tokens are proved") {
  const HelloModel& hello = hello_model();
  verify::OpProver prover(hello.model, hello.config);
  prover.use_head_ranges(hello.bounds);
  for (const char* op : {"jmp", "st32", "call", "trap"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("as the reference interpreter emits them") != std::string::npos);
    CHECK(o.detail.find("assumes at P") != std::string::npos);
  }
  CHECK(prover.prove("st32", 60).detail.find("the memory trap exactly when a + c is out of bounds") !=
        std::string::npos);
  CHECK(prover.prove("call", 60).detail.find("the stack trap exactly when fp + out exceeds the limit") !=
        std::string::npos);
  for (const char* op : {"remu", "ld8_u"}) {
    std::vector<verify::Obligation> traps = verify::trap_obligations(prover, hello.config, op, 60);
    REQUIRE(traps.size() == 1);
    INFO(op << ": " << traps[0].detail);
    CHECK(traps[0].family == "trap");
    CHECK(traps[0].status == Status::Proved);
  }
  CHECK(verify::trap_obligations(prover, hello.config, "add", 60).empty());
  // ret: its returned words, and the caller's fp and return pc that the frame head
  // returns, assuming that head returns the latest call record into the frame.
  verify::Obligation ret = prover.prove("ret", 60);
  INFO(ret.detail);
  CHECK(ret.status == Status::Proved);
  CHECK(ret.detail.find("the frame head returns the latest call record into the frame at fp") !=
        std::string::npos);
  CHECK(ret.detail.find("B11: byte 3 of the returned b") != std::string::npos);
  CHECK(ret.detail.find("the bad-call trap exactly when the frame head's winner is not a call record") !=
        std::string::npos);
  // Without the frame head's ranges, how the step ends is not shown: jmp stays unknown.
  verify::OpProver unbounded(hello.model, hello.config);
  verify::Obligation jmp = unbounded.prove("jmp", 60);
  INFO(jmp.detail);
  CHECK(jmp.status == Status::Unknown);
  CHECK(jmp.detail.find("not proved: ends with its next pc: it depends on") != std::string::npos);
}

// A claim of the control proofs (the start of its description, control_proofs.cpp) and
// a feature computed by neurons in that claim's cone.
struct ControlMutantCase {
  const char* op;
  const char* claim;
  const char* feature;
};

// For each case: the model proves the claim (with the head ranges of `bounds` when
// given), and each gate-free one-weight mutant of the first neuron writing the feature
// loses it — with a counterexample, checked for each mutant when
// `each_with_counterexample`. Returns the mutants and those killed with a counterexample.
std::pair<int, int> check_control_mutants(const neural::Model& original, const neural::ModelConfig& config,
                                          const verify::NumericBounds* bounds,
                                          const std::vector<ControlMutantCase>& cases,
                                          bool each_with_counterexample) {
  auto check = [&](const neural::Model& m, const char* op,
                   const std::vector<verify::OpProver::ComponentClaim>& claims, double timeout_seconds) {
    verify::OpProver prover(m, config);
    if (bounds) prover.use_head_ranges(*bounds);
    return prover.check_components(op, claims, timeout_seconds).front();
  };
  int mutants = 0, killed = 0;
  for (const ControlMutantCase& c : cases) {
    std::vector<verify::OpProver::ComponentClaim> claims;
    for (const verify::OpProver::ComponentClaim& claim : verify::control_claims(config, c.op))
      if (claim.what.rfind(c.claim, 0) == 0) claims.push_back(claim);
    REQUIRE(claims.size() == 1);
    {  // the unmutated model proves it
      verify::OpProver::ComponentOutcome r = check(original, c.op, claims, 60);
      INFO(c.op << ": " << c.claim << ": " << r.failure);
      REQUIRE(r.proved);
    }
    Writers w = writers_of(original, config, c.feature);
    const int j = w.neurons.front();
    for (Mutation kind : kGateFreeMutations) {
      neural::Model m = mutated(original, w, j, kind);
      verify::OpProver::ComponentOutcome r = check(m, c.op, claims, 30);
      INFO(c.op << ": " << c.claim << ", " << c.feature << " neuron " << j << " mutation " << int(kind)
                << ": " << r.failure);
      CHECK(!r.proved);
      if (each_with_counterexample) CHECK(r.counterexample);
      ++mutants;
      killed += !r.proved && r.counterexample;
    }
  }
  return {mutants, killed};
}

// One weight changed (+1) in a neuron of a control or trap cone: the claim over that
// cone is no longer proved, and Z3 gives a counterexample (the weights' component and
// the ISA's for some operands).
TEST_CASE("control proofs: one weight changed in a control or trap cone makes its claim fail") {
  const std::vector<ControlMutantCase> cases = {
      {"st32", "B1: byte 0 of the address", "store.addr.b0"},
      {"st32", "B3: byte 2 of the address", "store.address.carry2"},
      {"st16", "B5: byte 1 of the stored b", "store.data.b1"},
      {"st8", "the memory trap exactly when", "store.oob"},
      {"call", "B2: byte 1 of the callee's fp", "call.fp.carry1"},
      {"call", "B3: byte 2 of the callee's fp", "call.fp.b2"},
      {"call", "the stack trap exactly when", "call.overflow"},
      {"remu", "the division trap exactly when", "div0"},
      {"remu", "the division trap exactly when", "b==0"},
  };
  const HelloModel& hello = hello_model();
  auto [mutants, killed] = check_control_mutants(hello.model, hello.config, nullptr, cases, true);
  WARN(killed << " of " << mutants << " control and trap mutants lose their claim with a counterexample");
}

// The universal model's control ops and trap tokens (verify/control_proofs.h), cut at the
// fetch heads' outputs: the record's bytes rec.K and the step head's pc are the inputs,
// the opcode flags and the fields (next pc, a call's outgoing area, the access width,
// calli's entry check against the prompt's table, the byte count) are decoded by the
// weights inside the cone. One weight changed (+1) in a decoding neuron loses the claim
// that reads it, with a counterexample.
namespace {

struct UniversalModel {
  neural::ModelConfig config;
  verify::NumericBounds bounds;
};
const UniversalModel& universal_with_bounds() {
  static const UniversalModel u = [] {
    UniversalModel r{config_of(universal_model()), {}};
    r.bounds = verify::bound_model(universal_model(), r.config.max_positions);
    return r;
  }();
  return u;
}

}  // namespace

TEST_CASE("control proofs: the universal model's control ops and trap tokens are proved through its fetch") {
  const neural::Model& m = universal_model();
  const UniversalModel& u = universal_with_bounds();
  verify::OpProver prover(m, u.config);
  prover.use_head_ranges(u.bounds);
  std::map<std::string, std::string> details;
  for (const char* op : {"jmp", "st8", "call", "calli", "ret", "trap", "br_lt_s"}) {
    verify::Obligation o = prover.prove(op, 60);
    INFO(op << ": " << o.detail);
    CHECK(o.status == Status::Proved);
    CHECK(o.detail.find("on this universal model the cut is at the fetch heads' outputs") !=
          std::string::npos);
    details[op] = o.detail;
  }
  CHECK(details["calli"].find("the bad-call trap exactly when a is not a function entry (the prompt's: a < N "
                              "and record a's entry flag 1)") != std::string::npos);
  CHECK(details["calli"].find("the byte count 3 (trace::step_byte_count), 0 when it traps") !=
        std::string::npos);
  CHECK(details["jmp"].find("the next pc is the record's next (jmp's target)") != std::string::npos);
  for (const char* op : {"ld16_s", "rems"}) {
    std::vector<verify::Obligation> traps = verify::trap_obligations(prover, u.config, op, 60);
    REQUIRE(traps.size() == 1);
    INFO(op << ": " << traps[0].detail);
    CHECK(traps[0].status == Status::Proved);
  }
}

TEST_CASE("control proofs: one weight changed in the universal model's fetch decoding makes its claim fail") {
  // features the fetch decodes (compiler/gadgets/fetch.cpp, call_ret.cpp)
  const std::vector<ControlMutantCase> cases = {
      {"jmp", "the next pc is the record's next",
       "next.jump"},                                        // next = pc + 1 + [jmp or call] (target - pc - 1)
      {"st32", "B1: byte 0 of the address", "op.st32"},     // the opcode flag, is_zero(op - code)
      {"st16", "the byte count 5", "op.st16"},              // the static byte count, from the flags
      {"ld32", "the memory trap exactly when", "op.ld32"},  // the access width, from the flags
      {"call", "B1: byte 0 of the callee's fp", "out0.call"},         // the outgoing area, a's value bytes
      {"calli", "B2: byte 1 of the callee's fp", "out1.calli"},       // calli's, b's
      {"calli", "the bad-call trap exactly when", "calli.in_range"},  // target < N
      {"calli", "the bad-call trap exactly when", "calli.entry"},     // record a's entry flag
  };
  const neural::Model& original = universal_model();
  const UniversalModel& u = universal_with_bounds();
  auto [mutants, killed] = check_control_mutants(original, u.config, &u.bounds, cases, false);
  WARN(killed << " of " << mutants << " fetch decoding mutants lose their claim with a counterexample");
  CHECK(killed * 4 >= mutants * 3);
  // A branch's next pc reads the same decoding: next.jump's threshold + 1 fires it for
  // br_eq too (its flags 0), and the proof is lost.
  Writers w = writers_of(original, u.config, "next.jump");
  neural::Model m = mutated(original, w, w.neurons.front(), Mutation::Threshold);
  verify::OpProver prover(m, u.config);
  prover.use_head_ranges(u.bounds);
  verify::Obligation o = prover.prove("br_eq", 30);
  INFO(o.detail);
  CHECK(o.status != Status::Proved);
}

// The byte count of the value ops (delta writes, isa/trace_format.h): with the numeric
// analysis' boxes the destination heads' outputs are bounded inputs, and the count is
// proved to be trace::delta_byte_count of the old bytes and the proved value (0 when a
// load traps). One weight +1 in the count's cone (the hit test, the old byte, [value
// byte == old byte], the kept-bytes and, the count's gate) loses the op's proof.
TEST_CASE("op proofs: a value op's byte count is the delta write's, and mutants of its cone lose it") {
  const neural::Model& original = universal_model();
  const UniversalModel& u = universal_with_bounds();
  {
    verify::OpProver prover(original, u.config);
    prover.use_head_ranges(u.bounds);
    for (const char* op : {"mov", "sext8", "ld16_s", "lt_u"}) {
      verify::Obligation o = prover.prove(op, 60);
      INFO(op << ": " << o.detail);
      CHECK(o.status == Status::Proved);
      CHECK(o.detail.find("the byte count trace::delta_byte_count(old bytes, value)") != std::string::npos);
      CHECK(o.detail.find("the memory:destination heads") != std::string::npos);
    }
  }
  const std::vector<std::pair<const char*, Mutation>> cases = {
      {"hit.dst.old1", Mutation::Threshold}, {"dst.old2", Mutation::ValueWeight},
      {"dst.same3", Mutation::Threshold},    {"dst.same0", Mutation::OutputWeight},
      {"dst.kept1", Mutation::Threshold},    {"n", Mutation::OutputWeight}};
  int mutants = 0, lost = 0, counterexamples = 0;
  for (const auto& [feature, kind] : cases) {
    Writers w = writers_of(original, u.config, feature);
    neural::Model m = mutated(original, w, w.neurons.front(), kind);
    verify::OpProver prover(m, u.config);
    prover.use_head_ranges(u.bounds);
    verify::Obligation o = prover.prove("mov", 30);
    INFO(feature << " mutation " << int(kind) << ": " << o.detail);
    CHECK(o.status != Status::Proved);
    ++mutants;
    lost += o.status != Status::Proved;
    counterexamples += o.detail.find("the weights give") != std::string::npos;
  }
  WARN(lost << " of " << mutants << " byte-count mutants lose mov's proof, " << counterexamples
            << " with a counterexample");
  CHECK(counterexamples * 2 >= mutants);
}
