/* Flexible array members: heap-allocated variable-length records, sizeof excludes the array, arrays of chars/ints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

struct str { int len; char data[]; };
struct vec { unsigned n; long long sum; int v[]; };

static struct str *str_new(const char *s) {
  int n = (int)strlen(s);
  struct str *r = malloc(sizeof *r + (size_t)n + 1);
  r->len = n;
  memcpy(r->data, s, (size_t)n + 1);
  return r;
}
static struct vec *vec_range(unsigned n, int start, int step) {
  struct vec *v = malloc(sizeof *v + n * sizeof v->v[0]);
  unsigned i;
  v->n = n;
  v->sum = 0;
  for (i = 0; i < n; i++) { v->v[i] = start + (int)i * step; v->sum += v->v[i]; }
  return v;
}

int main(void) {
  ASSERT(4, sizeof(struct str));
  ASSERT(1, sizeof(struct vec) == 12 || sizeof(struct vec) == 16);
  struct str *a = str_new("flexible"), *b = str_new("");
  printf("%d [%s] %d [%s]\n", a->len, a->data, b->len, b->data);
  a->data[0] = 'F';
  printf("[%s]\n", a->data);
  struct vec *v = vec_range(10, -5, 3);
  unsigned i;
  for (i = 0; i < v->n; i++) printf("%d ", v->v[i]);
  printf("sum=%lld\n", v->sum);
  ASSERT(85, v->sum);
  {
    /* grow with realloc */
    struct vec *w = vec_range(3, 1, 1);
    w = realloc(w, sizeof *w + 100 * sizeof w->v[0]);
    for (i = w->n; i < 100; i++) { w->v[i] = (int)i + 1; w->sum += w->v[i]; }
    w->n = 100;
    ASSERT(5050, w->sum);
    ASSERT(100, w->v[99]);
    free(w);
  }
  free(a);
  free(b);
  free(v);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
