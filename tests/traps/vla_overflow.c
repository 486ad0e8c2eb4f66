// TRAP: trap: stack overflow
// TRAP: in last,
// TRAP: vla_overflow.c:10:3
// A variable-length array whose byte size would wrap around 32 bits (2^30 + 1 ints,
// 4 bytes after wrapping) traps as a stack overflow instead of handing out 4 bytes,
// exit code 134 on every engine (a negative length takes the same path).
#include <stdio.h>

static int last(int n) {
  int v[n];
  int *volatile p = v;  // keeps the array: a value the optimiser cannot see through
  p[n - 1] = n;
  return p[n - 1];
}

int main(void) {
  int n = 0, c, negative = 0;
  if ((c = getchar()) == '-') negative = 1; else if (c >= '0' && c <= '9') n = c - '0';
  while ((c = getchar()) >= '0' && c <= '9') n = n * 10 + (c - '0');
  if (negative) n = -n;
  printf("%d\n", last(5));
  printf("%d\n", last(n));
  return 0;
}
