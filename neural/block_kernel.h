// Machine code for the fixed arithmetic of a block (the hull engine's optional fast
// path; neural/ only describes it, runtime/block_x86.h builds it, or on other hosts
// runtime/block_jit.h with LLVM).
//
// The fast pass (fast_transformer.h) evaluates a block's fixed arithmetic by walking
// arrays of (coordinate, weight): the heads' query, key and value rows, the fused
// linear map, the families' shared sums, the shared pair sums, the single neurons'
// gates, the clears and output additions, each head's output. A kernel is the same
// arithmetic compiled from those weights into straight-line code: each weight an
// immediate, each coordinate read once, the shared sums in registers.
// It computes exactly what the walk computes, in the same order (no reassociation,
// no fused multiply-add), so the two give bit-identical results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace c2w::neural {

struct BlockKernelSpec {
  using Entry = std::pair<int, double>;  // (coordinate, weight)
  // Coordinates >= base name the shared sums: base + k is sum k.
  int base = 0;
  // The heads' kernel: out[k] = head_rows[k] · x (their queries, keys and values).
  std::vector<std::vector<Entry>> head_rows;
  // The feed-forward kernel: lin[k] = linear[k] · x (the linear map, then the
  // families' shared sums).
  std::vector<std::vector<Entry>> linear;
  // Shared sum k = x[a] + ratio * x[b] (a, b may name earlier sums).
  struct Sum {
    int a = 0, b = 0;
    double ratio = 0;
  };
  std::vector<Sum> sums;
  // Single neuron k: gate = row · x; when gate > 0 it fires. With one output
  // coordinate (row >= 0) the kernel appends (row, weight * (gate * value)), value
  // being `value` when `constant`, else value_row · x; otherwise it appends (k,
  // gate) for the caller to finish.
  struct Gate {
    std::vector<Entry> row;
    int out_row = -1;
    double out_weight = 0;
    bool constant = false;
    double value = 0;
    std::vector<Entry> value_row;
  };
  std::vector<Gate> gates;
  // The outputs kernel, once every neuron has read x: x[r] = 0 for each cleared r,
  // then x[linear_rows[k]] += lin[k].
  std::vector<int> cleared, linear_rows;
  // Head h's output kernel: for each of its columns (view index, entries), when
  // view[index] = a is not 0, x[c] += w * a for each entry (c, w).
  struct HeadOutput {
    std::vector<std::pair<uint32_t, std::vector<Entry>>> columns;
  };
  std::vector<HeadOutput> head_outputs;
};

// A compiled feed-forward block: reads x (never writes it), writes lin[0 ..
// linear.size()), appends to (sum_rows, sum_amounts) and (others, other_gates), and
// stores how many it appended in *n_sums and *n_others.
using BlockKernel = void (*)(const double* x, double* lin, int32_t* sum_rows, double* sum_amounts,
                             uint32_t* n_sums, uint32_t* others, double* other_gates, uint32_t* n_others);
// A compiled set of rows: out[k] = row k · x.
using RowsKernel = void (*)(const double* x, double* out);
// The outputs of a block's linear map: x is written.
using OutputsKernel = void (*)(double* x, const double* lin);
// A head's output from the value it looked up.
using HeadOutputKernel = void (*)(double* x, const double* view);
struct BlockKernels {
  BlockKernel ffn = nullptr;
  RowsKernel heads = nullptr;
  OutputsKernel outputs = nullptr;
  std::vector<HeadOutputKernel> head_outputs;  // per head
};

class BlockKernelCompiler {
 public:
  virtual ~BlockKernelCompiler() = default;
  // The kernels of each spec, valid while the returned owner lives; an empty vector
  // when the code cannot be built (the caller then walks the arrays).
  virtual std::vector<BlockKernels> compile(const std::vector<BlockKernelSpec>& specs,
                                            std::shared_ptr<void>& owner) = 0;
  // The same for the n specs spec_of(0), ..., spec_of(n - 1), made in that order. A
  // compiler that writes a block's code at once drops each spec when its code is
  // written, so that a model's specs (copies of its rows) are never all held at once:
  // memory a short run would otherwise fault in page by page. By default they are all
  // made, then compiled together.
  using SpecMaker = std::function<BlockKernelSpec(size_t)>;
  virtual std::vector<BlockKernels> compile_each(size_t n, const SpecMaker& spec_of,
                                                 std::shared_ptr<void>& owner) {
    std::vector<BlockKernelSpec> specs;
    specs.reserve(n);
    for (size_t l = 0; l < n; ++l) specs.push_back(spec_of(l));
    return compile(specs, owner);
  }
};

}  // namespace c2w::neural
