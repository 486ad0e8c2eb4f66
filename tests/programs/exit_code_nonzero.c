/* main returns a non-zero value (42): the exit code must be 42 and earlier output must be flushed. */
#include <stdio.h>

static int compute(void) {
  int i, s = 0;
  for (i = 1; i <= 8; i++) s += i;   /* 36 */
  return s + 6;
}

int main(void) {
  int code = compute();
  printf("about to return %d from main\n", code);
  printf("partial line without newline");
  return code;
}
