/* Dividing an integer wider than 64 bits by zero traps, as a 32-bit division by zero
   does: the libc's multiword division (libc/src/runtime_multiword.c) performs one, so
   the machine's own trap fires, on every engine. The divisor comes from the input so
   that nothing is folded. */
// TRAP: trap: division by zero
// TRAP: libc/src/runtime_multiword.c
#include <stdio.h>

typedef unsigned _BitInt(128) u128;

int main(void) {
  u128 a = ((u128)0x0123456789ABCDEFull << 64) | 0xFEDCBA9876543210ull;
  u128 b = (u128)(getchar() - 'x') << 70; /* zero for the input "x" */
  printf("dividing\n");
  a /= b;
  printf("not reached %llu\n", (unsigned long long)a);
  return 0;
}
