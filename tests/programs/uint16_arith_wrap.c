/* uint16_t / unsigned short arithmetic: promotion to int (even for products near 2^32), wrap on store, int16_t conversions. */
/* Helpers are noinline so that the operations are performed at run time, not constant-folded. */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

static __attribute__((noinline)) uint16_t add16(uint16_t a, uint16_t b) { return (uint16_t)(a + b); }
static __attribute__((noinline)) uint16_t mul16(uint16_t a, uint16_t b) { return (uint16_t)((unsigned)a * b); }
static __attribute__((noinline)) int16_t neg16(int16_t a) { return (int16_t)-a; }

int main(void) {
  ASSERT(0, add16(65535, 1));
  ASSERT(34464, add16(50000, 50000));
  ASSERT(1, mul16(65535, 65535));
  ASSERT(0, mul16(256, 256));
  ASSERT(-32768, neg16(-32768));
  ASSERT(32767, neg16(-32767));
  {
    uint16_t a = 65535, b = 65535;
    /* a * b promotes to int and would overflow int: use unsigned arithmetic */
    ASSERT(4294836225u, (unsigned)a * b);
    ASSERT(131070, a + b);
    ASSERT(65534, (uint16_t)(a + b));
    a += 2;
    ASSERT(1, a);
    a -= 2;
    ASSERT(65535, a);
    a = 0x8000;
    ASSERT(0x10000, a << 1);
    ASSERT(0, (uint16_t)(a << 1));
    ASSERT(0x4000, a >> 1);
    a = 1000;
    a *= 1000;
    ASSERT(16960, a);
    a = 12345;
    a %= 100;
    ASSERT(45, a);
  }
  {
    int16_t s = 32767;
    s = (int16_t)(s + 1);
    ASSERT(-32768, s);
    uint16_t u = (uint16_t)s;
    ASSERT(32768, u);
    ASSERT(-32768, (int16_t)u);
    ASSERT(1, s < u);
    int16_t t = -2;
    ASSERT(-2 * 30000, t * 30000);
    ASSERT(65534, (uint16_t)t);
  }
  {
    /* 16-bit hash and LFSR relying on wraparound */
    uint16_t h = 0;
    const char *p = "sixteen bit arithmetic";
    while (*p) h = (uint16_t)(h * 31 + (unsigned char)*p++);
    printf("hash16 = %u (0x%04x)\n", h, h);
    uint16_t lfsr = 0xace1u;
    int period = 0;
    do {
      unsigned bit = ((lfsr >> 0) ^ (lfsr >> 2) ^ (lfsr >> 3) ^ (lfsr >> 5)) & 1u;
      lfsr = (uint16_t)((lfsr >> 1) | (bit << 15));
      period++;
    } while (lfsr != 0xace1u && period < 100);
    printf("lfsr after %d steps = 0x%04x\n", period, lfsr);
    uint16_t arr[8];
    int i;
    for (i = 0; i < 8; i++) arr[i] = (uint16_t)(i * 20000 + 1234);
    for (i = 0; i < 8; i++) printf("%u ", arr[i]);
    printf("\n");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
