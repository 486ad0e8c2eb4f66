// Block kernels as x86-64 machine code (see block_x86.h).
//
// Each kernel of block_kernel.h is one function of straight-line code in one buffer
// for all blocks, its constants (the weights, -0 for an empty row) in a pool after the
// code, addressed RIP-relative, each number once. A row's sum is built as the walk
// builds it: the first product exactly (-0 + p = p), then each further product
// added in the row's order; a product is weight times coordinate (1 * x = x and
// -1 * x = -x exactly: a weight of 1 adds the coordinate, one of -1 subtracts it;
// the same for a firing neuron's value or weight of 1). The operands of every
// multiplication and addition are the walk's, in its order, so that only NaNs may
// differ, in payload, from the walk's (whose order the C++ compiler chooses).
// Registers, in the System V calling convention:
//
//   feed-forward  rdi x, rsi lin, rdx sum_rows, rcx sum_amounts, r8 n_sums, r9 others,
//                 [rsp+8] other_gates -> r10, [rsp+16] n_others -> r11; eax counts the
//                 appended sums, ebx (saved) the appended others; the shared sums in a
//                 stack frame, sum k at [rsp + 8k];
//   heads, outputs, head outputs   rdi x, rsi out / lin / view;
//   xmm0 a row's sum, xmm1 and xmm2 a product or a value, xmm7 zero (for ucomisd),
//   xmm3-6 and xmm8-15 coordinates read more than once (KernelEmitter::read).
#include "runtime/block_x86.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <new>
#include <vector>

#if defined(__x86_64__)
#include <sys/mman.h>
#endif

namespace c2w::runtime {
namespace {

using neural::BlockKernels;
using neural::BlockKernelSpec;
using Entry = BlockKernelSpec::Entry;

#if defined(__x86_64__)

// A spec the code cannot address: compile() returns no kernels (the arrays are walked).
struct TooLarge {};

// Limits: a coordinate's byte offset and every jump and pool reference are 32-bit
// displacements; a frame of shared sums beyond 1 MB would need more stack than a
// thread may have.
constexpr int64_t kMostCoordinates = int64_t{1} << 28;  // 8 * c < 2^31
constexpr size_t kMostCode = size_t{1} << 30;           // code + pool < 2^31 apart
constexpr size_t kMostSums = (size_t{1} << 20) / 8;
constexpr int32_t kPage = 4096;

enum Register : int { kRax = 0, kRcx = 1, kRdx = 2, kRbx = 3, kRsp = 4, kRbp = 5, kRsi = 6, kRdi = 7 };
constexpr int kR8 = 8, kR9 = 9, kR10 = 10, kR11 = 11;

// An instruction's register-or-memory operand: an xmm register, [base + disp],
// [base + index * 2^scale], or a pooled constant [rip + disp].
struct Operand {
  enum class Kind { Xmm, Memory, Constant } kind = Kind::Xmm;
  int reg = 0;  // Xmm: its number; Memory: the base register
  int index = -1, scale = 0;
  int32_t disp = 0;
  uint32_t slot = 0;  // Constant: the pool slot
};
Operand xmm(int n) { return {Operand::Kind::Xmm, n}; }
Operand at(int base, int64_t disp) {
  if (disp < std::numeric_limits<int32_t>::min() || disp > std::numeric_limits<int32_t>::max())
    throw TooLarge{};
  return {Operand::Kind::Memory, base, -1, 0, static_cast<int32_t>(disp)};
}
Operand at_indexed(int base, int index, int scale) { return {Operand::Kind::Memory, base, index, scale, 0}; }

// Where the code is written and will run: an anonymous mapping, read-write while it
// is written (grown by mremap, which moves the pages without copying them: the code
// holds no absolute address of itself), then read-execute. Written in place, the code
// costs no copy and its pages are faulted in once (a vector grown by doubling would
// touch each page twice or more, and a page first touched costs a fault: on a short
// run, what the kernels cost beyond their instructions). The pool references are kept
// in one too.
class MappedBuffer {
 public:
  MappedBuffer() = default;
  MappedBuffer(const MappedBuffer&) = delete;
  MappedBuffer& operator=(const MappedBuffer&) = delete;
  ~MappedBuffer() {
    if (data_) munmap(data_, capacity_);
  }
  size_t size() const { return size_; }
  uint8_t& operator[](size_t i) { return data_[i]; }
  const uint8_t* data() const { return data_; }
  void reserve(size_t bytes) {
    if (bytes <= capacity_) return;
    const size_t capacity = (std::max(bytes, 2 * capacity_) + kPage - 1) / kPage * kPage;
    void* p = data_ ? mremap(data_, capacity_, capacity, MREMAP_MAYMOVE)
                    : mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw TooLarge{};
    data_ = static_cast<uint8_t*>(p);
    capacity_ = capacity;
  }
  void append(const uint8_t* bytes, size_t n) {
    if (size_ + n > capacity_) reserve(size_ + n);
    std::memcpy(data_ + size_, bytes, n);
    size_ += n;
  }
  // Made read-execute and handed over (unmapped when the owner goes); null when the
  // system refuses.
  std::shared_ptr<void> executable() {
    if (!data_ || mprotect(data_, capacity_, PROT_READ | PROT_EXEC) != 0) return nullptr;
    const size_t capacity = capacity_;
    std::shared_ptr<void> owner(data_, [capacity](void* p) { munmap(p, capacity); });
    data_ = nullptr;
    return owner;
  }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
};

// Machine code and its constant pool, encoded by hand: [prefix] [REX] opcode ModRM
// [SIB] [displacement] [immediate].
class Assembler {
 public:
  void reserve(size_t bytes) { code_.reserve(bytes); }
  size_t size() const { return code_.size(); }

  // A constant of the pool (one slot for each distinct number, by its bits).
  Operand constant(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    Operand o{Operand::Kind::Constant};
    o.slot = slot_of(bits);
    return o;
  }

  // The SSE2 scalar-double instructions (`prefix` 0xF2, or 0x66 for ucomisd/xorpd).
  void movsd(int to, const Operand& from) {
    encode(0xF2, false, {0x0F, 0x10}, to, from);
  }  // movsd xmm, m64/xmm
  void movsd_store(const Operand& to, int from) {
    encode(0xF2, false, {0x0F, 0x11}, from, to);
  }                                                                                    // movsd m64, xmm
  void addsd(int to, const Operand& b) { encode(0xF2, false, {0x0F, 0x58}, to, b); }   // addsd xmm, xmm/m64
  void mulsd(int to, const Operand& b) { encode(0xF2, false, {0x0F, 0x59}, to, b); }   // mulsd xmm, xmm/m64
  void subsd(int to, const Operand& b) { encode(0xF2, false, {0x0F, 0x5C}, to, b); }   // subsd xmm, xmm/m64
  void ucomisd(int a, const Operand& b) { encode(0x66, false, {0x0F, 0x2E}, a, b); }   // ucomisd xmm, xmm/m64
  void xorpd(int to, int from) { encode(0x66, false, {0x0F, 0x57}, to, xmm(from)); }   // xorpd xmm, xmm
  void movapd(int to, int from) { encode(0x66, false, {0x0F, 0x28}, to, xmm(from)); }  // movapd xmm, xmm
  // to = a number: a copy of the register holding it, or a load.
  void set(int to, const Operand& from) {
    if (from.kind == Operand::Kind::Xmm)
      movapd(to, from.reg);
    else
      movsd(to, from);
  }

  // General-purpose instructions.
  void push(int r) { byte(static_cast<uint8_t>(0x50 + r)); }                  // push r64 (r < 8)
  void pop(int r) { byte(static_cast<uint8_t>(0x58 + r)); }                   // pop r64 (r < 8)
  void ret() { byte(0xC3); }                                                  // ret
  void xor32(int r) { encode(-1, false, {0x31}, r, gpr(r)); }                 // xor r32, r32 (zero it)
  void inc32(int r) { encode(-1, false, {0xFF}, 0, gpr(r)); }                 // inc r32 (FF /0)
  void load64(int r, const Operand& m) { encode(-1, true, {0x8B}, r, m); }    // mov r64, m64
  void store32(const Operand& m, int r) { encode(-1, false, {0x89}, r, m); }  // mov m32, r32
  void store_imm32(const Operand& m, uint32_t v) {                            // mov dword m32, imm32 (C7 /0)
    encode(-1, false, {0xC7}, 0, m);
    imm32(v);
  }
  void store_zero64(const Operand& m) {  // mov qword m64, 0 (REX.W C7 /0, imm32 sign-extended)
    encode(-1, true, {0xC7}, 0, m);
    imm32(0);
  }
  void sub_rsp(int32_t n) {  // sub rsp, imm32 (REX.W 81 /5)
    encode(-1, true, {0x81}, 5, gpr(kRsp));
    imm32(static_cast<uint32_t>(n));
  }
  void add_rsp(int32_t n) {  // add rsp, imm32 (REX.W 81 /0)
    encode(-1, true, {0x81}, 0, gpr(kRsp));
    imm32(static_cast<uint32_t>(n));
  }
  void touch_stack_top() {  // or qword [rsp], 0 (REX.W 83 /1 ib): a stack probe
    encode(-1, true, {0x83}, 1, at(kRsp, 0));
    byte(0);
  }
  // A forward conditional jump, 0F 8x rel32, to a label bound later; returns its
  // displacement's position for bind().
  size_t jump_if(uint8_t condition) {
    byte(0x0F);
    byte(static_cast<uint8_t>(0x80 | condition));
    imm32(0);
    return size() - 4;
  }
  void bind(size_t jump) { patch32(jump, static_cast<int64_t>(size()) - static_cast<int64_t>(jump + 4)); }
  void jp_short(int8_t over) {  // jp rel8 (7A cb)
    byte(0x7A);
    byte(static_cast<uint8_t>(over));
  }
  void align16() {
    while (size() % 16) byte(0xCC);  // int3: never executed
  }

  // The pool after the code (8-byte aligned), each RIP-relative reference patched to
  // its slot; the memory made executable and handed over (null when it cannot be).
  std::shared_ptr<void> finish() {
    while (size() % 8) byte(0xCC);
    const size_t pool_at = size();
    if (pool_at > kMostCode) throw TooLarge{};  // (so every pooled operand's position fits pool_references_)
    for (uint64_t bits : pool_) {
      for (int b = 0; b < 8; ++b) byte(static_cast<uint8_t>(bits >> (8 * b)));
    }
    for (size_t r = 0; r < pool_references_.size(); r += sizeof(Reference)) {
      Reference ref;  // (no immediate follows a pooled operand)
      std::memcpy(&ref, pool_references_.data() + r, sizeof ref);
      patch32(ref.disp_at,
              static_cast<int64_t>(pool_at + 8 * size_t{ref.slot}) - static_cast<int64_t>(ref.disp_at + 4));
    }
    if (size() > kMostCode) throw TooLarge{};
    return code_.executable();
  }

 private:
  static Operand gpr(int r) { return {Operand::Kind::Xmm, r}; }  // (a register operand: ModRM mod 11)

  // The pool slot of a constant's bits, a new one for new bits: an open-addressing
  // table (linear probing, at most half full), no node per constant.
  uint32_t slot_of(uint64_t bits) {
    if (2 * (pool_.size() + 1) > slots_.size()) {
      std::vector<uint32_t> larger(slots_.empty() ? 256 : 2 * slots_.size(), kNoSlot);
      slots_.swap(larger);
      for (uint32_t slot = 0; slot < pool_.size(); ++slot) slots_[free_index(pool_[slot])] = slot;
    }
    const size_t i = free_index(bits);  // (bits' own entry, if it has one: the probe stops there)
    if (slots_[i] == kNoSlot) {
      slots_[i] = static_cast<uint32_t>(pool_.size());
      pool_.push_back(bits);
    }
    return slots_[i];
  }
  // Where the probe for `bits` ends: its entry, or the free one it would take.
  size_t free_index(uint64_t bits) const {
    const size_t mask = slots_.size() - 1;
    uint64_t h = (bits ^ (bits >> 33)) * 0xFF51AFD7ED558CCDull;
    size_t i = static_cast<size_t>(h ^ (h >> 33)) & mask;
    while (slots_[i] != kNoSlot && pool_[slots_[i]] != bits) i = (i + 1) & mask;
    return i;
  }
  static constexpr uint32_t kNoSlot = 0xFFFFFFFFu;

  void byte(uint8_t b) { code_.append(&b, 1); }
  void imm32(uint32_t v) {
    for (int b = 0; b < 4; ++b) byte(static_cast<uint8_t>(v >> (8 * b)));
  }
  void patch32(size_t position, int64_t v) {
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) throw TooLarge{};
    const auto u = static_cast<uint32_t>(static_cast<int32_t>(v));
    for (int b = 0; b < 4; ++b) code_[position + size_t(b)] = static_cast<uint8_t>(u >> (8 * b));
  }

  // [prefix] [REX.W R X B] opcode ModRM [SIB] [disp8 | disp32]: `reg` in ModRM.reg
  // (a register or an opcode extension), `rm` the other operand. (Built in a local
  // buffer, then appended: a byte stored into the vector one at a time makes the
  // compiler reload the vector's pointers after each, which may alias it.)
  void encode(int prefix, bool wide, std::initializer_list<uint8_t> opcode, int reg, const Operand& rm) {
    uint8_t out[16];
    size_t n = 0;
    auto put32 = [&](uint32_t v) {
      for (int b = 0; b < 4; ++b) out[n++] = static_cast<uint8_t>(v >> (8 * b));
    };
    if (prefix >= 0) out[n++] = static_cast<uint8_t>(prefix);
    const bool memory = rm.kind == Operand::Kind::Memory;
    const int base = rm.kind == Operand::Kind::Constant ? 0 : rm.reg;
    const int index = memory ? rm.index : -1;
    const int rex = (wide ? 8 : 0) | ((reg >> 3) << 2) | (index >= 0 ? (index >> 3) << 1 : 0) | (base >> 3);
    if (rex) out[n++] = static_cast<uint8_t>(0x40 | rex);
    for (uint8_t b : opcode) out[n++] = b;
    const int r = (reg & 7) << 3;
    if (rm.kind == Operand::Kind::Xmm) {
      out[n++] = static_cast<uint8_t>(0xC0 | r | (base & 7));  // mod 11: a register
    } else if (rm.kind == Operand::Kind::Constant) {
      out[n++] = static_cast<uint8_t>(0x05 | r);  // mod 00, rm 101: [rip + disp32]
      if (size() + n > kMostCode) throw TooLarge{};
      const Reference ref{static_cast<uint32_t>(size() + n), rm.slot};
      pool_references_.append(reinterpret_cast<const uint8_t*>(&ref), sizeof ref);
      put32(0);
    } else {
      // mod 00: no displacement (not with base rbp/r13, whose 00 means rip or none);
      // 01: disp8; 10: disp32.
      const int mod = rm.disp == 0 && (base & 7) != kRbp ? 0 : rm.disp >= -128 && rm.disp <= 127 ? 1 : 2;
      if (index < 0 && (base & 7) != kRsp) {
        out[n++] = static_cast<uint8_t>(mod << 6 | r | (base & 7));
      } else {  // rm 100: a SIB byte follows (always with base rsp/r12)
        out[n++] = static_cast<uint8_t>(mod << 6 | r | 4);
        out[n++] = static_cast<uint8_t>(rm.scale << 6 | ((index < 0 ? kRsp : index) & 7) << 3 | (base & 7));
      }
      if (mod == 1) out[n++] = static_cast<uint8_t>(static_cast<int8_t>(rm.disp));
      if (mod == 2) put32(static_cast<uint32_t>(rm.disp));
    }
    code_.append(out, n);
  }

  MappedBuffer code_;
  std::vector<uint64_t> pool_;   // the constants' bits, by slot
  std::vector<uint32_t> slots_;  // the table of slot_of: a slot, or kNoSlot
  struct Reference {
    uint32_t disp_at = 0, slot = 0;  // a disp32's position, the slot it points to
  };
  MappedBuffer pool_references_;  // Reference after Reference
};

constexpr uint8_t kBelowOrEqual = 0x6;  // jbe: CF or ZF (<=, or unordered after ucomisd)
constexpr uint8_t kEqual = 0x4;         // je: ZF

// Emits the four kernels of a spec. Coordinates below `base` are read from x, the
// others are shared sums already computed (in the feed-forward kernel's frame).
class KernelEmitter {
 public:
  explicit KernelEmitter(Assembler& a) : a_(a) {}

  // out[k] = rows[k] · x.
  void rows(const std::vector<std::vector<Entry>>& rows) {
    base_ = std::numeric_limits<int>::max();
    sums_ = 0;
    start_reads();
    for (const auto& row : rows) count_reads(row);
    for (size_t k = 0; k < rows.size(); ++k) {
      row(0, 1, rows[k]);
      a_.movsd_store(at(kRsi, 8 * static_cast<int64_t>(k)), 0);  // out[k] = xmm0
    }
    a_.ret();
  }

  // x[r] = 0 for each cleared r, then x[linear_rows[k]] += lin[k].
  void outputs(const BlockKernelSpec& spec) {
    for (int r : spec.cleared) a_.store_zero64(coordinate_in_x(r));
    for (size_t k = 0; k < spec.linear_rows.size(); ++k) {
      const Operand out = coordinate_in_x(spec.linear_rows[k]);
      a_.movsd(0, out);                                    // xmm0 = x[row]
      a_.addsd(0, at(kRsi, 8 * static_cast<int64_t>(k)));  // xmm0 += lin[k]
      a_.movsd_store(out, 0);                              // x[row] = xmm0
    }
    a_.ret();
  }

  // Per column: a = view[index]; when a != 0 (or NaN: unordered), x[c] += w * a.
  void head_output(const BlockKernelSpec::HeadOutput& head) {
    a_.xorpd(7, 7);
    for (const auto& [index, entries] : head.columns) {
      a_.movsd(0, at(kRsi, 8 * int64_t{index}));  // xmm0 = a
      a_.ucomisd(0, xmm(7));                      // a against 0: ZF=1 when equal or unordered, PF=1 unordered
      a_.jp_short(6);                             // unordered (NaN): add, over the je below
      const size_t skip = a_.jump_if(kEqual);     // a == 0: the next column
      for (const auto& [c, w] : entries) {
        const Operand out = coordinate_in_x(c);
        a_.movsd(1, a_.constant(w));  // xmm1 = w
        a_.mulsd(1, xmm(0));          // xmm1 = w * a
        a_.movsd(2, out);             // xmm2 = x[c]
        a_.addsd(2, xmm(1));          // xmm2 = x[c] + w * a
        a_.movsd_store(out, 2);       // x[c] = xmm2
      }
      a_.bind(skip);
    }
    a_.ret();
  }

  // The feed-forward kernel: the linear rows and the families' shared rows into lin,
  // the shared sums into the frame, then each gate, appending what fires.
  void feed_forward(const BlockKernelSpec& spec) {
    if (spec.sums.size() > kMostSums) throw TooLarge{};
    const auto frame = static_cast<int32_t>((8 * spec.sums.size() + 15) / 16 * 16);
    a_.load64(kR10, at(kRsp, 8));   // r10 = other_gates (the 7th argument)
    a_.load64(kR11, at(kRsp, 16));  // r11 = n_others (the 8th)
    a_.push(kRbx);
    // The frame, a page at a time, each page touched: a thread's stack grows (or
    // faults on its guard page) in order.
    int32_t reserved = 0;
    for (; frame - reserved > kPage; reserved += kPage) {
      a_.sub_rsp(kPage);
      a_.touch_stack_top();
    }
    if (frame > reserved) a_.sub_rsp(frame - reserved);
    a_.xorpd(7, 7);  // xmm7 = 0
    a_.xor32(kRax);  // the sums appended
    a_.xor32(kRbx);  // the others appended

    base_ = spec.base;
    sums_ = 0;
    start_reads();
    for (const auto& row : spec.linear) count_reads(row);
    for (const BlockKernelSpec::Sum& sum : spec.sums) count_reads({{sum.a, 0}, {sum.b, 0}});
    for (const BlockKernelSpec::Gate& g : spec.gates) {
      count_reads(g.row);
      count_reads(g.value_row);
    }
    for (size_t k = 0; k < spec.linear.size(); ++k) {
      row(0, 1, spec.linear[k]);
      a_.movsd_store(at(kRsi, 8 * static_cast<int64_t>(k)), 0);  // lin[k] = xmm0
    }
    for (const BlockKernelSpec::Sum& s : spec.sums) {  // sum k = a + ratio * b
      a_.set(0, read(s.a));
      a_.movsd(1, a_.constant(s.ratio));
      a_.mulsd(1, read(s.b));
      a_.addsd(0, xmm(1));
      a_.movsd_store(at(kRsp, 8 * static_cast<int64_t>(sums_)), 0);
      ++sums_;
    }
    for (size_t k = 0; k < spec.gates.size(); ++k) {
      const BlockKernelSpec::Gate& g = spec.gates[k];
      row(0, 1, g.row);                               // xmm0 = gate
      a_.ucomisd(0, xmm(7));                          // gate against 0
      const size_t next = a_.jump_if(kBelowOrEqual);  // gate <= 0 or NaN: does not fire
      if (g.out_row >= 0) {
        // amount = weight * (gate * value); a product by 1 is exact: left out.
        straight_ = false;  // (the cache registers stay as the other path leaves them)
        if (!g.constant) {
          row(1, 2, g.value_row);  // xmm1 = value_row · x
          a_.mulsd(0, xmm(1));     // xmm0 = gate * value
        } else if (g.value != 1.0) {
          a_.mulsd(0, a_.constant(g.value));  // xmm0 = gate * value
        }
        straight_ = true;
        if (g.out_weight != 1.0) {
          a_.movsd(1, a_.constant(g.out_weight));  // xmm1 = weight
          a_.mulsd(1, xmm(0));                     // xmm1 = weight * (gate * value)
          a_.movapd(0, 1);                         // xmm0 = xmm1
        }
        a_.store_imm32(at_indexed(kRdx, kRax, 2), static_cast<uint32_t>(g.out_row));  // sum_rows[eax] = row
        a_.movsd_store(at_indexed(kRcx, kRax, 3), 0);  // sum_amounts[eax] = xmm0
        a_.inc32(kRax);
      } else {
        a_.store_imm32(at_indexed(kR9, kRbx, 2), static_cast<uint32_t>(k));  // others[ebx] = k
        a_.movsd_store(at_indexed(kR10, kRbx, 3), 0);                        // other_gates[ebx] = gate
        a_.inc32(kRbx);
      }
      a_.bind(next);
    }
    a_.store32(at(kR8, 0), kRax);   // *n_sums = eax
    a_.store32(at(kR11, 0), kRbx);  // *n_others = ebx
    if (frame > 0) a_.add_rsp(frame);
    a_.pop(kRbx);
    a_.ret();
  }

 private:
  Operand coordinate_in_x(int64_t c) {
    if (c < 0 || c >= kMostCoordinates) throw TooLarge{};
    return at(kRdi, 8 * c);
  }
  // x[c], or shared sum c - base (which must be computed already).
  Operand coordinate(int c) {
    if (c < base_) return coordinate_in_x(c);
    const int64_t k = int64_t{c} - base_;
    if (k >= sums_) throw TooLarge{};  // (a spec the walk could not run either)
    return at(kRsp, 8 * k);
  }
  // xmm[sum] = entries · x in their order, from the first product; xmm[product] is
  // scratch.
  void row(int sum, int product, const std::vector<Entry>& entries) {
    if (entries.empty()) return a_.movsd(sum, a_.constant(-0.0));
    for (size_t e = 0; e < entries.size(); ++e) {
      const auto [c, w] = entries[e];
      // (A product by 1 or -1 is exact: x, or -x; s + -x is s - x, and the first
      // product -x is -0 - x, for x = +0 and -0 alike.)
      if (e == 0 && w == 1.0) {
        a_.set(sum, read(c));  // sum = x[c]
      } else if (e == 0 && w == -1.0) {
        a_.movsd(sum, a_.constant(-0.0));  // sum = -0
        a_.subsd(sum, read(c));            // sum = -0 - x[c]
      } else if (e == 0) {
        a_.movsd(sum, a_.constant(w));  // sum = w
        a_.mulsd(sum, read(c));         // sum = w * x[c]
      } else if (w == 1.0) {
        a_.addsd(sum, read(c));  // sum += x[c]
      } else if (w == -1.0) {
        a_.subsd(sum, read(c));  // sum -= x[c]
      } else {
        a_.movsd(product, a_.constant(w));  // product = w
        a_.mulsd(product, read(c));         // product = w * x[c]
        a_.addsd(sum, xmm(product));        // sum += product
      }
    }
  }

  // The cache registers: in a reading kernel, a coordinate (or shared sum) read again
  // later is loaded into one of them and read from there (x is not written meanwhile).
  // When all are taken, the one whose coordinate is read the fewest times more is
  // reloaded, if that is fewer than the new one's. Only the straight line loads them:
  // a firing neuron's path reads them but leaves them as the path around it does.
  static constexpr std::array<int, 12> kCacheRegisters = {3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  void start_reads() {
    cached_.fill(kNone);
    for (int c : counted_) reads_left_[static_cast<size_t>(c)] = 0;
    counted_.clear();
  }
  void count_reads(const std::vector<Entry>& row) {
    for (const auto& [c, w] : row) {
      if (c < 0 || c >= kMostCounted) continue;  // (never cached)
      if (static_cast<size_t>(c) >= reads_left_.size()) reads_left_.resize(static_cast<size_t>(c) + 1, 0);
      if (reads_left_[static_cast<size_t>(c)]++ == 0) counted_.push_back(c);
    }
  }
  Operand read(int c) {
    const auto counted = static_cast<size_t>(c);
    const int left = counted < reads_left_.size() ? --reads_left_[counted] : 0;  // (the reads after this one)
    for (size_t i = 0; i < cached_.size(); ++i)
      if (cached_[i] == c) return xmm(kCacheRegisters[i]);
    const Operand in_memory = coordinate(c);
    if (!straight_ || left <= 0) return in_memory;
    size_t victim = 0;
    int victim_left = std::numeric_limits<int>::max();
    for (size_t i = 0; i < cached_.size() && victim_left > 0; ++i) {
      const int l = cached_[i] == kNone ? 0 : reads_left_[static_cast<size_t>(cached_[i])];
      if (l < victim_left) victim = i, victim_left = l;
    }
    if (victim_left >= left) return in_memory;
    cached_[victim] = c;
    a_.movsd(kCacheRegisters[victim], in_memory);  // (a load: the whole register written)
    return xmm(kCacheRegisters[victim]);
  }
  static constexpr int kNone = std::numeric_limits<int>::min();
  static constexpr int kMostCounted = 1 << 22;  // coordinates beyond are read from memory
  std::array<int, kCacheRegisters.size()> cached_{};
  std::vector<int> reads_left_;  // by coordinate (the shared sums' included)
  std::vector<int> counted_;     // the coordinates counted (to clear)
  bool straight_ = true;

  Assembler& a_;
  int base_ = 0;
  int64_t sums_ = 0;  // the shared sums computed so far
};

class X86BlockCompiler final : public neural::BlockKernelCompiler {
 public:
  std::vector<BlockKernels> compile(const std::vector<BlockKernelSpec>& specs,
                                    std::shared_ptr<void>& owner) override {
    return build(
        specs.size(), [&specs](size_t l) -> const BlockKernelSpec& { return specs[l]; }, owner);
  }
  // Each spec is dropped once its code is written (block_kernel.h).
  std::vector<BlockKernels> compile_each(size_t n, const SpecMaker& spec_of,
                                         std::shared_ptr<void>& owner) override {
    return build(n, spec_of, owner);
  }

 private:
  // spec_of(l): block l's spec, or a reference to it.
  template <class SpecOf>
  std::vector<BlockKernels> build(size_t n, const SpecOf& spec_of, std::shared_ptr<void>& owner) {
    struct Offsets {
      size_t ffn = 0, heads = 0, outputs = 0;
      std::vector<size_t> head_outputs;
    };
    std::vector<Offsets> offsets(n);
    std::shared_ptr<void> memory;
    try {
      Assembler a;
      a.reserve(size_t{64} << 10);  // (grown by mremap as needed: see MappedBuffer)
      KernelEmitter emit(a);
      for (size_t l = 0; l < n; ++l) {
        decltype(auto) spec = spec_of(l);
        const auto start = [&a] {
          a.align16();
          if (a.size() > kMostCode) throw TooLarge{};
          return a.size();
        };
        offsets[l].ffn = start();
        emit.feed_forward(spec);
        offsets[l].heads = start();
        emit.rows(spec.head_rows);
        offsets[l].outputs = start();
        emit.outputs(spec);
        for (const BlockKernelSpec::HeadOutput& head : spec.head_outputs) {
          offsets[l].head_outputs.push_back(start());
          emit.head_output(head);
        }
      }
      memory = a.finish();
    } catch (const TooLarge&) {
      return {};
    } catch (const std::bad_alloc&) {
      return {};
    }
    if (!memory) return {};
    // (A non-const byte pointer: a data pointer cast to a function pointer may not drop
    // qualifiers, and clang refuses it.)
    auto* const base = static_cast<uint8_t*>(memory.get());
    std::vector<BlockKernels> kernels(n);
    for (size_t l = 0; l < n; ++l) {
      kernels[l].ffn = reinterpret_cast<neural::BlockKernel>(base + offsets[l].ffn);
      kernels[l].heads = reinterpret_cast<neural::RowsKernel>(base + offsets[l].heads);
      kernels[l].outputs = reinterpret_cast<neural::OutputsKernel>(base + offsets[l].outputs);
      for (size_t at : offsets[l].head_outputs)
        kernels[l].head_outputs.push_back(reinterpret_cast<neural::HeadOutputKernel>(base + at));
    }
    owner = std::move(memory);
    return kernels;
  }
};

#else  // not x86-64: no kernels, the arrays are walked

class X86BlockCompiler final : public neural::BlockKernelCompiler {
 public:
  std::vector<BlockKernels> compile(const std::vector<BlockKernelSpec>&, std::shared_ptr<void>&) override {
    return {};
  }
};

#endif

}  // namespace

std::shared_ptr<neural::BlockKernelCompiler> x86_block_compiler() {
  return std::make_shared<X86BlockCompiler>();
}

bool x86_block_compiler_available() {
#if defined(__x86_64__)
  return true;
#else
  return false;
#endif
}

}  // namespace c2w::runtime
