/* abs_sketch.c - a sketch for CEGIS: branch-free absolute value as
   (x ^ (x >> HOLE(0))) - (x >> HOLE(1)) with arithmetic shifts; the synthesiser finds
   the shift amounts (31 and 31) that make it agree with abs_spec.c. Input: the two
   holes (c2w_sketch.h), then an integer in text. */
#include <c2w_sketch.h>
#include <stdio.h>

int main(void) {
  SKETCH_HOLES(2);
  int x;
  if (scanf("%d", &x) != 1) return 1;
  int y = (x ^ (x >> HOLE(0))) - (x >> HOLE(1));
  printf("%d\n", y);
  return 0;
}
