/* A run of adjacent bit-fields that Clang accesses as one 96-bit integer (i96 loads
   and stores, then shifts and masks), reduced from csmith seed 5000935: nine fields
   of 9..24 bits, signed and unsigned, volatile and const, 108 bits in 3 words plus
   part of a fourth. Reads sign-extend the signed fields; writes, increments and
   wrap-around stay inside each field and leave its neighbours alone. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct S2 {
  unsigned f0 : 9;
  volatile unsigned f1 : 4;
  volatile signed f2 : 7;
  signed f3 : 14;
  signed f4 : 6;
  volatile signed f5 : 12;
  signed f6 : 11;
  signed f7 : 21;
  const signed f8 : 24;
};

static volatile struct S2 g_442 = {7, 1, 2, -74, 1, -36, -27, 1414, 1647};
static struct S2 g_table[3] = {{511, 15, -64, 8191, -32, 2047, -1024, -1048576, -8388608},
                               {0, 0, 0, 0, 0, 0, 0, 0, 0},
                               {1, 2, 3, -4, 5, -6, 7, -8, 9}};

static void print(const char *name, volatile struct S2 *s) {
  printf("%s: %u %u %d %d %d %d %d %d %d\n", name, s->f0, s->f1, s->f2, s->f3, s->f4, s->f5, s->f6, s->f7,
         s->f8);
}

static int sum(struct S2 s) { return s.f0 + s.f1 + s.f2 + s.f3 + s.f4 + s.f5 + s.f6 + s.f7 + s.f8; }

int main(void) {
  int i;
  print("g_442", &g_442);
  ASSERT(-74, g_442.f3);
  ASSERT(1647, g_442.f8);
  g_442.f3 = 8191;
  g_442.f3 += 1; /* wraps to -8192 */
  ASSERT(-8192, g_442.f3);
  ASSERT(1, g_442.f4);
  ASSERT(2, g_442.f2);
  g_442.f0 = g_table[0].f0 * 2 + 1; /* 1023 keeps its low 9 bits */
  ASSERT(511, g_442.f0);
  g_442.f7 = -g_442.f7;
  ASSERT(-1414, g_442.f7);
  g_442.f5 ^= 0x7ff;
  print("g_442", &g_442);
  for (i = 0; i < 3; i++) {
    print("table", (volatile struct S2 *)&g_table[i]);
    printf("sum %d\n", sum(g_table[i]));
  }
  memcpy(&g_table[1], &g_table[0], sizeof g_table[0]);
  g_table[1].f6 = g_table[2].f7 * 3;
  g_table[1].f2 = g_table[2].f3 - 100; /* -104 wraps to 24 in 7 bits */
  print("copy", (volatile struct S2 *)&g_table[1]);
  ASSERT(24, g_table[1].f2);
  ASSERT(-24, g_table[1].f6);
  ASSERT(1, g_table[0].f7 < g_table[2].f7);
  ASSERT(0, g_table[0].f0 < g_table[2].f0);
  {
    struct S2 local = {0, 0, 0, 0, 0, 0, 0, 0, -1};
    for (i = 0; i < 40; i++) local.f7 += 104729;
    local.f1 = i;
    print("local", (volatile struct S2 *)&local);
    ASSERT(-1, local.f8);
  }
  printf("sizeof %u\n", (unsigned)sizeof(struct S2));
  return fails;
}
