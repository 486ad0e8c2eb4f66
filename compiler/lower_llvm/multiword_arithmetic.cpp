// N-word arithmetic (FunctionLowering, see lowering.h): integers wider than 64 bits
// (i65 .. i1024) as ceil(bits / 32) words, lowest first.
//
// Clang makes them for a run of adjacent bit-fields that it accesses as one integer
// (struct { unsigned a:9; ...; int f:24; } is one i96 load plus shifts and masks) and
// for _BitInt(N). Like the 33..63-bit pairs of wide_arithmetic.cpp, a value whose
// width is not a multiple of 32 is kept zero-extended in its top word and is
// sign-extended from its top bit where an operation is signed.
//
// Inline: add and subtract (a carry or borrow chain, each carry from two unsigned
// compares), and/or/xor word by word, shifts by a constant (whole-word moves plus a
// shift of every word), comparisons (from the lowest word up, each higher word
// deciding unless it is equal), casts, abs and min/max. Through
// libc routines (libc/src/runtime_multiword.c) on word arrays in the frame:
// multiplication, division, remainder and shifts by a variable amount. The add and
// subtract overflow intrinsics are here too; checked multiplication is an error.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>

#include "support/errors.h"

namespace c2w::compiler::lower_llvm {

// The value with its top word sign-extended from bit bits - 1: the full N-word
// two's complement value, as signed division, shifts and comparisons want it.
Words FunctionLowering::sign_extend_multiword(const Words& w, unsigned bits) {
  unsigned spare = static_cast<unsigned>(w.size()) * 32 - bits;
  if (spare == 0) return w;
  Words r = w;
  Operand top = new_slot();
  emit(Opcode::Shl, top, w.back(), Operand::imm(spare));
  emit(Opcode::ShrS, top, top, Operand::imm(spare));
  r.back() = top;
  return r;
}

// x < y (or <=) decided from the lowest word up: r = x0 <(=) y0, then for every higher
// word r = (xk < yk) | (xk == yk & r); the top word compares signed for a signed
// predicate.
void FunctionLowering::compare_multiword(llvm::CmpInst::Predicate pred, const Words& a, const Words& b,
                                         Operand d) {
  using P = llvm::CmpInst::Predicate;
  const size_t n = a.size();
  if (pred == P::ICMP_EQ || pred == P::ICMP_NE) {
    Operand any = new_slot(), t = new_slot();
    emit(Opcode::Xor, any, a[0], b[0]);
    for (size_t k = 1; k < n; ++k) {
      emit(Opcode::Xor, t, a[k], b[k]);
      emit(Opcode::Or, any, any, t);
    }
    emit(pred == P::ICMP_EQ ? Opcode::Eq : Opcode::Ne, d, any, Operand::imm(0));
    return;
  }
  Words x = a, y = b;
  if (pred == P::ICMP_UGT || pred == P::ICMP_UGE || pred == P::ICMP_SGT || pred == P::ICMP_SGE) {
    std::swap(x, y);
    pred = llvm::CmpInst::getSwappedPredicate(pred);
  }
  bool is_signed = llvm::CmpInst::isSigned(pred);
  bool strict = pred == P::ICMP_ULT || pred == P::ICMP_SLT;
  Operand r = new_slot(), less = new_slot(), equal = new_slot();
  emit(strict ? Opcode::LtU : Opcode::LeU, r, x[0], y[0]);
  for (size_t k = 1; k < n; ++k) {
    bool top = k == n - 1;
    emit(top && is_signed ? Opcode::LtS : Opcode::LtU, less, x[k], y[k]);
    emit(Opcode::Eq, equal, x[k], y[k]);
    emit(Opcode::And, equal, equal, r);
    emit(Opcode::Or, top ? d : r, less, equal);
  }
}

unsigned multiword_routine_words(const llvm::Instruction& i) {
  using llvm::Instruction;
  if (!i.getType()->isIntegerTy() || i.getType()->getIntegerBitWidth() <= 64) return 0;
  switch (i.getOpcode()) {
    case Instruction::Shl:
    case Instruction::LShr:
    case Instruction::AShr:
      if (llvm::isa<llvm::ConstantInt>(i.getOperand(1))) return 0;
      [[fallthrough]];
    case Instruction::Mul:
    case Instruction::UDiv:
    case Instruction::SDiv:
    case Instruction::URem:
    case Instruction::SRem: return (i.getType()->getIntegerBitWidth() + 31) / 32;
    default: return 0;
  }
}

// d = name(a, b) through `void name(unsigned *d, const unsigned *a, const unsigned *b,
// unsigned n)`: the operands are copied into the function's scratch arrays (reserved
// in its frame for this, functions.cpp), the result is copied out of the third.
void FunctionLowering::call_runtime_multiword(const char* name, const Words& a, const Words& b,
                                              const Words& d) {
  const unsigned n = static_cast<unsigned>(d.size());
  C2W_CHECK(n <= multiword_scratch_words_ && a.size() == n && b.size() == n, "multiword scratch too small");
  auto word_at = [&](unsigned array, unsigned k) {
    return Operand::slot(static_cast<int32_t>(multiword_scratch_ + 4 * (array * n + k)));
  };
  Operand addresses[3];
  for (unsigned array = 0; array < 3; ++array) {
    addresses[array] = new_slot();
    emit(Opcode::Lea, addresses[array], Operand::imm(multiword_scratch_ + 4 * array * n));
  }
  for (unsigned k = 0; k < n; ++k) {
    emit(Opcode::Mov, word_at(0, k), a[k]);
    emit(Opcode::Mov, word_at(1, k), b[k]);
  }
  call_runtime(name, {Words{addresses[2]}, Words{addresses[0]}, Words{addresses[1]}, Words{Operand::imm(n)}},
               Words{});
  for (unsigned k = 0; k < n; ++k) emit(Opcode::Mov, d[k], word_at(2, k));
}

// d = a + b with a carry chain (d_k = t + carry, t = a_k + b_k, the carry out
// (t < a_k) | (d_k < t)), or d = a - b with a borrow chain (d_k = t - borrow,
// t = a_k - b_k, the borrow out (a_k < b_k) | (t < borrow)). d is fresh words.
void FunctionLowering::add_sub_multiword(bool add, const Words& a, const Words& b, const Words& d) {
  const size_t n = d.size();
  if (add) {
    Operand carry = new_slot(), t = new_slot(), c = new_slot();
    emit(Opcode::Add, d[0], a[0], b[0]);
    emit(Opcode::LtU, carry, d[0], a[0]);
    for (size_t k = 1; k < n; ++k) {
      bool last = k + 1 == n;
      emit(Opcode::Add, t, a[k], b[k]);
      if (!last) emit(Opcode::LtU, c, t, a[k]);
      emit(Opcode::Add, d[k], t, carry);
      if (!last) {
        emit(Opcode::LtU, carry, d[k], t);
        emit(Opcode::Or, carry, carry, c);
      }
    }
    return;
  }
  Operand borrow = new_slot(), t = new_slot(), b1 = new_slot(), b2 = new_slot();
  emit(Opcode::LtU, borrow, a[0], b[0]);
  emit(Opcode::Sub, d[0], a[0], b[0]);
  for (size_t k = 1; k < n; ++k) {
    bool last = k + 1 == n;
    emit(Opcode::Sub, t, a[k], b[k]);
    if (!last) {
      emit(Opcode::LtU, b1, a[k], b[k]);
      emit(Opcode::LtU, b2, t, borrow);
    }
    emit(Opcode::Sub, d[k], t, borrow);
    if (!last) emit(Opcode::Or, borrow, b1, b2);
  }
}

void FunctionLowering::lower_binary_multiword(const llvm::BinaryOperator& i, unsigned bits) {
  using llvm::Instruction;
  Words a = get(i.getOperand(0)), b = get(i.getOperand(1)), d = get(&i);
  const size_t n = d.size();
  const auto opcode = i.getOpcode();
  bool is_signed = opcode == Instruction::AShr || opcode == Instruction::SDiv || opcode == Instruction::SRem;
  if (is_signed) {
    a = sign_extend_multiword(a, bits);
    if (opcode != Instruction::AShr) b = sign_extend_multiword(b, bits);
  }
  const auto* constant_shift = llvm::dyn_cast<llvm::ConstantInt>(i.getOperand(1));
  bool keeps_zero_extension = false;  // else the top word is masked back to `bits`
  switch (opcode) {
    case Instruction::Add:
    case Instruction::Sub: add_sub_multiword(opcode == Instruction::Add, a, b, d); break;
    case Instruction::And:
    case Instruction::Or:
    case Instruction::Xor: {
      Opcode op = opcode == Instruction::And  ? Opcode::And
                  : opcode == Instruction::Or ? Opcode::Or
                                              : Opcode::Xor;
      for (size_t k = 0; k < n; ++k) emit(op, d[k], a[k], b[k]);
      keeps_zero_extension = true;
      break;
    }
    case Instruction::Shl:
    case Instruction::LShr:
    case Instruction::AShr:
      if (constant_shift) {
        // Whole words move by q = amount / 32, then every word shifts by r = amount % 32
        // and takes the bits that leave its neighbour. An amount >= bits is poison: 0.
        uint64_t amount = constant_shift->getValue().getLimitedValue();
        if (amount >= bits) {
          for (size_t k = 0; k < n; ++k) emit(Opcode::Mov, d[k], Operand::imm(0));
          keeps_zero_extension = true;
          break;
        }
        const int q = static_cast<int>(amount / 32), r = static_cast<int>(amount % 32);
        const bool left = opcode == Instruction::Shl, arithmetic = opcode == Instruction::AShr;
        Operand fill = Operand::imm(0), t = new_slot();
        if (arithmetic) {
          fill = new_slot();
          emit(Opcode::ShrS, fill, a[n - 1], Operand::imm(31));
        }
        auto source = [&](int s) { return s < 0 ? Operand::imm(0) : s >= static_cast<int>(n) ? fill : a[s]; };
        auto is_zero = [](const Operand& o) { return o == Operand::imm(0); };
        for (int j = 0; j < static_cast<int>(n); ++j) {
          int s = left ? j - q : j + q;  // the word whose bits land in d_j, shifted by r
          int neighbour = left ? s - 1 : s + 1;
          Operand main_word = source(s), other = source(neighbour);
          if (r == 0 || is_zero(main_word)) {
            if (r == 0 || is_zero(other)) {
              emit(Opcode::Mov, d[j], r == 0 ? main_word : Operand::imm(0));
              continue;
            }
            emit(left ? Opcode::ShrU : Opcode::Shl, d[j], other, Operand::imm(static_cast<uint32_t>(32 - r)));
            continue;
          }
          Opcode shift = left                                         ? Opcode::Shl
                         : arithmetic && s >= static_cast<int>(n) - 1 ? Opcode::ShrS
                                                                      : Opcode::ShrU;
          emit(shift, d[j], main_word, Operand::imm(static_cast<uint32_t>(r)));
          if (is_zero(other)) continue;
          emit(left ? Opcode::ShrU : Opcode::Shl, t, other, Operand::imm(static_cast<uint32_t>(32 - r)));
          emit(Opcode::Or, d[j], d[j], t);
        }
        keeps_zero_extension = opcode == Instruction::LShr;
        break;
      }
      [[fallthrough]];
    case Instruction::Mul:
    case Instruction::UDiv:
    case Instruction::SDiv:
    case Instruction::URem:
    case Instruction::SRem: {
      const char* name = nullptr;
      switch (opcode) {
        case Instruction::Shl: name = "__c2w_shl_multiword"; break;
        case Instruction::LShr: name = "__c2w_lshr_multiword"; break;
        case Instruction::AShr: name = "__c2w_ashr_multiword"; break;
        case Instruction::Mul: name = "__c2w_mul_multiword"; break;
        case Instruction::UDiv: name = "__c2w_udiv_multiword"; break;
        case Instruction::SDiv: name = "__c2w_sdiv_multiword"; break;
        case Instruction::URem: name = "__c2w_urem_multiword"; break;
        default: name = "__c2w_srem_multiword"; break;
      }
      call_runtime_multiword(name, a, b, d);
      keeps_zero_extension =
          opcode == Instruction::LShr || opcode == Instruction::UDiv || opcode == Instruction::URem;
      break;
    }
    default:
      return error(std::string("unsupported operation '") + i.getOpcodeName() + "' on i" +
                   std::to_string(bits));
  }
  if (!keeps_zero_extension && bits % 32 != 0)
    emit(Opcode::And, d[n - 1], d[n - 1], Operand::imm(low_mask(bits % 32)));
}

// Casts where either side is wider than 64 bits. A zero extension or a truncation to
// a multiple of 32 bits shares its operand's words (values.cpp) and emits nothing here
// unless the words differ.
void FunctionLowering::lower_cast_multiword(const llvm::CastInst& i, unsigned from, unsigned to) {
  using llvm::Instruction;
  Words a = get(i.getOperand(0)), d = get(&i);
  const size_t n = d.size();
  auto copy = [&](size_t k, Operand from_word) {
    if (d[k] != from_word && d[k].kind != OperandKind::Imm) emit(Opcode::Mov, d[k], from_word);
  };
  switch (i.getOpcode()) {
    case Instruction::ZExt:
    case Instruction::Trunc:
    case Instruction::PtrToInt:
    case Instruction::IntToPtr:
      for (size_t k = 0; k < n; ++k) copy(k, k < a.size() ? a[k] : Operand::imm(0));
      break;
    case Instruction::SExt: {
      Words x = from > 32 ? sign_extend_multiword(a, from) : Words{sign_extend(a[0], from)};
      Operand sign = new_slot();
      emit(Opcode::ShrS, sign, x.back(), Operand::imm(31));
      for (size_t k = 0; k < n; ++k) copy(k, k < x.size() ? x[k] : sign);
      break;
    }
    default:
      return error(std::string("unsupported conversion '") + i.getOpcodeName() + "' (floating point?)");
  }
  if (to < from || i.getOpcode() == Instruction::SExt)
    if (to % 32 != 0) emit(Opcode::And, d[n - 1], d[n - 1], Operand::imm(low_mask(to % 32)));
}

// {result, overflow} of add and subtract. The sum or difference of two values of
// `bits` bits, extended to n words, is exact when the words have a spare bit above
// them: then overflow is "the result, truncated to `bits` and extended again, differs
// in the top word". With no spare bit (i96, i128) it is the carry or borrow out
// (unsigned), or the sign rule of lower_overflow64 on the top words (signed).
void FunctionLowering::lower_overflow_multiword(const llvm::CallBase& call, llvm::Intrinsic::ID id,
                                                unsigned bits) {
  namespace Intrinsic = llvm::Intrinsic;
  bool is_signed = id == Intrinsic::sadd_with_overflow || id == Intrinsic::ssub_with_overflow;
  bool is_add = id == Intrinsic::uadd_with_overflow || id == Intrinsic::sadd_with_overflow;
  if (!is_add && id != Intrinsic::usub_with_overflow && id != Intrinsic::ssub_with_overflow)
    return error("overflow-checking multiplication on i" + std::to_string(bits) + " is not supported");
  Words a = get(call.getArgOperand(0)), b = get(call.getArgOperand(1)), d = get(&call);
  const size_t n = a.size();
  Words r(d.begin(), d.begin() + static_cast<long>(n));
  Operand overflow = d[n];
  Words x = is_signed ? sign_extend_multiword(a, bits) : a,
        y = is_signed ? sign_extend_multiword(b, bits) : b;
  Words exact = new_slots(static_cast<unsigned>(n));
  add_sub_multiword(is_add, x, y, exact);
  if (bits % 32 != 0) {
    for (size_t k = 0; k + 1 < n; ++k) emit(Opcode::Mov, r[k], exact[k]);
    emit(Opcode::And, r[n - 1], exact[n - 1], Operand::imm(low_mask(bits % 32)));
    Words truncated = is_signed ? sign_extend_multiword(r, bits) : r;
    emit(Opcode::Ne, overflow, truncated[n - 1], exact[n - 1]);
    return;
  }
  for (size_t k = 0; k < n; ++k) emit(Opcode::Mov, r[k], exact[k]);
  if (!is_signed) {  // a carry out: r < a; a borrow out: a < b
    if (is_add)
      compare_multiword(llvm::CmpInst::ICMP_ULT, r, a, overflow);
    else
      compare_multiword(llvm::CmpInst::ICMP_ULT, a, b, overflow);
    return;
  }
  // sadd: sign((a ^ r) & (b ^ r)); ssub: sign((a ^ b) & (a ^ r)), on the top words
  Operand t = new_slot(), u = new_slot();
  emit(Opcode::Xor, t, a[n - 1], is_add ? r[n - 1] : b[n - 1]);
  emit(Opcode::Xor, u, is_add ? b[n - 1] : a[n - 1], r[n - 1]);
  emit(Opcode::And, t, t, u);
  emit(Opcode::LtS, overflow, t, Operand::imm(0));
}

}  // namespace c2w::compiler::lower_llvm
