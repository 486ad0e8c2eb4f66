/* Divides 100 by the digit on stdin: input "0" traps (division by zero), for the
   cross-checks of c2w's model files in other tools (tests/interop/). */
#include <stdio.h>

int main(void) {
  int d = getchar() - '0';
  putchar('0' + 100 / d % 10);
  putchar('\n');
  return 0;
}
