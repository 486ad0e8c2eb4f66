/* Designated initialisers: array indices, struct fields, nested, out of order, mixing with positional, unions. */
#include <stdio.h>

#include "test.h"

struct cfg { int width, height; const char *title; struct { int r, g, b; } bg; int flags[4]; };

static const int sq[10] = { [9] = 81, [3] = 9, [1] = 1, [2] = 4 };
static const char *const names[] = { [2] = "two", [0] = "zero", [5] = "five" };
static const struct cfg defcfg = { .title = "win", .height = 480, .width = 640, .bg.g = 255, .flags[2] = 1 };

int main(void) {
  int i;
  for (i = 0; i < 10; i++) printf("%d ", sq[i]);
  printf("\n");
  ASSERT(6, sizeof names / sizeof names[0]);
  for (i = 0; i < 6; i++) printf("%d:%s ", i, names[i] ? names[i] : "(null)");
  printf("\n");
  ASSERT(640, defcfg.width);
  ASSERT(480, defcfg.height);
  ASSERT(0, defcfg.bg.r);
  ASSERT(255, defcfg.bg.g);
  ASSERT(1, defcfg.flags[2]);
  ASSERT(0, defcfg.flags[3]);
  printf("title=%s\n", defcfg.title);
  {
    /* positional continues after a designator */
    int a[8] = { 1, [4] = 5, 6, 7, [1] = 2 };
    for (i = 0; i < 8; i++) printf("%d", a[i]);
    printf("\n");
    /* designators in reverse order */
    int b[3] = { [2] = 1, [1] = 2, [0] = 3 };
    ASSERT(321, b[0] * 100 + b[1] * 10 + b[2]);
    struct cfg c = { .bg = { .b = 3 }, .width = 9 };
    ASSERT(9, c.width);
    ASSERT(3, c.bg.b);
    ASSERT(0, c.bg.r);
    ASSERT(1, c.title == 0);
  }
  {
    /* array of structs with designators at both levels */
    struct kv { int k; int v; } tab[4] = { [3] = { .v = 30, .k = 3 }, [1].k = 1, [1].v = 10 };
    for (i = 0; i < 4; i++) printf("(%d,%d)", tab[i].k, tab[i].v);
    printf("\n");
    /* 2D with designators */
    int m[3][3] = { [0][0] = 1, [1] = { [1] = 5 }, [2][2] = 9 };
    int s = 0;
    for (i = 0; i < 9; i++) s += m[i / 3][i % 3] * (i + 1);
    ASSERT(1 + 25 + 81, s);
    /* union designator picks a member other than the first */
    union { char c; int i; } u = { .i = 0x01020304 };
    ASSERT(0x01020304, u.i);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
