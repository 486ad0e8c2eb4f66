/* 64-bit division and remainder on pseudo-random operands whose bit lengths run over 1, 4, 7, ..., 64 in every pair (signed and unsigned). */
#include <stdio.h>

static unsigned long long state = 0x9E3779B97F4A7C15ULL;
static unsigned long long next(void) {  /* xorshift64 */
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}
/* A random value of exactly `bits` bits (0 gives 0). */
static unsigned long long of_length(int bits) {
  if (bits == 0) return 0;
  unsigned long long v = next() >> (64 - bits);
  return v | (1ULL << (bits - 1));
}

int main(void) {
  unsigned long long sum_q = 0, sum_r = 0, checks = 0;
  int bad = 0;
  for (int la = 1; la <= 64; la += 3) {
    for (int lb = 1; lb <= 64; lb += 3) {
      for (int k = 0; k < 3; k++) {
        unsigned long long a = of_length(la), b = of_length(lb);
        unsigned long long q = a / b, r = a % b;
        if (r >= b || q * b + r != a) bad++;
        long long sa = (long long)a, sb = (long long)(k == 1 ? -b : b);
        long long sq = sa / sb, sr = sa % sb;
        if (sq * sb + sr != sa) bad++;
        sum_q = sum_q * 31 + q + (unsigned long long)sq;
        sum_r = sum_r * 37 + r + (unsigned long long)sr;
        checks++;
      }
    }
    printf("a of %2d bits: q %016llx r %016llx\n", la, sum_q, sum_r);
  }
  /* quotients at the edges: one below and at a power of two, the largest values */
  unsigned long long edges[] = {0xFFFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 0x100000000ULL, 0xFFFFFFFFULL, 0x10000ULL, 0xFFFFULL, 3, 1};
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++)
      printf("%llx / %llx = %llx r %llx\n", edges[i], edges[j], edges[i] / edges[j], edges[i] % edges[j]);
  printf("%llu checks, %d bad\n", checks, bad);
  return bad != 0;
}
