/* sscanf: integers of various sizes/bases, strings, chars, literal matching, partial matches, return values, EOF on empty input. */
#include <stdio.h>
#include <string.h>

#include "test.h"

int main(void) {
  int a = 0, b = 0, c = 0, r;
  unsigned u = 0, x = 0;
  char s[32], t[32], ch = 0;
  long long ll = 0;
  r = sscanf("12 34 56", "%d %d %d", &a, &b, &c);
  ASSERT(3, r);
  ASSERT(12 * 10000 + 34 * 100 + 56, a * 10000 + b * 100 + c);
  r = sscanf("  -7\n\t+8", "%d%d", &a, &b);
  ASSERT(2, r);
  ASSERT(-7, a);
  ASSERT(8, b);
  r = sscanf("4294967295 deadBEEF", "%u %x", &u, &x);
  ASSERT(2, r);
  ASSERT(4294967295u, u);
  ASSERT(0xdeadbeefu, x);
  r = sscanf("0x10 010 10 -0x10", "%i %i %i %i", &a, &b, &c, (int *)&u);
  ASSERT(4, r);
  ASSERT(16, a);
  ASSERT(8, b);
  ASSERT(10, c);
  ASSERT(-16, (int)u);
  r = sscanf("-9223372036854775808", "%lld", &ll);
  ASSERT(1, r);
  ASSERT(-9223372036854775807LL - 1, ll);
  r = sscanf("name=alice age=30", "name=%s age=%d", s, &a);
  ASSERT(2, r);
  ASSERT(30, a);
  printf("s=[%s]\n", s);
  r = sscanf("hello world", "%s %s", s, t);
  ASSERT(2, r);
  printf("[%s] [%s]\n", s, t);
  r = sscanf("x=5", "%c=%d", &ch, &a);
  ASSERT(2, r);
  ASSERT('x', ch);
  ASSERT(5, a);
  r = sscanf("  Q", "%c", &ch);        /* %c does not skip whitespace */
  ASSERT(1, r);
  ASSERT(' ', ch);
  r = sscanf("  Q", " %c", &ch);       /* explicit space skips it */
  ASSERT('Q', ch);
  a = b = -1;
  r = sscanf("42 abc", "%d %d", &a, &b);   /* matching failure on the second */
  ASSERT(1, r);
  ASSERT(42, a);
  ASSERT(-1, b);
  r = sscanf("abc", "%d", &a);
  ASSERT(0, r);
  r = sscanf("", "%d", &a);
  ASSERT(-1, r);
  r = sscanf("   ", "%d", &a);
  ASSERT(-1, r);
  r = sscanf("7-8", "%d-%d", &a, &b);
  ASSERT(2, r);
  ASSERT(-1, a - b);
  r = sscanf("7:8", "%d-%d", &a, &b);   /* literal mismatch */
  ASSERT(1, r);
  {
    short sh;
    signed char sc;
    unsigned char uc;
    unsigned short us;
    r = sscanf("-1234 -5 250 65535", "%hd %hhd %hhu %hu", &sh, &sc, &uc, &us);
    ASSERT(4, r);
    ASSERT(-1234, sh);
    ASSERT(-5, sc);
    ASSERT(250, uc);
    ASSERT(65535, us);
  }
  {
    /* parsing a list of records */
    const char *lines[] = { "3 apples", "12 pears", "0 figs", "bad line", "7 kiwis" };
    int i, total = 0;
    for (i = 0; i < 5; i++) {
      int q;
      char item[16];
      if (sscanf(lines[i], "%d %s", &q, item) == 2) { printf("%s:%d ", item, q); total += q; }
      else printf("(skip '%s') ", lines[i]);
    }
    printf("\n");
    ASSERT(22, total);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
