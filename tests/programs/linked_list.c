/* Singly linked list on the heap: push/append, reverse, remove, insertion sort, merge, length, free all. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

struct node { int val; struct node *next; };

static struct node *push(struct node *head, int v) {
  struct node *n = malloc(sizeof *n);
  n->val = v;
  n->next = head;
  return n;
}
static struct node *append(struct node *head, int v) {
  struct node *n = malloc(sizeof *n), **pp = &head;
  n->val = v;
  n->next = NULL;
  while (*pp) pp = &(*pp)->next;
  *pp = n;
  return head;
}
static int length(const struct node *h) { int n = 0; for (; h; h = h->next) n++; return n; }
static void print(const char *label, const struct node *h) {
  printf("%s:", label);
  for (; h; h = h->next) printf(" %d", h->val);
  printf("\n");
}
static struct node *reverse(struct node *h) {
  struct node *prev = NULL;
  while (h) { struct node *nx = h->next; h->next = prev; prev = h; h = nx; }
  return prev;
}
static struct node *remove_if(struct node *h, int (*pred)(int)) {
  struct node **pp = &h;
  while (*pp) {
    if (pred((*pp)->val)) { struct node *d = *pp; *pp = d->next; free(d); }
    else pp = &(*pp)->next;
  }
  return h;
}
static int is_even(int v) { return v % 2 == 0; }
static struct node *insertion_sort(struct node *h) {
  struct node *sorted = NULL;
  while (h) {
    struct node *nx = h->next, **pp = &sorted;
    while (*pp && (*pp)->val < h->val) pp = &(*pp)->next;
    h->next = *pp;
    *pp = h;
    h = nx;
  }
  return sorted;
}
static struct node *merge(struct node *a, struct node *b) {
  struct node head, *t = &head;
  while (a && b) {
    if (a->val <= b->val) { t->next = a; a = a->next; }
    else { t->next = b; b = b->next; }
    t = t->next;
  }
  t->next = a ? a : b;
  return head.next;
}
static void free_all(struct node *h) { while (h) { struct node *nx = h->next; free(h); h = nx; } }

int main(void) {
  struct node *l = NULL;
  int i;
  for (i = 1; i <= 5; i++) l = push(l, i);
  for (i = 6; i <= 8; i++) l = append(l, i * 10);
  print("built", l);
  ASSERT(8, length(l));
  l = reverse(l);
  print("reversed", l);
  l = remove_if(l, is_even);
  print("odd only", l);
  ASSERT(3, length(l));
  {
    struct node *u = NULL;
    static const int vals[] = { 42, -7, 13, 0, 99, -100, 5, 13, 7, 1 };
    for (i = 0; i < 10; i++) u = push(u, vals[i]);
    u = insertion_sort(u);
    print("sorted", u);
    struct node *m = merge(u, insertion_sort(l));
    print("merged", m);
    ASSERT(13, length(m));
    long long s = 0;
    struct node *it;
    for (it = m; it; it = it->next) s += it->val;
    ASSERT(73 + 9, s);
    free_all(m);
  }
  ASSERT(0, length(NULL));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
