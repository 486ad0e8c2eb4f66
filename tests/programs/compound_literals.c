/* Compound literals: struct/array/scalar literals, address-taking, as arguments, modification, file scope. */
#include <stdio.h>

#include "test.h"

struct pt { int x, y; };

static int *file_arr = (int[]){ 10, 20, 30 };
static struct pt *file_pt = &(struct pt){ 5, 6 };

static int sum(const int *a, int n) { int s = 0; while (n--) s += *a++; return s; }
static int dot(struct pt a, struct pt b) { return a.x * b.x + a.y * b.y; }
static int len_sq(const struct pt *p) { return p->x * p->x + p->y * p->y; }

int main(void) {
  ASSERT(6, sum((int[]){ 1, 2, 3 }, 3));
  ASSERT(10, sum((int[5]){ [4] = 10 }, 5));
  ASSERT(11, dot((struct pt){ 1, 2 }, (struct pt){ 3, 4 }));
  ASSERT(25, len_sq(&(struct pt){ 3, 4 }));
  ASSERT(25, len_sq(&(struct pt){ .y = 5 }));
  ASSERT(60, sum(file_arr, 3));
  ASSERT(11, file_pt->x + file_pt->y);
  file_arr[1] = 0;
  ASSERT(40, sum(file_arr, 3));
  {
    int *p = (int[]){ 7, 8, 9 };
    p[0] = 70;
    ASSERT(87, sum(p, 3));
    struct pt q = (struct pt){ 1, 1 };
    q = (struct pt){ q.y + 1, q.x + 2 };
    ASSERT(2, q.x);
    ASSERT(3, q.y);
    int v = (int){ 42 };
    ASSERT(42, v);
    const char *s = (const char[]){ 'o', 'k', 0 };
    printf("%s\n", s);
    char *names[] = { (char[]){ "mutable" }, (char[]){ "too" } };
    names[0][0] = 'M';
    printf("%s %s\n", names[0], names[1]);
  }
  {
    /* compound literal in a loop: fresh object each iteration */
    int i, total = 0;
    for (i = 0; i < 4; i++) {
      struct pt *pp = &(struct pt){ i, i * 2 };
      pp->x += 1;
      total += pp->x + pp->y;
    }
    ASSERT(22, total);
    unsigned long long big = ((unsigned long long[]){ 1, 0xffffffffffffffffULL })[1];
    ASSERT(-1, (long long)big);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
