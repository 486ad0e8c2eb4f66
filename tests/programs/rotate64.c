/* 64-bit rotations (which compilers turn into funnel shifts): constant and variable amounts, 0 and 63. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) uint64_t rotl64(uint64_t x, unsigned r) { r &= 63; return r ? (x << r) | (x >> (64 - r)) : x; }
static __attribute__((noinline)) uint64_t rotr64(uint64_t x, unsigned r) { r &= 63; return r ? (x >> r) | (x << (64 - r)) : x; }
static __attribute__((noinline)) uint64_t rotl64_masked(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> (-r & 63)); }

int main(void) {
  uint64_t v = 0x0123456789abcdefULL;
  unsigned r;
  uint64_t h = 0;
  ASSERT(0x23456789abcdef01LL, (long long)rotl64(v, 8));
  ASSERT((long long)0xef0123456789abcdULL, (long long)rotr64(v, 8));
  ASSERT((long long)0x89abcdef01234567ULL, (long long)rotl64(v, 32));
  ASSERT((long long)v, (long long)rotl64(v, 0));
  ASSERT((long long)v, (long long)rotl64(v, 64));
  ASSERT((long long)0x8091a2b3c4d5e6f7ULL, (long long)rotl64(v, 63));
  ASSERT(1, (long long)rotl64(0x8000000000000000ULL, 1));
  for (r = 0; r < 64; r++) {
    uint64_t a = rotl64(v, r), b = rotr64(v, 64 - r), c = rotl64_masked(v, r);
    if (a != b || a != c) { printf("mismatch at %u FAIL\n", r); fails++; }
    h = h * 31 + a;
  }
  printf("hash %016llx\n", (unsigned long long)h);
  {
    /* constant rotates as used in hash functions */
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    int k;
    for (k = 0; k < 8; k++) {
      x ^= (x << 13 | x >> 51);
      x += (x >> 17 | x << 47);
      x = rotl64(x, 5) * 0x100000001b3ULL;
    }
    printf("mix %016llx\n", (unsigned long long)x);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
