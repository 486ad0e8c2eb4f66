/* With glibc, stdio.h defines ssize_t and off_t, and stdlib.h includes sys/types.h
   (so uint, pid_t, the byte-order macros...): programs that use them after only
   these two headers compile with c2w too. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

static ssize_t count(const char *s) {
  ssize_t n = 0;
  while (s[n]) n++;
  return n;
}

int main(void) {
  off_t offset = -5;
  uint u = 4000000000u;
  u_char c = 200;
  pid_t pid = 42;
  ASSERT(5, count("hello"));
  ASSERT(-5, offset);
  ASSERT(4000000000LL, u);
  ASSERT(200, c);
  ASSERT(42, pid);
  ASSERT(1, BYTE_ORDER == LITTLE_ENDIAN);
  return fails;
}
