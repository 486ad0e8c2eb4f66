/* Chained hash table with string keys (FNV-1a), insert/update/lookup/delete, resize, word counting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

struct entry { char *key; int value; struct entry *next; };
struct table { struct entry **buckets; unsigned nbuckets; unsigned count; };

static unsigned hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; }
  return h;
}
static void init(struct table *t, unsigned n) { t->buckets = calloc(n, sizeof *t->buckets); t->nbuckets = n; t->count = 0; }
static struct entry *lookup(const struct table *t, const char *key) {
  struct entry *e;
  for (e = t->buckets[hash(key) % t->nbuckets]; e; e = e->next)
    if (strcmp(e->key, key) == 0) return e;
  return NULL;
}
static void resize(struct table *t, unsigned n) {
  struct entry **nb = calloc(n, sizeof *nb);
  unsigned i;
  for (i = 0; i < t->nbuckets; i++) {
    struct entry *e = t->buckets[i];
    while (e) {
      struct entry *nx = e->next;
      unsigned b = hash(e->key) % n;
      e->next = nb[b];
      nb[b] = e;
      e = nx;
    }
  }
  free(t->buckets);
  t->buckets = nb;
  t->nbuckets = n;
}
static void put(struct table *t, const char *key, int value) {
  struct entry *e = lookup(t, key);
  if (e) { e->value = value; return; }
  if (t->count + 1 > t->nbuckets * 2) resize(t, t->nbuckets * 2 + 1);
  e = malloc(sizeof *e);
  e->key = strdup(key);
  e->value = value;
  unsigned b = hash(key) % t->nbuckets;
  e->next = t->buckets[b];
  t->buckets[b] = e;
  t->count++;
}
static int del(struct table *t, const char *key) {
  struct entry **pp = &t->buckets[hash(key) % t->nbuckets];
  for (; *pp; pp = &(*pp)->next) {
    if (strcmp((*pp)->key, key) == 0) {
      struct entry *d = *pp;
      *pp = d->next;
      free(d->key);
      free(d);
      t->count--;
      return 1;
    }
  }
  return 0;
}
static void destroy(struct table *t) {
  unsigned i;
  for (i = 0; i < t->nbuckets; i++) {
    struct entry *e = t->buckets[i];
    while (e) { struct entry *nx = e->next; free(e->key); free(e); e = nx; }
  }
  free(t->buckets);
}
static int cmp_entries(const void *a, const void *b) {
  const struct entry *x = *(const struct entry *const *)a, *y = *(const struct entry *const *)b;
  if (x->value != y->value) return y->value - x->value;
  return strcmp(x->key, y->key);
}

int main(void) {
  struct table t;
  init(&t, 3);
  printf("hash(\"\")=%08x hash(\"a\")=%08x hash(\"hello\")=%08x\n", hash(""), hash("a"), hash("hello"));
  {
    const char *text = "the cat sat on the mat the dog sat on the log a cat and a dog and a frog "
                       "sat on a log in the bog with the cat";
    char word[32];
    const char *p = text;
    while (*p) {
      int n = 0;
      while (*p == ' ') p++;
      while (*p && *p != ' ' && n < 31) word[n++] = *p++;
      word[n] = 0;
      if (n) { struct entry *e = lookup(&t, word); put(&t, word, e ? e->value + 1 : 1); }
    }
  }
  printf("distinct words %u, buckets %u\n", t.count, t.nbuckets);
  ASSERT(6, lookup(&t, "the")->value);
  ASSERT(3, lookup(&t, "cat")->value);
  ASSERT(1, lookup(&t, "zebra") == NULL);
  {
    struct entry *all[64];
    unsigned i, n = 0;
    for (i = 0; i < t.nbuckets; i++) {
      struct entry *e;
      for (e = t.buckets[i]; e; e = e->next) all[n++] = e;
    }
    qsort(all, n, sizeof all[0], cmp_entries);
    for (i = 0; i < n; i++) printf("%s=%d%s", all[i]->key, all[i]->value, i + 1 < n ? " " : "\n");
  }
  ASSERT(1, del(&t, "the"));
  ASSERT(0, del(&t, "the"));
  ASSERT(1, lookup(&t, "the") == NULL);
  put(&t, "cat", 100);
  ASSERT(100, lookup(&t, "cat")->value);
  {
    char key[16];
    int i, okc = 1;
    for (i = 0; i < 60; i++) { snprintf(key, sizeof key, "k%d", i * 7); put(&t, key, i); }
    for (i = 0; i < 60; i++) {
      snprintf(key, sizeof key, "k%d", i * 7);
      struct entry *e = lookup(&t, key);
      if (!e || e->value != i) okc = 0;
    }
    ASSERT(1, okc);
    printf("count %u buckets %u\n", t.count, t.nbuckets);
  }
  destroy(&t);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
