/* strtol/strtoul/atoi/atol: bases 0/2/8/10/16/36, signs, whitespace, end pointers, no-digit input, overflow clamping. */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

#include "test.h"

static void tl(const char *s, int base) {
  char *end;
  long v = strtol(s, &end, base);
  printf("strtol(\"%s\", %d) = %ld, consumed %d\n", s, base, v, (int)(end - s));
}
static void tul(const char *s, int base) {
  char *end;
  unsigned long v = strtoul(s, &end, base);
  printf("strtoul(\"%s\", %d) = %lu, consumed %d\n", s, base, v, (int)(end - s));
}

int main(void) {
  tl("12345", 10);
  tl("   -42xyz", 10);
  tl("+17", 10);
  tl("0x1fG", 16);
  tl("1f", 16);
  tl("0x1f", 0);
  tl("0755", 0);
  tl("0", 0);
  tl("0x", 16);
  tl("089", 0);
  tl("101101", 2);
  tl("zz", 36);
  tl("Zz", 36);
  tl("777", 8);
  tl("", 10);
  tl("   ", 10);
  tl("abc", 10);
  tl("-", 10);
  tl("2147483647", 10);
  tl("-2147483648", 10);
  tl("2147483648", 10);      /* overflow: clamps to LONG_MAX */
  tl("-99999999999", 10);    /* underflow: clamps to LONG_MIN */
  tl("\t\n 99 bottles", 0);
  tul("4294967295", 10);
  tul("0xFFFFFFFF", 0);
  tul("4294967296", 10);     /* overflow: ULONG_MAX */
  tul("-1", 10);             /* negation in unsigned: ULONG_MAX */
  tul("-2", 10);
  tul("1010", 2);
  tul("  +0777", 0);
  ASSERT(LONG_MAX, strtol("99999999999999", NULL, 10));
  ASSERT(42, strtol("42", NULL, 0));
  ASSERT(0, atoi(""));
  ASSERT(123, atoi("123"));
  ASSERT(-123, atoi("  -123abc"));
  ASSERT(0, atoi("x1"));
  ASSERT(2147483647, atoi("2147483647"));
  ASSERT(-2147483647 - 1, atoi("-2147483648"));
  ASSERT(7, atoi("+7"));
  ASSERT(0, atoi("0x10"));
  ASSERT(-5, atol("-5"));
  ASSERT(1000000, atol("1000000"));
  {
    /* parse a list with the end pointer */
    const char *p = "10, -20,30 ,0x40,  -0x10";
    char *end;
    long sum = 0;
    int count = 0;
    for (;;) {
      long v = strtol(p, &end, 0);
      if (end == p) break;
      sum += v; count++;
      p = end;
      while (*p == ' ' || *p == ',') p++;
    }
    ASSERT(5, count);
    ASSERT(10 - 20 + 30 + 64 - 16, sum);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
