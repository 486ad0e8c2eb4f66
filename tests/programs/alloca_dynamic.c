// alloca and __builtin_alloca with run-time sizes: alignment, alloca(0), memory freed
// when the function returns (recursion with alloca in a loop must not grow without
// bound), pointers handed to callees, sizes from the input; __builtin_frame_address(0).
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fill_and_sum(char *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) p[i] = (char)(i * 7);
  for (int i = 0; i < n; i++) s += p[i];
  return s;
}

// Every call allocates in a loop, 40 blocks of up to 6000 bytes (touching their ends),
// and recurses a little; what it allocated is freed when it returns. main calls it 1000
// times: 120 MB if nothing were freed, more than c2w's stack (and a native one).
static int busy(int depth, int round) {
  int total = 0;
  for (int k = 0; k < 40; k++) {
    int n = (k * 379 + round * 13) % 6000 + 1;
    char *p = alloca(n);
    p[0] = (char)k;
    p[n - 1] = (char)round;
    total += p[0] + p[n - 1];
  }
  if (depth > 0) total += busy(depth - 1, round + 1) & 0xff;
  return total;
}

// alloca in recursion: every frame's block stays valid until that frame returns.
static unsigned chain(int depth, unsigned *below) {
  unsigned *mine = __builtin_alloca(sizeof(unsigned) * (unsigned)(depth % 5 + 1));
  for (int i = 0; i <= depth % 5; i++) mine[i] = (unsigned)depth * 2654435761u + (unsigned)i;
  unsigned h = below ? below[0] : 17;
  if (depth > 0) h ^= chain(depth - 1, mine);
  for (int i = 0; i <= depth % 5; i++) h = h * 31 + mine[i];
  return h;
}

static int aligned(void *p, uintptr_t a) { return ((uintptr_t)p & (a - 1)) == 0; }

// __builtin_frame_address(0) lies between a caller's local and a callee's, whichever
// way the stack grows (as GCC's frame-address test checks).
__attribute__((noinline)) static int between(const char *outer, const char *frame) {
  const char inner = 0;
  return outer < &inner ? outer <= frame && frame <= &inner : outer >= frame && frame >= &inner;
}
__attribute__((noinline)) static int frame_in_order(const char *outer) {
  return between(outer, __builtin_frame_address(0)) != 0;
}

int main(void) {
  int n = 3;
  int c;
  while ((c = getchar()) >= '0' && c <= '9') n = n * 10 + (c - '0');

  char *zero = alloca(0);  // alloca(0): a pointer, nothing to use
  char *a = alloca(n);
  char *b = alloca(n + 1);
  printf("zero %s, a %s, b %s\n", zero ? "non-null" : "null", aligned(a, 16) ? "16-aligned" : "unaligned",
         aligned(b, 16) ? "16-aligned" : "unaligned");
  printf("disjoint %d\n", b >= a + n || a >= b + n + 1);
  memset(a, 'x', n);
  memset(b, 'y', n + 1);
  printf("a intact %d\n", a[0] == 'x' && a[n - 1] == 'x');
  printf("sum %d\n", fill_and_sum(a, n));

  unsigned busy_total = 0;
  for (int r = 0; r < 1000; r++) busy_total = busy_total * 3 + (unsigned)busy(r % 3, r);
  printf("busy %u\n", busy_total);
  printf("chain %u\n", chain(300, 0));
  const char local = 0;
  printf("frame address in order %d\n", frame_in_order(&local));

  // A pointer from alloca is an ordinary pointer: qsort on it.
  int *v = alloca(sizeof(int) * 50);
  for (int i = 0; i < 50; i++) v[i] = (i * 7919) % 101;
  for (int i = 1; i < 50; i++)
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
      int t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  printf("sorted %d %d %d\n", v[0], v[25], v[49]);
  return 0;
}
