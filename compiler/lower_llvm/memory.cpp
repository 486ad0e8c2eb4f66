// Memory (FunctionLowering, see lowering.h): loads, stores, atomics and
// getelementptr.
//
// A 4-byte access to a known frame offset or a known address inside the data is one
// `mov` with a slot or absolute operand; everything else is an ld/st with a base word
// and a constant offset, the constant part of a folded getelementptr included. A
// 3-byte access (i24) is a 2-byte and a 1-byte one, a wider one a word at a time from
// the lowest (its last 1..4 bytes likewise). The machine runs one thread, so an
// atomic is a load, the operation and a store. A getelementptr that is not folded
// adds its scaled indices to the base.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GetElementPtrTypeIterator.h>

namespace c2w::compiler::lower_llvm {

// The (base word, constant) pair an ld/st instruction uses for pointer p + extra.
void FunctionLowering::memory_base(const Pointer& p, int64_t extra, Operand& base, int64_t& off) {
  switch (p.kind) {
    case Pointer::Absolute:
      base = Operand::imm(0);
      off = p.offset + extra;
      break;
    case Pointer::Frame:
      base = p.base;
      off = p.offset - p.frame_base + extra;
      break;
    default:
      base = p.base;
      off = p.offset + extra;
      break;
  }
}

void FunctionLowering::load_bytes(Operand dst, const Pointer& p, int64_t extra, unsigned bytes) {
  int64_t at = p.offset + extra;
  if (bytes == 4 && p.kind == Pointer::Frame)
    return emit(Opcode::Mov, dst, Operand::slot(static_cast<int32_t>(at)));
  if (bytes == 4 && p.kind == Pointer::Absolute && at >= isa::kNullGuardSize && at + 4 <= program_.data_end())
    return emit(Opcode::Mov, dst, Operand::abs(static_cast<uint32_t>(at)));
  Operand base;
  int64_t off;
  memory_base(p, extra, base, off);
  Operand o = Operand::imm(static_cast<uint32_t>(off));
  switch (bytes) {
    case 1: return emit(Opcode::Ld8U, dst, base, o);
    case 2: return emit(Opcode::Ld16U, dst, base, o);
    case 4: return emit(Opcode::Ld32, dst, base, o);
    case 3: {
      emit(Opcode::Ld16U, dst, base, o);
      Operand t = new_slot();
      emit(Opcode::Ld8U, t, base, Operand::imm(static_cast<uint32_t>(off + 2)));
      emit(Opcode::Shl, t, t, Operand::imm(16));
      emit(Opcode::Or, dst, dst, t);
      return;
    }
    default: error("unsupported load width of " + std::to_string(bytes) + " bytes");
  }
}

void FunctionLowering::store_bytes(Operand value, const Pointer& p, int64_t extra, unsigned bytes) {
  int64_t at = p.offset + extra;
  if (bytes == 4 && p.kind == Pointer::Frame)
    return emit(Opcode::Mov, Operand::slot(static_cast<int32_t>(at)), value);
  if (bytes == 4 && p.kind == Pointer::Absolute && at >= isa::kNullGuardSize && at + 4 <= program_.data_end())
    return emit(Opcode::Mov, Operand::abs(static_cast<uint32_t>(at)), value);
  Operand base;
  int64_t off;
  memory_base(p, extra, base, off);
  Operand o = Operand::imm(static_cast<uint32_t>(off));
  switch (bytes) {
    case 1: return emit(Opcode::St8, {}, base, value, o);
    case 2: return emit(Opcode::St16, {}, base, value, o);
    case 4: return emit(Opcode::St32, {}, base, value, o);
    case 3: {
      emit(Opcode::St16, {}, base, value, o);
      Operand t = new_slot();
      emit(Opcode::ShrU, t, value, Operand::imm(16));
      emit(Opcode::St8, {}, base, t, Operand::imm(static_cast<uint32_t>(off + 2)));
      return;
    }
    default: error("unsupported store width of " + std::to_string(bytes) + " bytes");
  }
}

// Copies `size` bytes word by word through a temporary (small constant sizes only).
void FunctionLowering::copy_bytes(const Pointer& dst, const Pointer& src, uint64_t size) {
  Operand t = new_slot();
  for (uint64_t k = 0; k < size;) {
    unsigned n = size - k >= 4 ? 4 : size - k >= 2 ? 2 : 1;
    load_bytes(t, src, static_cast<int64_t>(k), n);
    store_bytes(t, dst, static_cast<int64_t>(k), n);
    k += n;
  }
}

void FunctionLowering::lower_load(const llvm::LoadInst& i) {
  llvm::Type* t = i.getType();
  if (!t->isIntegerTy() && !t->isPointerTy())
    return error("loads of this type are not supported by c2w (floating point or aggregate)");
  uint64_t bytes = dl_.getTypeStoreSize(t);
  Pointer p = pointer_of(i.getPointerOperand());
  Words d = get(&i);
  for (unsigned k = 0; 4 * k < bytes && k < d.size(); ++k)
    load_bytes(d[k], p, 4 * k, static_cast<unsigned>(std::min<uint64_t>(4, bytes - 4 * k)));
}

void FunctionLowering::lower_store(const llvm::StoreInst& i) {
  llvm::Type* t = i.getValueOperand()->getType();
  if (!t->isIntegerTy() && !t->isPointerTy())
    return error("stores of this type are not supported by c2w (floating point or aggregate)");
  uint64_t bytes = dl_.getTypeStoreSize(t);
  Pointer p = pointer_of(i.getPointerOperand());
  Words v = get(i.getValueOperand());
  for (unsigned k = 0; 4 * k < bytes && k < v.size(); ++k)
    store_bytes(v[k], p, 4 * k, static_cast<unsigned>(std::min<uint64_t>(4, bytes - 4 * k)));
}

// The machine runs one thread, so atomic read-modify-write is a load, the operation
// and a store.
void FunctionLowering::lower_atomic_rmw(const llvm::AtomicRMWInst& i) {
  using Op = llvm::AtomicRMWInst::BinOp;
  llvm::Type* t = i.getValOperand()->getType();
  if (!t->isIntegerTy() || t->getIntegerBitWidth() > 32)
    return error("this atomic operation is not supported by c2w");
  unsigned bits = t->getIntegerBitWidth();
  unsigned bytes = static_cast<unsigned>(dl_.getTypeStoreSize(t));
  Pointer p = pointer_of(i.getPointerOperand());
  Operand old = word(&i), v = word(i.getValOperand()), updated = new_slot(), c = new_slot();
  load_bytes(old, p, 0, bytes);
  switch (i.getOperation()) {
    case Op::Xchg: emit(Opcode::Mov, updated, v); break;
    case Op::Add: emit(Opcode::Add, updated, old, v); break;
    case Op::Sub: emit(Opcode::Sub, updated, old, v); break;
    case Op::And: emit(Opcode::And, updated, old, v); break;
    case Op::Or: emit(Opcode::Or, updated, old, v); break;
    case Op::Xor: emit(Opcode::Xor, updated, old, v); break;
    case Op::Nand:
      emit(Opcode::And, updated, old, v);
      emit(Opcode::Xor, updated, updated, Operand::imm(0xFFFFFFFFu));
      break;
    case Op::Max:
    case Op::Min:
    case Op::UMax:
    case Op::UMin: {
      bool is_signed = i.getOperation() == Op::Max || i.getOperation() == Op::Min;
      bool is_max = i.getOperation() == Op::Max || i.getOperation() == Op::UMax;
      Operand x = is_signed ? sign_extend(old, bits) : old, y = is_signed ? sign_extend(v, bits) : v;
      emit(is_signed ? Opcode::LtS : Opcode::LtU, c, x, y);
      emit(Opcode::Select, updated, c, is_max ? v : old, is_max ? old : v);
      break;
    }
    default: return error("this atomic operation is not supported by c2w");
  }
  mask_to(updated, bits);
  store_bytes(updated, p, 0, bytes);
}

void FunctionLowering::lower_cmpxchg(const llvm::AtomicCmpXchgInst& i) {
  llvm::Type* t = i.getNewValOperand()->getType();
  if (!t->isIntegerTy() && !t->isPointerTy()) return error("this atomic operation is not supported by c2w");
  unsigned bytes = static_cast<unsigned>(dl_.getTypeStoreSize(t));
  if (bytes > 4) return error("64-bit compare-and-swap is not supported by c2w");
  Pointer p = pointer_of(i.getPointerOperand());
  Words d = get(&i);  // {old value, success}
  Operand stored = new_slot();
  load_bytes(d[0], p, 0, bytes);
  emit(Opcode::Eq, d[1], d[0], word(i.getCompareOperand()));
  emit(Opcode::Select, stored, d[1], word(i.getNewValOperand()), d[0]);
  store_bytes(stored, p, 0, bytes);
}

void FunctionLowering::lower_gep(const llvm::GetElementPtrInst& i) {
  Words d = get(&i);
  auto fold = folds_.find(&i);
  if (fold != folds_.end() && !fold->second.has_variable) return;  // no code: the users add the offset
  if (d[0] == word(i.getPointerOperand())) return;                 // zero offset
  bool fold_constant = fold != folds_.end();
  const bool absolute = fold_constant && fold->second.absolute;  // d[0]: the scaled index alone
  int64_t constant = 0;
  Operand acc = absolute ? Operand::imm(0) : word(i.getPointerOperand());
  llvm::gep_type_iterator gti = llvm::gep_type_begin(&i);
  for (auto idx = i.idx_begin(); idx != i.idx_end(); ++idx, ++gti) {
    const auto* ci = llvm::dyn_cast<llvm::ConstantInt>(*idx);
    if (llvm::StructType* st = gti.getStructTypeOrNull()) {
      constant += dl_.getStructLayout(st)->getElementOffset(ci->getZExtValue());
      continue;
    }
    int64_t stride = static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType()));
    if (ci) {
      constant += ci->getSExtValue() * stride;
      continue;
    }
    Operand index = word(*idx);  // the low word of a 64-bit index: addresses wrap at 2^32
    Operand scaled = index;
    if (stride != 1) {
      scaled = absolute ? d[0] : new_slot();
      if (stride > 0 && (stride & (stride - 1)) == 0) {
        uint32_t k = 0;
        while ((int64_t(1) << k) != stride) ++k;
        emit(Opcode::Shl, scaled, index, Operand::imm(k));
      } else {
        emit(Opcode::Mul, scaled, index, Operand::imm(static_cast<uint32_t>(stride)));
      }
    }
    if (absolute) {
      acc = scaled;  // (the one variable index; the users add the address)
      continue;
    }
    emit(Opcode::Add, d[0], acc, scaled);
    acc = d[0];
  }
  if (!fold_constant && constant != 0)
    emit(Opcode::Add, d[0], acc, Operand::imm(static_cast<uint32_t>(constant)));
  else if (acc != d[0])
    emit(Opcode::Mov, d[0], acc);
}

}  // namespace c2w::compiler::lower_llvm
