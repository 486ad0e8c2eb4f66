/* memcpy, memmove with overlapping regions in both directions, memset with various values/lengths, return values. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static void show(const char *label, const char *b, int n) {
  int i;
  printf("%s: ", label);
  for (i = 0; i < n; i++) putchar(b[i] ? b[i] : '.');
  putchar('\n');
}

int main(void) {
  char buf[32];
  char src[] = "0123456789abcdefghijklmnopqrstu";
  int i;
  memset(buf, 0, sizeof buf);
  ASSERT(1, memcpy(buf, src, 10) == buf);
  show("memcpy 10", buf, 16);
  memcpy(buf + 10, src + 20, 5);
  show("memcpy tail", buf, 16);
  memcpy(buf, src, 0);
  show("memcpy 0", buf, 16);
  memcpy(buf, src, sizeof src);
  ASSERT(1, memmove(buf + 4, buf, 10) == buf + 4);   /* overlap, dest after src */
  show("move right", buf, 20);
  memcpy(buf, src, sizeof src);
  memmove(buf, buf + 4, 10);                          /* overlap, dest before src */
  show("move left", buf, 20);
  memcpy(buf, src, sizeof src);
  memmove(buf + 1, buf, 30);
  show("shift by 1", buf, 31);
  memmove(buf, buf, 10);                              /* same region */
  show("self move", buf, 12);
  ASSERT(1, memset(buf, 'x', 5) == buf);
  show("memset x", buf, 12);
  memset(buf + 5, 0, 3);
  show("memset 0", buf, 12);
  memset(buf, 0x141, 2);                              /* value converted to unsigned char */
  show("memset 0x141", buf, 4);
  {
    unsigned char ub[8];
    memset(ub, -1, sizeof ub);
    ASSERT(255, ub[7]);
    int ints[10];
    memset(ints, 0, sizeof ints);
    int s = 0;
    for (i = 0; i < 10; i++) s += ints[i];
    ASSERT(0, s);
    memset(ints, 0xff, sizeof ints);
    ASSERT(-1, ints[9]);
    memset(ints, 0x01, sizeof ints);
    ASSERT(0x01010101, ints[0]);
  }
  {
    /* copying structs and arrays of different element types */
    struct s { int a; char b[5]; long long c; } x = { 7, "abcd", -1 }, y;
    memcpy(&y, &x, sizeof x);
    ASSERT(7, y.a);
    ASSERT(-1, y.c);
    ASSERT('d', y.b[3]);
    long long la[4] = { 1, 2, 3, 4 };
    memmove(&la[1], &la[0], 3 * sizeof la[0]);
    ASSERT(1, la[0]);
    ASSERT(1, la[1]);
    ASSERT(3, la[3]);
    /* unaligned copies of odd lengths */
    char a[40], b[40];
    for (i = 0; i < 40; i++) a[i] = (char)('A' + i % 26);
    for (i = 0; i < 7; i++) {
      memset(b, '-', sizeof b);
      memcpy(b + i, a + (6 - i), (size_t)(13 + i));
      b[39] = 0;
      printf("%d %s\n", i, b);
    }
    /* memmove overlapping at every small distance */
    for (i = 1; i <= 4; i++) {
      for (int k = 0; k < 20; k++) a[k] = (char)('a' + k);
      memmove(a + i, a, 12);
      memmove(a + 20, a + 20 - i, 0);
      a[20] = 0;
      printf("d=%d %s\n", i, a);
    }
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
