/* Ordered comparisons against a function's address in loops: the address is a relocated branch operand, also in branches the peephole pass inverts. */
#include <stdint.h>
#include <stdio.h>

static int f(int x) { return x + 1; }

int main(void) {
  volatile uintptr_t values[5], address = (uintptr_t)&f;  /* arithmetic on the loaded number */
  values[0] = 0;
  values[1] = address - 1;
  values[2] = address;
  values[3] = address + 1;
  values[4] = ~(uintptr_t)0;
  int below = 0, at_most = 0, above = 0, at_least = 0, i;
  for (i = 0; i < 5; i++) {
    uintptr_t v = values[i];
    if (v < (uintptr_t)&f) below += 1 << i;
    if (v <= (uintptr_t)&f) at_most += 1 << i;
    if ((uintptr_t)&f < v) above += 1 << i;
    if ((uintptr_t)&f <= v) at_least += 1 << i;
  }
  printf("f(1)=%d below=%d at_most=%d above=%d at_least=%d\n", f(1), below, at_most, above, at_least);
  return 0;
}
