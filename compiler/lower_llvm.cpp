// LLVM IR -> lowered c2w program (see lower_llvm.h).
//
// Structure: ProgramLowering lays out the globals, then lowers the functions
// reachable from main through a worklist (FunctionLowering, one per function). The
// frame of a function is drawn in lowered_program.h.
#include "compiler/lower_llvm.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/GetElementPtrTypeIterator.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Operator.h>

#include <deque>
#include <map>

#include "support/errors.h"
#include "compiler/peephole.h"

namespace c2w::compiler {
namespace {

using isa::Opcode;
using isa::Operand;
using isa::OperandKind;
using Words = llvm::SmallVector<Operand, 2>;

// A variadic function's frame reserves this many bytes after its named parameters for
// the variable arguments, which the caller writes there; its locals start after them.
constexpr uint32_t kVariadicArgumentBytes = 256;
// An Abs operand with a negative value stands for "the address of function #-(v+1)"
// until linking.
Operand function_ref(uint32_t index) { return {OperandKind::Abs, -static_cast<int32_t>(index) - 1}; }
bool is_function_ref(const Operand& o) { return o.kind == OperandKind::Abs && o.value < 0; }

uint32_t align_to(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }
uint32_t low_mask(unsigned bits) { return bits >= 32 ? 0xFFFFFFFFu : (1u << bits) - 1; }

struct ConstantValue {
  uint64_t value = 0;
  const llvm::Function* function = nullptr;  // the value is this function's address
};

class ProgramLowering;

// Where a memory access goes: a register-held pointer plus a constant, a known frame
// offset (an alloca), or a known absolute address.
struct Pointer {
  enum Kind { Register, Frame, Absolute } kind = Register;
  Operand base;        // Register and Frame: the pointer's word
  int64_t offset = 0;  // Register: added to base; Frame: fp offset; Absolute: the address
  int64_t frame_base = 0;  // Frame: the fp offset the base word points at
};

class FunctionLowering {
 public:
  FunctionLowering(ProgramLowering& program, const llvm::Function& f);
  LoweredFunction run();

 private:
  // ---- values ----
  Words get(const llvm::Value* v);
  Words define(const llvm::Instruction* i);
  Words constant_words(const llvm::Constant* c);
  Operand word(const llvm::Value* v) { return get(v)[0]; }
  Operand new_slot() {
    Operand s = Operand::slot(static_cast<int32_t>(frame_top_));
    frame_top_ += 4;
    return s;
  }
  Words new_slots(unsigned n) {
    Words w;
    for (unsigned i = 0; i < n; ++i) w.push_back(new_slot());
    return w;
  }
  unsigned word_count(llvm::Type* t);
  Pointer pointer_of(const llvm::Value* p);

  // ---- emission ----
  void emit(Opcode op, Operand dst = {}, Operand a = {}, Operand b = {}, Operand c = {}, uint32_t target = 0);
  uint32_t new_label() {
    label_pc_.push_back(-1);
    return static_cast<uint32_t>(label_pc_.size() - 1);
  }
  void place_label(uint32_t label) { label_pc_[label] = static_cast<int32_t>(code_.size()); }
  void error(const std::string& message);
  void set_location(const llvm::Instruction& i);

  void lower_block(const llvm::BasicBlock& bb, const llvm::BasicBlock* next);
  void lower_instruction(const llvm::Instruction& i);
  void lower_binary(const llvm::BinaryOperator& i);
  void lower_binary64(const llvm::BinaryOperator& i, unsigned bits);
  void lower_icmp(const llvm::ICmpInst& i);
  void lower_cast(const llvm::CastInst& i);
  void lower_load(const llvm::LoadInst& i);
  void lower_store(const llvm::StoreInst& i);
  void lower_gep(const llvm::GetElementPtrInst& i);
  void lower_atomic_rmw(const llvm::AtomicRMWInst& i);
  void lower_cmpxchg(const llvm::AtomicCmpXchgInst& i);
  void lower_call(const llvm::CallBase& call);
  void lower_intrinsic(const llvm::CallBase& call, llvm::Intrinsic::ID id);
  void lower_overflow64(const llvm::CallBase& call, llvm::Intrinsic::ID id);
  void lower_overflow_narrow(const llvm::CallBase& call, llvm::Intrinsic::ID id, unsigned bits);
  void lower_funnel_narrow(const llvm::CallBase& call, bool left, unsigned bits);
  void lower_funnel64(const llvm::CallBase& call, bool left);
  void add64(const Words& a, const Words& b, const Words& d);
  void sub64(const Words& a, const Words& b, const Words& d);
  void lower_branch(const llvm::BranchInst& br, const llvm::BasicBlock* next);
  void lower_switch(const llvm::SwitchInst& sw, const llvm::BasicBlock* next);

  void emit_call(const llvm::Function* callee, Operand indirect_target, const std::vector<Words>& args,
                 const std::vector<uint32_t>& byval_sizes, Operand dst, bool variadic = false,
                 uint32_t named_arguments = 0);
  void call_runtime(const char* name, const std::vector<Words>& args, const Words& dst);
  void memory_base(const Pointer& p, int64_t extra, Operand& base, int64_t& off);
  void load_bytes(Operand dst, const Pointer& p, int64_t extra, unsigned bytes);
  void store_bytes(Operand value, const Pointer& p, int64_t extra, unsigned bytes);
  void copy_bytes(const Pointer& dst, const Pointer& src, uint64_t size);
  Operand sign_extend(Operand w, unsigned bits);
  Words sign_extend_wide(const Words& w, unsigned bits);
  void mask_to(Operand d, unsigned bits) {
    if (bits < 32) emit(Opcode::And, d, d, Operand::imm(low_mask(bits)));
  }
  // The comparison `pred` on words a, b (<= 32 bits) as (op, x, y) with op one of Eq..LeU.
  void compare_operands(llvm::CmpInst::Predicate pred, unsigned bits, Operand a, Operand b, Opcode& op,
                        Operand& x, Operand& y);
  void compare64(llvm::CmpInst::Predicate pred, const Words& a, const Words& b, Operand d);

  // ---- control flow ----
  uint32_t block_label(const llvm::BasicBlock* bb) { return block_labels_.at(bb); }
  uint32_t edge_label(const llvm::BasicBlock* from, const llvm::BasicBlock* to);
  void emit_phi_copies(const llvm::BasicBlock* from, const llvm::BasicBlock* to);
  void jump_to(const llvm::BasicBlock* from, const llvm::BasicBlock* to, const llvm::BasicBlock* next);

  ProgramLowering& program_;
  const llvm::Function& f_;
  const llvm::DataLayout& dl_;
  std::vector<isa::Instruction> code_;
  std::vector<isa::SourceLocation> locations_;
  std::vector<CodeRelocation> relocations_;
  isa::SourceLocation location_;
  const llvm::Instruction* current_ = nullptr;
  std::vector<int32_t> label_pc_;
  std::map<const llvm::BasicBlock*, uint32_t> block_labels_;
  struct EdgeStub {
    uint32_t label;
    const llvm::BasicBlock* from;
    const llvm::BasicBlock* to;
  };
  std::vector<EdgeStub> edge_stubs_;
  llvm::DenseMap<const llvm::Value*, Words> values_;
  struct Fold {
    const llvm::Value* base;
    bool has_variable;
    int64_t offset;
  };
  llvm::DenseMap<const llvm::Value*, Fold> folds_;  // GEPs whose constant offset is folded into their loads/stores
  llvm::DenseMap<const llvm::Value*, uint32_t> alloca_offsets_;
  llvm::DenseMap<const llvm::Value*, bool> fused_compares_;
  uint32_t frame_top_ = 0;
  uint32_t parameter_bytes_ = 0;
  uint32_t max_outgoing_ = 0;
};

class ProgramLowering {
 public:
  ProgramLowering(const llvm::Module& m, const LowerOptions& o) : module_(m), options_(o), dl_(m.getDataLayout()) {}
  LoweredProgram run();

  const llvm::DataLayout& data_layout() const { return dl_; }
  const llvm::Module& module() const { return module_; }
  uint32_t request(const llvm::Function* f);
  ConstantValue evaluate(const llvm::Constant* c, std::string& problem);
  uint32_t file_index(const std::string& path);
  uint32_t heap_base() const { return heap_base_; }
  uint32_t memory_size() const { return options_.memory_size; }
  uint32_t data_end() const { return data_base_ + static_cast<uint32_t>(data_.size()); }
  void add_error(std::string e) { errors_.push_back(std::move(e)); }

 private:
  void layout_globals();
  void write_constant(const llvm::Constant* c, uint32_t offset, const std::string& global);

  const llvm::Module& module_;
  LowerOptions options_;
  const llvm::DataLayout& dl_;
  std::map<const llvm::GlobalVariable*, uint32_t> global_addresses_;
  std::vector<const llvm::Function*> functions_;  // index -> function
  std::map<const llvm::Function*, uint32_t> function_index_;
  std::deque<uint32_t> worklist_;
  std::vector<uint8_t> data_;
  std::vector<DataRelocation> data_relocations_;
  uint32_t data_base_ = isa::kNullGuardSize;
  uint32_t argv_address_ = 0;
  uint32_t stack_base_ = 0;
  uint32_t heap_base_ = 0;
  std::vector<std::string> files_ = {""};
  std::vector<std::string> errors_;
};

// ======================= ProgramLowering =======================

uint32_t ProgramLowering::request(const llvm::Function* f) {
  auto [it, inserted] = function_index_.emplace(f, static_cast<uint32_t>(functions_.size()));
  if (inserted) {
    functions_.push_back(f);
    worklist_.push_back(it->second);
  }
  return it->second;
}

uint32_t ProgramLowering::file_index(const std::string& path) {
  for (uint32_t i = 1; i < files_.size(); ++i)
    if (files_[i] == path) return i;
  files_.push_back(path);
  return static_cast<uint32_t>(files_.size() - 1);
}

ConstantValue ProgramLowering::evaluate(const llvm::Constant* c, std::string& problem) {
  using namespace llvm;
  if (const auto* i = dyn_cast<ConstantInt>(c)) {
    if (i->getBitWidth() > 64) problem = "integer constant wider than 64 bits";
    return {i->getValue().getLimitedValue(), nullptr};
  }
  if (llvm::isa<ConstantPointerNull>(c) || llvm::isa<UndefValue>(c) || llvm::isa<ConstantAggregateZero>(c)) return {};
  if (const auto* g = dyn_cast<GlobalVariable>(c)) {
    auto it = global_addresses_.find(g);
    if (it == global_addresses_.end()) {
      problem = "reference to undefined global variable '" + g->getName().str() + "'";
      return {};
    }
    return {it->second, nullptr};
  }
  if (const auto* f = dyn_cast<Function>(c)) {
    if (f->isDeclaration() && !f->isIntrinsic()) problem = "reference to undefined function '" + f->getName().str() + "'";
    return {0, f};
  }
  if (const auto* a = dyn_cast<GlobalAlias>(c)) return evaluate(a->getAliasee(), problem);
  if (const auto* e = dyn_cast<ConstantExpr>(c)) {
    auto operand = [&](unsigned k) { return evaluate(e->getOperand(k), problem); };
    unsigned bits = e->getType()->isIntegerTy() ? e->getType()->getIntegerBitWidth() : 32;
    uint64_t mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
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
          int64_t signed_index = index_bits >= 64 ? static_cast<int64_t>(index.value)
                                                  : static_cast<int64_t>(index.value << (64 - index_bits)) >> (64 - index_bits);
          if (StructType* st = gti.getStructTypeOrNull())
            address += dl_.getStructLayout(st)->getElementOffset(static_cast<unsigned>(index.value));
          else
            address += static_cast<uint64_t>(signed_index * static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType())));
        }
        return {address & 0xFFFFFFFFull, nullptr};
      }
      case Instruction::Add: case Instruction::Sub: case Instruction::Mul: case Instruction::And:
      case Instruction::Or: case Instruction::Xor: case Instruction::Shl: case Instruction::LShr: {
        ConstantValue a = operand(0), b = operand(1);
        if (a.function || b.function) problem = "arithmetic on a function address";
        uint64_t r = 0;
        switch (e->getOpcode()) {
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
        unsigned w = e->getOperand(0)->getType()->isIntegerTy() ? e->getOperand(0)->getType()->getIntegerBitWidth() : 32;
        APInt x(w, a.value), y(w, b.value);
        return {ICmpInst::compare(x, y, static_cast<CmpInst::Predicate>(e->getPredicate())) ? 1u : 0u, nullptr};
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
      if (!g.use_empty()) add_error("error: undefined global variable '" + g.getName().str() +
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
  data_.assign(next - data_base_, 0);
  for (const auto& [g, address] : global_addresses_) write_constant(g->getInitializer(), address - data_base_, g->getName().str());
  uint32_t name_address = argv_address_ + 8;
  std::memcpy(&data_[argv_address_ - data_base_], &name_address, 4);
  std::memcpy(&data_[name_address - data_base_], "c2w", 4);

  stack_base_ = align_to(next, 16);
  heap_base_ = stack_base_ + options_.stack_size;
  if (uint64_t(heap_base_) + 4096 > options_.memory_size)
    add_error("error: the program's data (" + std::to_string(next - data_base_) + " bytes) and stack (" +
              std::to_string(options_.stack_size) + " bytes) do not fit in memory (" +
              std::to_string(options_.memory_size) + " bytes); raise --memory");
}

void ProgramLowering::write_constant(const llvm::Constant* c, uint32_t offset, const std::string& global) {
  using namespace llvm;
  auto put = [&](uint64_t v, uint64_t size) {
    for (uint64_t i = 0; i < size && offset + i < data_.size(); ++i) data_[offset + i] = static_cast<uint8_t>(v >> (8 * i));
  };
  if (llvm::isa<ConstantAggregateZero>(c) || llvm::isa<UndefValue>(c) || llvm::isa<ConstantPointerNull>(c)) return;
  if (const auto* s = dyn_cast<ConstantDataSequential>(c)) {
    uint64_t element = dl_.getTypeAllocSize(s->getElementType());
    if (!s->getElementType()->isIntegerTy()) {
      add_error("error: global '" + global + "' has a non-integer initialiser (floating point?)");
      return;
    }
    for (unsigned i = 0; i < s->getNumElements(); ++i) {
      uint64_t v = s->getElementAsInteger(i);
      for (uint64_t b = 0; b < element; ++b) data_[offset + i * element + b] = static_cast<uint8_t>(v >> (8 * b));
    }
    return;
  }
  if (const auto* a = dyn_cast<ConstantArray>(c)) {
    uint64_t element = dl_.getTypeAllocSize(a->getType()->getElementType());
    for (unsigned i = 0; i < a->getNumOperands(); ++i) write_constant(a->getOperand(i), offset + i * element, global);
    return;
  }
  if (const auto* s = dyn_cast<ConstantStruct>(c)) {
    const StructLayout* layout = dl_.getStructLayout(s->getType());
    for (unsigned i = 0; i < s->getNumOperands(); ++i)
      write_constant(s->getOperand(i), offset + static_cast<uint32_t>(layout->getElementOffset(i)), global);
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

LoweredProgram ProgramLowering::run() {
  const llvm::Function* main = module_.getFunction("main");
  if (!main || main->isDeclaration()) throw UserError("error: the program has no main function");
  layout_globals();
  LoweredProgram p;
  p.main_function = request(main);

  while (!worklist_.empty()) {
    uint32_t index = worklist_.front();
    worklist_.pop_front();
    // First in, first out: functions are lowered in the order of their indices, the
    // indices relocations name them by.
    C2W_CHECK(index == p.functions.size(), "functions lowered out of order");
    p.functions.push_back(FunctionLowering(*this, *functions_[index]).run());
  }
  if (!errors_.empty()) {
    std::string all;
    for (const auto& e : errors_) all += e + (e.back() == '\n' ? "" : "\n");
    throw UserError(all + std::to_string(errors_.size()) + (errors_.size() == 1 ? " error" : " errors") +
                    " in lowering to the c2w machine; nothing was written.");
  }

  p.data = data_;
  p.data_relocations = data_relocations_;
  p.data_base = data_base_;
  p.argv_address = argv_address_;
  p.stack_base = stack_base_;
  p.stack_size = options_.stack_size;
  p.heap_base = heap_base_;
  p.memory_size = options_.memory_size;
  p.files = files_;
  return p;
}

// ======================= FunctionLowering =======================

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
    error("integers wider than 64 bits are not supported (i" + std::to_string(bits) + ")");
    return 2;
  }
  if (auto* s = llvm::dyn_cast<llvm::StructType>(t)) {
    unsigned n = 0;
    for (llvm::Type* e : s->elements()) n += word_count(e);
    return n;
  }
  if (t->isVoidTy()) return 0;
  if (t->isFloatingPointTy()) error("floating point is not supported by c2w");
  else error("values of this type are not supported by c2w (vector or array value)");
  return 1;
}

Words FunctionLowering::constant_words(const llvm::Constant* c) {
  if (auto* st = llvm::dyn_cast<llvm::StructType>(c->getType())) {  // e.g. {i64, i1} of an overflow intrinsic
    Words w;
    for (unsigned k = 0; k < st->getNumElements(); ++k) w.append(constant_words(c->getAggregateElement(k)));
    return w;
  }
  std::string problem;
  ConstantValue v = program_.evaluate(c, problem);
  if (!problem.empty()) error(problem);
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
  auto bits_of = [](Type* t) -> unsigned { return t->isPointerTy() ? 32 : t->isIntegerTy() ? t->getIntegerBitWidth() : 0; };
  switch (i->getOpcode()) {
    case Instruction::BitCast:
    case Instruction::AddrSpaceCast:
    case Instruction::Freeze:
      return get(i->getOperand(0));
    case Instruction::PtrToInt:
    case Instruction::IntToPtr:
    case Instruction::Trunc:
    case Instruction::ZExt: {
      unsigned from = bits_of(i->getOperand(0)->getType()), to = bits_of(i->getType());
      bool narrowing = to < from;
      if (narrowing && to != 32) break;  // needs a mask
      Words w = get(i->getOperand(0));
      if (to <= 32) return {w[0]};
      if (from <= 32) return {w[0], Operand::imm(0)};
      return w;
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
        if (const auto* store = dyn_cast<StoreInst>(u); store && store->getPointerOperand() == i &&
                                                          store->getValueOperand() != i)
          continue;
        only_memory_users = false;
      }
      APInt offset(64, 0);
      bool all_constant = gep->accumulateConstantOffset(dl_, offset);
      if (all_constant && offset.isZero()) return get(gep->getPointerOperand());
      if (only_memory_users) {
        // Constant part folded into the users; the slot (if any) holds base + variable part.
        int64_t constant = 0;
        bool has_variable = false;
        gep_type_iterator gti = gep_type_begin(gep);
        for (auto idx = gep->idx_begin(); idx != gep->idx_end(); ++idx, ++gti) {
          const auto* ci = dyn_cast<ConstantInt>(*idx);
          if (StructType* st = gti.getStructTypeOrNull()) {
            constant += dl_.getStructLayout(st)->getElementOffset(ci->getZExtValue());
          } else if (ci) {
            constant += ci->getSExtValue() * static_cast<int64_t>(dl_.getTypeAllocSize(gti.getIndexedType()));
          } else {
            has_variable = true;
          }
        }
        folds_[i] = {gep->getPointerOperand(), has_variable, constant};
        if (!has_variable) return get(gep->getPointerOperand());
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
        if (ii->getIntrinsicID() == Intrinsic::expect || ii->getIntrinsicID() == Intrinsic::expect_with_probability)
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
    if (problem.empty() && !cv.function) return {Pointer::Absolute, {}, static_cast<int64_t>(cv.value) + offset};
  }
  return {Pointer::Register, word(v), offset};
}

// ---- memory ----

// The (base word, constant) pair an ld/st instruction uses for pointer p + extra.
void FunctionLowering::memory_base(const Pointer& p, int64_t extra, Operand& base, int64_t& off) {
  switch (p.kind) {
    case Pointer::Absolute: base = Operand::imm(0); off = p.offset + extra; break;
    case Pointer::Frame: base = p.base; off = p.offset - p.frame_base + extra; break;
    default: base = p.base; off = p.offset + extra; break;
  }
}

void FunctionLowering::load_bytes(Operand dst, const Pointer& p, int64_t extra, unsigned bytes) {
  int64_t at = p.offset + extra;
  if (bytes == 4 && p.kind == Pointer::Frame) return emit(Opcode::Mov, dst, Operand::slot(static_cast<int32_t>(at)));
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
  if (bytes == 4 && p.kind == Pointer::Frame) return emit(Opcode::Mov, Operand::slot(static_cast<int32_t>(at)), value);
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

Operand FunctionLowering::sign_extend(Operand w, unsigned bits) {
  if (bits >= 32) return w;
  Operand t = new_slot();
  if (bits == 8) emit(Opcode::SExt8, t, w);
  else if (bits == 16) emit(Opcode::SExt16, t, w);
  else {
    emit(Opcode::Shl, t, w, Operand::imm(32 - bits));
    emit(Opcode::ShrS, t, t, Operand::imm(32 - bits));
  }
  return t;
}

// ---- arithmetic ----

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
    case P::ICMP_UGT: op = Opcode::LtU; std::swap(x, y); break;
    case P::ICMP_UGE: op = Opcode::LeU; std::swap(x, y); break;
    case P::ICMP_SGT: op = Opcode::LtS; std::swap(x, y); break;
    case P::ICMP_SGE: op = Opcode::LeS; std::swap(x, y); break;
    default: error("unsupported comparison"); op = Opcode::Eq;
  }
}

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
  if (i.isSigned()) {
    a = sign_extend_wide(a, bits);
    b = sign_extend_wide(b, bits);
  }
  compare64(i.getPredicate(), a, b, d);
}

void FunctionLowering::lower_binary(const llvm::BinaryOperator& i) {
  using llvm::Instruction;
  if (!i.getType()->isIntegerTy()) return error("floating-point or vector arithmetic is not supported by c2w");
  unsigned bits = i.getType()->getIntegerBitWidth();
  if (bits > 32) return lower_binary64(i, bits);
  Operand a = word(i.getOperand(0)), b = word(i.getOperand(1)), d = word(&i);
  Opcode op;
  bool needs_mask = false, is_signed = false;
  switch (i.getOpcode()) {
    case Instruction::Add: op = Opcode::Add; needs_mask = true; break;
    case Instruction::Sub: op = Opcode::Sub; needs_mask = true; break;
    case Instruction::Mul: op = Opcode::Mul; needs_mask = true; break;
    case Instruction::Shl: op = Opcode::Shl; needs_mask = true; break;
    case Instruction::And: op = Opcode::And; break;
    case Instruction::Or: op = Opcode::Or; break;
    case Instruction::Xor: op = Opcode::Xor; break;
    case Instruction::LShr: op = Opcode::ShrU; break;
    case Instruction::UDiv: op = Opcode::DivU; break;
    case Instruction::URem: op = Opcode::RemU; break;
    case Instruction::SDiv: op = Opcode::DivS; is_signed = needs_mask = true; break;
    case Instruction::SRem: op = Opcode::RemS; is_signed = needs_mask = true; break;
    case Instruction::AShr: op = Opcode::ShrS; is_signed = needs_mask = true; break;
    default: return error(std::string("unsupported operation '") + i.getOpcodeName() + "'");
  }
  if (is_signed && bits < 32) {
    a = sign_extend(a, bits);
    if (op != Opcode::ShrS) b = sign_extend(b, bits);
  }
  emit(op, d, a, b);
  if (needs_mask) mask_to(d, bits);
}

// Values of 33..63 bits are kept zero-extended to 64; a signed operation first
// sign-extends the high word from bit (bits - 33).
Words FunctionLowering::sign_extend_wide(const Words& w, unsigned bits) {
  if (bits >= 64) return w;
  Operand hi = new_slot();
  emit(Opcode::Shl, hi, w[1], Operand::imm(64 - bits));
  emit(Opcode::ShrS, hi, hi, Operand::imm(64 - bits));
  return {w[0], hi};
}

void FunctionLowering::lower_binary64(const llvm::BinaryOperator& i, unsigned bits) {
  using llvm::Instruction;
  Words a = get(i.getOperand(0)), b = get(i.getOperand(1)), d = get(&i);
  bool is_signed = i.getOpcode() == Instruction::AShr || i.getOpcode() == Instruction::SDiv ||
                   i.getOpcode() == Instruction::SRem;
  if (is_signed && bits < 64) {
    a = sign_extend_wide(a, bits);
    if (i.getOpcode() != Instruction::AShr) b = sign_extend_wide(b, bits);
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
      Opcode op = i.getOpcode() == Instruction::And ? Opcode::And : i.getOpcode() == Instruction::Or ? Opcode::Or : Opcode::Xor;
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
          if (k == 0) { emit(Opcode::Mov, d[0], a[0]); emit(Opcode::Mov, d[1], a[1]); }
          else if (k < 32) {
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
          if (k == 0) { emit(Opcode::Mov, d[0], a[0]); emit(Opcode::Mov, d[1], a[1]); }
          else if (k < 32) {
            emit(Opcode::ShrU, d[0], a[0], Operand::imm(k));
            emit(Opcode::Shl, t, a[1], Operand::imm(32 - k));
            emit(Opcode::Or, d[0], d[0], t);
            emit(high_shift, d[1], a[1], Operand::imm(k));
          } else {
            emit(high_shift, d[0], a[1], Operand::imm(k - 32));
            if (arithmetic) emit(Opcode::ShrS, d[1], a[1], Operand::imm(31));
            else emit(Opcode::Mov, d[1], Operand::imm(0));
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

void FunctionLowering::lower_cast(const llvm::CastInst& i) {
  using llvm::Instruction;
  auto bits_of = [](llvm::Type* t) -> unsigned {
    return t->isPointerTy() ? 32 : t->isIntegerTy() ? t->getIntegerBitWidth() : 0;
  };
  unsigned from = bits_of(i.getSrcTy()), to = bits_of(i.getDestTy());
  if (!from || !to) return error("floating-point or vector conversions are not supported by c2w");
  Words a = get(i.getOperand(0)), d = get(&i);
  switch (i.getOpcode()) {
    case Instruction::BitCast:
    case Instruction::AddrSpaceCast:
      return;  // shares its operand's words
    case Instruction::ZExt:
      if (d[0] != a[0]) emit(Opcode::Mov, d[0], a[0]);
      if (d.size() > 1 && a.size() > 1 && d[1] != a[1]) emit(Opcode::Mov, d[1], a[1]);
      else if (d.size() > 1 && a.size() == 1 && !(d[1].kind == OperandKind::Imm)) emit(Opcode::Mov, d[1], Operand::imm(0));
      return;
    case Instruction::Trunc:
    case Instruction::PtrToInt:
    case Instruction::IntToPtr:
      if (to < 32) emit(Opcode::And, d[0], a[0], Operand::imm(low_mask(to)));
      else if (d[0] != a[0]) emit(Opcode::Mov, d[0], a[0]);
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
      if (from > 32) return error("sign extension from i" + std::to_string(from) + " is not supported");
      if (from < 32) {
        if (from == 8) emit(Opcode::SExt8, d[0], a[0]);
        else if (from == 16) emit(Opcode::SExt16, d[0], a[0]);
        else if (from == 1) emit(Opcode::Sub, d[0], Operand::imm(0), a[0]);
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
    default: return error(std::string("unsupported conversion '") + i.getOpcodeName() + "' (floating point?)");
  }
}

void FunctionLowering::lower_load(const llvm::LoadInst& i) {
  llvm::Type* t = i.getType();
  if (!t->isIntegerTy() && !t->isPointerTy()) return error("loads of this type are not supported by c2w (floating point or aggregate)");
  uint64_t bytes = dl_.getTypeStoreSize(t);
  Pointer p = pointer_of(i.getPointerOperand());
  Words d = get(&i);
  if (bytes <= 4) return load_bytes(d[0], p, 0, static_cast<unsigned>(bytes));
  load_bytes(d[0], p, 0, 4);
  load_bytes(d[1], p, 4, static_cast<unsigned>(bytes - 4));
}

void FunctionLowering::lower_store(const llvm::StoreInst& i) {
  llvm::Type* t = i.getValueOperand()->getType();
  if (!t->isIntegerTy() && !t->isPointerTy()) return error("stores of this type are not supported by c2w (floating point or aggregate)");
  uint64_t bytes = dl_.getTypeStoreSize(t);
  Pointer p = pointer_of(i.getPointerOperand());
  Words v = get(i.getValueOperand());
  if (bytes <= 4) return store_bytes(v[0], p, 0, static_cast<unsigned>(bytes));
  store_bytes(v[0], p, 0, 4);
  store_bytes(v[1], p, 4, static_cast<unsigned>(bytes - 4));
}

// The machine runs one thread, so atomic read-modify-write is a load, the operation
// and a store.
void FunctionLowering::lower_atomic_rmw(const llvm::AtomicRMWInst& i) {
  using Op = llvm::AtomicRMWInst::BinOp;
  llvm::Type* t = i.getValOperand()->getType();
  if (!t->isIntegerTy() || t->getIntegerBitWidth() > 32) return error("this atomic operation is not supported by c2w");
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
    case Op::Max: case Op::Min: case Op::UMax: case Op::UMin: {
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
  int64_t constant = 0;
  Operand acc = word(i.getPointerOperand());
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
      scaled = new_slot();
      if (stride > 0 && (stride & (stride - 1)) == 0) {
        uint32_t k = 0;
        while ((int64_t(1) << k) != stride) ++k;
        emit(Opcode::Shl, scaled, index, Operand::imm(k));
      } else {
        emit(Opcode::Mul, scaled, index, Operand::imm(static_cast<uint32_t>(stride)));
      }
    }
    emit(Opcode::Add, d[0], acc, scaled);
    acc = d[0];
  }
  if (!fold_constant && constant != 0) emit(Opcode::Add, d[0], acc, Operand::imm(static_cast<uint32_t>(constant)));
  else if (acc != d[0]) emit(Opcode::Mov, d[0], acc);
}

// ---- calls ----

void FunctionLowering::emit_call(const llvm::Function* callee, Operand indirect_target, const std::vector<Words>& args,
                                 const std::vector<uint32_t>& byval_sizes, Operand dst, bool variadic,
                                 uint32_t named_arguments) {
  uint32_t rel = 0, named_bytes = 0;
  for (size_t k = 0; k < args.size(); ++k) {
    if (k == named_arguments) named_bytes = rel;
    if (byval_sizes[k]) {
      // A by-value struct: copy its bytes into the parameter area (4-byte aligned).
      Pointer src = {Pointer::Register, args[k][0], 0};
      Pointer out = {Pointer::Frame, {}, kOutgoingMark + static_cast<int64_t>(rel)};
      uint64_t size = byval_sizes[k];
      for (uint64_t b = 0; b < size;) {
        unsigned n = size - b >= 4 ? 4 : 1;  // tail bytes one at a time; their zero padding is overwritten next
        Operand slot = Operand::slot(static_cast<int32_t>(out.offset + b));
        load_bytes(slot, src, static_cast<int64_t>(b), n);
        b += n;
      }
      rel += align_to(byval_sizes[k], 4);
      max_outgoing_ = std::max(max_outgoing_, rel + 4);
      continue;
    }
    for (const Operand& w : args[k]) {
      emit(Opcode::Mov, Operand::slot(kOutgoingMark + static_cast<int32_t>(rel)), w);
      rel += 4;
    }
  }
  max_outgoing_ = std::max(max_outgoing_, rel);
  if (named_arguments >= args.size()) named_bytes = rel;
  if (variadic && rel > named_bytes + kVariadicArgumentBytes)
    error("too many variable arguments in one call (at most " + std::to_string(kVariadicArgumentBytes / 4) +
          " words after the named parameters)");
  if (callee) {
    emit(Opcode::Call, dst, Operand::imm(kOutgoingMark));
    relocations_.push_back({static_cast<uint32_t>(code_.size() - 1), 4, program_.request(callee)});
  } else {
    emit(Opcode::CallI, dst, indirect_target, Operand::imm(kOutgoingMark));
  }
}

void FunctionLowering::call_runtime(const char* name, const std::vector<Words>& args, const Words& dst) {
  const llvm::Function* f = program_.module().getFunction(name);
  if (!f || f->isDeclaration()) {
    error(std::string("the c2w libc lacks the runtime routine '") + name + "'");
    return;
  }
  std::vector<uint32_t> no_byval(args.size(), 0);
  emit_call(f, {}, args, no_byval, dst.empty() ? Operand() : dst[0]);
  // A call's destination is consecutive words; copy when dst is not.
  if (dst.size() == 2 && !(dst[1].kind == OperandKind::Slot && dst[0].kind == OperandKind::Slot &&
                           dst[1].value == dst[0].value + 4))
    C2W_INTERNAL_ERROR("runtime call result words are not consecutive");
}

void FunctionLowering::lower_call(const llvm::CallBase& call) {
  if (call.isInlineAsm()) return error("inline assembly is not supported by c2w");
  const llvm::Function* callee = call.getCalledFunction();
  if (callee && callee->isIntrinsic()) return lower_intrinsic(call, callee->getIntrinsicID());
  Words dst = call.getType()->isVoidTy() ? Words{} : get(&call);
  if (callee) {
    llvm::StringRef name = callee->getName();
    auto arg = [&](unsigned k) { return word(call.getArgOperand(k)); };
    if (name == "__c2w_getc") return emit(Opcode::GetC, dst[0]);
    if (name == "__c2w_putc") return emit(Opcode::PutC, {}, arg(0));
    if (name == "__c2w_halt") return emit(Opcode::Halt, {}, arg(0));
    if (name == "__c2w_trap") return emit(Opcode::Trap);
    if (name == "__c2w_heap_base") return emit(Opcode::Mov, dst[0], Operand::imm(program_.heap_base()));
    if (name == "__c2w_heap_end") return emit(Opcode::Mov, dst[0], Operand::imm(program_.memory_size()));
    if (callee->isDeclaration())
      return error("call to undefined function '" + name.str() +
                   "' (not defined in the program, and the c2w libc does not provide it)");
  }
  std::vector<Words> args;
  std::vector<uint32_t> byval;
  for (unsigned k = 0; k < call.arg_size(); ++k) {
    args.push_back(get(call.getArgOperand(k)));
    byval.push_back(call.isByValArgument(k)
                        ? static_cast<uint32_t>(dl_.getTypeAllocSize(call.getParamByValType(k)))
                        : 0);
  }
  Operand target = callee ? Operand() : word(call.getCalledOperand());
  Operand d = dst.empty() || call.use_empty() ? Operand() : dst[0];
  llvm::FunctionType* type = call.getFunctionType();
  emit_call(callee, target, args, byval, d, type->isVarArg(), type->getNumParams());
}

void FunctionLowering::lower_intrinsic(const llvm::CallBase& call, llvm::Intrinsic::ID id) {
  using namespace llvm;
  auto arg = [&](unsigned k) { return word(call.getArgOperand(k)); };
  auto bits = [&]() { return call.getType()->isIntegerTy() ? call.getType()->getIntegerBitWidth() : 0; };
  switch (id) {
    case Intrinsic::dbg_declare: case Intrinsic::dbg_value: case Intrinsic::dbg_label:
    case Intrinsic::lifetime_start: case Intrinsic::lifetime_end: case Intrinsic::assume:
    case Intrinsic::experimental_noalias_scope_decl: case Intrinsic::invariant_start:
    case Intrinsic::invariant_end: case Intrinsic::donothing: case Intrinsic::sideeffect:
    case Intrinsic::var_annotation: case Intrinsic::expect: case Intrinsic::expect_with_probability:
    case Intrinsic::vaend:
      return;
    case Intrinsic::trap: case Intrinsic::debugtrap: case Intrinsic::ubsantrap:
      return emit(Opcode::Trap);
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
    case Intrinsic::memcpy: case Intrinsic::memmove: case Intrinsic::memset: {
      const auto* length = dyn_cast<ConstantInt>(call.getArgOperand(2));
      bool small = length && length->getZExtValue() <= 32;
      if (small && id == Intrinsic::memcpy) {
        copy_bytes(pointer_of(call.getArgOperand(0)), pointer_of(call.getArgOperand(1)), length->getZExtValue());
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
      call_runtime(name, {get(call.getArgOperand(0)), get(call.getArgOperand(1)), Words{len[0]}}, Words{scratch});
      return;
    }
    case Intrinsic::ctpop: case Intrinsic::ctlz: case Intrinsic::cttz: {
      // Native bit counts (values narrower than 32 bits are kept zero-extended).
      unsigned b = bits();
      if (b > 64 || (b > 32 && b < 64)) return error("bit count on i" + std::to_string(b) + " is not supported");
      Words a = get(call.getArgOperand(0)), d = get(&call);
      const Opcode op = id == Intrinsic::ctpop ? Opcode::Popcnt : id == Intrinsic::ctlz ? Opcode::Clz : Opcode::Ctz;
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
      if (b != 32 && b != 64) return error("abs on i" + std::to_string(b) + " is not supported");
      Words x = get(call.getArgOperand(0)), d = get(&call);
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
    case Intrinsic::smax: case Intrinsic::smin: case Intrinsic::umax: case Intrinsic::umin: {
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
      } else {
        return error("min/max on i" + std::to_string(b) + " is not supported");
      }
      for (size_t k = 0; k < d.size(); ++k) emit(Opcode::Select, d[k], c, is_max ? y[k] : x[k], is_max ? x[k] : y[k]);
      return;
    }
    case Intrinsic::fshl: case Intrinsic::fshr: {
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
    case Intrinsic::uadd_with_overflow: case Intrinsic::usub_with_overflow: case Intrinsic::sadd_with_overflow:
    case Intrinsic::ssub_with_overflow: case Intrinsic::umul_with_overflow: case Intrinsic::smul_with_overflow: {
      unsigned b = call.getArgOperand(0)->getType()->getIntegerBitWidth();
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
    case Intrinsic::uadd_sat: case Intrinsic::usub_sat: case Intrinsic::sadd_sat: case Intrinsic::ssub_sat: {
      if (bits() != 32) return error("saturating arithmetic on i" + std::to_string(bits()) + " is not supported");
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
    case Intrinsic::stacksave: case Intrinsic::stackrestore:
      return error("variable-length arrays and alloca are not supported by c2w");
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

// {result, overflow} intrinsics on i1..i31: the exact result fits in 32 bits (or in
// the 64-bit product for wide multiplications), so overflow is "the exact result
// differs from the truncated one".
void FunctionLowering::lower_overflow_narrow(const llvm::CallBase& call, llvm::Intrinsic::ID id, unsigned bits) {
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
              : is_mul                                                                 ? Opcode::Mul
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
    Words x = is_signed ? sign_extend_wide(a, bits) : a, y = is_signed ? sign_extend_wide(b, bits) : b;
    Words exact = new_slots(2);
    if (is_add) add64(x, y, exact);
    else sub64(x, y, exact);
    // The result is the low `bits` bits; overflow iff the exact 64-bit value differs.
    emit(Opcode::Mov, r[0], exact[0]);
    emit(Opcode::And, r[1], exact[1], Operand::imm(low_mask(bits - 32)));
    Words truncated = is_signed ? sign_extend_wide(r, bits) : r;
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
      if (add) add64(a, b, r);
      else sub64(a, b, r);
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

// ---- control flow ----

uint32_t FunctionLowering::edge_label(const llvm::BasicBlock* from, const llvm::BasicBlock* to) {
  if (!llvm::isa<llvm::PHINode>(to->front())) return block_label(to);
  uint32_t label = new_label();
  edge_stubs_.push_back({label, from, to});
  return label;
}

// The phi copies of one CFG edge, as a parallel copy sequentialised with a scratch
// word where the copies form a cycle.
void FunctionLowering::emit_phi_copies(const llvm::BasicBlock* from, const llvm::BasicBlock* to) {
  std::vector<std::pair<Operand, Operand>> copies;  // (dst, src)
  for (const llvm::PHINode& phi : to->phis()) {
    Words d = get(&phi), s = get(phi.getIncomingValueForBlock(from));
    for (size_t k = 0; k < d.size() && k < s.size(); ++k)
      if (d[k] != s[k]) copies.push_back({d[k], s[k]});
  }
  Operand scratch;
  while (!copies.empty()) {
    bool progressed = false;
    for (size_t k = 0; k < copies.size(); ++k) {
      bool dst_is_read = false;
      for (size_t j = 0; j < copies.size(); ++j) dst_is_read = dst_is_read || (j != k && copies[j].second == copies[k].first);
      if (dst_is_read) continue;
      emit(Opcode::Mov, copies[k].first, copies[k].second);
      copies.erase(copies.begin() + static_cast<long>(k));
      progressed = true;
      break;
    }
    if (progressed) continue;
    // Every destination is still to be read: save one and redirect its readers.
    if (scratch.is_none()) scratch = new_slot();
    Operand saved = copies.front().first;
    emit(Opcode::Mov, scratch, saved);
    for (auto& c : copies)
      if (c.second == saved) c.second = scratch;
  }
}

void FunctionLowering::jump_to(const llvm::BasicBlock* from, const llvm::BasicBlock* to, const llvm::BasicBlock* next) {
  emit_phi_copies(from, to);
  if (to != next) emit(Opcode::Jmp, {}, {}, {}, {}, block_label(to));
}

Opcode branch_for(Opcode compare) {
  switch (compare) {
    case Opcode::Eq: return Opcode::BrEq;
    case Opcode::Ne: return Opcode::BrNe;
    case Opcode::LtS: return Opcode::BrLtS;
    case Opcode::LeS: return Opcode::BrLeS;
    case Opcode::LtU: return Opcode::BrLtU;
    default: return Opcode::BrLeU;
  }
}

void FunctionLowering::lower_branch(const llvm::BranchInst& br, const llvm::BasicBlock* next) {
  const llvm::BasicBlock* from = br.getParent();
  if (br.isUnconditional()) return jump_to(from, br.getSuccessor(0), next);
  Opcode op = Opcode::BrNe;
  Operand x, y = Operand::imm(0);
  const auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(br.getCondition());
  if (cmp && fused_compares_.count(cmp)) {
    llvm::Type* t = cmp->getOperand(0)->getType();
    Opcode compare;
    compare_operands(cmp->getPredicate(), t->isPointerTy() ? 32 : t->getIntegerBitWidth(), word(cmp->getOperand(0)),
                     word(cmp->getOperand(1)), compare, x, y);
    op = branch_for(compare);
  } else {
    x = word(br.getCondition());
  }
  const llvm::BasicBlock* yes = br.getSuccessor(0);
  const llvm::BasicBlock* no = br.getSuccessor(1);
  bool no_phis_yes = !llvm::isa<llvm::PHINode>(yes->front()), no_phis_no = !llvm::isa<llvm::PHINode>(no->front());
  if (yes == next && no_phis_yes) {
    op = inverted_branch(op, x, y);
    emit(op, {}, x, y, {}, edge_label(from, no));
    return;
  }
  emit(op, {}, x, y, {}, edge_label(from, yes));
  if (no_phis_no) {
    if (no != next) emit(Opcode::Jmp, {}, {}, {}, {}, block_label(no));
  } else {
    jump_to(from, no, next);
  }
}

void FunctionLowering::lower_switch(const llvm::SwitchInst& sw, const llvm::BasicBlock* next) {
  const llvm::BasicBlock* from = sw.getParent();
  if (sw.getCondition()->getType()->getIntegerBitWidth() > 32) {
    // Compare both words: a case matches when the high word matches and then the low.
    Words x = get(sw.getCondition());
    for (const auto& c : sw.cases()) {
      uint64_t v = c.getCaseValue()->getZExtValue();
      uint32_t skip = new_label();
      emit(Opcode::BrNe, {}, x[1], Operand::imm(static_cast<uint32_t>(v >> 32)), {}, skip);
      emit(Opcode::BrEq, {}, x[0], Operand::imm(static_cast<uint32_t>(v)), {}, edge_label(from, c.getCaseSuccessor()));
      place_label(skip);
    }
    return jump_to(from, sw.getDefaultDest(), next);
  }
  Operand x = word(sw.getCondition());
  for (const auto& c : sw.cases())
    emit(Opcode::BrEq, {}, x, Operand::imm(static_cast<uint32_t>(c.getCaseValue()->getZExtValue())), {},
         edge_label(from, c.getCaseSuccessor()));
  jump_to(from, sw.getDefaultDest(), next);
}

// ---- blocks and functions ----

void FunctionLowering::lower_instruction(const llvm::Instruction& i) {
  using llvm::Instruction;
  set_location(i);
  if (i.use_empty() && !i.mayHaveSideEffects() && !i.isTerminator() && !llvm::isa<llvm::CallBase>(i)) return;
  if (const auto* b = llvm::dyn_cast<llvm::BinaryOperator>(&i)) return lower_binary(*b);
  if (const auto* c = llvm::dyn_cast<llvm::ICmpInst>(&i)) return lower_icmp(*c);
  if (const auto* c = llvm::dyn_cast<llvm::CastInst>(&i)) return lower_cast(*c);
  switch (i.getOpcode()) {
    case Instruction::Load: return lower_load(llvm::cast<llvm::LoadInst>(i));
    case Instruction::Store: return lower_store(llvm::cast<llvm::StoreInst>(i));
    case Instruction::GetElementPtr: return lower_gep(llvm::cast<llvm::GetElementPtrInst>(i));
    case Instruction::Call: return lower_call(llvm::cast<llvm::CallBase>(i));
    case Instruction::Alloca: case Instruction::PHI: case Instruction::ExtractValue: case Instruction::Freeze:
      return;  // allocas get their address in the prologue, phis on the edges, the rest share words
    case Instruction::Select: {
      Words c = get(i.getOperand(0)), a = get(i.getOperand(1)), b = get(i.getOperand(2)), d = get(&i);
      for (size_t k = 0; k < d.size(); ++k) emit(Opcode::Select, d[k], c[0], a[k], b[k]);
      return;
    }
    case Instruction::Ret: {
      const auto& ret = llvm::cast<llvm::ReturnInst>(i);
      Words v = ret.getReturnValue() ? get(ret.getReturnValue()) : Words{};
      if (v.size() > 2) return error("returning an aggregate value is not supported");
      return emit(Opcode::Ret, {}, v.size() > 0 ? v[0] : Operand(), v.size() > 1 ? v[1] : Operand());
    }
    case Instruction::Unreachable: return emit(Opcode::Trap);
    case Instruction::Fence: return;  // one thread: nothing to order
    case Instruction::AtomicRMW: return lower_atomic_rmw(llvm::cast<llvm::AtomicRMWInst>(i));
    case Instruction::AtomicCmpXchg: return lower_cmpxchg(llvm::cast<llvm::AtomicCmpXchgInst>(i));
    case Instruction::FNeg: case Instruction::FCmp: return error("floating point is not supported by c2w");
    default:
      return error(std::string("unsupported LLVM instruction '") + i.getOpcodeName() + "'");
  }
}

void FunctionLowering::lower_block(const llvm::BasicBlock& bb, const llvm::BasicBlock* next) {
  place_label(block_label(&bb));
  for (const llvm::Instruction& i : bb) {
    if (i.isTerminator()) {
      set_location(i);
      if (const auto* br = llvm::dyn_cast<llvm::BranchInst>(&i)) lower_branch(*br, next);
      else if (const auto* sw = llvm::dyn_cast<llvm::SwitchInst>(&i)) lower_switch(*sw, next);
      else lower_instruction(i);
      continue;
    }
    lower_instruction(i);
  }
}

LoweredFunction FunctionLowering::run() {
  using namespace llvm;
  // Parameters, in the i386 cdecl layout.
  std::vector<std::pair<const Argument*, uint32_t>> byval_params;
  for (const Argument& a : f_.args()) {
    if (a.hasByValAttr()) {
      byval_params.push_back({&a, parameter_bytes_});
      parameter_bytes_ += align_to(static_cast<uint32_t>(dl_.getTypeAllocSize(a.getParamByValType())), 4);
      continue;
    }
    Words w;
    for (unsigned k = 0; k < word_count(a.getType()); ++k) {
      w.push_back(Operand::slot(static_cast<int32_t>(parameter_bytes_)));
      parameter_bytes_ += 4;
    }
    values_[&a] = w;
  }
  frame_top_ = parameter_bytes_ + (f_.isVarArg() ? kVariadicArgumentBytes : 0);
  // Static allocas get fixed frame offsets.
  for (const Instruction& i : f_.getEntryBlock()) {
    const auto* alloca = dyn_cast<AllocaInst>(&i);
    if (!alloca) continue;
    const auto* count = dyn_cast<ConstantInt>(alloca->getArraySize());
    if (!count) {
      set_location(i);
      error("variable-length arrays and alloca are not supported by c2w");
      continue;
    }
    uint32_t align = std::max<uint32_t>(4, alloca->getAlign().value());
    frame_top_ = align_to(frame_top_, std::min<uint32_t>(align, 8));
    alloca_offsets_[alloca] = frame_top_;
    frame_top_ += align_to(static_cast<uint32_t>(dl_.getTypeAllocSize(alloca->getAllocatedType()) * count->getZExtValue()), 4);
  }
  const uint32_t values_base = align_to(frame_top_, 4);
  frame_top_ = values_base;
  for (const BasicBlock& bb : f_)
    for (const Instruction& i : bb)
      if (llvm::isa<AllocaInst>(i) && !alloca_offsets_.count(&i) && &bb != &f_.getEntryBlock()) {
        set_location(i);
        error("variable-length arrays and alloca are not supported by c2w");
      }
  // Compares used only by the branch that ends their block become compare-and-branch.
  for (const BasicBlock& bb : f_) {
    const auto* br = dyn_cast<BranchInst>(bb.getTerminator());
    if (!br || br->isUnconditional()) continue;
    const auto* cmp = dyn_cast<ICmpInst>(br->getCondition());
    if (!cmp || !cmp->hasOneUse() || cmp->getParent() != &bb) continue;
    Type* t = cmp->getOperand(0)->getType();
    if (t->isIntegerTy() && t->getIntegerBitWidth() > 32) continue;
    fused_compares_[cmp] = true;
  }
  for (const BasicBlock& bb : f_) block_labels_[&bb] = new_label();

  // Prologue: addresses of allocas and by-value parameters.
  if (!f_.empty()) set_location(*f_.getEntryBlock().getFirstNonPHIOrDbg());
  for (const auto& [a, offset] : byval_params) {
    Operand s = new_slot();
    values_[a] = {s};
    emit(Opcode::Lea, s, Operand::imm(offset));
    alloca_offsets_[a] = offset;
  }
  // Slots for the allocas' addresses, in frame-offset order (not the map's
  // pointer-hash order): the same program must always compile to the same code.
  std::vector<std::pair<uint32_t, const Value*>> allocas;
  for (const auto& [v, offset] : alloca_offsets_)
    if (!llvm::isa<Argument>(v)) allocas.push_back({offset, v});
  std::sort(allocas.begin(), allocas.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [offset, v] : allocas) {
    Operand s = new_slot();
    values_[v] = {s};
  }
  for (const Instruction& i : f_.getEntryBlock()) {  // deterministic order
    if (!llvm::isa<AllocaInst>(i) || !alloca_offsets_.count(&i) || i.use_empty()) continue;
    emit(Opcode::Lea, values_[&i][0], Operand::imm(alloca_offsets_[&i]));
  }

  std::vector<const BasicBlock*> blocks;
  for (const BasicBlock& bb : f_) blocks.push_back(&bb);
  for (size_t k = 0; k < blocks.size(); ++k) lower_block(*blocks[k], k + 1 < blocks.size() ? blocks[k + 1] : nullptr);
  for (size_t k = 0; k < edge_stubs_.size(); ++k) {  // may grow? no: stubs only jump
    EdgeStub stub = edge_stubs_[k];
    set_location(*stub.from->getTerminator());
    place_label(stub.label);
    emit_phi_copies(stub.from, stub.to);
    emit(Opcode::Jmp, {}, {}, {}, {}, block_label(stub.to));
  }

  // Branch labels become local pcs. The value words [values_base, frame_top_) are
  // shared and the outgoing area placed after them later (allocate_frame_slots.h).
  for (isa::Instruction& ins : code_) {
    if (ins.op == Opcode::Jmp || isa::is_branch(ins.op)) {
      C2W_CHECK(ins.target < label_pc_.size() && label_pc_[ins.target] >= 0, "unplaced label");
      ins.target = static_cast<uint32_t>(label_pc_[ins.target]);
    }
  }
  LoweredFunction lf;
  lf.name = f_.getName().str();
  lf.code = std::move(code_);
  lf.locations = std::move(locations_);
  lf.relocations = std::move(relocations_);
  lf.values_begin = values_base;
  lf.values_end = frame_top_;
  lf.outgoing_size = max_outgoing_;
  return lf;
}

}  // namespace

LoweredProgram lower_to_isa(const llvm::Module& module, const LowerOptions& options) {
  return ProgramLowering(module, options).run();
}

}  // namespace c2w::compiler
