// The program's data: globals and constants (ProgramLowering, see lowering.h).
//
// Every defined global gets an address in the data segment (at least 4-byte aligned,
// in module order), followed by main's argv {"c2w", NULL}, in a program that
// allocates on the stack at run time the dynamic stack pointer, in one that calls
// longjmp the words of nonlocal_jumps.cpp; then comes the stack
// (for such a program followed by a dynamic stack of the same size, dynamic_stack.cpp)
// and above it the heap. Initialisers are written byte by byte in the i386 layout;
// a constant is evaluated to a number, or to a function's address, which is only
// known at link time and so is recorded as a data relocation (the function is
// requested for lowering). The same evaluator serves constant operands of
// instructions (values.cpp).
#include "compiler/lower_llvm/lowering.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GetElementPtrTypeIterator.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/Operator.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace c2w::compiler::lower_llvm {

ConstantValue ProgramLowering::evaluate(const llvm::Constant* c, std::string& problem) {
  using namespace llvm;
  if (const auto* i = dyn_cast<ConstantInt>(c)) {
    if (i->getBitWidth() > 64) problem = "integer constant wider than 64 bits";
    return {i->getValue().getLimitedValue(), nullptr};
  }
  if (llvm::isa<ConstantPointerNull>(c) || llvm::isa<UndefValue>(c) || llvm::isa<ConstantAggregateZero>(c))
    return {};
  if (const auto* g = dyn_cast<GlobalVariable>(c)) {
    auto it = global_addresses_.find(g);
    if (it == global_addresses_.end()) {
      problem = "reference to undefined global variable '" + g->getName().str() + "'";
      return {};
    }
    return {it->second, nullptr};
  }
  if (const auto* f = dyn_cast<Function>(c)) {
    if (f->isDeclaration() && !f->isIntrinsic())
      problem = "reference to undefined function '" + f->getName().str() + "'";
    return {0, f};
  }
  if (const auto* a = dyn_cast<GlobalAlias>(c)) return evaluate(a->getAliasee(), problem);
  if (const auto* b = dyn_cast<BlockAddress>(c)) return {block_address(b->getBasicBlock()), nullptr};
  if (const auto* e = dyn_cast<ConstantExpr>(c)) {
    auto operand = [&](unsigned k) { return evaluate(e->getOperand(k), problem); };
    unsigned bits = e->getType()->isIntegerTy() ? e->getType()->getIntegerBitWidth() : 32;
    uint64_t mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    // Wider than 64 bits, only what keeps a (zero-extended) 64-bit value is evaluated.
    if (bits > 64 && e->getOpcode() != Instruction::ZExt && e->getOpcode() != Instruction::PtrToInt &&
        e->getOpcode() != Instruction::BitCast) {
      problem =
          std::string("constant expression '") + e->getOpcodeName() + "' on integers wider than 64 bits";
      return {};
    }
    switch (e->getOpcode()) {
      case Instruction::BitCast:
      case Instruction::AddrSpaceCast:
      case Instruction::IntToPtr:
      case Instruction::PtrToInt:
      case Instruction::ZExt:
      case Instruction::Trunc: {
        ConstantValue v = operand(0);
        v.value &= mask;
        return v;
      }
      case Instruction::SExt: {
        ConstantValue v = operand(0);
        unsigned from = e->getOperand(0)->getType()->getIntegerBitWidth();
        v.value = static_cast<uint64_t>(static_cast<int64_t>(v.value << (64 - from)) >> (64 - from)) & mask;
        return v;
      }
      case Instruction::GetElementPtr: {
        ConstantValue base = operand(0);
        if (base.function) problem = "arithmetic on a function address";
        uint64_t address = base.value;
        gep_type_iterator gti = gep_type_begin(cast<GEPOperator>(e));
        for (unsigned k = 1; k < e->getNumOperands(); ++k, ++gti) {
          ConstantValue index = operand(k);
          unsigned index_bits = e->getOperand(k)->getType()->getIntegerBitWidth();
          int64_t signed_index =
              index_bits >= 64 ? static_cast<int64_t>(index.value)
                               : static_cast<int64_t>(index.value << (64 - index_bits)) >> (64 - index_bits);
          if (StructType* st = gti.getStructTypeOrNull())
            address += dl_.getStructLayout(st)->getElementOffset(static_cast<unsigned>(index.value));
          else
            address += static_cast<uint64_t>(
                signed_index * static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType())));
        }
        return {address & 0xFFFFFFFFull, nullptr};
      }
      case Instruction::Add:
      case Instruction::Sub:
      case Instruction::Mul:
      case Instruction::And:
      case Instruction::Or:
      case Instruction::Xor:
      case Instruction::Shl:
      case Instruction::LShr:
      case Instruction::AShr:
      case Instruction::UDiv:
      case Instruction::URem:
      case Instruction::SDiv:
      case Instruction::SRem: {
        ConstantValue a = operand(0), b = operand(1);
        if (a.function || b.function) problem = "arithmetic on a function address";
        auto sign = [&](uint64_t v) {  // the value as a signed `bits`-bit integer
          return bits >= 64 ? static_cast<int64_t>(v) : static_cast<int64_t>(v << (64 - bits)) >> (64 - bits);
        };
        // A constant division by zero (or INT_MIN / -1) is LLVM's poison, not an error: the
        // optimiser makes such expressions when it turns C's guarded `b == 0 ? a : a / b`
        // into a select whose divisor folds to 0 only once the globals have addresses
        // (csmith's safe_div with a divisor such as `&g == &h[5]`). The select never
        // picks it, so any value will do: 0, and INT_MIN / -1 wraps (its remainder is 0).
        switch (e->getOpcode()) {
          case Instruction::UDiv:
          case Instruction::URem:
          case Instruction::SDiv:
          case Instruction::SRem:
            if ((b.value & mask) == 0) return {0, nullptr};
            if (sign(a.value) == std::numeric_limits<int64_t>::min() >> (64 - std::min(bits, 64u)) &&
                sign(b.value) == -1 &&
                (e->getOpcode() == Instruction::SDiv || e->getOpcode() == Instruction::SRem))
              return {e->getOpcode() == Instruction::SDiv ? a.value & mask : 0, nullptr};
            break;
          default: break;
        }
        uint64_t r = 0;
        switch (e->getOpcode()) {
          case Instruction::AShr:
            r = static_cast<uint64_t>(sign(a.value) >> std::min<uint64_t>(b.value, 63));
            break;
          case Instruction::UDiv: r = (a.value & mask) / (b.value & mask); break;
          case Instruction::URem: r = (a.value & mask) % (b.value & mask); break;
          case Instruction::SDiv: r = static_cast<uint64_t>(sign(a.value) / sign(b.value)); break;
          case Instruction::SRem: r = static_cast<uint64_t>(sign(a.value) % sign(b.value)); break;
          case Instruction::Add: r = a.value + b.value; break;
          case Instruction::Sub: r = a.value - b.value; break;
          case Instruction::Mul: r = a.value * b.value; break;
          case Instruction::And: r = a.value & b.value; break;
          case Instruction::Or: r = a.value | b.value; break;
          case Instruction::Xor: r = a.value ^ b.value; break;
          case Instruction::Shl: r = b.value < 64 ? a.value << b.value : 0; break;
          default: r = b.value < 64 ? a.value >> b.value : 0; break;
        }
        return {r & mask, nullptr};
      }
      case Instruction::ICmp: {
        ConstantValue a = operand(0), b = operand(1);
        if (a.function || b.function) {  // only (in)equality of function addresses is known before linking
          bool same = a.function == b.function && a.value == b.value;
          auto pred = static_cast<CmpInst::Predicate>(e->getPredicate());
          if (pred == CmpInst::ICMP_EQ) return {same, nullptr};
          if (pred == CmpInst::ICMP_NE) return {!same, nullptr};
          problem = "ordering comparison of function addresses";
          return {};
        }
        unsigned w = e->getOperand(0)->getType()->isIntegerTy()
                         ? e->getOperand(0)->getType()->getIntegerBitWidth()
                         : 32;
        APInt x(w, a.value), y(w, b.value);
        return {ICmpInst::compare(x, y, static_cast<CmpInst::Predicate>(e->getPredicate())) ? 1u : 0u,
                nullptr};
      }
      case Instruction::Select: {
        ConstantValue c = operand(0);
        return c.value ? operand(1) : operand(2);
      }
      default: break;
    }
    problem = std::string("unsupported constant expression '") + e->getOpcodeName() + "'";
    return {};
  }
  problem = "unsupported constant (floating point or vector?)";
  return {};
}

void ProgramLowering::layout_globals() {
  uint32_t next = data_base_;
  for (const llvm::GlobalVariable& g : module_.globals()) {
    if (g.getName().startswith("llvm.")) continue;
    if (!g.hasInitializer()) {
      if (!g.use_empty())
        add_error("error: undefined global variable '" + g.getName().str() +
                  "' (declared extern but never defined)");
      continue;
    }
    uint32_t align = std::max<uint32_t>(4, dl_.getPreferredAlign(&g).value());
    next = align_to(next, align);
    global_addresses_[&g] = next;
    next += static_cast<uint32_t>(dl_.getTypeAllocSize(g.getValueType()));
  }
  // argv for main: {"c2w", NULL}
  next = align_to(next, 4);
  argv_address_ = next;
  next += 8 + 4;
  // The dynamic stack pointer, when some function allocates at run time (dynamic_stack.cpp).
  bool dynamic = std::any_of(module_.begin(), module_.end(), [](const llvm::Function& f) {
    return !f.isDeclaration() && uses_dynamic_stack(f);
  });
  if (dynamic) {
    dynamic_stack_.pointer_address = next;
    next += 4;
  }
  if (calls_longjmp(module_)) {  // what a longjmp leaves for the frames it unwinds (nonlocal_jumps.cpp)
    non_local_jumps_ = {next, next + 4, next + 8, next + 12};
    next += 16;
  }
  data_.assign(next - data_base_, 0);
  for (const auto& [g, address] : global_addresses_)
    write_constant(g->getInitializer(), address - data_base_, g->getName().str());
  uint32_t name_address = argv_address_ + 8;
  std::memcpy(&data_[argv_address_ - data_base_], &name_address, 4);
  std::memcpy(&data_[name_address - data_base_], "c2w", 4);

  stack_base_ = align_to(next, 16);
  uint64_t stack_bytes = options_.stack_size;
  if (dynamic) {  // a second stack of the same size above the frames' one, for dynamic allocations
    dynamic_stack_.frames_size = options_.stack_size;
    dynamic_stack_.begin = align_to(stack_base_ + options_.stack_size, DynamicStack::kAlign);
    dynamic_stack_.end =
        dynamic_stack_.begin + options_.stack_size / DynamicStack::kAlign * DynamicStack::kAlign;
    std::memcpy(&data_[dynamic_stack_.pointer_address - data_base_], &dynamic_stack_.begin, 4);
    stack_bytes = uint64_t(dynamic_stack_.end) - stack_base_;
  }
  heap_base_ = static_cast<uint32_t>(stack_base_ + stack_bytes);
  if (uint64_t(stack_base_) + stack_bytes + 4096 > options_.memory_size)
    add_error("error: the program's data (" + std::to_string(next - data_base_) + " bytes) and stack (" +
              std::to_string(options_.stack_size) + " bytes" + (dynamic ? ", twice: frames and alloca" : "") +
              ") do not fit in memory (" + std::to_string(options_.memory_size) + " bytes); raise --memory");
}

void ProgramLowering::write_constant(const llvm::Constant* c, uint32_t offset, const std::string& global) {
  using namespace llvm;
  auto put = [&](uint64_t v, uint64_t size) {
    for (uint64_t i = 0; i < size && offset + i < data_.size(); ++i)
      data_[offset + i] = static_cast<uint8_t>(v >> (8 * i));
  };
  if (llvm::isa<ConstantAggregateZero>(c) || llvm::isa<UndefValue>(c) || llvm::isa<ConstantPointerNull>(c))
    return;
  if (const auto* s = dyn_cast<ConstantDataSequential>(c)) {
    uint64_t element = dl_.getTypeAllocSize(s->getElementType());
    if (!s->getElementType()->isIntegerTy()) {
      add_error("error: global '" + global + "' has a non-integer initialiser (floating point?)");
      return;
    }
    for (unsigned i = 0; i < s->getNumElements(); ++i) {
      uint64_t v = s->getElementAsInteger(i);
      for (uint64_t b = 0; b < element; ++b)
        data_[offset + i * element + b] = static_cast<uint8_t>(v >> (8 * b));
    }
    return;
  }
  if (const auto* a = dyn_cast<ConstantArray>(c)) {
    uint64_t element = dl_.getTypeAllocSize(a->getType()->getElementType());
    for (unsigned i = 0; i < a->getNumOperands(); ++i)
      write_constant(a->getOperand(i), offset + i * element, global);
    return;
  }
  if (const auto* s = dyn_cast<ConstantStruct>(c)) {
    const StructLayout* layout = dl_.getStructLayout(s->getType());
    for (unsigned i = 0; i < s->getNumOperands(); ++i)
      write_constant(s->getOperand(i), offset + static_cast<uint32_t>(layout->getElementOffset(i)), global);
    return;
  }
  if (const auto* wide = dyn_cast<ConstantInt>(c); wide && wide->getBitWidth() > 64) {
    uint64_t size = dl_.getTypeStoreSize(c->getType());
    APInt bytes = wide->getValue().zext(static_cast<unsigned>(size * 8));
    for (uint64_t i = 0; i < size && offset + i < data_.size(); ++i)
      data_[offset + i] = static_cast<uint8_t>(bytes.extractBitsAsZExtValue(8, static_cast<unsigned>(8 * i)));
    return;
  }
  std::string problem;
  ConstantValue v = evaluate(c, problem);
  if (!problem.empty()) {
    add_error("error: in the initialiser of global '" + global + "': " + problem);
    return;
  }
  if (v.function) {
    data_relocations_.push_back({offset, request(v.function)});
    return;
  }
  put(v.value, dl_.getTypeStoreSize(c->getType()));
}

}  // namespace c2w::compiler::lower_llvm
