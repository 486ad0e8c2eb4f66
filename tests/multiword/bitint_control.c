/* Integers wider than 64 bits flowing through a program: loop-carried values (phis),
   decimal printing by repeated division by 10, selects and min/max, a switch on a
   128-bit value, wide globals and a sorted array, values passed to and returned from
   functions. Compared against a native clang build (tests/multiword.sh). */
#include <stdio.h>
#include <stdlib.h>

typedef unsigned _BitInt(128) u128;
typedef signed _BitInt(128) s128;
typedef signed _BitInt(108) s108;
typedef unsigned _BitInt(72) u72;

static void print_decimal(s128 v) {
  char digits[48];
  int n = 0;
  u128 m = v < 0 ? -(u128)v : (u128)v;
  do {
    digits[n++] = (char)('0' + (int)(m % 10));
    m /= 10;
  } while (m != 0);
  if (v < 0) putchar('-');
  while (n > 0) putchar(digits[--n]);
  putchar('\n');
}

static u128 factorial(unsigned n) { return n <= 1 ? 1 : n * factorial(n - 1); }

/* Clang makes llvm.abs of these. */
static s128 magnitude(s128 v) { return v < 0 ? -v : v; }
static s108 magnitude108(s108 v) { return v < 0 ? -v : v; }

static const char *classify(u128 v) {
  switch (v) {
    case 0: return "zero";
    case (u128)1 << 64: return "two to the 64";
    case ((u128)1 << 127) | 5: return "top bit and five";
    case 0xFFFFFFFFFFFFFFFFull: return "all ones in 64";
    default: return v > ((u128)1 << 100) ? "big" : "small";
  }
}

static s108 table[] = {5, -7, (s108)1 << 100, -((s108)1 << 106), 0, 123456789012345678, -1, 42};
#define TABLE (sizeof table / sizeof table[0])

static int by_value(const void *x, const void *y) {
  s108 a = *(const s108 *)x, b = *(const s108 *)y;
  return a < b ? -1 : a > b;
}

static u72 rotate72(u72 v, int k) { return (v << k) | (v >> (72 - k)); }

static volatile unsigned seed = 12345;

int main(void) {
  unsigned i;
  u128 a = 0, b = 1, lcg = seed, lo = ~(u128)0, hi = 0;
  for (i = 0; i < 184; i++) { /* fib(184) fits in a signed 128-bit value */
    u128 t = a + b;
    a = b;
    b = t;
  }
  print_decimal((s128)a);
  print_decimal(-(s128)(a / 3));
  for (i = 1; i <= 33; i += 8) print_decimal((s128)factorial(i));
  print_decimal((s128)factorial(33));
  for (i = 0; i < 20; i++) {
    lcg = lcg * (((u128)0x2360ED051FC65DA4ull << 64) | 0x4385DF649FCCF645ull) + 1442695040888963407ull;
    lo = lcg < lo ? lcg : lo;
    hi = lcg > hi ? lcg : hi;
    printf("%s ", classify(lcg >> (i * 6)));
  }
  printf("\n");
  print_decimal((s128)lo);
  print_decimal((s128)hi);
  for (i = 0; i < 5; i++) {
    u128 v = i == 0 ? 0 : i == 1 ? (u128)1 << 64 : i == 2 ? ((u128)1 << 127) | 5 : i == 3 ? 0xFFFFFFFFFFFFFFFFull : 77;
    printf("%s\n", classify(v + seed - 12345));
  }
  qsort(table, TABLE, sizeof table[0], by_value);
  for (i = 0; i < TABLE; i++) {
    print_decimal(table[i]);
    print_decimal(magnitude(table[i] * 3));
    print_decimal(magnitude108(table[i] * 5));
  }
  {
    u72 r = ((u72)0x80 << 64) | 0xF; /* bits 71 and 0..3 */
    for (i = 1; i < 72; i += 17) {
      r = rotate72(r, (int)i);
      printf("%02x%016llx\n", (unsigned)(r >> 64), (unsigned long long)r);
    }
  }
  return (int)(factorial(20) % 251);
}
