/* switch statements whose controlling expression is long long / unsigned long long (dense and sparse cases). */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static int dense64(long long v) {
  switch (v) {
  case -2: return 10;
  case -1: return 11;
  case 0: return 12;
  case 1: return 13;
  case 2: return 14;
  case 3: return 15;
  case 4: return 16;
  case 5: return 17;
  default: return 0;
  }
}
static int sparse64(long long v) {
  switch (v) {
  case LLONG_MIN: return 1;
  case -(1LL << 40): return 2;
  case -1: return 3;
  case 0x100000000LL: return 4;
  case 0x100000001LL: return 5;
  case 1LL << 40: return 6;
  case LLONG_MAX: return 7;
  default: return 0;
  }
}
static const char *usw(unsigned long long v) {
  switch (v) {
  case 0: return "zero";
  case 0xffffffffULL: return "u32max";
  case 0x8000000000000000ULL: return "top bit";
  case 0xffffffffffffffffULL: return "u64max";
  default: return "other";
  }
}

int main(void) {
  static const long long probes[] = { LLONG_MIN, LLONG_MIN + 1, -(1LL << 40), -2, -1, 0, 1, 5, 6, 0xffffffffLL,
                                      0x100000000LL, 0x100000001LL, 0x100000002LL, 1LL << 40, LLONG_MAX,
                                      0x1fffffffeLL, -0x100000001LL };
  int i;
  for (i = 0; i < (int)(sizeof probes / sizeof probes[0]); i++)
    printf("%lld: dense %d sparse %d\n", probes[i], dense64(probes[i]), sparse64(probes[i]));
  printf("%s %s %s %s %s %s\n", usw(0), usw(0xffffffffULL), usw(0x100000000ULL), usw(0x8000000000000000ULL),
         usw(0xffffffffffffffffULL), usw(0x00000000ffffffffULL + 1));
  ASSERT(12, dense64(0x100000000LL - 0x100000000LL));
  ASSERT(0, dense64(0x100000000LL));      /* low word is 0 but high word is not */
  ASSERT(0, dense64(0x100000003LL));
  ASSERT(4, sparse64(0x100000000LL));
  ASSERT(0, sparse64(0));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
