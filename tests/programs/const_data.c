/* const-qualified globals, tables and lookup arrays in read-only data; const pointers and pointer-to-const. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static const int primes[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29 };
static const unsigned char sbox[16] = { 0xc, 0x5, 0x6, 0xb, 0x9, 0x0, 0xa, 0xd, 0x3, 0xe, 0xf, 0x8, 0x4, 0x7, 0x1, 0x2 };
static const char hexdig[] = "0123456789abcdef";
static const struct { const char *name; int value; } consts[] = { { "one", 1 }, { "ten", 10 }, { "hundred", 100 } };
static const int64_t big_table[3] = { INT64_MIN, 0, INT64_MAX };
static const char *const week[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
const int answer = 42;

static int sum_const(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
static void to_hex(unsigned v, char *out) {
  int i;
  for (i = 7; i >= 0; i--) { out[i] = hexdig[v & 15]; v >>= 4; }
  out[8] = 0;
}

int main(void) {
  ASSERT(129, sum_const(primes, 10));
  ASSERT(10, (int)(sizeof primes / sizeof primes[0]));
  ASSERT(17, sizeof hexdig);
  {
    unsigned x = 0x0123abcdu, y = 0;
    int i;
    for (i = 0; i < 8; i++) y |= (unsigned)sbox[(x >> (4 * i)) & 15] << (4 * i);
    char buf[9];
    to_hex(y, buf);
    printf("sbox(%08x) = %s\n", x, buf);
  }
  {
    int i, s = 0;
    for (i = 0; i < 3; i++) { printf("%s=%d ", consts[i].name, consts[i].value); s += consts[i].value; }
    printf("\n");
    ASSERT(111, s);
  }
  ASSERT(INT64_MIN, big_table[0]);
  ASSERT(INT64_MAX, big_table[2]);
  printf("%s..%s\n", week[0], week[6]);
  ASSERT(42, answer);
  {
    int v = 1, w = 2;
    const int *pc = &v;       /* pointer to const */
    int *const cp = &v;       /* const pointer */
    const int *const cpc = &w;
    *cp = 10;
    pc = &w;
    ASSERT(2, *pc);
    ASSERT(10, v);
    ASSERT(2, *cpc);
    const int local_const = 7;
    ASSERT(49, local_const * local_const);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
