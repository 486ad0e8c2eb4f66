/* Pointers to pointers: double indirection, modifying a caller's pointer, arrays of pointers, char**. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

static void advance(const char **pp, int n) { *pp += n; }
static void alloc_into(int **out, int *storage) { *out = storage; }
static int count_words(char **w) { int n = 0; while (*w++) n++; return n; }

int main(void) {
  int x = 1, y = 2;
  int *p = &x;
  int **pp = &p;
  int ***ppp = &pp;
  ASSERT(1, **pp);
  ASSERT(1, ***ppp);
  *pp = &y;
  ASSERT(2, *p);
  **pp = 20;
  ASSERT(20, y);
  ***ppp += 1;
  ASSERT(21, y);
  {
    const char *s = "hello world";
    advance(&s, 6);
    ASSERT('w', *s);
    printf("advanced: %s\n", s);
    int storage = 77;
    int *target = NULL;
    alloc_into(&target, &storage);
    ASSERT(77, *target);
  }
  {
    char w0[] = "alpha", w1[] = "beta", w2[] = "gamma";
    char *words[] = { w0, w1, w2, NULL };
    char **wp = words;
    ASSERT(3, count_words(words));
    ASSERT('b', **(wp + 1));
    ASSERT('m', *(*(wp + 2) + 2));
    ASSERT('p', wp[0][2]);
    wp[1][0] = 'B';
    printf("%s %s %s\n", words[0], words[1], words[2]);
    /* swap two pointers through a pointer to pointer */
    char **a = &words[0], **b = &words[2];
    char *t = *a; *a = *b; *b = t;
    printf("%s %s %s\n", words[0], words[1], words[2]);
  }
  {
    /* array of pointers to rows */
    int r0[3] = { 1, 2, 3 }, r1[3] = { 4, 5, 6 };
    int *rows[2] = { r0, r1 };
    int **m = rows;
    int i, j, s = 0;
    for (i = 0; i < 2; i++)
      for (j = 0; j < 3; j++) s += m[i][j] * (i + 1);
    ASSERT(6 + 30, s);
  }
  {
    /* removing from a linked list with a pointer to the link */
    struct node { int v; struct node *next; } n[5];
    struct node *head = &n[0], **link;
    int i;
    for (i = 0; i < 5; i++) { n[i].v = i * 10; n[i].next = i < 4 ? &n[i + 1] : NULL; }
    for (link = &head; *link;) {
      if ((*link)->v % 20 == 0) *link = (*link)->next;
      else link = &(*link)->next;
    }
    struct node *it;
    for (it = head; it; it = it->next) printf("%d ", it->v);
    printf("\n");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
