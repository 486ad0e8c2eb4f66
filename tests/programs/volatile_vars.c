/* volatile objects: every access happens (counted via side effects), volatile locals/globals/pointers, loops on volatile. */
#include <stdio.h>

#include "test.h"

static volatile int vg = 5;
static volatile unsigned char vbuf[8];
static volatile long long vll;

static int read_twice(volatile int *p) { return *p + *p; }
static void spin_wait(volatile int *flag, int limit, int *iters) {
  *iters = 0;
  while (*flag < limit) { (*flag)++; (*iters)++; }
}

int main(void) {
  volatile int v = 10;
  v = v + 1;
  v += 1;
  v++;
  ASSERT(13, v);
  ASSERT(10, read_twice(&vg));
  vg = 7;
  ASSERT(7, vg);
  {
    int it;
    volatile int flag = 0;
    spin_wait(&flag, 25, &it);
    ASSERT(25, it);
    ASSERT(25, flag);
  }
  {
    int i;
    for (i = 0; i < 8; i++) vbuf[i] = (unsigned char)(i * 37);
    unsigned s = 0;
    for (i = 0; i < 8; i++) s = s * 3 + vbuf[i];
    printf("vbuf hash %u\n", s);
    vll = 0x123456789LL;
    vll <<= 4;
    vll = vll + 1;
    ASSERT(0x1234567891LL, vll);
  }
  {
    /* pointer to volatile and volatile pointer */
    int x = 1;
    volatile int *pv = &x;
    int *volatile vp = &x;
    *pv = 2;
    *vp += 3;
    ASSERT(5, x);
    volatile struct { int a; short b; } vs = { 1, 2 };
    vs.a += vs.b;
    vs.b = (short)(vs.b * 10);
    ASSERT(3, vs.a);
    ASSERT(20, vs.b);
  }
  {
    /* a delay loop that must not be optimised away changes a volatile counter */
    volatile unsigned counter = 0;
    unsigned k;
    for (k = 0; k < 1000; k++) counter++;
    ASSERT(1000, counter);
    const volatile int cv = 99;
    ASSERT(99, cv);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
