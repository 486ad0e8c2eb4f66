/* Multi-precision arithmetic with 32-bit limbs and 64-bit intermediates: 50!, 2^200, Fibonacci(300), decimal printing. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

#include "test.h"

#define LIMBS 8   /* 256 bits */
typedef struct { uint32_t d[LIMBS]; } big;

static void big_set(big *a, uint32_t v) { memset(a, 0, sizeof *a); a->d[0] = v; }
static void big_mul_small(big *a, uint32_t m) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < LIMBS; i++) { uint64_t t = (uint64_t)a->d[i] * m + carry; a->d[i] = (uint32_t)t; carry = t >> 32; }
}
static void big_add(big *r, const big *a, const big *b) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < LIMBS; i++) { uint64_t t = (uint64_t)a->d[i] + b->d[i] + carry; r->d[i] = (uint32_t)t; carry = t >> 32; }
}
static uint32_t big_div_small(big *a, uint32_t m) {
  uint64_t rem = 0;
  int i;
  for (i = LIMBS - 1; i >= 0; i--) { uint64_t cur = rem << 32 | a->d[i]; a->d[i] = (uint32_t)(cur / m); rem = cur % m; }
  return (uint32_t)rem;
}
static int big_is_zero(const big *a) { int i; for (i = 0; i < LIMBS; i++) if (a->d[i]) return 0; return 1; }
static void big_print(const char *label, const big *a) {
  big t = *a;
  uint32_t chunks[40];
  int n = 0;
  if (big_is_zero(&t)) { printf("%s = 0\n", label); return; }
  while (!big_is_zero(&t)) chunks[n++] = big_div_small(&t, 10000u);   /* small divisor: 4 digits per chunk */
  printf("%s = %u", label, chunks[--n]);
  while (n) printf("%04u", chunks[--n]);
  printf("\n");
}
static int digit_sum(const big *a) {
  big t = *a;
  int s = 0;
  while (!big_is_zero(&t)) {
    uint32_t chunk = big_div_small(&t, 10000u);
    while (chunk) { s += (int)(chunk % 10); chunk /= 10; }
  }
  return s;
}

int main(void) {
  big f, p, a, b, c;
  uint32_t i;
  big_set(&f, 1);
  for (i = 2; i <= 50; i++) big_mul_small(&f, i);
  big_print("50!", &f);
  ASSERT(216, digit_sum(&f));
  big_set(&p, 1);
  for (i = 0; i < 200; i++) big_mul_small(&p, 2);
  big_print("2^200", &p);
  big_set(&a, 0);
  big_set(&b, 1);
  for (i = 0; i < 300; i++) { big_add(&c, &a, &b); a = b; b = c; }
  big_print("fib(300)", &a);
  {
    big t = f;
    ASSERT(65, (long long)big_div_small(&t, 97));   /* 97 is prime and > 50 */
    t = p;
    ASSERT(1, (long long)big_div_small(&t, 3));   /* 2^200 = (3-1)^200 = 1 mod 3 */
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
