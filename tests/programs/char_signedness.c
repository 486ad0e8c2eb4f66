/* Plain char is signed on this target; signed char / unsigned char conversions and arithmetic. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static __attribute__((noinline)) int as_int(char c) { return c; }
static __attribute__((noinline)) int uc_int(unsigned char c) { return c; }
static __attribute__((noinline)) int sc_int(signed char c) { return c; }

int main(void) {
  char c = (char)0x80;
  ASSERT(-128, c);
  ASSERT(-128, CHAR_MIN);
  ASSERT(127, CHAR_MAX);
  ASSERT(-128, SCHAR_MIN);
  ASSERT(255, UCHAR_MAX);
  ASSERT(8, CHAR_BIT);
  ASSERT(1, (char)-1 < 0);
  ASSERT(-1, as_int((char)255));
  ASSERT(255, uc_int((unsigned char)-1));
  ASSERT(-1, sc_int((signed char)0xff));
  ASSERT(127, as_int((char)127));
  ASSERT(-127, as_int((char)129));
  ASSERT(0, as_int((char)256));
  ASSERT(1, as_int((char)257));
  {
    const char *s = "\xff\x80\x7f\x01";
    ASSERT(-1, s[0]);
    ASSERT(-128, s[1]);
    ASSERT(127, s[2]);
    ASSERT(255, (unsigned char)s[0]);
    ASSERT(128, (unsigned char)s[1]);
    ASSERT(1, s[0] < s[3]);
    ASSERT(0, (unsigned char)s[0] < (unsigned char)s[3]);
  }
  {
    char x = 100;
    x = (char)(x + 100);  /* 200 -> -56 */
    ASSERT(-56, x);
    signed char y = -128;
    y = (signed char)(y - 1);  /* -129 -> 127 */
    ASSERT(127, y);
    unsigned char z = 250;
    z = (unsigned char)(z + 10);
    ASSERT(4, z);
    ASSERT(-56 >> 2, x >> 2);
    ASSERT(-28, x / 2);
    ASSERT(1, sizeof(char));
    ASSERT(4, sizeof(x + x));
    ASSERT(4, sizeof('a'));
  }
  {
    int i, neg = 0, sum = 0;
    for (i = 0; i < 256; i++) {
      char ch = (char)i;
      if (ch < 0) neg++;
      sum += ch;
    }
    ASSERT(128, neg);
    ASSERT(-128, sum);
  }
  {
    char buf[4] = { (char)0xe9, 'a', (char)0xfe, 0 };
    int i;
    for (i = 0; i < 3; i++) printf("buf[%d] = %d / %u / %x / %hhx / %hhd\n", i, buf[i], (unsigned char)buf[i], (unsigned char)buf[i], buf[i], buf[i]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
