/* Switch fall-through, cases inside nested blocks (Duff's device), default in the middle, nested switches. */
#include <stdio.h>

#include "test.h"

static int fall(int x) {
  int r = 0;
  switch (x) {
  case 0: r += 1;      /* fall through */
  case 1: r += 10;     /* fall through */
  case 2: r += 100; break;
  case 3: r += 1000;   /* fall through */
  default: r += 10000; /* fall through */
  case 4: r += 100000;
  }
  return r;
}

static void duff_copy(char *to, const char *from, int count) {
  int n = (count + 7) / 8;
  if (count <= 0) return;
  switch (count % 8) {
  case 0: do { *to++ = *from++; /* fall through */
  case 7:      *to++ = *from++; /* fall through */
  case 6:      *to++ = *from++; /* fall through */
  case 5:      *to++ = *from++; /* fall through */
  case 4:      *to++ = *from++; /* fall through */
  case 3:      *to++ = *from++; /* fall through */
  case 2:      *to++ = *from++; /* fall through */
  case 1:      *to++ = *from++;
          } while (--n > 0);
  }
}

static int nested(int a, int b) {
  switch (a) {
  case 1:
    switch (b) {
    case 1: return 11;
    case 2: break;
    default: return 19;
    }
    return 12;
  case 2:
    if (b > 0) {
  case 3:
      return 30 + b;
    }
    return 20;
  default:
    return 0;
  }
}

int main(void) {
  int i;
  for (i = -1; i <= 5; i++) printf("fall(%d)=%d\n", i, fall(i));
  {
    const char *src = "Duff's device copies bytes!";
    char dst[40];
    int len;
    for (len = 0; len <= 27; len += 3) {
      int k;
      for (k = 0; k < 40; k++) dst[k] = '.';
      duff_copy(dst, src, len);
      dst[len + 1] = 0;
      printf("%2d [%s]\n", len, dst);
    }
  }
  ASSERT(11, nested(1, 1));
  ASSERT(12, nested(1, 2));
  ASSERT(19, nested(1, 3));
  ASSERT(35, nested(2, 5));
  ASSERT(20, nested(2, 0));
  ASSERT(30, nested(3, 0));
  ASSERT(0, nested(4, 4));
  {
    /* switch with no matching case and no default: body skipped */
    int x = 0;
    switch (i) { case 100: x = 1; }
    ASSERT(0, x);
    /* switch with only a default */
    switch (i) { default: x = 2; }
    ASSERT(2, x);
    /* break inside a loop inside a switch only leaves the loop */
    int j;
    switch (x) {
    case 2:
      for (j = 0; j < 10; j++) if (j == 3) break;
      x = j;
      break;
    }
    ASSERT(3, x);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
