/* Integers wider than 64 bits through Clang's _BitInt: 128, 96, 108 and 65 bits,
   unsigned and signed. Every operation on a table of edge values (0, 1, -1, the
   largest and smallest, word boundaries, bit patterns), printed as 64-bit halves in
   hex. gcc 12 and gcc -m32 have neither _BitInt nor __int128 here, so the reference
   is a native (x86-64) build of this file by clang: _BitInt's arithmetic does not
   depend on the target. Inputs go through a volatile so nothing is folded.
   -D STRIDE=K takes every K-th value (a shorter run, for the transformer engines). */
#include <stdio.h>

/* TRANSFORMER RUN: -D STRIDE=8 */

typedef unsigned _BitInt(128) u128;
typedef signed _BitInt(128) s128;
typedef unsigned _BitInt(96) u96;
typedef signed _BitInt(96) s96;
typedef unsigned _BitInt(108) u108;
typedef signed _BitInt(108) s108;
typedef unsigned _BitInt(65) u65;
typedef signed _BitInt(65) s65;

static unsigned checksum = 0;

static void put(const char *what, u128 v) {
  unsigned long long hi = (unsigned long long)(v >> 64), lo = (unsigned long long)v;
  printf("%s %016llx%016llx\n", what, hi, lo);
  checksum = checksum * 31 + (unsigned)lo + (unsigned)(lo >> 32) * 7 + (unsigned)hi * 13 + (unsigned)(hi >> 32);
}

static u128 wide(unsigned long long hi, unsigned long long lo) { return ((u128)hi << 64) | lo; }

/* Edge values and patterns, initialised in the data (wide constants in a global). */
static const u128 values[] = {
    0,
    1,
    2,
    7,
    0xFFFFFFFFu,
    0x100000000ull,
    0xFFFFFFFFFFFFFFFFull,
    (u128)0xFFFFFFFFFFFFFFFFull + 1,
    (u128)0x123456789ABCDEF0ull << 40,
    ((u128)1 << 127),
    ((u128)1 << 127) - 1,
    ~(u128)0,
    ~(u128)0 - 12345,
    ((u128)0xDEADBEEFCAFEBABEull << 64) | 0x0123456789ABCDEFull,
    ((u128)0x8000000000000000ull << 64) | 1,
    (u128)1000000007 * 998244353 * 1000000009,
};
#define COUNT (sizeof values / sizeof values[0])
static const int shifts[] = {0, 1, 5, 31, 32, 33, 63, 64, 65, 95, 96, 100, 127};
#define SHIFTS (sizeof shifts / sizeof shifts[0])

#ifndef STRIDE
#define STRIDE 1
#endif

static volatile int zero_v = 0;

int main(void) {
  unsigned i, j, k;
  int z = zero_v;
  char label[64];
  for (i = 0; i < COUNT; i += STRIDE) {
    u128 a = values[i + z];
    s128 sa = (s128)a;
    sprintf(label, "v%u", i);
    put(label, a);
    put(" neg", -a);
    put(" not", ~a);
    put(" sq", a * a);
    for (k = 0; k < SHIFTS; k++) {
      int s = shifts[k] + z;
      put(" shl", a << s);
      put(" lshr", a >> s);
      put(" ashr", (u128)(sa >> s));
    }
    put(" shl7", a << 7);
    put(" lshr70", a >> 70);
    put(" ashr100", (u128)(sa >> 100));
    put(" s96", (u128)(s128)(s96)a);
    put(" u96", (u128)(u96)a);
    put(" s108", (u128)(s128)(s108)a);
    put(" s65", (u128)(s128)(s65)a);
    put(" u65", (u128)(u65)a);
    printf(" to64 %lld %llu %d %u\n", (long long)sa, (unsigned long long)a, (int)sa, (unsigned)(a >> 100));
    for (j = (i / STRIDE) % STRIDE; j < COUNT; j += STRIDE) {
      u128 b = values[j + z];
      s128 sb = (s128)b;
      printf(" cmp %u: %d%d%d%d %d%d%d%d %d%d\n", j, a < b, a <= b, a > b, a >= b, sa < sb, sa <= sb, sa > sb,
             sa >= sb, a == b, a != b);
      put("  add", a + b);
      put("  sub", a - b);
      put("  mul", a * b);
      put("  and", a & b);
      put("  or", a | b);
      put("  xor", a ^ b);
      if (b != 0) {
        put("  udiv", a / b);
        put("  urem", a % b);
        if (!(sb == -1 && sa == (s128)((u128)1 << 127))) {
          put("  sdiv", (u128)(sa / sb));
          put("  srem", (u128)(sa % sb));
        }
      }
      {
        u128 r;
        s128 sr;
        u96 r96;
        s96 s96r;
        s108 s108r;
        u65 r65;
        int o1 = __builtin_add_overflow(a, b, &r), o2 = __builtin_sub_overflow(sa, sb, &sr);
        int o3 = __builtin_add_overflow(sa, sb, &sr), o4 = __builtin_sub_overflow(a, b, &r);
        int o5 = __builtin_add_overflow((u96)a, (u96)b, &r96), o6 = __builtin_sub_overflow((s96)a, (s96)b, &s96r);
        int o7 = __builtin_add_overflow((s108)a, (s108)b, &s108r), o8 = __builtin_sub_overflow((u65)a, (u65)b, &r65);
        int o9 = __builtin_sub_overflow((s108)a, (s108)b, &s108r);
        printf("  overflow %d%d%d%d %d%d%d%d%d\n", o1, o2, o3, o4, o5, o6, o7, o8, o9);
        put("  o108", (u128)(s128)s108r);
        put("  o65", (u128)r65);
        put("  o96", (u128)(s128)s96r);
      }
      {
        u96 x = (u96)a, y = (u96)b;
        s96 sx = (s96)x, sy = (s96)y;
        put("  96add", (u128)(u96)(x + y));
        put("  96mul", (u128)(u96)(x * y));
        if (y != 0) put("  96div", (u128)(x / y));
        if (sy != 0 && !(sy == -1)) put("  96sdiv", (u128)(s128)(sx / sy));
        if (sy != 0 && !(sy == -1)) put("  96srem", (u128)(s128)(sx % sy));
        printf("  96cmp %d%d%d\n", x < y, sx < sy, sx >= sy);
      }
      {
        u108 x = (u108)a, y = (u108)b;
        s108 sx = (s108)x, sy = (s108)y;
        put("  108sub", (u128)(u108)(x - y));
        put("  108mul", (u128)(u108)(x * y));
        if (sy != 0 && !(sy == -1)) put("  108sdiv", (u128)(s128)(sx / sy));
        printf("  108cmp %d%d\n", x < y, sx < sy);
      }
      {
        u65 x = (u65)a, y = (u65)b;
        s65 sx = (s65)x, sy = (s65)y;
        put("  65add", (u128)(u65)(x + y));
        put("  65mul", (u128)(u65)(x * y));
        if (y != 0) put("  65urem", (u128)(x % y));
        if (sy != 0 && !(sy == -1)) put("  65srem", (u128)(s128)(sx % sy));
        printf("  65cmp %d%d\n", x < y, sx < sy);
      }
    }
  }
  printf("checksum %08x\n", checksum);
  return 0;
}
