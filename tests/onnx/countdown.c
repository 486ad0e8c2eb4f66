/* Counts down from the digit on stdin: "3" prints "3 2 1 go"; a short loop with output
   for the ONNX Runtime cross-check on the universal model (tests/onnx/). */
#include <stdio.h>

int main(void) {
  int n = getchar() - '0';
  while (n > 0) {
    putchar('0' + n--);
    putchar(' ');
  }
  puts("go");
  return n;
}
