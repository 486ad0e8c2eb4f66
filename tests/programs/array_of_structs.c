/* Arrays of structs: initialisation, indexing vs pointer walk, updating fields, aggregates, struct arrays inside structs. */
#include <stdio.h>
#include <string.h>

#include "test.h"

struct item { char name[10]; int qty; unsigned price_cents; short flags; };
struct inventory { int n; struct item items[6]; };

static long long total_value(const struct item *it, int n) {
  long long t = 0;
  int i;
  for (i = 0; i < n; i++) t += (long long)it[i].qty * it[i].price_cents;
  return t;
}
static struct item *find(struct inventory *inv, const char *name) {
  int i;
  for (i = 0; i < inv->n; i++) if (strcmp(inv->items[i].name, name) == 0) return &inv->items[i];
  return NULL;
}
static void restock(struct item *begin, struct item *end, int amount) {
  for (; begin != end; begin++) if (begin->qty < 5) begin->qty += amount;
}

int main(void) {
  struct inventory inv = { 4, {
    { "bolt", 120, 15, 0 }, { "nut", 3, 5, 1 }, { "washer", 0, 2, 2 }, { "gear", 7, 1250, 0 },
  } };
  ASSERT(4 + 6 * (int)sizeof(struct item), sizeof inv);
  ASSERT(24, sizeof(struct item));
  ASSERT(1800 + 15 + 0 + 8750, total_value(inv.items, inv.n));
  struct item *g = find(&inv, "gear");
  ASSERT(1, g == &inv.items[3]);
  ASSERT(3, g - inv.items);
  ASSERT(1, find(&inv, "spring") == NULL);
  g->qty -= 2;
  ASSERT(5, inv.items[3].qty);
  restock(inv.items, inv.items + inv.n, 10);
  {
    int i;
    for (i = 0; i < inv.n; i++) printf("%-8s qty %3d price %5u flags %d\n", inv.items[i].name, inv.items[i].qty, inv.items[i].price_cents, inv.items[i].flags);
  }
  inv.items[inv.n++] = (struct item){ "spring", 40, 33, 3 };
  strcpy(inv.items[inv.n].name, "cog");
  inv.items[inv.n].qty = 1;
  inv.items[inv.n].price_cents = 999;
  inv.items[inv.n].flags = -1;
  inv.n++;
  ASSERT(6, inv.n);
  printf("value %lld\n", total_value(inv.items, inv.n));
  {
    /* swap two elements, sort by qty descending with a simple selection sort (qty values distinct) */
    int i, j;
    for (i = 0; i < inv.n; i++) {
      int m = i;
      for (j = i + 1; j < inv.n; j++) if (inv.items[j].qty > inv.items[m].qty) m = j;
      if (m != i) { struct item t = inv.items[i]; inv.items[i] = inv.items[m]; inv.items[m] = t; }
    }
    for (i = 0; i < inv.n; i++) printf("%s:%d ", inv.items[i].name, inv.items[i].qty);
    printf("\n");
  }
  {
    /* a 2-D array of small structs */
    struct cell { char ch; unsigned char visits; } grid[4][5];
    int r, c, steps;
    memset(grid, 0, sizeof grid);
    r = 0; c = 0;
    for (steps = 0; steps < 37; steps++) {
      grid[r][c].visits++;
      grid[r][c].ch = (char)('a' + steps % 26);
      r = (r + 1) % 4;
      c = (c + 2) % 5;
    }
    for (r = 0; r < 4; r++) {
      for (c = 0; c < 5; c++) printf("%c%u ", grid[r][c].ch ? grid[r][c].ch : '.', grid[r][c].visits);
      printf("\n");
    }
    ASSERT(40, sizeof grid);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
