/* combine_sketch.c - a sketch with a choice among expressions: op(HOLE(0), a, b) +
   HOLE(1), where HOLE(0) picks one of eight operators. The synthesiser finds the choice
   and the constant that agree with combine_spec.c (a*b + 7: the operator 2, the
   constant 7). Input: the holes, then two integers in text. */
#include <c2w_sketch.h>
#include <stdio.h>

static int op(int choice, int a, int b) {
  switch (choice) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a & b;
    case 4: return a | b;
    case 5: return a ^ b;
    case 6: return a < b ? a : b;
    default: return a > b ? a : b;
  }
}

int main(void) {
  SKETCH_HOLES(2);
  int a, b;
  if (scanf("%d %d", &a, &b) != 2) return 1;
  printf("%d\n", op(HOLE(0), a, b) + HOLE(1));
  return 0;
}
