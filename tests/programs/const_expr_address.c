// Constant expressions over a global's address that LLVM leaves for the lowering to
// fold (urem, udiv, ashr, lshr of ptrtoint), as csmith programs make them (seeds
// 3000191 and 3000534 once failed to compile). Only address-independent facts are
// printed: the addresses differ between gcc -m32 and c2w.
#include <stdint.h>
#include <stdio.h>

static int32_t g[4];
static volatile int32_t sink;

int main(void) {
  uint32_t rem = (uint32_t)(uintptr_t)&g[1] % 4u;
  uint32_t quo = (uint32_t)(uintptr_t)&g[2] / 4u;
  int32_t half = (int32_t)(intptr_t)&g[3] >> 1;
  uint32_t shr = (uint32_t)(uintptr_t)&g[0] >> 2;
  sink = (int32_t)rem;
  printf("%u %d %d %d\n", rem, quo * 4u == (uint32_t)(uintptr_t)&g[2],
         (half << 1) == (int32_t)(intptr_t)&g[3], shr * 4u == (uint32_t)(uintptr_t)&g[0]);
  return (int)rem;
}
