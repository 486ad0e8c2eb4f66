/* uint8_t / unsigned char arithmetic: promotion to int, wrap on store, compound assignment, loops, mixed with int8_t. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) uint8_t add8(uint8_t a, uint8_t b) { return (uint8_t)(a + b); }
static __attribute__((noinline)) uint8_t mul8(uint8_t a, uint8_t b) { return (uint8_t)(a * b); }
static __attribute__((noinline)) uint8_t sub8(uint8_t a, uint8_t b) { return (uint8_t)(a - b); }
static __attribute__((noinline)) int8_t sadd8(int8_t a, int8_t b) { return (int8_t)(a + b); }

int main(void) {
  ASSERT(44, add8(200, 100));
  ASSERT(0, add8(255, 1));
  ASSERT(254, add8(255, 255));
  ASSERT(1, mul8(255, 255));
  ASSERT(0, mul8(16, 16));
  ASSERT(144, mul8(12, 12));
  ASSERT(255, sub8(0, 1));
  ASSERT(156, sub8(100, 200));
  ASSERT(-128, sadd8(127, 1));
  ASSERT(127, sadd8(-128, -1));
  ASSERT(0, sadd8(-1, 1));
  {
    uint8_t a = 250, b = 10;
    ASSERT(260, a + b);            /* int arithmetic before the store */
    ASSERT(4, (uint8_t)(a + b));
    ASSERT(-240, b - a);           /* negative int, not wrapped */
    a += b;
    ASSERT(4, a);
    a -= 5;
    ASSERT(255, a);
    a *= 3;
    ASSERT(253, a);
    a <<= 1;
    ASSERT(250, a);
    a >>= 3;
    ASSERT(31, a);
    a = 0x80;
    ASSERT(0x100, a << 1);
    ASSERT(0xffffff7f, (unsigned)~a);
    ASSERT(0x7f, (uint8_t)~a);
    a = 7;
    a /= 2;
    ASSERT(3, a);
    a = 255;
    a++;
    ASSERT(0, a);
    a--;
    ASSERT(255, a);
  }
  {
    /* checksum / counter loops that rely on wraparound */
    uint8_t sum = 0, x = 1;
    int i;
    for (i = 0; i < 1000; i++) { sum = (uint8_t)(sum + x); x = (uint8_t)(x * 3 + 1); }
    printf("sum=%u x=%u\n", sum, x);
    uint8_t cnt = 0;
    int iters = 0;
    do { cnt = (uint8_t)(cnt + 7); iters++; } while (cnt != 0);
    ASSERT(256, iters);
    uint8_t arr[16];
    for (i = 0; i < 16; i++) arr[i] = (uint8_t)(i * 29 + 200);
    for (i = 0; i < 16; i++) printf("%u ", arr[i]);
    printf("\n");
    int8_t s8 = 100;
    s8 = (int8_t)(s8 + s8);
    ASSERT(-56, s8);
    ASSERT(200, (uint8_t)s8);
    ASSERT(1, s8 < (uint8_t)s8);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
