// LLVM intrinsics (FunctionLowering, see lowering.h).
//
// Debug info, lifetime markers and hints cost nothing; traps trap; va_start points at
// the variable arguments after the named parameters; small constant memcpy and memset
// are unrolled into loads and stores, the rest call the libc. Bit counts, byte swaps,
// abs, min/max, funnel shifts, {result, overflow} and saturating arithmetic are
// short instruction sequences (the 64-bit ones in wide_arithmetic.cpp), with the
// formula beside each.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>

namespace c2w::compiler::lower_llvm {

void FunctionLowering::lower_intrinsic(const llvm::CallBase& call, llvm::Intrinsic::ID id) {
  using namespace llvm;
  auto arg = [&](unsigned k) { return word(call.getArgOperand(k)); };
  auto bits = [&]() { return call.getType()->isIntegerTy() ? call.getType()->getIntegerBitWidth() : 0; };
  switch (id) {
    case Intrinsic::dbg_declare:
    case Intrinsic::dbg_value:
    case Intrinsic::dbg_label:
    case Intrinsic::lifetime_start:
    case Intrinsic::lifetime_end:
    case Intrinsic::assume:
    case Intrinsic::experimental_noalias_scope_decl:
    case Intrinsic::invariant_start:
    case Intrinsic::invariant_end:
    case Intrinsic::donothing:
    case Intrinsic::sideeffect:
    case Intrinsic::prefetch:  // __builtin_prefetch: a hint, it touches no memory
    case Intrinsic::var_annotation:
    case Intrinsic::expect:
    case Intrinsic::expect_with_probability:
    case Intrinsic::vaend: return;
    case Intrinsic::trap:
    case Intrinsic::debugtrap:
    case Intrinsic::ubsantrap: return emit(Opcode::Trap);
    case Intrinsic::vastart: {
      // The variable arguments follow the named parameters in the caller's outgoing area.
      Operand t = new_slot();
      emit(Opcode::Lea, t, Operand::imm(parameter_bytes_));
      store_bytes(t, pointer_of(call.getArgOperand(0)), 0, 4);
      return;
    }
    case Intrinsic::vacopy: {
      Operand t = new_slot();
      load_bytes(t, pointer_of(call.getArgOperand(1)), 0, 4);
      store_bytes(t, pointer_of(call.getArgOperand(0)), 0, 4);
      return;
    }
    case Intrinsic::memcpy:
    case Intrinsic::memmove:
    case Intrinsic::memset: {
      const auto* length = dyn_cast<ConstantInt>(call.getArgOperand(2));
      bool small = length && length->getZExtValue() <= 32;
      if (small && id == Intrinsic::memcpy) {
        copy_bytes(pointer_of(call.getArgOperand(0)), pointer_of(call.getArgOperand(1)),
                   length->getZExtValue());
        return;
      }
      if (small && id == Intrinsic::memset) {
        Pointer p = pointer_of(call.getArgOperand(0));
        uint64_t n = length->getZExtValue();
        Operand value;
        if (const auto* c = dyn_cast<ConstantInt>(call.getArgOperand(1))) {
          value = Operand::imm(static_cast<uint32_t>(c->getZExtValue() & 0xFF) * 0x01010101u);
        } else {
          value = new_slot();
          emit(Opcode::Mul, value, arg(1), Operand::imm(0x01010101u));
        }
        for (uint64_t k = 0; k < n;) {
          unsigned w = n - k >= 4 ? 4 : n - k >= 2 ? 2 : 1;
          store_bytes(value, p, static_cast<int64_t>(k), w);
          k += w;
        }
        return;
      }
      const char* name = id == Intrinsic::memcpy ? "memcpy" : id == Intrinsic::memmove ? "memmove" : "memset";
      Words len = get(call.getArgOperand(2));
      Operand scratch = new_slot();
      call_runtime(name, {get(call.getArgOperand(0)), get(call.getArgOperand(1)), Words{len[0]}},
                   Words{scratch});
      return;
    }
    case Intrinsic::ctpop:
    case Intrinsic::ctlz:
    case Intrinsic::cttz: {
      // Native bit counts (values narrower than 32 bits are kept zero-extended).
      unsigned b = bits();
      if (b > 64 || (b > 32 && b < 64))
        return error("bit count on i" + std::to_string(b) + " is not supported");
      Words a = get(call.getArgOperand(0)), d = get(&call);
      const Opcode op = id == Intrinsic::ctpop  ? Opcode::Popcnt
                        : id == Intrinsic::ctlz ? Opcode::Clz
                                                : Opcode::Ctz;
      if (b == 64) {
        // Count both words; clz starts at the high word, ctz at the low one.
        Operand first = a[id == Intrinsic::cttz ? 0 : 1], second = a[id == Intrinsic::cttz ? 1 : 0];
        Operand x = new_slot(), y = new_slot();
        emit(op, x, first);
        emit(op, y, second);
        if (op == Opcode::Popcnt) {
          emit(Opcode::Add, d[0], x, y);
        } else {  // the first word's count, or 32 + the second's when the first word is 0
          emit(Opcode::Add, y, y, Operand::imm(32));
          emit(Opcode::Select, d[0], first, x, y);
        }
        if (d[1].kind != OperandKind::Imm) emit(Opcode::Mov, d[1], Operand::imm(0));
        return;
      }
      if (b == 32 || op == Opcode::Popcnt) {
        emit(op, d[0], a[0]);
      } else if (op == Opcode::Clz) {  // the 32 - b zero bits above the value do not count
        Operand t = new_slot();
        emit(Opcode::Clz, t, a[0]);
        emit(Opcode::Sub, d[0], t, Operand::imm(32 - b));
      } else {  // a stop bit at b: a zero value counts b
        Operand widened = new_slot();
        emit(Opcode::Or, widened, a[0], Operand::imm(1u << b));
        emit(Opcode::Ctz, d[0], widened);
      }
      return;
    }
    case Intrinsic::bswap: {
      unsigned b = bits();
      Words a = get(call.getArgOperand(0)), d = get(&call);
      if (b == 16) {
        Operand t = new_slot();
        emit(Opcode::Shl, t, a[0], Operand::imm(8));
        emit(Opcode::ShrU, d[0], a[0], Operand::imm(8));
        emit(Opcode::Or, d[0], d[0], t);
        mask_to(d[0], 16);
        return;
      }
      if (b != 32 && b != 64) return error("bswap on i" + std::to_string(b) + " is not supported");
      call_runtime(b == 64 ? "__c2w_bswap64" : "__c2w_bswap32", {a}, d);
      return;
    }
    case Intrinsic::abs: {
      unsigned b = bits();
      if (b != 32 && b != 64 && b <= 64) return error("abs on i" + std::to_string(b) + " is not supported");
      Words x = get(call.getArgOperand(0)), d = get(&call);
      if (b > 64) {  // the sign from the sign-extended top word, 0 - x by a borrow chain
        Words full = sign_extend_multiword(x, b), zero(x.size(), Operand::imm(0)), neg = new_slots(x.size());
        Operand c = new_slot();
        emit(Opcode::LtS, c, full.back(), Operand::imm(0));
        add_sub_multiword(false, zero, x, neg);
        for (size_t k = 0; k < d.size(); ++k) emit(Opcode::Select, d[k], c, neg[k], x[k]);
        if (b % 32 != 0) emit(Opcode::And, d.back(), d.back(), Operand::imm(low_mask(b % 32)));
        return;
      }
      Operand c = new_slot();
      emit(Opcode::LtS, c, x.back(), Operand::imm(0));
      Words neg = new_slots(x.size());
      if (b == 32) {
        emit(Opcode::Sub, neg[0], Operand::imm(0), x[0]);
      } else {  // 0 - x over two words: borrow = (x.lo != 0)
        Operand borrow = new_slot();
        emit(Opcode::Ne, borrow, x[0], Operand::imm(0));
        emit(Opcode::Sub, neg[0], Operand::imm(0), x[0]);
        emit(Opcode::Sub, neg[1], Operand::imm(0), x[1]);
        emit(Opcode::Sub, neg[1], neg[1], borrow);
      }
      for (size_t k = 0; k < d.size(); ++k) emit(Opcode::Select, d[k], c, neg[k], x[k]);
      return;
    }
    case Intrinsic::smax:
    case Intrinsic::smin:
    case Intrinsic::umax:
    case Intrinsic::umin: {
      unsigned b = bits();
      bool is_signed = id == Intrinsic::smax || id == Intrinsic::smin;
      bool is_max = id == Intrinsic::smax || id == Intrinsic::umax;
      Words x = get(call.getArgOperand(0)), y = get(call.getArgOperand(1)), d = get(&call);
      Operand c = new_slot();  // c = x < y
      if (b <= 32) {
        Operand sx = is_signed ? sign_extend(x[0], b) : x[0], sy = is_signed ? sign_extend(y[0], b) : y[0];
        emit(is_signed ? Opcode::LtS : Opcode::LtU, c, sx, sy);
      } else if (b == 64) {
        compare64(is_signed ? llvm::CmpInst::ICMP_SLT : llvm::CmpInst::ICMP_ULT, x, y, c);
      } else if (b > 64) {
        compare_multiword(is_signed ? llvm::CmpInst::ICMP_SLT : llvm::CmpInst::ICMP_ULT,
                          is_signed ? sign_extend_multiword(x, b) : x,
                          is_signed ? sign_extend_multiword(y, b) : y, c);
      } else {
        return error("min/max on i" + std::to_string(b) + " is not supported");
      }
      for (size_t k = 0; k < d.size(); ++k)
        emit(Opcode::Select, d[k], c, is_max ? y[k] : x[k], is_max ? x[k] : y[k]);
      return;
    }
    case Intrinsic::fshl:
    case Intrinsic::fshr: {
      if (bits() < 32) return lower_funnel_narrow(call, id == Intrinsic::fshl, bits());
      if (bits() == 64) return lower_funnel64(call, id == Intrinsic::fshl);
      if (bits() != 32) return error("funnel shift on i" + std::to_string(bits()) + " is not supported");
      Operand hi = arg(0), lo = arg(1), d = word(&call);
      Operand t = new_slot(), u = new_slot();
      if (const auto* c = dyn_cast<ConstantInt>(call.getArgOperand(2))) {
        uint32_t k = static_cast<uint32_t>(c->getZExtValue() & 31);
        if (id == Intrinsic::fshr) k = (32 - k) & 31;
        if (k == 0) return emit(Opcode::Mov, d, id == Intrinsic::fshl ? hi : lo);
        emit(Opcode::Shl, t, hi, Operand::imm(k));
        emit(Opcode::ShrU, u, lo, Operand::imm(32 - k));
        emit(Opcode::Or, d, t, u);
        return;
      }
      // fshl(hi, lo, s) = (hi << s) | ((lo >> 1) >> (31 - s)), s = amount mod 32
      // fshr(hi, lo, s) = ((hi << 1) << (31 - s)) | (lo >> s)
      Operand s = new_slot(), r = new_slot();
      emit(Opcode::And, s, arg(2), Operand::imm(31));
      emit(Opcode::Xor, r, s, Operand::imm(31));
      if (id == Intrinsic::fshl) {
        emit(Opcode::Shl, t, hi, s);
        emit(Opcode::ShrU, u, lo, Operand::imm(1));
        emit(Opcode::ShrU, u, u, r);
      } else {
        emit(Opcode::ShrU, t, lo, s);
        emit(Opcode::Shl, u, hi, Operand::imm(1));
        emit(Opcode::Shl, u, u, r);
      }
      emit(Opcode::Or, d, t, u);
      return;
    }
    case Intrinsic::uadd_with_overflow:
    case Intrinsic::usub_with_overflow:
    case Intrinsic::sadd_with_overflow:
    case Intrinsic::ssub_with_overflow:
    case Intrinsic::umul_with_overflow:
    case Intrinsic::smul_with_overflow: {
      unsigned b = call.getArgOperand(0)->getType()->getIntegerBitWidth();
      if (b > 64) return lower_overflow_multiword(call, id, b);
      if (b > 32) return lower_overflow64(call, id);
      if (b < 32) return lower_overflow_narrow(call, id, b);
      Operand x = arg(0), y = arg(1);
      Words d = get(&call);  // {result, overflow}
      Operand r = d[0], of = d[1], t = new_slot(), u = new_slot();
      switch (id) {
        case Intrinsic::uadd_with_overflow:
          emit(Opcode::Add, r, x, y);
          emit(Opcode::LtU, of, r, x);
          break;
        case Intrinsic::usub_with_overflow:
          emit(Opcode::LtU, of, x, y);
          emit(Opcode::Sub, r, x, y);
          break;
        case Intrinsic::sadd_with_overflow:  // overflow iff sign(r) differs from both signs
          emit(Opcode::Add, r, x, y);
          emit(Opcode::Xor, t, x, r);
          emit(Opcode::Xor, u, y, r);
          emit(Opcode::And, t, t, u);
          emit(Opcode::LtS, of, t, Operand::imm(0));
          break;
        case Intrinsic::ssub_with_overflow:  // overflow iff signs of x, y differ and sign(r) != sign(x)
          emit(Opcode::Sub, r, x, y);
          emit(Opcode::Xor, t, x, y);
          emit(Opcode::Xor, u, x, r);
          emit(Opcode::And, t, t, u);
          emit(Opcode::LtS, of, t, Operand::imm(0));
          break;
        case Intrinsic::umul_with_overflow:
          emit(Opcode::MulHU, t, x, y);
          emit(Opcode::Mul, r, x, y);
          emit(Opcode::Ne, of, t, Operand::imm(0));
          break;
        default:  // smul: overflow iff the high word is not the sign extension of the low word
          emit(Opcode::MulHS, t, x, y);
          emit(Opcode::Mul, r, x, y);
          emit(Opcode::ShrS, u, r, Operand::imm(31));
          emit(Opcode::Ne, of, t, u);
          break;
      }
      return;
    }
    case Intrinsic::uadd_sat:
    case Intrinsic::usub_sat:
    case Intrinsic::sadd_sat:
    case Intrinsic::ssub_sat: {
      if (bits() != 32)
        return error("saturating arithmetic on i" + std::to_string(bits()) + " is not supported");
      Operand x = arg(0), y = arg(1), d = word(&call);
      Operand r = new_slot(), of = new_slot(), t = new_slot(), u = new_slot();
      if (id == Intrinsic::uadd_sat) {
        emit(Opcode::Add, r, x, y);
        emit(Opcode::LtU, of, r, x);
        emit(Opcode::Select, d, of, Operand::imm(0xFFFFFFFFu), r);
      } else if (id == Intrinsic::usub_sat) {
        emit(Opcode::LtU, of, x, y);
        emit(Opcode::Sub, r, x, y);
        emit(Opcode::Select, d, of, Operand::imm(0), r);
      } else {
        bool add = id == Intrinsic::sadd_sat;
        emit(add ? Opcode::Add : Opcode::Sub, r, x, y);
        emit(Opcode::Xor, t, x, add ? r : y);
        emit(Opcode::Xor, u, add ? y : x, r);
        emit(Opcode::And, t, t, u);
        emit(Opcode::LtS, of, t, Operand::imm(0));
        emit(Opcode::LtS, t, x, Operand::imm(0));  // saturate toward x's sign
        emit(Opcode::Select, u, t, Operand::imm(0x80000000u), Operand::imm(0x7FFFFFFFu));
        emit(Opcode::Select, d, of, u, r);
      }
      return;
    }
    case Intrinsic::frameaddress: {  // this function's frame: its fp (the frames above it keep no link)
      const auto* level = dyn_cast<ConstantInt>(call.getArgOperand(0));
      if (!level || !level->isZero())
        return error("__builtin_frame_address of another function's frame is not supported by c2w (only 0)");
      return emit(Opcode::Lea, word(&call), Operand::imm(0));
    }
    case Intrinsic::eh_sjlj_setjmp: return lower_setjmp(call, true);
    case Intrinsic::eh_sjlj_longjmp: return lower_longjmp(call, true);
    case Intrinsic::stacksave: return lower_stack_save(call);
    case Intrinsic::stackrestore: return lower_stack_restore(call);
    default:
      return error(std::string("unsupported LLVM intrinsic '") + Intrinsic::getBaseName(id).str() + "'");
  }
}

// Funnel shifts of i1..i31 values (kept zero-extended): with k = s mod bits,
// fshl = (hi << k | lo >> (bits - k)) & mask and fshr = (hi << (bits - k) | lo >> k)
// & mask; every shift amount stays below 32.
void FunctionLowering::lower_funnel_narrow(const llvm::CallBase& call, bool left, unsigned bits) {
  Operand hi = word(call.getArgOperand(0)), lo = word(call.getArgOperand(1)), d = word(&call);
  Operand k = new_slot(), rest = new_slot(), t = new_slot(), u = new_slot();
  emit(Opcode::RemU, k, word(call.getArgOperand(2)), Operand::imm(bits));
  emit(Opcode::Sub, rest, Operand::imm(bits), k);
  emit(Opcode::Shl, t, hi, left ? k : rest);
  emit(Opcode::ShrU, u, lo, left ? rest : k);
  emit(Opcode::Or, d, t, u);
  mask_to(d, bits);
}

// {result, overflow} intrinsics on i1..i31: the exact result fits in 32 bits (or in
// the 64-bit product for wide multiplications), so overflow is "the exact result
// differs from the truncated one".
void FunctionLowering::lower_overflow_narrow(const llvm::CallBase& call, llvm::Intrinsic::ID id,
                                             unsigned bits) {
  using namespace llvm;
  Operand a = word(call.getArgOperand(0)), b = word(call.getArgOperand(1));
  Words d = get(&call);  // {result, overflow}
  Operand r = d[0], of = d[1], exact = new_slot(), t = new_slot();
  bool is_signed = id == Intrinsic::sadd_with_overflow || id == Intrinsic::ssub_with_overflow ||
                   id == Intrinsic::smul_with_overflow;
  if (is_signed) {
    a = sign_extend(a, bits);
    b = sign_extend(b, bits);
  }
  bool is_mul = id == Intrinsic::umul_with_overflow || id == Intrinsic::smul_with_overflow;
  Opcode op = id == Intrinsic::uadd_with_overflow || id == Intrinsic::sadd_with_overflow ? Opcode::Add
              : is_mul                                                                   ? Opcode::Mul
                                                                                         : Opcode::Sub;
  emit(op, exact, a, b);
  Operand high_differs;
  if (is_mul && bits > 16) {  // the exact product needs the high word too
    high_differs = new_slot();
    Operand high = new_slot();
    emit(is_signed ? Opcode::MulHS : Opcode::MulHU, high, a, b);
    if (is_signed) {
      emit(Opcode::ShrS, t, exact, Operand::imm(31));
      emit(Opcode::Ne, high_differs, high, t);
    } else {
      emit(Opcode::Ne, high_differs, high, Operand::imm(0));
    }
  }
  emit(Opcode::And, r, exact, Operand::imm(low_mask(bits)));
  Operand truncated = is_signed ? sign_extend(r, bits) : r;
  emit(Opcode::Ne, of, truncated, exact);
  if (!high_differs.is_none()) emit(Opcode::Or, of, of, high_differs);
}

}  // namespace c2w::compiler::lower_llvm
