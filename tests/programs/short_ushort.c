/* short and unsigned short: range, promotion, truncating stores, arrays of shorts. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) short s_id(short x) { return x; }
static __attribute__((noinline)) unsigned short us_id(unsigned short x) { return x; }
static int sum_shorts(const short *p, int n) { int s = 0; while (n--) s += *p++; return s; }

int main(void) {
  ASSERT(2, sizeof(short));
  ASSERT(-32768, SHRT_MIN);
  ASSERT(32767, SHRT_MAX);
  ASSERT(65535, USHRT_MAX);
  ASSERT(-1, s_id((short)0xffff));
  ASSERT(-32768, s_id((short)0x8000));
  ASSERT(0, s_id((short)0x10000));
  ASSERT(0x1234, s_id((short)0xabcd1234));
  ASSERT(65535, us_id((unsigned short)-1));
  ASSERT(0x8000, us_id((unsigned short)0x8000));
  ASSERT(0xcdef, us_id((unsigned short)0x89abcdef));
  {
    short a = 32767;
    a = (short)(a + 1);
    ASSERT(-32768, a);
    unsigned short b = 0;
    b--;
    ASSERT(65535, b);
    b++;
    ASSERT(0, b);
    short c = -300;
    unsigned short d = (unsigned short)c;
    ASSERT(65236, d);
    ASSERT(-300, (short)d);
    ASSERT(1, c < d);
    ASSERT(-300 * 300, c * 300);
    ASSERT(32767 * 32767, (short)32767 * (short)32767);
    ASSERT(65535 * 65535u, (unsigned)(unsigned short)65535 * (unsigned short)65535);
    ASSERT(-150, c / 2);
    ASSERT(-1, c >> 15);
    ASSERT(1, d >> 15);
  }
  {
    short arr[10];
    unsigned short uarr[10];
    int i;
    for (i = 0; i < 10; i++) { arr[i] = (short)(i * 5000 - 20000); uarr[i] = (unsigned short)(i * 9000); }
    for (i = 0; i < 10; i++) printf("%d:%hd,%hu ", i, arr[i], uarr[i]);
    printf("\n");
    ASSERT(25000, sum_shorts(arr, 10));
    ASSERT(20, (int)sizeof arr);
    ASSERT(9000 * 8 - 65536, (short)uarr[8]);
  }
  {
    int big = 100000;
    short t = (short)big;
    unsigned short ut = (unsigned short)big;
    ASSERT(-31072, t);
    ASSERT(34464, ut);
    printf("%hd %hu %hx %ho\n", (short)-2, (unsigned short)-2, (unsigned short)0xbeef, (unsigned short)8);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
