/* square_spec.c - the specification for square_sketch.c: x*x. */
#include <stdio.h>

int main(void) {
  int x;
  if (scanf("%d", &x) != 1) return 1;
  printf("%d\n", x * x);
  return 0;
}
