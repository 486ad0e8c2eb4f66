// `union U u = {}` and `= {0}` zero the whole union, as gcc does: every member reads
// as zero, even the bytes past the first member (Clang leaves them undefined, so an
// optimiser could read anything there). The unions live on a stack dirtied first.
#include <stdio.h>
#include <string.h>

union U {
  int i, j[4];
};

union W {
  short s;
  unsigned char bytes[16];
};

struct holder {
  char tag;
  union W u;
};

__attribute__((noinline)) static void dirty(void) {
  volatile unsigned char junk[256];
  for (int k = 0; k < 256; k++) junk[k] = (unsigned char)(0xA5 ^ k);
}

__attribute__((noinline)) static int check_empty(void) {  // GCC's torture test pr19687
  union U t = {};
  for (int i = 0; i < 4; ++i)
    if (t.j[i] != 0) return 1;
  return 0;
}

__attribute__((noinline)) static int check_zero(void) {
  struct holder h = {'x', {0}};
  for (int i = 0; i < 16; ++i)
    if (h.u.bytes[i] != 0) return 1;
  return 0;
}

int main(void) {
  int bad = 0;
  for (int round = 0; round < 3; round++) {
    dirty();
    bad += check_empty();
    dirty();
    bad += check_zero();
  }
  printf("non-zero members: %d\n", bad);
  return bad != 0;
}
