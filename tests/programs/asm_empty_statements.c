/* Empty asm statements, as integer code uses them: a compiler barrier, and hiding a
   value from the optimiser (a tied register output, a register input, memory
   operands). They do nothing when they run; the values pass through unchanged. */
#include <stdio.h>

#include "test.h"

static int hide(int x) {
  __asm__("" : "+r"(x));
  return x;
}

static long long hide64(long long x) {
  __asm__ volatile("" : "+r"(x));
  return x;
}

int main(void) {
  int a = 6, b = 7, m = 40;
  unsigned char bytes[4] = {1, 2, 3, 4};
  __asm__ volatile("" ::: "memory");
  __asm__("");
  __asm__("" : : "r"(a));
  __asm__ volatile("" : "+m"(m));
  __asm__ volatile("" : : "g"(bytes) : "memory");
  ASSERT(42, hide(a) * hide(b));
  ASSERT(42, m + hide(2));
  ASSERT(-5, hide(-5));
  ASSERT(10, bytes[0] + bytes[1] + bytes[2] + bytes[3]);
  ASSERT(1, hide64(0x100000000LL) == 0x100000000LL);
  printf("%d %d %lld\n", hide(a) * hide(b), m, hide64(-3));
  return 0;
}
