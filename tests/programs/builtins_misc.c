/* Other GCC/Clang builtins: __builtin_expect, __builtin_ffs(ll), __builtin_parity(ll), __builtin_offsetof, __builtin_types_compatible_p. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

struct s { char a; int b; short c[3]; };

static int ffs_loop(unsigned long long x) { int i; for (i = 0; i < 64; i++) if (x >> i & 1) return i + 1; return 0; }
static int parity_loop(unsigned long long x) { int p = 0; while (x) { p ^= (int)(x & 1); x >>= 1; } return p; }

int main(void) {
  int i;
  /* volatile tables: the builtins are evaluated at run time, not constant-folded */
  static const volatile unsigned vals[] = { 0u, 1u, 2u, 12u, 0x80000000u, 0xffffffffu, 0x00f00000u, 0x12345678u };
  for (i = 0; i < 8; i++) {
    unsigned v = vals[i];
    printf("%08x ffs=%2d parity=%d\n", v, __builtin_ffs((int)v), __builtin_parity(v));
    if (__builtin_ffs((int)v) != ffs_loop(v) || __builtin_parity(v) != parity_loop(v)) { printf("mismatch FAIL\n"); fails++; }
  }
  static const volatile unsigned long long lv[] = { 0ULL, 1ULL << 40, 0x8000000000000000ULL, 0x0123456789abcdefULL, ~0ULL };
  for (i = 0; i < 5; i++) {
    unsigned long long v = lv[i];
    printf("%016llx ffsll=%2d parityll=%d\n", v, __builtin_ffsll((long long)v), __builtin_parityll(v));
    if (__builtin_ffsll((long long)v) != ffs_loop(v) || __builtin_parityll(v) != parity_loop(v)) { printf("mismatch FAIL\n"); fails++; }
  }
  {
    int hits = 0;
    for (i = 0; i < 100; i++) {
      if (__builtin_expect(i % 10 == 0, 0)) hits++;
      if (__builtin_expect(i < 1000, 1)) hits += 0;
    }
    ASSERT(10, hits);
    ASSERT(1, __builtin_expect(5, 5) == 5);
  }
  ASSERT(0, __builtin_offsetof(struct s, a));
  ASSERT(4, __builtin_offsetof(struct s, b));
  ASSERT(8, __builtin_offsetof(struct s, c));
  ASSERT(12, __builtin_offsetof(struct s, c[2]));
  ASSERT(offsetof(struct s, c[1]), __builtin_offsetof(struct s, c[1]));
  ASSERT(1, __builtin_types_compatible_p(int, signed int));
  ASSERT(0, __builtin_types_compatible_p(int, unsigned int));
  ASSERT(0, __builtin_types_compatible_p(char, signed char));
  ASSERT(1, __builtin_types_compatible_p(long, long));
  ASSERT(0, __builtin_types_compatible_p(long, long long));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
