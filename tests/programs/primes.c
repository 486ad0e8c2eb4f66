/* Prime sieve (Eratosthenes on a bit array), trial division, prime counting, factorisation, Miller-Rabin with 64-bit products. */
#include <stdio.h>
#include <string.h>

#include "test.h"

#define LIMIT 2000
static unsigned char sieve_bits[LIMIT / 8 + 1];

static int is_composite(int n) { return sieve_bits[n >> 3] >> (n & 7) & 1; }
static void mark(int n) { sieve_bits[n >> 3] |= (unsigned char)(1u << (n & 7)); }

static int trial(unsigned n) {
  unsigned d;
  if (n < 2) return 0;
  if (n % 2 == 0) return n == 2;
  for (d = 3; d <= n / d; d += 2) if (n % d == 0) return 0;
  return 1;
}
/* 32-bit modulus: products of two residues fit in 64 bits */
static unsigned mulmod(unsigned a, unsigned b, unsigned m) { return (unsigned)((unsigned long long)a * b % m); }
static unsigned powmod(unsigned b, unsigned e, unsigned m) {
  unsigned r = 1;
  b %= m;
  while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
  return r;
}
/* deterministic for all n < 2^32 with bases 2, 7, 61 */
static int miller_rabin(unsigned n) {
  static const unsigned bases[] = { 2, 7, 61 };
  unsigned d = n - 1;
  int s = 0, i, j;
  if (n < 2) return 0;
  for (i = 0; i < 3; i++) if (n % bases[i] == 0) return n == bases[i];
  while (!(d & 1)) { d >>= 1; s++; }
  for (i = 0; i < 3; i++) {
    unsigned x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    for (j = 1; j < s; j++) { x = mulmod(x, x, n); if (x == n - 1) break; }
    if (j == s) return 0;
  }
  return 1;
}

int main(void) {
  int i, j, count = 0;
  memset(sieve_bits, 0, sizeof sieve_bits);
  mark(0); mark(1);
  for (i = 2; i * i < LIMIT; i++)
    if (!is_composite(i))
      for (j = i * i; j < LIMIT; j += i) mark(j);
  for (i = 0; i < LIMIT; i++) count += !is_composite(i);
  ASSERT(303, count);
  printf("first primes:");
  for (i = 0, j = 0; j < 20; i++) if (!is_composite(i)) { printf(" %d", i); j++; }
  printf("\nlast primes below %d:", LIMIT);
  for (i = LIMIT - 1, j = 0; j < 5; i--) if (!is_composite(i)) { printf(" %d", i); j++; }
  printf("\n");
  {
    int agree = 1;
    for (i = 0; i < 600; i++) if (trial((unsigned)i) != !is_composite(i)) agree = 0;
    ASSERT(1, agree);
  }
  {
    unsigned n = 2 * 2 * 3 * 7 * 7 * 101 * 65521u / 4;
    unsigned m = n, d;
    printf("factor %u =", n);
    for (d = 2; d <= m / d; d++) while (m % d == 0) { printf(" %u", d); m /= d; }
    if (m > 1) printf(" %u", m);
    printf("\n");
  }
  {
    static const unsigned cands[] = { 1, 2, 61, 97, 561, 7919, 46657u, 65521u, 63689u, 104729u };
    for (i = 0; i < 10; i++) printf("%u %s\n", cands[i], miller_rabin(cands[i]) ? "prime" : "composite");
    int agree = 1;
    for (i = 0; i < 1000; i += 7) if (miller_rabin((unsigned)i) != !is_composite(i)) agree = 0;
    ASSERT(1, agree);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
