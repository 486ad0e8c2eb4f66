/* && and || short-circuit evaluation: side effects skipped, result is 0/1, guards against null/zero, ! operator. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

static int trace[32], ntrace;
static int t(int id, int v) { trace[ntrace++] = id; return v; }
static void dump(const char *label) {
  int i;
  printf("%s:", label);
  for (i = 0; i < ntrace; i++) printf(" %d", trace[i]);
  printf("\n");
  ntrace = 0;
}

int main(void) {
  int r;
  r = t(1, 0) && t(2, 1);
  ASSERT(0, r);
  dump("0&&1");
  r = t(1, 5) && t(2, 7);
  ASSERT(1, r);
  dump("5&&7");
  r = t(1, 1) || t(2, 0);
  ASSERT(1, r);
  dump("1||0");
  r = t(1, 0) || t(2, 0) || t(3, -3);
  ASSERT(1, r);
  dump("0||0||-3");
  r = (t(1, 1) && t(2, 0)) || (t(3, 1) && t(4, 1));
  ASSERT(1, r);
  dump("1&&0||1&&1");
  r = (t(1, 0) || t(2, 2)) && (t(3, 0) || t(4, 0));
  ASSERT(0, r);
  dump("(0||2)&&(0||0)");
  ASSERT(1, !0);
  ASSERT(0, !7);
  ASSERT(1, !!7);
  ASSERT(1, !!-1);
  ASSERT(0, !!0LL);
  ASSERT(1, !!0x100000000LL);
  {
    int *p = NULL, v = 3;
    ASSERT(0, p && *p);          /* no null dereference */
    p = &v;
    ASSERT(1, p && *p == 3);
    int d = 0;
    ASSERT(1, d == 0 || 10 / d > 1);  /* no division by zero */
    int i = 0;
    int arr[4] = { 1, 2, 3, 0 };
    while (i < 4 && arr[i]) i++;
    ASSERT(3, i);
    i = 0;
    while (i < 3 && arr[i] != 99) i++;
    ASSERT(3, i);
  }
  {
    /* side-effect counting */
    int c = 0, k;
    for (k = 0; k < 10; k++) if (k % 2 == 0 && ++c > 100) break;
    ASSERT(5, c);
    c = 0;
    for (k = 0; k < 10; k++) if (k % 2 == 0 || ++c > 100) continue;
    ASSERT(5, c);
    long long big = 1LL << 33;
    ASSERT(1, big && (int)big == 0);
    ASSERT(8, sizeof(big) * (1 || 0));
    ASSERT(4, sizeof(big && big));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
