// Values and their frame words (FunctionLowering, see lowering.h).
//
// An SSA value gets its words the first time it is asked for (get): a constant is
// immediates (or a function reference, relocated at link time), an instruction's
// result fresh frame slots, except where the result has its operand's bits (casts
// that keep them, a getelementptr with a zero or folded constant offset,
// extractvalue, llvm.expect): then it shares the operand's words and costs no
// instruction. pointer_of sees through folded getelementptrs to a register, frame or
// absolute address. emit() appends an instruction at the current source location,
// error() reports a problem there.
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/GetElementPtrTypeIterator.h>

#include "support/errors.h"

namespace c2w::compiler::lower_llvm {

FunctionLowering::FunctionLowering(ProgramLowering& program, const llvm::Function& f)
    : program_(program), f_(f), dl_(program.data_layout()) {}

void FunctionLowering::set_location(const llvm::Instruction& i) {
  current_ = &i;
  location_ = {};
  if (const llvm::DILocation* loc = i.getDebugLoc().get()) {
    std::string file = loc->getFilename().str();
    if (!file.empty()) location_ = {program_.file_index(file), loc->getLine(), loc->getColumn()};
  }
}

void FunctionLowering::error(const std::string& message) {
  std::string where_function = "in function '" + f_.getName().str() + "': ";
  if (current_) {
    if (const llvm::DILocation* loc = current_->getDebugLoc().get()) {
      std::string file = loc->getFilename().str();
      std::string dir = loc->getDirectory().str();
      std::string path = (!file.empty() && file[0] != '/' && !dir.empty()) ? dir + "/" + file : file;
      std::string text = format_source_error(path, loc->getLine(), loc->getColumn(), message);
      // Show the path as the user wrote it.
      if (path != file) text.replace(0, path.size(), file);
      program_.add_error(text);
      return;
    }
  }
  program_.add_error("error: " + where_function + message);
}

void FunctionLowering::emit(Opcode op, Operand dst, Operand a, Operand b, Operand c, uint32_t target) {
  isa::Instruction ins{op, dst, a, b, c, target};
  uint32_t index = static_cast<uint32_t>(code_.size());
  Operand* fields[] = {&ins.dst, &ins.a, &ins.b, &ins.c};
  for (int k = 0; k < 4; ++k) {
    if (is_function_ref(*fields[k])) {
      relocations_.push_back({index, k, static_cast<uint32_t>(-fields[k]->value - 1)});
      *fields[k] = Operand::imm(0);
    }
  }
  code_.push_back(ins);
  locations_.push_back(location_);
}

unsigned FunctionLowering::word_count(llvm::Type* t) {
  if (t->isPointerTy()) return 1;
  if (t->isIntegerTy()) {
    unsigned bits = t->getIntegerBitWidth();
    if (bits <= 32) return 1;
    if (bits <= 64) return 2;
    if (bits <= kMaxIntegerBits) return (bits + 31) / 32;
    error("integers wider than " + std::to_string(kMaxIntegerBits) + " bits are not supported (i" +
          std::to_string(bits) + ")");
    return 2;
  }
  if (auto* s = llvm::dyn_cast<llvm::StructType>(t)) {
    unsigned n = 0;
    for (llvm::Type* e : s->elements()) n += word_count(e);
    return n;
  }
  if (t->isVoidTy()) return 0;
  if (t->isFloatingPointTy())
    error("floating point is not supported by c2w");
  else
    error("values of this type are not supported by c2w (vector or array value)");
  return 1;
}

Words FunctionLowering::constant_words(const llvm::Constant* c) {
  if (auto* st = llvm::dyn_cast<llvm::StructType>(c->getType())) {  // e.g. {i64, i1} of an overflow intrinsic
    Words w;
    for (unsigned k = 0; k < st->getNumElements(); ++k) w.append(constant_words(c->getAggregateElement(k)));
    return w;
  }
  if (const auto* wide = llvm::dyn_cast<llvm::ConstantInt>(c); wide && wide->getBitWidth() > 64) {
    Words w;
    for (unsigned k = 0; k < word_count(c->getType()); ++k) {
      unsigned take = std::min(32u, wide->getBitWidth() - 32 * k);
      w.push_back(Operand::imm(static_cast<uint32_t>(wide->getValue().extractBitsAsZExtValue(take, 32 * k))));
    }
    return w;
  }
  std::string problem;
  ConstantValue v = program_.evaluate(c, problem);
  if (!problem.empty()) {
    error(problem);
    return Words(word_count(c->getType()), Operand::imm(0));
  }
  if (v.function) return {function_ref(program_.request(v.function))};
  unsigned n = word_count(c->getType());
  Words w;
  if (n >= 1) w.push_back(Operand::imm(static_cast<uint32_t>(v.value)));
  if (n >= 2) w.push_back(Operand::imm(static_cast<uint32_t>(v.value >> 32)));
  for (unsigned i = 2; i < n; ++i) w.push_back(Operand::imm(0));
  return w;
}

Words FunctionLowering::get(const llvm::Value* v) {
  if (auto it = values_.find(v); it != values_.end()) return it->second;
  if (const auto* c = llvm::dyn_cast<llvm::Constant>(v)) return constant_words(c);
  if (const auto* i = llvm::dyn_cast<llvm::Instruction>(v)) {
    Words w = define(i);
    values_[v] = w;
    return w;
  }
  C2W_INTERNAL_ERROR("value without a location in function " + f_.getName().str());
}

// The words of an instruction's result: shared with its operand for casts that do
// not change the bits, fresh frame slots otherwise.
Words FunctionLowering::define(const llvm::Instruction* i) {
  using namespace llvm;
  auto bits_of = [](Type* t) -> unsigned {
    return t->isPointerTy() ? 32 : t->isIntegerTy() ? t->getIntegerBitWidth() : 0;
  };
  switch (i->getOpcode()) {
    case Instruction::BitCast:
    case Instruction::AddrSpaceCast:
    case Instruction::Freeze: return get(i->getOperand(0));
    case Instruction::PtrToInt:
    case Instruction::IntToPtr:
    case Instruction::Trunc:
    case Instruction::ZExt: {
      unsigned from = bits_of(i->getOperand(0)->getType()), to = bits_of(i->getType());
      bool narrowing = to < from;
      if (narrowing && to % 32 != 0) break;  // needs a mask
      // The low words of the operand, then zero words (values are kept zero-extended).
      Words w = get(i->getOperand(0)), shared;
      for (unsigned k = 0; k < (to <= 32 ? 1 : (to + 31) / 32); ++k)
        shared.push_back(k < w.size() ? w[k] : Operand::imm(0));
      return shared;
    }
    case Instruction::SExt: {
      unsigned from = bits_of(i->getOperand(0)->getType()), to = bits_of(i->getType());
      if (from == 32 && to == 64) return {get(i->getOperand(0))[0], new_slot()};
      break;
    }
    case Instruction::GetElementPtr: {
      const auto* gep = cast<GetElementPtrInst>(i);
      bool only_memory_users = !i->use_empty();
      for (const User* u : i->users()) {
        if (const auto* load = dyn_cast<LoadInst>(u); load && load->getPointerOperand() == i) continue;
        if (const auto* store = dyn_cast<StoreInst>(u);
            store && store->getPointerOperand() == i && store->getValueOperand() != i)
          continue;
        only_memory_users = false;
      }
      APInt offset(64, 0);
      bool all_constant = gep->accumulateConstantOffset(dl_, offset);
      if (all_constant && offset.isZero()) return get(gep->getPointerOperand());
      if (only_memory_users) {
        // Constant part folded into the users; the slot (if any) holds base + variable part.
        int64_t constant = 0, stride = 0;
        bool has_variable = false;
        int variables = 0;
        const Value* index = nullptr;
        gep_type_iterator gti = gep_type_begin(gep);
        for (auto idx = gep->idx_begin(); idx != gep->idx_end(); ++idx, ++gti) {
          const auto* ci = dyn_cast<ConstantInt>(*idx);
          if (StructType* st = gti.getStructTypeOrNull()) {
            constant += dl_.getStructLayout(st)->getElementOffset(ci->getZExtValue());
          } else if (ci) {
            constant += ci->getSExtValue() * static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType()));
          } else {
            has_variable = true;
            ++variables;
            index = *idx;
            stride = static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType()));
          }
        }
        folds_[i] = {gep->getPointerOperand(), has_variable, constant};
        if (!has_variable) return get(gep->getPointerOperand());
        // A global's address and one index (a[i] of a global array): the accesses take
        // the scaled index as their base word and the address into their constant, so
        // no add is needed (and no instruction at all with a byte stride).
        if (const auto* c = dyn_cast<Constant>(gep->getPointerOperand()); c && variables == 1) {
          std::string problem;
          ConstantValue address = program_.evaluate(c, problem);
          if (problem.empty() && !address.function) {
            Fold& fold = folds_[i];
            fold.absolute = true;
            fold.offset += static_cast<int64_t>(address.value);
            if (stride == 1) return {get(index)[0]};  // (the low word of a 64-bit index)
          }
        }
      }
      break;
    }
    case Instruction::ExtractValue: {
      const auto* ev = cast<ExtractValueInst>(i);
      Words agg = get(ev->getAggregateOperand());
      auto* st = dyn_cast<StructType>(ev->getAggregateOperand()->getType());
      if (!st || ev->getNumIndices() != 1) break;
      unsigned first = 0;
      for (unsigned k = 0; k < ev->getIndices()[0]; ++k) first += word_count(st->getElementType(k));
      unsigned n = word_count(ev->getType());
      Words w;
      for (unsigned k = 0; k < n && first + k < agg.size(); ++k) w.push_back(agg[first + k]);
      return w;
    }
    case Instruction::Call:
      if (const auto* ii = dyn_cast<IntrinsicInst>(i)) {
        if (ii->getIntrinsicID() == Intrinsic::expect ||
            ii->getIntrinsicID() == Intrinsic::expect_with_probability)
          return get(ii->getArgOperand(0));
      }
      break;
    default: break;
  }
  return new_slots(word_count(i->getType()));
}

Pointer FunctionLowering::pointer_of(const llvm::Value* p) {
  get(p);  // defines folds along the way
  int64_t offset = 0;
  const llvm::Value* v = p;
  while (true) {
    auto it = folds_.find(v);
    if (it == folds_.end()) break;
    offset += it->second.offset;
    if (it->second.has_variable) return {Pointer::Register, word(v), offset};
    v = it->second.base;
    get(v);
  }
  if (auto it = alloca_offsets_.find(v); it != alloca_offsets_.end())
    return {Pointer::Frame, word(v), static_cast<int64_t>(it->second) + offset, it->second};
  if (const auto* c = llvm::dyn_cast<llvm::Constant>(v)) {
    std::string problem;
    ConstantValue cv = program_.evaluate(c, problem);
    if (problem.empty() && !cv.function)
      return {Pointer::Absolute, {}, static_cast<int64_t>(cv.value) + offset};
  }
  return {Pointer::Register, word(v), offset};
}

}  // namespace c2w::compiler::lower_llvm
