/* strings.h: bzero bcmp bcopy index rindex ffs ffsl ffsll strcasecmp strncasecmp,
   and string.h making them visible too (as glibc's does by default). Comparisons
   print only their sign: that is all C promises, and all gcc keeps when it folds. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <limits.h>

#include "test.h"

#define SIGN(x) ((x) > 0 ? 1 : (x) < 0 ? -1 : 0)

static int idx(const char *base, const char *p) { return p ? (int)(p - base) : -1; }

/* Arrays, not literals, so gcc calls the library rather than folding. */
static char s_empty[] = "", s_abc[] = "abc", s_ABC[] = "ABC", s_ABD[] = "ABD", s_abcd[] = "abcd";
static char s_under[] = "_", s_A[] = "A", s_brace[] = "{", s_z[] = "z", s_high[] = "\xe9", s_e[] = "e";
static char s_hello[] = "Hello, World", s_HELLO[] = "hELLO, wORLD!";
static volatile size_t zero;
static volatile int vint;
static volatile long vlong;
static volatile long long vll;

int main(void) {
  char buf[16];

  /* bzero, bcopy, bcmp */
  memset(buf, 'x', sizeof buf);
  bzero(buf + 2, 3);
  ASSERT('x', buf[1]);
  ASSERT(0, buf[2]);
  ASSERT(0, buf[4]);
  ASSERT('x', buf[5]);
  bzero(buf, zero);
  ASSERT('x', buf[0]);
  strcpy(buf, "abcdefgh");
  bcopy(buf, buf + 2, 5);            /* overlapping, to a higher address */
  printf("[%s]\n", buf);
  strcpy(buf, "abcdefgh");
  bcopy(buf + 2, buf, 5);            /* overlapping, to a lower address */
  printf("[%s]\n", buf);
  bcopy("zz", buf, zero);
  ASSERT('c', buf[0]);
  ASSERT(0, bcmp(s_abc, s_abcd, 3));
  ASSERT(1, bcmp(s_abc, s_ABC, 3) != 0);
  ASSERT(0, bcmp(s_abc, s_ABC, zero));
  ASSERT(1, bcmp(s_abc, s_abcd, 4) != 0);

  /* index, rindex */
  ASSERT(0, idx(s_hello, index(s_hello, 'H')));
  ASSERT(4, idx(s_hello, index(s_hello, 'o')));
  ASSERT(8, idx(s_hello, rindex(s_hello, 'o')));
  ASSERT(-1, idx(s_hello, index(s_hello, 'q')));
  ASSERT(-1, idx(s_hello, rindex(s_hello, 'q')));
  ASSERT(12, idx(s_hello, index(s_hello, 0)));
  ASSERT(12, idx(s_hello, rindex(s_hello, 0)));
  ASSERT(0, idx(s_empty, index(s_empty, 0)));
  ASSERT(-1, idx(s_empty, index(s_empty, 'a')));
  ASSERT(0, idx(s_high, index(s_high, 0xe9)));      /* c is converted to char */
  ASSERT(0, idx(s_high, rindex(s_high, -23)));

  /* ffs family: bit numbers from 1, 0 for 0 */
  vint = 0;        ASSERT(0, ffs(vint));
  vint = 1;        ASSERT(1, ffs(vint));
  vint = 12;       ASSERT(3, ffs(vint));
  vint = INT_MIN;  ASSERT(32, ffs(vint));
  vint = -1;       ASSERT(1, ffs(vint));
  vint = 0x10000;  ASSERT(17, ffs(vint));
  vlong = 0;       ASSERT(0, ffsl(vlong));
  vlong = LONG_MIN; ASSERT(32, ffsl(vlong));
  vlong = 0x300;   ASSERT(9, ffsl(vlong));
  vll = 0;         ASSERT(0, ffsll(vll));
  vll = 1;         ASSERT(1, ffsll(vll));
  vll = 1LL << 32; ASSERT(33, ffsll(vll));
  vll = LLONG_MIN; ASSERT(64, ffsll(vll));
  vll = 0x8000000080000000LL; ASSERT(32, ffsll(vll));
  vll = -1;        ASSERT(1, ffsll(vll));
  {
    int i, sum = 0;
    for (i = 0; i < 32; i++) { vint = 1 << i; sum += ffs(vint) == i + 1; }
    ASSERT(32, sum);
    for (i = 0, sum = 0; i < 64; i++) { vll = 1LL << i; sum += ffsll(vll) == i + 1; }
    ASSERT(64, sum);
  }

  /* strcasecmp, strncasecmp */
  ASSERT(0, strcasecmp(s_abc, s_ABC));
  ASSERT(0, strcasecmp(s_hello, s_hello));
  ASSERT(-1, SIGN(strcasecmp(s_abc, s_ABD)));
  ASSERT(1, SIGN(strcasecmp(s_ABD, s_abc)));
  ASSERT(-1, SIGN(strcasecmp(s_ABC, s_abcd)));
  ASSERT(1, SIGN(strcasecmp(s_abcd, s_ABC)));
  ASSERT(-1, SIGN(strcasecmp(s_empty, s_abc)));
  ASSERT(1, SIGN(strcasecmp(s_abc, s_empty)));
  ASSERT(0, strcasecmp(s_empty, s_empty));
  ASSERT(-1, SIGN(strcasecmp(s_under, s_A)));     /* '_' < 'a', though '_' > 'A' */
  ASSERT(1, SIGN(strcasecmp(s_brace, s_z)));
  ASSERT(1, SIGN(strcasecmp(s_high, s_e)));       /* bytes compare unsigned, unfolded */
  ASSERT(-1, SIGN(strcasecmp(s_hello, s_HELLO)));
  ASSERT(0, strncasecmp(s_hello, s_HELLO, 12));
  ASSERT(-1, SIGN(strncasecmp(s_hello, s_HELLO, 13)));
  ASSERT(0, strncasecmp(s_abc, s_ABD, 2));
  ASSERT(-1, SIGN(strncasecmp(s_abc, s_ABD, 3)));
  ASSERT(0, strncasecmp(s_abc, s_ABD, zero));
  ASSERT(0, strncasecmp(s_abc, s_ABC, 100));
  ASSERT(-1, SIGN(strncasecmp(s_ABC, s_abcd, 100)));
  ASSERT(0, strncasecmp(s_empty, s_abc, zero));
  {
    /* every letter equals its other case and sorts below the next letter */
    char lower[2] = "a", upper[2] = "A", next[2] = "B";
    int c, equal = 0, below = 0;
    for (c = 0; c < 26; c++) {
      lower[0] = (char)('a' + c);
      upper[0] = (char)('A' + c);
      next[0] = (char)('A' + c + 1);
      equal += strcasecmp(lower, upper) == 0 && strcasecmp(upper, lower) == 0 &&
               strncasecmp(upper, lower, 1) == 0;
      below += c == 25 || (strcasecmp(lower, next) < 0 && strcasecmp(next, upper) > 0);
    }
    ASSERT(26, equal);
    ASSERT(26, below);
  }
  {
    /* every byte 1..255 against a few pivots: the signs, one digit per pivot */
    static const char pivots[] = "@AMZ[_`amz{\x7f\x80\xff";
    char one[2] = "x", pivot[2] = "x";
    int c, p;
    for (p = 0; pivots[p]; p++) {
      long hash = 0;
      pivot[0] = pivots[p];
      for (c = 1; c < 256; c++) {
        one[0] = (char)c;
        hash = hash * 3 + SIGN(strcasecmp(one, pivot)) + 1;
        hash %= 1000000007;
      }
      printf("pivot %d: %ld\n", (unsigned char)pivots[p], hash);
    }
  }
  return fails;
}
