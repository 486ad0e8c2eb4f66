/* combine_spec.c - the specification for combine_sketch.c: a*b + 7. */
#include <stdio.h>

int main(void) {
  int a, b;
  if (scanf("%d %d", &a, &b) != 2) return 1;
  printf("%d\n", a * b + 7);
  return 0;
}
