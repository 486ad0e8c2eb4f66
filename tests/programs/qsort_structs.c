/* qsort on arrays of structs with multi-key comparators (keys made unique so results do not depend on stability). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

struct person { char name[12]; int age; int id; long long score; };

static int by_age_then_name(const void *a, const void *b) {
  const struct person *x = a, *y = b;
  if (x->age != y->age) return x->age < y->age ? -1 : 1;
  return strcmp(x->name, y->name);
}
static int by_score_desc_then_id(const void *a, const void *b) {
  const struct person *x = a, *y = b;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}
static int by_name_len_then_name(const void *a, const void *b) {
  const struct person *x = a, *y = b;
  size_t lx = strlen(x->name), ly = strlen(y->name);
  if (lx != ly) return lx < ly ? -1 : 1;
  return strcmp(x->name, y->name);
}
static void show(const char *label, const struct person *p, int n) {
  int i;
  printf("%s:\n", label);
  for (i = 0; i < n; i++) printf("  %-8s age %2d id %d score %lld\n", p[i].name, p[i].age, p[i].id, p[i].score);
}

int main(void) {
  struct person people[] = {
    { "alice", 30, 1, 5000000000LL }, { "bob", 25, 2, 700 }, { "carol", 35, 3, -20 }, { "dave", 25, 4, 700 },
    { "eve", 30, 5, 5000000001LL }, { "frank", 40, 6, 0 }, { "grace", 35, 7, 123456789012LL }, { "heidi", 20, 8, -20 },
  };
  int n = (int)(sizeof people / sizeof people[0]);
  qsort(people, (size_t)n, sizeof people[0], by_age_then_name);
  show("by age, name", people, n);
  qsort(people, (size_t)n, sizeof people[0], by_score_desc_then_id);
  show("by score desc, id", people, n);
  qsort(people, (size_t)n, sizeof people[0], by_name_len_then_name);
  show("by name length, name", people, n);
  ASSERT('b', people[0].name[0]);
  ASSERT(2, people[0].id);
  {
    /* sort an array of pointers to structs: structs themselves stay in place */
    struct person *ptrs[8];
    int i;
    for (i = 0; i < n; i++) ptrs[i] = &people[i];
    /* reuse the struct comparator through a small adapter */
    int (*cmpf)(const void *, const void *) = by_age_then_name;
    int j;
    for (i = 1; i < n; i++)          /* insertion sort on pointers with the same comparator */
      for (j = i; j > 0 && cmpf(ptrs[j - 1], ptrs[j]) > 0; j--) { struct person *t = ptrs[j]; ptrs[j] = ptrs[j - 1]; ptrs[j - 1] = t; }
    for (i = 0; i < n; i++) printf("%s ", ptrs[i]->name);
    printf("\n");
    ASSERT(0, strcmp(people[0].name, "bob"));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
