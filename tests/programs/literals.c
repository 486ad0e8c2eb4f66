/* Integer literals: decimal/octal/hex, suffixes (u, l, ll, ull), the type chosen for each literal, character constants. */
#include <stdio.h>

#include "test.h"

#define TYPE_NAME(x) _Generic((x), int: "int", unsigned: "unsigned", long: "long", unsigned long: "unsigned long", \
  long long: "long long", unsigned long long: "unsigned long long", default: "other")
#define SHOW(lit) printf("%-22s %-20s %llu\n", #lit, TYPE_NAME(lit), (unsigned long long)(lit))

int main(void) {
  SHOW(0);
  SHOW(2147483647);
  SHOW(2147483648);          /* decimal without suffix: next signed type -> long long */
  SHOW(4294967295);
  SHOW(0x7fffffff);
  SHOW(0x80000000);          /* hex: may become unsigned */
  SHOW(0xffffffff);
  SHOW(0x100000000);
  SHOW(0xffffffffffffffff);
  SHOW(017777777777);
  SHOW(020000000000);
  SHOW(10u);
  SHOW(10l);
  SHOW(10ul);
  SHOW(10ll);
  SHOW(10ULL);
  SHOW(4294967296u);
  SHOW(9223372036854775807);
  SHOW(0x7fffffffffffffffLL);
  SHOW(0x8000000000000000LL);
  SHOW('0' - '0' + 1);
  ASSERT(8, 010);
  ASSERT(0, 00);
  ASSERT(255, 0xFF);
  ASSERT(255, 0Xff);
  ASSERT(511, 0777);
  ASSERT(-1, -1);
  ASSERT(1, -2147483647 - 1 < 0);
  ASSERT(1, -2147483648 < 0);       /* 2147483648 is long long here, negation fits */
  ASSERT(0x80000000u, -0x80000000); /* 0x80000000 is unsigned: negation stays positive */
  ASSERT(65, 'A');
  ASSERT(48, '0');
  ASSERT(0, '\0');
  ASSERT(-1, '\xff');
  ASSERT(92, '\\');
  ASSERT(4, sizeof 'x');
  ASSERT(4, sizeof 0x7fffffff);
  ASSERT(4, sizeof 0xffffffff);
  ASSERT(8, sizeof 2147483648);
  ASSERT(8, sizeof 0x100000000);
  ASSERT(4, sizeof 100000L);
  ASSERT(1000000, 1000000);
  ASSERT(1, 0x10 == 16 && 020 == 16);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
