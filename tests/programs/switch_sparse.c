/* Sparse switch (binary-search/compare chain): widely spaced, negative and extreme case values. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

static int sparse(int x) {
  switch (x) {
  case INT_MIN: return 1;
  case -1000000: return 2;
  case -7: return 3;
  case 0: return 4;
  case 13: return 5;
  case 1000: return 6;
  case 65536: return 7;
  case 123456789: return 8;
  case INT_MAX: return 9;
  default: return 0;
  }
}

static int usparse(unsigned x) {
  switch (x) {
  case 0u: return 1;
  case 0x7fffffffu: return 2;
  case 0x80000000u: return 3;
  case 0xdeadbeefu: return 4;
  case 0xffffffffu: return 5;
  }
  return 0;
}

static const char *http(int code) {
  switch (code) {
  case 200: return "OK";
  case 201: return "Created";
  case 301: return "Moved";
  case 404: return "Not Found";
  case 418: return "Teapot";
  case 500: return "Server Error";
  case 503: return "Unavailable";
  default: return "Unknown";
  }
}

int main(void) {
  static const int probes[] = { INT_MIN, INT_MIN + 1, -1000000, -999999, -7, -6, 0, 1, 12, 13, 14, 1000, 65535, 65536,
                                123456789, INT_MAX - 1, INT_MAX };
  int i;
  for (i = 0; i < (int)(sizeof probes / sizeof probes[0]); i++) printf("%d->%d ", probes[i], sparse(probes[i]));
  printf("\n");
  ASSERT(1, usparse(0));
  ASSERT(2, usparse(0x7fffffffu));
  ASSERT(3, usparse(0x80000000u));
  ASSERT(4, usparse(0xdeadbeefu));
  ASSERT(5, usparse(0xffffffffu));
  ASSERT(0, usparse(1));
  ASSERT(0, usparse(0xdeadbeeeu));
  {
    static const int codes[] = { 200, 201, 202, 301, 404, 418, 500, 503, 0, -200 };
    for (i = 0; i < 10; i++) printf("%d %s\n", codes[i], http(codes[i]));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
