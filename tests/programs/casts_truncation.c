/* Explicit casts narrowing 64/32/16 bits to smaller types and back. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

int main(void) {
  static const long long v[] = { 0, 1, -1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 2147483647LL, 2147483648LL,
                                 4294967295LL, 4294967296LL, -129, -32769, 0x123456789abcdefLL, -0x123456789abcdefLL };
  int i;
  for (i = 0; i < (int)(sizeof v / sizeof v[0]); i++) {
    long long x = v[i];
    printf("%lld -> i8 %d u8 %u i16 %d u16 %u i32 %d u32 %u\n", x,
           (signed char)x, (unsigned char)x, (short)x, (unsigned short)x, (int)x, (unsigned)x);
  }
  ASSERT(0x78, (unsigned char)0x12345678);
  ASSERT(0x5678, (unsigned short)0x12345678);
  ASSERT(-0x5544, (short)0xaabbaabc);
  ASSERT(0x9abcdef, (int)0x123456789abcdefLL & 0xfffffff);
  ASSERT((int)0x89abcdef, (int)0x0123456789abcdefLL);
  ASSERT(0x89abcdef, (unsigned)0x0123456789abcdefLL);
  {
    int64_t big = 0x7fffffff80000000LL;
    int32_t lo = (int32_t)big;
    uint32_t ulo = (uint32_t)big;
    int32_t hi = (int32_t)(big >> 32);
    ASSERT(INT32_MIN, lo);
    ASSERT(0x80000000u, ulo);
    ASSERT(0x7fffffff, hi);
    /* round trip through smaller types */
    int k = 0x1ff;
    ASSERT(0xff, (unsigned char)k);
    ASSERT(-1, (signed char)k);
    ASSERT(0x1ff, (int)(short)k);
    ASSERT(255, (int)(unsigned char)(signed char)-1);
    ASSERT(-1, (int)(signed char)(unsigned char)255);
    ASSERT(65535, (unsigned short)(short)-1);
    ASSERT(4294967295LL, (long long)(unsigned)-1);
    ASSERT(-1, (long long)(int)-1);
  }
  {
    /* assignment truncates implicitly via casts */
    unsigned char bytes[8];
    unsigned long long w = 0x1122334455667788ULL;
    int j;
    for (j = 0; j < 8; j++) bytes[j] = (unsigned char)(w >> (8 * j));
    for (j = 0; j < 8; j++) printf("%02x", bytes[j]);
    printf("\n");
    unsigned long long back = 0;
    for (j = 7; j >= 0; j--) back = back << 8 | bytes[j];
    ASSERT(0x1122334455667788LL, (long long)back);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
