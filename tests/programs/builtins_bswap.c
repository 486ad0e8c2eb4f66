/* __builtin_bswap16/32/64 cross-checked with shift/mask versions; endian conversion of buffers. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static uint32_t bswap32_manual(uint32_t x) {
  return (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24);
}
static uint64_t bswap64_manual(uint64_t x) {
  return ((uint64_t)bswap32_manual((uint32_t)x) << 32) | bswap32_manual((uint32_t)(x >> 32));
}
static uint32_t load_be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

int main(void) {
  /* volatile tables: the builtins are evaluated at run time, not constant-folded */
  static const volatile uint32_t v32[] = { 0, 1, 0x12345678u, 0xdeadbeefu, 0xff000000u, 0x000000ffu, 0x80000001u };
  static const volatile uint64_t v64[] = { 0, 1, 0x0123456789abcdefULL, 0xff00000000000000ULL, 0x8000000000000001ULL };
  int i;
  for (i = 0; i < 7; i++) {
    uint32_t b = __builtin_bswap32(v32[i]);
    printf("bswap32(%08x) = %08x\n", v32[i], b);
    if (b != bswap32_manual(v32[i])) { printf("FAIL\n"); fails++; }
  }
  for (i = 0; i < 5; i++) {
    uint64_t b = __builtin_bswap64(v64[i]);
    printf("bswap64(%016llx) = %016llx\n", (unsigned long long)v64[i], (unsigned long long)b);
    if (b != bswap64_manual(v64[i])) { printf("FAIL\n"); fails++; }
  }
  ASSERT(0x3412, __builtin_bswap16(0x1234));
  ASSERT(0x00ff, __builtin_bswap16(0xff00));
  ASSERT(0x12345678u, __builtin_bswap32(__builtin_bswap32(0x12345678u)));
  {
    /* big-endian wire format */
    unsigned char wire[8] = { 0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x01, 0x00 };
    uint32_t a, b;
    a = (uint32_t)wire[0] | (uint32_t)wire[1] << 8 | (uint32_t)wire[2] << 16 | (uint32_t)wire[3] << 24;
    b = (uint32_t)wire[4] | (uint32_t)wire[5] << 8 | (uint32_t)wire[6] << 16 | (uint32_t)wire[7] << 24;
    ASSERT(0xcafebabeu, __builtin_bswap32(a));
    ASSERT(256, __builtin_bswap32(b));
    ASSERT(load_be32(wire), __builtin_bswap32(a));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
