/* abs_spec.c - the specification for abs_sketch.c: |x| (INT_MIN stays INT_MIN, as the
   two's complement trick gives). */
#include <stdio.h>

int main(void) {
  int x;
  if (scanf("%d", &x) != 1) return 1;
  printf("%d\n", x < 0 ? (int)(0u - (unsigned)x) : x);
  return 0;
}
