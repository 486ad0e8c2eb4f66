/* strcmp/strncmp/memcmp: sign of result (compared as unsigned char), prefixes, empty strings, high-bit characters. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static int sgn(int v) { return (v > 0) - (v < 0); }

int main(void) {
  ASSERT(0, sgn(strcmp("", "")));
  ASSERT(0, sgn(strcmp("abc", "abc")));
  ASSERT(-1, sgn(strcmp("abc", "abd")));
  ASSERT(1, sgn(strcmp("abd", "abc")));
  ASSERT(-1, sgn(strcmp("ab", "abc")));
  ASSERT(1, sgn(strcmp("abc", "ab")));
  ASSERT(-1, sgn(strcmp("", "a")));
  ASSERT(1, sgn(strcmp("a", "")));
  ASSERT(-1, sgn(strcmp("A", "a")));
  ASSERT(1, sgn(strcmp("\x80", "\x7f")));   /* compared as unsigned char */
  ASSERT(1, sgn(strcmp("\xff", "a")));
  ASSERT(-1, sgn(strcmp("a\x01", "a\xfe")));
  ASSERT(0, sgn(strncmp("abcdef", "abcxyz", 3)));
  ASSERT(-1, sgn(strncmp("abcdef", "abcxyz", 4)));
  ASSERT(0, sgn(strncmp("abc", "xyz", 0)));
  ASSERT(0, sgn(strncmp("abc", "abc", 100)));
  ASSERT(-1, sgn(strncmp("ab", "abc", 3)));
  ASSERT(0, sgn(strncmp("ab\0x", "ab\0y", 4)));  /* stops at NUL */
  ASSERT(1, sgn(strncmp("\xe9", "e", 1)));
  ASSERT(0, sgn(memcmp("ab\0x", "ab\0x", 4)));
  ASSERT(-1, sgn(memcmp("ab\0x", "ab\0y", 4)));  /* does not stop at NUL */
  ASSERT(1, sgn(memcmp("\x80", "\x01", 1)));
  ASSERT(0, sgn(memcmp("abc", "xyz", 0)));
  {
    int a[2] = { 1, 2 }, b[2] = { 1, 3 };
    ASSERT(0, sgn(memcmp(a, b, sizeof(int))));
    ASSERT(-1, sgn(memcmp(a, b, sizeof a)));
  }
  {
    /* sort-order table of words using strcmp */
    static const char *const w[] = { "b", "a", "ab", "B", "", "ba", "aa", "\xc3\xa9", "z" };
    int i, j;
    for (i = 0; i < 9; i++) {
      for (j = 0; j < 9; j++) {
        int s = sgn(strcmp(w[i], w[j]));
        putchar(s < 0 ? '<' : s > 0 ? '>' : '=');
        if (s != -sgn(strcmp(w[j], w[i]))) { printf("antisymmetry FAIL"); fails++; }
      }
      putchar('\n');
    }
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
