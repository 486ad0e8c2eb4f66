/* Bit tricks: set/clear/toggle/test, bit reversal, 32-bit rotations, Gray code, sign tricks, extracting fields, bitsets. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return r ? (x << r) | (x >> (32 - r)) : x; }
static uint32_t rotr32(uint32_t x, unsigned r) { r &= 31; return r ? (x >> r) | (x << (32 - r)) : x; }
static uint32_t reverse_bits(uint32_t x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
  return (x >> 16) | (x << 16);
}
static int popcount_swar(uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0f0f0f0fu;
  return (int)((x * 0x01010101u) >> 24);
}
static uint32_t gray(uint32_t n) { return n ^ (n >> 1); }
static uint32_t gray_inv(uint32_t g) { g ^= g >> 16; g ^= g >> 8; g ^= g >> 4; g ^= g >> 2; g ^= g >> 1; return g; }
static uint32_t extract(uint32_t x, int lo, int width) { return (x >> lo) & ((width == 32) ? 0xffffffffu : ((1u << width) - 1)); }
static uint32_t insert(uint32_t x, uint32_t v, int lo, int width) {
  uint32_t mask = ((width == 32) ? 0xffffffffu : ((1u << width) - 1)) << lo;
  return (x & ~mask) | ((v << lo) & mask);
}

int main(void) {
  uint32_t x = 0;
  x |= 1u << 5;
  x |= 1u << 31;
  ASSERT(0x80000020u, x);
  x &= ~(1u << 5);
  ASSERT(0x80000000u, x);
  x ^= 0xffu;
  ASSERT(0x800000ffu, x);
  ASSERT(1, (x >> 7) & 1);
  ASSERT(0, (x >> 8) & 1);
  ASSERT(0x2468acf0u, rotl32(0x12345678u, 1));
  ASSERT(0x81234567u, rotr32(0x12345678u, 4));
  ASSERT(0x12345678u, rotl32(0x12345678u, 32));
  ASSERT(0x78123456u, rotl32(0x12345678u, 24));
  ASSERT(0x1e6a2c48u, reverse_bits(0x12345678u));
  ASSERT(1, reverse_bits(0x80000000u));
  ASSERT(0, reverse_bits(0));
  ASSERT(13, popcount_swar(0x12345678u));
  ASSERT(32, popcount_swar(0xffffffffu));
  {
    uint32_t i, ok = 1;
    printf("gray:");
    for (i = 0; i < 16; i++) printf(" %x", gray(i));
    printf("\n");
    for (i = 0; i < 1000; i += 7) {
      if (gray_inv(gray(i)) != i) ok = 0;
      if (popcount_swar(gray(i) ^ gray(i + 1)) != 1) ok = 0;
    }
    ASSERT(1, ok);
  }
  {
    uint32_t reg = 0xdeadbeefu;
    ASSERT(0xe, extract(reg, 4, 4));
    ASSERT(0xdead, extract(reg, 16, 16));
    ASSERT(0xdeadbeefu, extract(reg, 0, 32));
    ASSERT(0xdea5beefu, insert(reg, 5, 16, 4));
    ASSERT(0x12345678u, insert(reg, 0x12345678u, 0, 32));
    ASSERT(0xdeadbe0fu, insert(reg, 0x100u, 4, 4));
  }
  {
    /* sign tricks */
    int v = -37;
    int sign = (v > 0) - (v < 0);
    ASSERT(-1, sign);
    ASSERT(1, ((v ^ 5) < 0));            /* opposite signs */
    ASSERT(0, ((v ^ -5) < 0));
    unsigned u = 40;
    ASSERT(1, (u & (u - 1)) != 0);
    ASSERT(64, (u | (u >> 1) | (u >> 2) | (u >> 3) | (u >> 4) | (u >> 5)) + 1);
  }
  {
    /* a 200-bit bitset */
    uint32_t bits[7] = { 0 };
    int i, cnt = 0;
    for (i = 0; i < 200; i += 3) bits[i / 32] |= 1u << (i % 32);
    for (i = 0; i < 200; i += 5) bits[i / 32] ^= 1u << (i % 32);
    for (i = 0; i < 7; i++) { cnt += popcount_swar(bits[i]); printf("%08x ", bits[i]); }
    printf("\ncount %d\n", cnt);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
