/* Bit counts of 16- and 8-bit values (clang's i16/i8 ctlz/cttz/ctpop) and of zero (the x ? clz(x) : 32 idiom). */
#include <stdio.h>

#ifdef __clang__
#define CLZ16(x) __builtin_clzs(x)
#define CTZ16(x) __builtin_ctzs(x)
#else
#define CLZ16(x) (__builtin_clz((unsigned)(x)) - 16)
#define CTZ16(x) __builtin_ctz((unsigned)(x))
#endif

static int clz16_or_width(unsigned short x) { return x ? CLZ16(x) : 16; }
static int ctz16_or_width(unsigned short x) { return x ? CTZ16(x) : 16; }
static int clz_or_width(unsigned x) { return x ? __builtin_clz(x) : 32; }
static int ctz_or_width(unsigned x) { return x ? __builtin_ctz(x) : 32; }
static int clzll_or_width(unsigned long long x) { return x ? __builtin_clzll(x) : 64; }
static int ctzll_or_width(unsigned long long x) { return x ? __builtin_ctzll(x) : 64; }

int main(void) {
  static const volatile unsigned short v16[] = { 1, 2, 0x8000, 0xffff, 0x00f0, 0x1234, 0x0100 };
  static const volatile unsigned short z16[] = { 0, 1, 0x8000, 0x0040 };
  static const volatile unsigned char v8[] = { 0, 1, 0x80, 0xff, 0x5a, 0x10 };
  static const volatile unsigned v32[] = { 0, 1, 0x80000000u, 0x00010000u };
  static const volatile unsigned long long v64[] = { 0, 1, 0x100000000ULL, 0x8000000000000000ULL, 0xffffffffULL };
  int i;
  for (i = 0; i < (int)(sizeof v16 / sizeof v16[0]); i++) {
    unsigned short x = v16[i];
    printf("%04x clz16=%2d ctz16=%2d pop=%2d\n", x, CLZ16(x), CTZ16(x), __builtin_popcount(x));
  }
  for (i = 0; i < (int)(sizeof z16 / sizeof z16[0]); i++)
    printf("%04x clz16|16=%2d ctz16|16=%2d\n", z16[i], clz16_or_width(z16[i]), ctz16_or_width(z16[i]));
  for (i = 0; i < (int)(sizeof v8 / sizeof v8[0]); i++) {
    unsigned char x = v8[i];
    unsigned char pop = (unsigned char)__builtin_popcount(x);
    printf("%02x pop8=%d\n", x, pop);
  }
  for (i = 0; i < (int)(sizeof v32 / sizeof v32[0]); i++)
    printf("%08x clz=%2d ctz=%2d\n", v32[i], clz_or_width(v32[i]), ctz_or_width(v32[i]));
  for (i = 0; i < (int)(sizeof v64 / sizeof v64[0]); i++)
    printf("%016llx clz=%2d ctz=%2d pop=%2d\n", v64[i], clzll_or_width(v64[i]), ctzll_or_width(v64[i]),
           __builtin_popcountll(v64[i]));
  return 0;
}
