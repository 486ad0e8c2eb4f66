/* Sign and zero extension when widening: char/short/int to int/long long, loads from memory. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) long long widen_sc(signed char c) { return c; }
static __attribute__((noinline)) long long widen_uc(unsigned char c) { return c; }
static __attribute__((noinline)) long long widen_s(short s) { return s; }
static __attribute__((noinline)) long long widen_us(unsigned short s) { return s; }
static __attribute__((noinline)) long long widen_i(int i) { return i; }
static __attribute__((noinline)) long long widen_u(unsigned u) { return u; }
static __attribute__((noinline)) unsigned long long widen_i_u64(int i) { return (unsigned long long)i; }

int main(void) {
  ASSERT(-1, widen_sc(-1));
  ASSERT(255, widen_uc(255));
  ASSERT(-128, widen_sc(-128));
  ASSERT(-32768, widen_s(-32768));
  ASSERT(65535, widen_us(65535));
  ASSERT(-2147483647LL - 1, widen_i(-2147483647 - 1));
  ASSERT(4294967295LL, widen_u(4294967295u));
  ASSERT(-1, (long long)widen_i_u64(-1));
  ASSERT(1, widen_i_u64(-1) == 0xffffffffffffffffULL);
  {
    uint8_t raw[8] = { 0xff, 0x80, 0x7f, 0x00, 0xfe, 0xff, 0x01, 0x80 };
    int8_t s8[8];
    int16_t s16[4];
    uint16_t u16[4];
    int i;
    for (i = 0; i < 8; i++) s8[i] = (int8_t)raw[i];
    for (i = 0; i < 4; i++) {
      u16[i] = (uint16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
      s16[i] = (int16_t)u16[i];
    }
    for (i = 0; i < 8; i++) printf("s8[%d]=%d u8=%d\n", i, s8[i], raw[i]);
    for (i = 0; i < 4; i++) printf("s16[%d]=%d u16=%d as64=%lld\n", i, s16[i], u16[i], (long long)s16[i]);
  }
  {
    /* sign extension via shifts (implementation-defined: arithmetic right shift) */
    int x = 0xabc;                         /* 12-bit value, top bit set */
    int sx = (int)((unsigned)x << 20) >> 20;
    ASSERT(-1348, sx);
    int y = 0x5bc;
    ASSERT(0x5bc, (int)((unsigned)y << 20) >> 20);
    /* portable version */
    int m = 1 << 11;
    ASSERT(-1348, (x ^ m) - m);
  }
  {
    /* mixing signed 32-bit into 64-bit sums */
    int vals[4] = { -1, -2147483647 - 1, 2147483647, -5 };
    long long s = 0;
    unsigned long long us = 0;
    int i;
    for (i = 0; i < 4; i++) { s += vals[i]; us += (unsigned)vals[i]; }
    ASSERT(-7, s);
    ASSERT(0x2fffffff9LL, (long long)us);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
