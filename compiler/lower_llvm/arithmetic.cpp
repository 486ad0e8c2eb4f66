// Integer arithmetic up to 32 bits (FunctionLowering, see lowering.h): binary
// operators, comparisons and casts; wider ones go to wide_arithmetic.cpp (33..64
// bits) and multiword_arithmetic.cpp (wider).
//
// Values narrower than 32 bits are kept zero-extended in their word: an operation
// that can carry out of them (add, sub, mul, shl) is masked back, and a signed one
// first sign-extends its operands. Comparisons are the machine's eq, ne, lt and le
// (signed and unsigned), with operands swapped for gt and ge.
#include "compiler/lower_llvm/lowering.h"

namespace c2w::compiler::lower_llvm {

Operand FunctionLowering::sign_extend(Operand w, unsigned bits) {
  if (bits >= 32) return w;
  Operand t = new_slot();
  if (bits == 8)
    emit(Opcode::SExt8, t, w);
  else if (bits == 16)
    emit(Opcode::SExt16, t, w);
  else {
    emit(Opcode::Shl, t, w, Operand::imm(32 - bits));
    emit(Opcode::ShrS, t, t, Operand::imm(32 - bits));
  }
  return t;
}

void FunctionLowering::compare_operands(llvm::CmpInst::Predicate pred, unsigned bits, Operand a, Operand b,
                                        Opcode& op, Operand& x, Operand& y) {
  using P = llvm::CmpInst::Predicate;
  if (llvm::CmpInst::isSigned(pred) && bits < 32) {
    a = sign_extend(a, bits);
    b = sign_extend(b, bits);
  }
  x = a;
  y = b;
  switch (pred) {
    case P::ICMP_EQ: op = Opcode::Eq; break;
    case P::ICMP_NE: op = Opcode::Ne; break;
    case P::ICMP_ULT: op = Opcode::LtU; break;
    case P::ICMP_ULE: op = Opcode::LeU; break;
    case P::ICMP_SLT: op = Opcode::LtS; break;
    case P::ICMP_SLE: op = Opcode::LeS; break;
    case P::ICMP_UGT:
      op = Opcode::LtU;
      std::swap(x, y);
      break;
    case P::ICMP_UGE:
      op = Opcode::LeU;
      std::swap(x, y);
      break;
    case P::ICMP_SGT:
      op = Opcode::LtS;
      std::swap(x, y);
      break;
    case P::ICMP_SGE:
      op = Opcode::LeS;
      std::swap(x, y);
      break;
    default: error("unsupported comparison"); op = Opcode::Eq;
  }
}

void FunctionLowering::lower_icmp(const llvm::ICmpInst& i) {
  if (fused_compares_.count(&i)) return;
  llvm::Type* t = i.getOperand(0)->getType();
  unsigned bits = t->isPointerTy() ? 32 : t->getIntegerBitWidth();
  Words a = get(i.getOperand(0)), b = get(i.getOperand(1));
  Operand d = word(&i);
  if (bits <= 32) {
    Opcode op;
    Operand x, y;
    compare_operands(i.getPredicate(), bits, a[0], b[0], op, x, y);
    emit(op, d, x, y);
    return;
  }
  if (bits > 64) {
    if (i.isSigned()) {
      a = sign_extend_multiword(a, bits);
      b = sign_extend_multiword(b, bits);
    }
    return compare_multiword(i.getPredicate(), a, b, d);
  }
  if (i.isSigned()) {
    a = sign_extend_multiword(a, bits);
    b = sign_extend_multiword(b, bits);
  }
  compare64(i.getPredicate(), a, b, d);
}

void FunctionLowering::lower_binary(const llvm::BinaryOperator& i) {
  using llvm::Instruction;
  if (!i.getType()->isIntegerTy())
    return error("floating-point or vector arithmetic is not supported by c2w");
  unsigned bits = i.getType()->getIntegerBitWidth();
  if (bits > 64) return lower_binary_multiword(i, bits);
  if (bits > 32) return lower_binary64(i, bits);
  Operand a = word(i.getOperand(0)), b = word(i.getOperand(1)), d = word(&i);
  Opcode op;
  bool needs_mask = false, is_signed = false;
  switch (i.getOpcode()) {
    case Instruction::Add:
      op = Opcode::Add;
      needs_mask = true;
      break;
    case Instruction::Sub:
      op = Opcode::Sub;
      needs_mask = true;
      break;
    case Instruction::Mul:
      op = Opcode::Mul;
      needs_mask = true;
      break;
    case Instruction::Shl:
      op = Opcode::Shl;
      needs_mask = true;
      break;
    case Instruction::And: op = Opcode::And; break;
    case Instruction::Or: op = Opcode::Or; break;
    case Instruction::Xor: op = Opcode::Xor; break;
    case Instruction::LShr: op = Opcode::ShrU; break;
    case Instruction::UDiv: op = Opcode::DivU; break;
    case Instruction::URem: op = Opcode::RemU; break;
    case Instruction::SDiv:
      op = Opcode::DivS;
      is_signed = needs_mask = true;
      break;
    case Instruction::SRem:
      op = Opcode::RemS;
      is_signed = needs_mask = true;
      break;
    case Instruction::AShr:
      op = Opcode::ShrS;
      is_signed = needs_mask = true;
      break;
    default: return error(std::string("unsupported operation '") + i.getOpcodeName() + "'");
  }
  if (is_signed && bits < 32) {
    a = sign_extend(a, bits);
    if (op != Opcode::ShrS) b = sign_extend(b, bits);
  }
  emit(op, d, a, b);
  if (needs_mask) mask_to(d, bits);
}

void FunctionLowering::lower_cast(const llvm::CastInst& i) {
  using llvm::Instruction;
  auto bits_of = [](llvm::Type* t) -> unsigned {
    return t->isPointerTy() ? 32 : t->isIntegerTy() ? t->getIntegerBitWidth() : 0;
  };
  unsigned from = bits_of(i.getSrcTy()), to = bits_of(i.getDestTy());
  if (!from || !to) return error("floating-point or vector conversions are not supported by c2w");
  if (from > 64 || to > 64) return lower_cast_multiword(i, from, to);
  Words a = get(i.getOperand(0)), d = get(&i);
  switch (i.getOpcode()) {
    case Instruction::BitCast:
    case Instruction::AddrSpaceCast: return;  // shares its operand's words
    case Instruction::ZExt:
      if (d[0] != a[0]) emit(Opcode::Mov, d[0], a[0]);
      if (d.size() > 1 && a.size() > 1 && d[1] != a[1])
        emit(Opcode::Mov, d[1], a[1]);
      else if (d.size() > 1 && a.size() == 1 && !(d[1].kind == OperandKind::Imm))
        emit(Opcode::Mov, d[1], Operand::imm(0));
      return;
    case Instruction::Trunc:
    case Instruction::PtrToInt:
    case Instruction::IntToPtr:
      if (to < 32)
        emit(Opcode::And, d[0], a[0], Operand::imm(low_mask(to)));
      else if (d[0] != a[0])
        emit(Opcode::Mov, d[0], a[0]);
      if (to > 32) {
        if (a.size() > 1) {
          if (d[1] != a[1]) emit(Opcode::Mov, d[1], a[1]);
          if (to < 64) mask_to(d[1], to - 32);
        } else if (d[1].kind != OperandKind::Imm) {
          emit(Opcode::Mov, d[1], Operand::imm(0));
        }
      }
      return;
    case Instruction::SExt: {
      if (from > 32) {  // i33..i63 (a 64-bit bit-field): the high word holds bits 32..from-1
        if (d[0] != a[0]) emit(Opcode::Mov, d[0], a[0]);
        emit(Opcode::Shl, d[1], a[1], Operand::imm(64 - from));
        emit(Opcode::ShrS, d[1], d[1], Operand::imm(64 - from));
        if (to < 64) mask_to(d[1], to - 32);
        return;
      }
      if (from < 32) {
        if (from == 8)
          emit(Opcode::SExt8, d[0], a[0]);
        else if (from == 16)
          emit(Opcode::SExt16, d[0], a[0]);
        else if (from == 1)
          emit(Opcode::Sub, d[0], Operand::imm(0), a[0]);
        else {
          emit(Opcode::Shl, d[0], a[0], Operand::imm(32 - from));
          emit(Opcode::ShrS, d[0], d[0], Operand::imm(32 - from));
        }
        if (to < 32) mask_to(d[0], to);
      } else if (d[0] != a[0]) {
        emit(Opcode::Mov, d[0], a[0]);
      }
      if (to > 32) {
        emit(Opcode::ShrS, d[1], d[0], Operand::imm(31));
        if (to < 64) mask_to(d[1], to - 32);
      }
      return;
    }
    default:
      return error(std::string("unsupported conversion '") + i.getOpcodeName() + "' (floating point?)");
  }
}

}  // namespace c2w::compiler::lower_llvm
