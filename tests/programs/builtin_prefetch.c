// __builtin_prefetch is a hint: it touches no memory (even at an address that is not
// mapped) and changes nothing. Also a remainder of a global's address folded into a
// constant expression by the optimiser (GCC's torture test pr38051).
#include <stdio.h>

char buf[256];
int table[64];

__attribute__((noinline)) static int aligned4(const void *p) { return (long)p % 4 == 0; }

int main(void) {
  int sum = 0;
  for (int i = 0; i < 64; i++) {
    __builtin_prefetch(&table[i + 8]);        // read, past the end at the last ones
    __builtin_prefetch(&table[i + 8], 1, 0);  // write, no temporal locality
    table[i] = i * i;
  }
  __builtin_prefetch((void *)16);  // not mapped
  for (int i = 0; i < 64; i++) sum += table[i];
  printf("%d\n", sum);
  printf("%d %d\n", (long)buf % 4 == 0, aligned4(buf + 1));
  return 0;
}
