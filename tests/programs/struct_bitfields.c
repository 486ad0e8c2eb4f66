/* Bit-fields: signed/unsigned widths, truncation on store, sign extension on load, packing, adjacent fields. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct flags {
  unsigned int a : 1;
  unsigned int b : 3;
  signed int c : 4;
  unsigned int d : 8;
  unsigned int e : 16;
};

struct mixed {
  unsigned char tag;
  unsigned int lo : 12;
  unsigned int hi : 20;
  signed int s : 7;
};

struct date { unsigned day : 5, month : 4, year : 12; };

int main(void) {
  struct flags f;
  memset(&f, 0, sizeof f);
  ASSERT(4, sizeof f);
  f.a = 1;
  f.b = 5;
  f.c = -3;
  f.d = 200;
  f.e = 60000;
  ASSERT(1, f.a);
  ASSERT(5, f.b);
  ASSERT(-3, f.c);
  ASSERT(200, f.d);
  ASSERT(60000, f.e);
  {
    unsigned raw;
    memcpy(&raw, &f, sizeof raw);
    printf("raw flags = %08x\n", raw);
  }
  f.b = (unsigned)(f.b + 4);      /* 9 truncated to 3 bits -> 1 */
  ASSERT(1, f.b);
  f.c = 7;
  ASSERT(7, f.c);
  f.c = -8;
  ASSERT(-8, f.c);
  f.a = 0;
  f.a ^= 1;
  ASSERT(1, f.a);
  f.e = (unsigned)(f.e + 6000);   /* wraps modulo 2^16 */
  ASSERT(464, f.e);
  ASSERT(1, f.c < 0);
  ASSERT(-16, f.c * 2);
  {
    struct mixed m = { 0xab, 0xfff, 0xabcde, -64 };
    ASSERT(0xab, m.tag);
    ASSERT(0xfff, m.lo);
    ASSERT(0xabcde, m.hi);
    ASSERT(-64, m.s);
    ASSERT(8, sizeof m);
    m.lo++;
    ASSERT(0, m.lo);
    ASSERT(0xabcde, m.hi);
    m.s = 63;
    ASSERT(63, m.s);
    ASSERT(0xabcde, m.hi);
  }
  {
    struct date d = { 31, 12, 2024 };
    ASSERT(4, sizeof d);
    ASSERT(31, d.day);
    ASSERT(12, d.month);
    ASSERT(2024, d.year);
    int i;
    for (i = 0; i < 40; i++) {
      d.day = d.day % 31 + 1;
      if (d.day == 1) { d.month = d.month % 12 + 1; if (d.month == 1) d.year++; }
    }
    printf("date %u-%02u-%02u\n", d.year, d.month, d.day);
    unsigned packed;
    memcpy(&packed, &d, sizeof packed);
    printf("packed %08x\n", packed & 0x1fffff);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
