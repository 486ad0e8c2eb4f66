// Two-word arithmetic (FunctionLowering, see lowering.h): integers of 33..64 bits as
// (low, high) word pairs.
//
// Add and subtract propagate a carry or borrow computed with an unsigned compare;
// multiply builds the high word from mulhu and the cross products; constant shifts
// move bits between the words; variable shifts, division and remainder call the
// libc's __c2w_*64 routines; comparisons decide on the high words and, when they are
// equal, on the low ones. Values of 33..63 bits are kept zero-extended to 64 and
// sign-extended from their top bit where the operation is signed (sign_extend_multiword,
// shared with the wider integers). The 64-bit forms of
// the overflow and funnel-shift intrinsics live here too.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>

namespace c2w::compiler::lower_llvm {

void FunctionLowering::compare64(llvm::CmpInst::Predicate pred, const Words& a, const Words& b, Operand d) {
  using P = llvm::CmpInst::Predicate;
  Operand t1 = new_slot(), t2 = new_slot();
  if (pred == P::ICMP_EQ || pred == P::ICMP_NE) {
    emit(Opcode::Xor, t1, a[0], b[0]);
    emit(Opcode::Xor, t2, a[1], b[1]);
    emit(Opcode::Or, t1, t1, t2);
    emit(pred == P::ICMP_EQ ? Opcode::Eq : Opcode::Ne, d, t1, Operand::imm(0));
    return;
  }
  Words x = a, y = b;
  if (pred == P::ICMP_UGT || pred == P::ICMP_UGE || pred == P::ICMP_SGT || pred == P::ICMP_SGE) {
    std::swap(x, y);
    pred = llvm::CmpInst::getSwappedPredicate(pred);
  }
  bool is_signed = llvm::CmpInst::isSigned(pred);
  bool strict = pred == P::ICMP_ULT || pred == P::ICMP_SLT;
  // (x.hi < y.hi) | (x.hi == y.hi & x.lo <(=)u y.lo)
  Operand t3 = new_slot();
  emit(is_signed ? Opcode::LtS : Opcode::LtU, t1, x[1], y[1]);
  emit(Opcode::Eq, t2, x[1], y[1]);
  emit(strict ? Opcode::LtU : Opcode::LeU, t3, x[0], y[0]);
  emit(Opcode::And, t2, t2, t3);
  emit(Opcode::Or, d, t1, t2);
}

void FunctionLowering::lower_binary64(const llvm::BinaryOperator& i, unsigned bits) {
  using llvm::Instruction;
  Words a = get(i.getOperand(0)), b = get(i.getOperand(1)), d = get(&i);
  bool is_signed = i.getOpcode() == Instruction::AShr || i.getOpcode() == Instruction::SDiv ||
                   i.getOpcode() == Instruction::SRem;
  if (is_signed && bits < 64) {
    a = sign_extend_multiword(a, bits);
    if (i.getOpcode() != Instruction::AShr) b = sign_extend_multiword(b, bits);
  }
  const auto* constant_shift = llvm::dyn_cast<llvm::ConstantInt>(i.getOperand(1));
  bool wraps = false;  // the high word must be re-masked when bits < 64
  switch (i.getOpcode()) {
    case Instruction::Add:
      add64(a, b, d);
      wraps = true;
      break;
    case Instruction::Sub:
      sub64(a, b, d);
      wraps = true;
      break;
    case Instruction::Mul: {
      // hi = mulhu(a.lo, b.lo) + a.lo * b.hi + a.hi * b.lo; the cross terms vanish
      // for zero-extended operands.
      Operand u = new_slot();
      emit(Opcode::MulHU, d[1], a[0], b[0]);
      if (b[1] != Operand::imm(0)) {
        emit(Opcode::Mul, u, a[0], b[1]);
        emit(Opcode::Add, d[1], d[1], u);
      }
      if (a[1] != Operand::imm(0)) {
        emit(Opcode::Mul, u, a[1], b[0]);
        emit(Opcode::Add, d[1], d[1], u);
      }
      emit(Opcode::Mul, d[0], a[0], b[0]);
      wraps = true;
      break;
    }
    case Instruction::And:
    case Instruction::Or:
    case Instruction::Xor: {
      Opcode op = i.getOpcode() == Instruction::And  ? Opcode::And
                  : i.getOpcode() == Instruction::Or ? Opcode::Or
                                                     : Opcode::Xor;
      emit(op, d[0], a[0], b[0]);
      emit(op, d[1], a[1], b[1]);
      break;
    }
    case Instruction::Shl:
    case Instruction::LShr:
    case Instruction::AShr:
      if (constant_shift) {
        uint32_t k = static_cast<uint32_t>(constant_shift->getZExtValue() & 63);
        Operand t = new_slot();
        if (i.getOpcode() == Instruction::Shl) {
          if (k == 0) {
            emit(Opcode::Mov, d[0], a[0]);
            emit(Opcode::Mov, d[1], a[1]);
          } else if (k < 32) {
            emit(Opcode::Shl, d[1], a[1], Operand::imm(k));
            emit(Opcode::ShrU, t, a[0], Operand::imm(32 - k));
            emit(Opcode::Or, d[1], d[1], t);
            emit(Opcode::Shl, d[0], a[0], Operand::imm(k));
          } else {
            emit(Opcode::Shl, d[1], a[0], Operand::imm(k - 32));
            emit(Opcode::Mov, d[0], Operand::imm(0));
          }
        } else {
          bool arithmetic = i.getOpcode() == Instruction::AShr;
          Opcode high_shift = arithmetic ? Opcode::ShrS : Opcode::ShrU;
          if (k == 0) {
            emit(Opcode::Mov, d[0], a[0]);
            emit(Opcode::Mov, d[1], a[1]);
          } else if (k < 32) {
            emit(Opcode::ShrU, d[0], a[0], Operand::imm(k));
            emit(Opcode::Shl, t, a[1], Operand::imm(32 - k));
            emit(Opcode::Or, d[0], d[0], t);
            emit(high_shift, d[1], a[1], Operand::imm(k));
          } else {
            emit(high_shift, d[0], a[1], Operand::imm(k - 32));
            if (arithmetic)
              emit(Opcode::ShrS, d[1], a[1], Operand::imm(31));
            else
              emit(Opcode::Mov, d[1], Operand::imm(0));
          }
        }
        break;
      }
      [[fallthrough]];
    case Instruction::UDiv:
    case Instruction::SDiv:
    case Instruction::URem:
    case Instruction::SRem: {
      const char* name = nullptr;
      switch (i.getOpcode()) {
        case Instruction::Shl: name = "__c2w_shl64"; break;
        case Instruction::LShr: name = "__c2w_lshr64"; break;
        case Instruction::AShr: name = "__c2w_ashr64"; break;
        case Instruction::UDiv: name = "__c2w_udiv64"; break;
        case Instruction::SDiv: name = "__c2w_sdiv64"; break;
        case Instruction::URem: name = "__c2w_urem64"; break;
        default: name = "__c2w_srem64"; break;
      }
      bool is_shift = i.isShift();
      call_runtime(name, {a, is_shift ? Words{b[0]} : b}, d);
      break;
    }
    default: return error(std::string("unsupported 64-bit operation '") + i.getOpcodeName() + "'");
  }
  if ((wraps || is_signed || i.getOpcode() == Instruction::Shl) && bits < 64) mask_to(d[1], bits - 32);
}

// Two-word addition and subtraction: the carry is (lo < a.lo), the borrow (a.lo < b.lo).
// A zero high word in b (a zero-extended operand) saves an instruction.
void FunctionLowering::add64(const Words& a, const Words& b, const Words& d) {
  Operand carry = new_slot();
  emit(Opcode::Add, d[0], a[0], b[0]);
  emit(Opcode::LtU, carry, d[0], a[0]);
  if (b[1] == Operand::imm(0)) {
    emit(Opcode::Add, d[1], a[1], carry);
    return;
  }
  emit(Opcode::Add, d[1], a[1], b[1]);
  emit(Opcode::Add, d[1], d[1], carry);
}

void FunctionLowering::sub64(const Words& a, const Words& b, const Words& d) {
  Operand borrow = new_slot();
  emit(Opcode::LtU, borrow, a[0], b[0]);
  emit(Opcode::Sub, d[0], a[0], b[0]);
  if (b[1] == Operand::imm(0)) {
    emit(Opcode::Sub, d[1], a[1], borrow);
    return;
  }
  emit(Opcode::Sub, d[1], a[1], b[1]);
  emit(Opcode::Sub, d[1], d[1], borrow);
}

// {result, overflow} intrinsics on i33..i64. Signed multiplication (i64 only) goes
// to a libc routine.
void FunctionLowering::lower_overflow64(const llvm::CallBase& call, llvm::Intrinsic::ID id) {
  using namespace llvm;
  Words a = get(call.getArgOperand(0)), b = get(call.getArgOperand(1)), d = get(&call);
  Words r = {d[0], d[1]};
  Operand of = d[2], t = new_slot(), u = new_slot();
  unsigned bits = call.getArgOperand(0)->getType()->getIntegerBitWidth();
  if (bits < 64) {
    bool is_signed = id == Intrinsic::sadd_with_overflow || id == Intrinsic::ssub_with_overflow;
    bool is_add = id == Intrinsic::uadd_with_overflow || id == Intrinsic::sadd_with_overflow;
    if (!is_add && id != Intrinsic::usub_with_overflow && id != Intrinsic::ssub_with_overflow)
      return error("overflow-checking multiplication on i" + std::to_string(bits) + " is not supported");
    Words x = is_signed ? sign_extend_multiword(a, bits) : a,
          y = is_signed ? sign_extend_multiword(b, bits) : b;
    Words exact = new_slots(2);
    if (is_add)
      add64(x, y, exact);
    else
      sub64(x, y, exact);
    // The result is the low `bits` bits; overflow iff the exact 64-bit value differs.
    emit(Opcode::Mov, r[0], exact[0]);
    emit(Opcode::And, r[1], exact[1], Operand::imm(low_mask(bits - 32)));
    Words truncated = is_signed ? sign_extend_multiword(r, bits) : r;
    emit(Opcode::Ne, of, truncated[1], exact[1]);
    return;
  }
  switch (id) {
    case Intrinsic::uadd_with_overflow:
      add64(a, b, r);
      compare64(CmpInst::ICMP_ULT, r, a, of);
      return;
    case Intrinsic::usub_with_overflow:
      compare64(CmpInst::ICMP_ULT, a, b, of);
      sub64(a, b, r);
      return;
    case Intrinsic::sadd_with_overflow:
    case Intrinsic::ssub_with_overflow: {
      bool add = id == Intrinsic::sadd_with_overflow;
      if (add)
        add64(a, b, r);
      else
        sub64(a, b, r);
      // sadd: sign((a ^ r) & (b ^ r)); ssub: sign((a ^ b) & (a ^ r)) — high words only
      emit(Opcode::Xor, t, a[1], add ? r[1] : b[1]);
      emit(Opcode::Xor, u, add ? b[1] : a[1], r[1]);
      emit(Opcode::And, t, t, u);
      emit(Opcode::LtS, of, t, Operand::imm(0));
      return;
    }
    case Intrinsic::umul_with_overflow: {
      // Overflow iff both high words are non-zero, or a cross product or the final
      // carry leaves 64 bits. At most one cross term is non-zero when we get there.
      Operand v = new_slot(), w = new_slot(), cross = new_slot();
      emit(Opcode::Ne, t, a[1], Operand::imm(0));
      emit(Opcode::Ne, u, b[1], Operand::imm(0));
      emit(Opcode::And, of, t, u);
      emit(Opcode::MulHU, v, a[1], b[0]);
      emit(Opcode::MulHU, w, a[0], b[1]);
      emit(Opcode::Or, v, v, w);
      emit(Opcode::Ne, v, v, Operand::imm(0));
      emit(Opcode::Or, of, of, v);
      emit(Opcode::Mul, cross, a[1], b[0]);
      emit(Opcode::Mul, w, a[0], b[1]);
      emit(Opcode::Add, cross, cross, w);
      emit(Opcode::MulHU, t, a[0], b[0]);
      emit(Opcode::Add, r[1], t, cross);
      emit(Opcode::LtU, u, r[1], cross);
      emit(Opcode::Or, of, of, u);
      emit(Opcode::Mul, r[0], a[0], b[0]);
      return;
    }
    default: {  // smul: __c2w_smulo64(a, b, &result) returns the overflow flag
      uint32_t at = frame_top_;
      frame_top_ += 8;
      Operand address = new_slot();
      emit(Opcode::Lea, address, Operand::imm(at));
      call_runtime("__c2w_smulo64", {a, b, Words{address}}, Words{of});
      emit(Opcode::Mov, r[0], Operand::slot(static_cast<int32_t>(at)));
      emit(Opcode::Mov, r[1], Operand::slot(static_cast<int32_t>(at + 4)));
      return;
    }
  }
}

// 64-bit funnel shifts (rotates of unsigned long long) through the 64-bit shift
// routines: fshl = hi << k | lo >> (64 - k), with k = s mod 64 and k = 0 giving hi.
void FunctionLowering::lower_funnel64(const llvm::CallBase& call, bool left) {
  Words hi = get(call.getArgOperand(0)), lo = get(call.getArgOperand(1)), d = get(&call);
  Operand k = new_slot(), rest = new_slot();
  emit(Opcode::And, k, get(call.getArgOperand(2))[0], Operand::imm(63));
  emit(Opcode::Sub, rest, Operand::imm(64), k);
  emit(Opcode::And, rest, rest, Operand::imm(63));  // k = 0: shift by 0, masked out below
  Words shifted_hi = new_slots(2), shifted_lo = new_slots(2);
  call_runtime("__c2w_shl64", {hi, Words{left ? k : rest}}, shifted_hi);
  call_runtime("__c2w_lshr64", {lo, Words{left ? rest : k}}, shifted_lo);
  // With k = 0 the second part must vanish (fshl) or the first (fshr).
  Operand zero = new_slot();
  emit(Opcode::Eq, zero, k, Operand::imm(0));
  for (int w = 0; w < 2; ++w) {
    Operand combined = new_slot();
    emit(Opcode::Or, combined, shifted_hi[w], shifted_lo[w]);
    emit(Opcode::Select, d[w], zero, left ? hi[w] : lo[w], combined);
  }
}

}  // namespace c2w::compiler::lower_llvm
