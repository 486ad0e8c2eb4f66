/* stdint.h/inttypes.h: exact-width types, their limits, wraparound, INTn_C/UINTn_C macros, intptr_t, PRI macros. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

#include "test.h"

int main(void) {
  ASSERT(1, sizeof(int8_t));
  ASSERT(2, sizeof(int16_t));
  ASSERT(4, sizeof(int32_t));
  ASSERT(8, sizeof(int64_t));
  ASSERT(4, sizeof(intptr_t));
  ASSERT(4, sizeof(uintptr_t));
  ASSERT(8, sizeof(intmax_t));
  ASSERT(1, sizeof(uint_least8_t));
  ASSERT(-128, INT8_MIN);
  ASSERT(127, INT8_MAX);
  ASSERT(255, UINT8_MAX);
  ASSERT(-32768, INT16_MIN);
  ASSERT(65535, UINT16_MAX);
  ASSERT(-2147483647 - 1, INT32_MIN);
  ASSERT(4294967295u, UINT32_MAX);
  ASSERT(-9223372036854775807LL - 1, INT64_MIN);
  ASSERT(-1, (int64_t)UINT64_MAX);
  ASSERT(2147483647, INTPTR_MAX);
  ASSERT(4294967295u, SIZE_MAX);
  ASSERT(1, INTMAX_MAX == INT64_MAX);
  ASSERT(0x7fLL, INT8_C(0x7f));
  ASSERT(8, sizeof(INT64_C(1)));
  ASSERT(8, sizeof(UINT64_C(1)));
  ASSERT(0xffffffffffffffffULL == UINT64_C(0xffffffffffffffff), 1);
  {
    uint8_t a = 200;
    a += 100;
    ASSERT(44, a);
    int8_t b = -100;
    b = (int8_t)(b - 100);
    ASSERT(56, b);
    uint16_t c = 0;
    c -= 1;
    ASSERT(65535, c);
    int16_t d = (int16_t)40000;
    ASSERT(-25536, d);
    uint32_t e = 0;
    e--;
    ASSERT(4294967295u, e);
    uint64_t f = UINT64_MAX;
    f++;
    ASSERT(0, (long long)f);
    int_fast32_t g = 5;
    uint_least16_t h = 7;
    ASSERT(35, g * h);
  }
  {
    int64_t vals[4] = { INT64_MIN, -1, 0, INT64_MAX };
    uint32_t u32s[3] = { 0, 0x89abcdefu, UINT32_MAX };
    int i;
    for (i = 0; i < 4; i++) printf("%" PRId64 " %" PRIi64 " %" PRIx64 " %" PRIu64 "\n", vals[i], vals[i], (uint64_t)vals[i], (uint64_t)vals[i]);
    for (i = 0; i < 3; i++) printf("%" PRIu32 " %" PRIx32 " %" PRIX32 " %" PRIo32 " %" PRId32 "\n", u32s[i], u32s[i], u32s[i], u32s[i], (int32_t)u32s[i]);
    int8_t i8 = -5;
    uint16_t u16 = 60000;
    printf("%" PRId8 " %" PRIu16 " %" PRIx8 "\n", i8, u16, (uint8_t)i8);
    intmax_t im = INTMAX_MIN;
    uintmax_t um = UINTMAX_MAX;
    printf("%" PRIdMAX " %" PRIuMAX "\n", im, um);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
