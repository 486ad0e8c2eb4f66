// The inside of instruction selection (lower_llvm.h), shared by the files of this
// folder; nothing outside compiler/lower_llvm.cpp and this folder includes it.
//
// ProgramLowering owns what is program-wide: the layout of the globals in the data,
// constants (evaluated to numbers or function addresses), the source files, the
// worklist of functions to lower and the collected errors. FunctionLowering lowers
// one function: every LLVM value gets its words (Words: one for up to 32 bits, two
// for 33..64, several for a struct), every instruction a few c2w instructions written
// through emit(). Its members are defined in one file per kind of IR:
//
//   values.cpp          values and their frame words, constants, pointers, emit()
//   memory.cpp          loads, stores, atomics, getelementptr, byte copies
//   arithmetic.cpp      integer operations, comparisons and casts up to 32 bits
//   wide_arithmetic.cpp the same on two-word (33..64-bit) values
//   multiword_arithmetic.cpp  the same on integers wider than 64 bits (N words)
//   intrinsics.cpp      llvm.* intrinsics
//   calls.cpp           calls, the machine's I/O built-ins, runtime routines
//   control_flow.cpp    branches, switches and the phi copies on CFG edges
//   functions.cpp       a function's frame, prologue, blocks and instructions
//   dynamic_stack.cpp   allocas of a run-time size, stacksave and stackrestore
//   nonlocal_jumps.cpp  setjmp and longjmp
//   globals.cpp         (ProgramLowering) the data: globals, constants, relocations
#pragma once

#include <algorithm>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "compiler/lower_llvm.h"
#include "compiler/lowered_program.h"

namespace c2w::compiler::lower_llvm {

using isa::Opcode;
using isa::Operand;
using isa::OperandKind;
using Words = llvm::SmallVector<Operand, 2>;

// The widest integer the lowering takes (as ceil(bits / 32) words): Clang's widest
// _BitInt is 128 bits, a run of bit-fields it accesses as one integer a few words.
constexpr unsigned kMaxIntegerBits = 1024;

// The words of an integer wider than 64 bits that instruction `i` passes to a libc
// routine of multiword_arithmetic.cpp (multiplication, division, remainder, a shift
// by a variable amount), else 0.
unsigned multiword_routine_words(const llvm::Instruction& i);

// A variadic function's frame reserves this many bytes after its named parameters for
// the variable arguments, which the caller writes there; its locals start after them.
// More when a call of the program passes more (ProgramLowering::variadic_argument_bytes).
constexpr uint32_t kVariadicArgumentBytes = 256;
// An Abs operand with a negative value stands for "the address of function #-(v+1)"
// until linking.
inline Operand function_ref(uint32_t index) { return {OperandKind::Abs, -static_cast<int32_t>(index) - 1}; }
inline bool is_function_ref(const Operand& o) { return o.kind == OperandKind::Abs && o.value < 0; }

inline uint32_t align_to(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }
inline uint32_t low_mask(unsigned bits) { return bits >= 32 ? 0xFFFFFFFFu : (1u << bits) - 1; }

struct ConstantValue {
  uint64_t value = 0;
  const llvm::Function* function = nullptr;  // the value is this function's address
};

class ProgramLowering;

// The dynamic stack (dynamic_stack.cpp): where allocas of a run-time size go, when a
// program has any. All zero when it has none.
struct DynamicStack {
  static constexpr uint32_t kAlign = 16;  // every allocation, and the pointer, 16-aligned
  uint32_t pointer_address = 0;           // the data word holding the dynamic stack pointer
  uint32_t begin = 0, end = 0;            // the region: [begin, end), both 16-aligned
  uint32_t frames_size = 0;               // the machine's stack, below it (Program::stack_size)
  bool used() const { return pointer_address != 0; }
};
// setjmp and longjmp (nonlocal_jumps.cpp): the data words a longjmp leaves for the
// frames it unwinds, when the program calls longjmp. All zero when it does not.
struct NonLocalJumps {
  uint32_t target_fp_address = 0;      // the target frame's fp while unwinding, else 0
  uint32_t site_address = 0;           // the setjmp site to resume at
  uint32_t value_address = 0;          // what that setjmp returns
  uint32_t dynamic_stack_address = 0;  // the dynamic stack pointer at that setjmp
  bool used() const { return target_fp_address != 0; }
};
bool is_setjmp_function(llvm::StringRef name);
bool is_longjmp_function(llvm::StringRef name);
bool calls_longjmp(const llvm::Module& m);

// An alloca the frame holds: in the entry block, of a constant count.
bool is_static_alloca(const llvm::AllocaInst& a);
// The function allocates on the dynamic stack or saves and restores its pointer.
bool uses_dynamic_stack(const llvm::Function& f);

// Where a memory access goes: a register-held pointer plus a constant, a known frame
// offset (an alloca), or a known absolute address.
struct Pointer {
  enum Kind { Register, Frame, Absolute } kind = Register;
  Operand base;            // Register and Frame: the pointer's word
  int64_t offset = 0;      // Register: added to base; Frame: fp offset; Absolute: the address
  int64_t frame_base = 0;  // Frame: the fp offset the base word points at
};

class FunctionLowering {
 public:
  FunctionLowering(ProgramLowering& program, const llvm::Function& f);
  LoweredFunction run();

 private:
  // ---- values (values.cpp) ----
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

  // ---- emission (values.cpp) ----
  void emit(Opcode op, Operand dst = {}, Operand a = {}, Operand b = {}, Operand c = {}, uint32_t target = 0);
  uint32_t new_label() {
    label_pc_.push_back(-1);
    return static_cast<uint32_t>(label_pc_.size() - 1);
  }
  void place_label(uint32_t label) { label_pc_[label] = static_cast<int32_t>(code_.size()); }
  void error(const std::string& message);
  void set_location(const llvm::Instruction& i);

  // ---- blocks and instructions (functions.cpp) ----
  void lower_block(const llvm::BasicBlock& bb, const llvm::BasicBlock* next);
  void lower_instruction(const llvm::Instruction& i);

  // ---- memory (memory.cpp) ----
  void lower_load(const llvm::LoadInst& i);
  void lower_store(const llvm::StoreInst& i);
  void lower_gep(const llvm::GetElementPtrInst& i);
  void lower_atomic_rmw(const llvm::AtomicRMWInst& i);
  void lower_cmpxchg(const llvm::AtomicCmpXchgInst& i);
  void memory_base(const Pointer& p, int64_t extra, Operand& base, int64_t& off);
  void load_bytes(Operand dst, const Pointer& p, int64_t extra, unsigned bytes);
  void store_bytes(Operand value, const Pointer& p, int64_t extra, unsigned bytes);
  void copy_bytes(const Pointer& dst, const Pointer& src, uint64_t size);

  // ---- arithmetic (arithmetic.cpp) ----
  void lower_binary(const llvm::BinaryOperator& i);
  void lower_icmp(const llvm::ICmpInst& i);
  void lower_cast(const llvm::CastInst& i);
  Operand sign_extend(Operand w, unsigned bits);
  void mask_to(Operand d, unsigned bits) {
    if (bits < 32) emit(Opcode::And, d, d, Operand::imm(low_mask(bits)));
  }
  // The comparison `pred` on words a, b (<= 32 bits) as (op, x, y) with op one of Eq..LeU.
  void compare_operands(llvm::CmpInst::Predicate pred, unsigned bits, Operand a, Operand b, Opcode& op,
                        Operand& x, Operand& y);

  // ---- two-word arithmetic (wide_arithmetic.cpp) ----
  void lower_binary64(const llvm::BinaryOperator& i, unsigned bits);
  void lower_overflow64(const llvm::CallBase& call, llvm::Intrinsic::ID id);
  void lower_funnel64(const llvm::CallBase& call, bool left);
  void add64(const Words& a, const Words& b, const Words& d);
  void sub64(const Words& a, const Words& b, const Words& d);
  void compare64(llvm::CmpInst::Predicate pred, const Words& a, const Words& b, Operand d);

  // ---- N-word arithmetic, integers wider than 64 bits (multiword_arithmetic.cpp) ----
  void lower_binary_multiword(const llvm::BinaryOperator& i, unsigned bits);
  void lower_cast_multiword(const llvm::CastInst& i, unsigned from, unsigned to);
  void lower_overflow_multiword(const llvm::CallBase& call, llvm::Intrinsic::ID id, unsigned bits);
  void add_sub_multiword(bool add, const Words& a, const Words& b, const Words& d);
  void compare_multiword(llvm::CmpInst::Predicate pred, const Words& a, const Words& b, Operand d);
  Words sign_extend_multiword(const Words& w, unsigned bits);
  void call_runtime_multiword(const char* name, const Words& a, const Words& b, const Words& d);

  // ---- intrinsics (intrinsics.cpp) ----
  void lower_intrinsic(const llvm::CallBase& call, llvm::Intrinsic::ID id);
  void lower_overflow_narrow(const llvm::CallBase& call, llvm::Intrinsic::ID id, unsigned bits);
  void lower_funnel_narrow(const llvm::CallBase& call, bool left, unsigned bits);

  // ---- calls (calls.cpp) ----
  void lower_call(const llvm::CallBase& call);
  void lower_empty_asm(const llvm::CallBase& call);
  void emit_call(const llvm::Function* callee, Operand indirect_target, const std::vector<Words>& args,
                 const std::vector<uint32_t>& byval_sizes, Operand dst, bool variadic = false,
                 uint32_t named_arguments = 0);
  void call_runtime(const char* name, const std::vector<Words>& args, const Words& dst);

  // ---- dynamic stack (dynamic_stack.cpp) ----
  void save_dynamic_stack_pointer();     // prologue
  void restore_dynamic_stack_pointer();  // before every ret
  void lower_dynamic_alloca(const llvm::AllocaInst& a);
  void lower_stack_save(const llvm::CallBase& call);
  void lower_stack_restore(const llvm::CallBase& call);

  // ---- setjmp and longjmp (nonlocal_jumps.cpp) ----
  uint32_t unwind_label();
  void check_unwinding_after_call();
  void lower_setjmp(const llvm::CallBase& call, bool builtin);
  void lower_longjmp(const llvm::CallBase& call, bool builtin);
  void emit_unwind_path();  // after the blocks, when something jumps to unwind_label()

  // ---- control flow (control_flow.cpp) ----
  void lower_branch(const llvm::BranchInst& br, const llvm::BasicBlock* next);
  void lower_switch(const llvm::SwitchInst& sw, const llvm::BasicBlock* next);
  void lower_indirect_branch(const llvm::IndirectBrInst& br);
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
    // The base is a constant address (a global's) and one index is variable: the
    // GEP's word holds only the scaled index and `offset` includes the address.
    bool absolute = false;
  };
  llvm::DenseMap<const llvm::Value*, Fold>
      folds_;  // GEPs whose constant offset is folded into their loads/stores
  llvm::DenseMap<const llvm::Value*, uint32_t> alloca_offsets_;
  llvm::DenseMap<const llvm::Value*, bool> fused_compares_;
  uint32_t frame_top_ = 0;
  uint32_t multiword_scratch_ = 0, multiword_scratch_words_ = 0;  // see multiword_routine_words
  uint32_t parameter_bytes_ = 0;
  uint32_t max_outgoing_ = 0;
  Operand dynamic_stack_saved_;  // the dynamic stack pointer at entry, when the function moves it
  int32_t unwind_label_ = -1;
  struct SetjmpSite {
    uint32_t site, resume, after;  // its number; labels of its resume stub and of the code after it
    Operand result;
  };
  std::vector<SetjmpSite> setjmp_sites_;
};

class ProgramLowering {
 public:
  ProgramLowering(const llvm::Module& m, const LowerOptions& o)
      : module_(m), options_(o), dl_(m.getDataLayout()) {}
  LoweredProgram run();  // lower_llvm.cpp

  const llvm::DataLayout& data_layout() const { return dl_; }
  const llvm::Module& module() const { return module_; }
  uint32_t request(const llvm::Function* f);
  ConstantValue evaluate(const llvm::Constant* c, std::string& problem);
  uint32_t file_index(const std::string& path);
  // The value of a label's address (&&label, blockaddress): a number from 1 up, one per
  // block, in the order they are first asked for.
  uint32_t block_address(const llvm::BasicBlock* block);
  uint32_t heap_base() const { return heap_base_; }
  uint32_t memory_size() const { return options_.memory_size; }
  uint32_t data_end() const { return data_base_ + static_cast<uint32_t>(data_.size()); }
  const DynamicStack& dynamic_stack() const { return dynamic_stack_; }
  const NonLocalJumps& non_local_jumps() const { return non_local_jumps_; }
  // The room for variable arguments in every variadic function's frame: the most any
  // call in the program passes, at least kVariadicArgumentBytes.
  uint32_t variadic_argument_bytes() const { return variadic_argument_bytes_; }
  uint32_t new_setjmp_site() { return ++setjmp_sites_; }
  void add_error(std::string e) {  // once per text: one source line may use a missing global many times
    if (std::find(errors_.begin(), errors_.end(), e) == errors_.end()) errors_.push_back(std::move(e));
  }

 private:
  // ---- the data (globals.cpp) ----
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
  DynamicStack dynamic_stack_;
  NonLocalJumps non_local_jumps_;
  uint32_t setjmp_sites_ = 0;
  uint32_t variadic_argument_bytes_ = kVariadicArgumentBytes;
  std::map<const llvm::BasicBlock*, uint32_t> block_addresses_;
  std::vector<std::string> files_ = {""};
  std::vector<std::string> errors_;
};

}  // namespace c2w::compiler::lower_llvm
