/* Division and remainder of integers wider than 64 bits (the libc's long division by
   16-bit digits, Knuth's algorithm D, and its short division below 2^16): operands
   on which the estimated quotient digit is one too big and the divisor must be added
   back (found by a search over digits 0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff), then
   random operands of random lengths, unsigned and signed, 128 and 96 bits; each
   checked (q * b + r == a, r < b) and summed into a checksum. Compared against a
   native clang build (tests/multiword.sh); -D STRIDE=K runs 1/K of the random pairs. */
#include <stdio.h>

/* TRANSFORMER RUN: -D STRIDE=100 */

typedef unsigned _BitInt(128) u128;
typedef signed _BitInt(128) s128;
typedef unsigned _BitInt(96) u96;
typedef signed _BitInt(96) s96;

#ifndef STRIDE
#define STRIDE 1
#endif

static u128 make(unsigned long long hi, unsigned long long lo) { return ((u128)hi << 64) | lo; }

static const struct {
  unsigned long long a_hi, a_lo, b_hi, b_lo;
} add_back[] = {
    {0xffffull, 0x2fffe8000fffeull, 0x0ull, 0x800000018001ull},
    {0x7fffffffull, 0xfffe00027fff0002ull, 0x8000ull, 0x8000800080000001ull},
    {0x2ffffffff8001ull, 0xfffefffe7fff8000ull, 0x7fffull, 0xffffffff00000000ull},
    {0xfffe8000ull, 0x7fff8001ffff0002ull, 0x0ull, 0xffff0002fffe8000ull},
    {0xfffeffff0002ull, 0x27fff00020001ull, 0x7fff7fffull, 0xffffffff00000001ull},
    {0x7fffffffull, 0x17fff8000ull, 0x0ull, 0x7fff80007fffull},
};

static unsigned long long state = 0x9E3779B97F4A7C15ull;
static unsigned long long next(void) {
  state = state * 6364136223846793005ull + 1442695040888963407ull;
  return state ^ (state >> 29);
}

static unsigned checksum;
static void mix(u128 v) {
  checksum = checksum * 1000003u ^ (unsigned)v ^ (unsigned)(v >> 32) * 3u ^ (unsigned)(v >> 64) * 5u ^
             (unsigned)(v >> 96) * 7u;
}

int main(void) {
  unsigned i, bad = 0;
  for (i = 0; i < sizeof add_back / sizeof add_back[0]; i++) {
    u128 a = make(add_back[i].a_hi, add_back[i].a_lo), b = make(add_back[i].b_hi, add_back[i].b_lo);
    u128 q = a / b, r = a % b;
    s128 sq = -(s128)a / (s128)b, sr = -(s128)a % (s128)b;
    printf("%016llx%016llx %016llx%016llx %016llx%016llx\n", (unsigned long long)(q >> 64),
           (unsigned long long)q, (unsigned long long)(r >> 64), (unsigned long long)r,
           (unsigned long long)((u128)sq >> 64), (unsigned long long)(u128)sq);
    bad += q * b + r != a || r >= b || sq * (s128)b + sr != -(s128)a;
    mix(q);
    mix(r);
    mix((u128)sr);
  }
  for (i = 0; i < 2000 / STRIDE; i++) {
    /* lengths of 1..128 bits for the dividend, 1..its length for the divisor */
    unsigned la = 1 + (unsigned)(next() % 128), lb = 1 + (unsigned)(next() % la);
    u128 a = make(next(), next()) >> (128 - la), b = make(next(), next()) >> (128 - lb);
    s128 sa = (i & 1) ? -(s128)a : (s128)a, sb = (i & 2) ? -(s128)b : (s128)b;
    u96 a96 = (u96)a, b96 = (u96)(b | 1);
    s96 sa96 = (s96)a96, sb96 = (s96)b96;
    if (b == 0) b = 1, sb = 1;
    bad += (a / b) * b + a % b != a || a % b >= b;
    bad += (sa / sb) * sb + sa % sb != sa;
    bad += (a96 / b96) * b96 + a96 % b96 != a96;
    mix(a / b);
    mix(a % b);
    mix((u128)(sa / sb));
    mix((u128)(sa % sb));
    mix((u128)(a96 / b96));
    if (!(sb96 == -1)) mix((u128)(s128)(sa96 % sb96));
  }
  printf("bad %u checksum %08x\n", bad, checksum);
  return bad != 0;
}
