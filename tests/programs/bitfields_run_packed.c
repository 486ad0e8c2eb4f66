/* Runs of bit-fields wider than 64 bits that Clang reads and writes as one integer
   of 72, 120 or 128 bits, also in packed structs where that integer sits at an odd
   address: fields of 64-bit types that straddle words, signed ones sign-extended,
   arithmetic and shifts on them, copies, arrays walked with a variable index. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct run72 { /* 31 + 31 + 10 bits */
  unsigned a : 31;
  unsigned b : 31;
  unsigned c : 10;
};

struct run120 {
  unsigned long long x : 40;
  unsigned long long y : 40;
  signed long long z : 40;
};

struct run128 {
  signed long long p : 60;
  unsigned long long q : 60;
  unsigned r : 8;
};

struct __attribute__((packed)) odd {
  char tag;
  unsigned long long u : 50;
  long long s : 45;
  unsigned w : 20;
  char end;
};

static struct odd odds[4] = {{'a', 1, -1, 2, 'z'},
                             {'b', 0x3FFFFFFFFFFFFULL, -(1LL << 44), 0xFFFFF, 'y'},
                             {'c', 123456789012345ULL, 9876543210LL, 54321, 'x'},
                             {'d', 0, 0, 0, 'w'}};

static void show_odd(const struct odd *o) {
  printf("%c u=%llx s=%lld w=%x %c\n", o->tag, (unsigned long long)o->u, (long long)o->s, (unsigned)o->w, o->end);
}

int main(int argc, char **argv) {
  struct run72 r72 = {0x7FFFFFFF, 12345, 1023};
  struct run120 r120 = {0xFFFFFFFFFFULL, 0x123456789AULL, -1};
  struct run128 r128 = {-(1LL << 59), 0xFFFFFFFFFFFFFFFULL, 200};
  unsigned long long t;
  int i, k = argc; /* 1: a value the optimiser cannot see */

  printf("r72 %x %x %x (%u bytes)\n", r72.a, r72.b, r72.c, (unsigned)sizeof r72);
  r72.b = r72.a + k; /* wraps to 0 in 31 bits */
  r72.c += 2;        /* wraps to 1 */
  ASSERT(0, r72.b);
  ASSERT(1, r72.c);
  ASSERT(0x7FFFFFFF, r72.a);

  printf("r120 %llx %llx %lld (%u bytes)\n", (unsigned long long)r120.x, (unsigned long long)r120.y,
         (long long)r120.z, (unsigned)sizeof r120);
  r120.x += k; /* wraps to 0 in 40 bits */
  ASSERT(0, r120.x);
  r120.z = r120.y << (4 * k); /* 0x123456789A0 keeps 0x23456789A0 in 40 bits */
  ASSERT(0x23456789A0LL, r120.z);
  r120.z = r120.z | (1ULL << (38 + k)); /* now bit 39 is set: negative */
  ASSERT(0x23456789A0LL - (1LL << 39), r120.z);
  r120.y = r120.y * 16 + r120.z;
  printf("r120 %llx %llx %lld\n", (unsigned long long)r120.x, (unsigned long long)r120.y, (long long)r120.z);
  ASSERT(1, r120.z < 0);
  ASSERT(1, r120.y > r120.x);

  printf("r128 %lld %llx %u (%u bytes)\n", (long long)r128.p, (unsigned long long)r128.q, r128.r,
         (unsigned)sizeof r128);
  r128.p -= k; /* wraps to the largest 60-bit value */
  ASSERT((1LL << 59) - 1, r128.p);
  r128.q >>= 3 * k;
  r128.r = r128.q;
  t = r128.q ^ (unsigned long long)r128.p;
  printf("r128 %lld %llx %u %llx\n", (long long)r128.p, (unsigned long long)r128.q, r128.r, t);

  for (i = 0; i < 4; i++) show_odd(&odds[i]);
  for (i = 0; i < 4; i++) {
    odds[i].u = odds[i].u * 3 + i;
    odds[i].s = odds[i].s - (long long)odds[(i + 1) % 4].s;
    odds[i].w ^= odds[i].u;
  }
  for (i = 0; i < 4; i++) show_odd(&odds[i]);
  {
    struct odd copy;
    memcpy(&copy, &odds[1], sizeof copy);
    copy.tag = 'B';
    copy.s = -copy.s;
    show_odd(&copy);
    ASSERT(1, copy.u == odds[1].u);
    ASSERT(1, copy.end == odds[1].end);
  }
  printf("sizeof odd %u\n", (unsigned)sizeof(struct odd));
  return fails;
}
