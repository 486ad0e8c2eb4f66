/* square_sketch.c - a sketch that cannot meet its spec: x*HOLE(0) + HOLE(1) is linear
   and square_spec.c prints x*x, so after three examples Z3 proves that no holes exist. */
#include <c2w_sketch.h>
#include <stdio.h>

int main(void) {
  SKETCH_HOLES(2);
  int x;
  if (scanf("%d", &x) != 1) return 1;
  printf("%d\n", x * HOLE(0) + HOLE(1));
  return 0;
}
