/* ctype.h's isascii and toascii over -1..300 and a few large and negative values. */
#include <stdio.h>
#include <ctype.h>
#include <limits.h>

#include "test.h"

static volatile int values[] = {-1, 0, 1, 'A', 127, 128, 200, 255, 256, 300, -128, INT_MIN, INT_MAX};

int main(void) {
  int c, ascii = 0;
  long sum = 0;
  unsigned i;
  for (c = -1; c <= 300; c++) {
    ascii += isascii(c) != 0;
    sum = sum * 7 + toascii(c);
    sum %= 1000003;
  }
  ASSERT(128, ascii);
  printf("toascii hash %ld\n", sum);
  for (i = 0; i < sizeof values / sizeof values[0]; i++)
    printf("%d: isascii %d toascii %d\n", values[i], isascii(values[i]), toascii(values[i]));
  return fails;
}
