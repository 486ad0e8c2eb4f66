// TRAP: trap: stack overflow
// TRAP: alloca_overflow.c:16:24
// An alloca larger than the dynamic stack traps: a stack overflow at the line of the
// allocation, exit code 134, on every engine (a native build gets SIGSEGV). The size
// comes from the input, so nothing is known at compile time.
#include <alloca.h>
#include <stdio.h>

int main(void) {
  unsigned n = 0;
  int c;
  while ((c = getchar()) >= '0' && c <= '9') n = n * 10 + (unsigned)(c - '0');
  char *small = alloca(n / 1000);  // fits
  small[0] = 1;
  puts("small allocation done");
  char *volatile big = alloca(n);  // 2 MB: more than the 1 MiB dynamic stack
  big[0] = 1;
  puts("not reached");
  return big[0] + small[0];
}
