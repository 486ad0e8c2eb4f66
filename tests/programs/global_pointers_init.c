/* Static initialisers holding addresses: pointers to globals, array elements, struct members, strings, functions. */
#include <stdio.h>
#include <stddef.h>

#include "test.h"

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

int gx = 10, gy = 20;
int garr[6] = { 0, 11, 22, 33, 44, 55 };
struct point { int x, y; } gpt = { 7, 8 };
int *px = &gx;
int *parr_mid = &garr[3];
int *parr_end = garr + 6;
int *ppt_y = &gpt.y;
int **ppx = &px;
const char *greeting = "hello";
const char *greeting_tail = &"hello"[2];
char gbuf[] = "buffer";
char *gbuf_p = gbuf + 1;
int (*op)(int, int) = add;
int (*ops[3])(int, int) = { add, sub, mul };
struct cmd { const char *name; int (*fn)(int, int); int *arg; } cmds[] = {
  { "add", add, &gx }, { "sub", sub, &gy }, { "mul", mul, &garr[2] }, { NULL, NULL, NULL }
};
struct list { int v; struct list *next; };
struct list n3 = { 3, NULL }, n2 = { 2, &n3 }, n1 = { 1, &n2 };
struct list *head = &n1;
static const int *const table_ptrs[] = { &garr[1], &garr[5], &gx };
static char *const strs[] = { "zero", "one", "two" };
ptrdiff_t span = sizeof garr / sizeof garr[0];

int main(void) {
  ASSERT(10, *px);
  ASSERT(33, *parr_mid);
  ASSERT(55, parr_end[-1]);
  ASSERT(8, *ppt_y);
  ASSERT(10, **ppx);
  printf("%s %s %s\n", greeting, greeting_tail, gbuf_p);
  ASSERT(5, op(2, 3));
  ASSERT(-1, ops[1](2, 3));
  ASSERT(6, ops[2](2, 3));
  {
    struct cmd *c;
    for (c = cmds; c->name; c++) printf("%s(%d, 3) = %d\n", c->name, *c->arg, c->fn(*c->arg, 3));
  }
  {
    struct list *l;
    int s = 0;
    for (l = head; l; l = l->next) s = s * 10 + l->v;
    ASSERT(123, s);
  }
  ASSERT(11, *table_ptrs[0]);
  ASSERT(55, *table_ptrs[1]);
  ASSERT(10, *table_ptrs[2]);
  printf("%s %s %s\n", strs[0], strs[1], strs[2]);
  ASSERT(6, span);
  /* modifications through initialised pointers are visible */
  *px = 100;
  *ppt_y = -8;
  *gbuf_p = 'U';
  gx++;
  ASSERT(101, gx);
  ASSERT(-8, gpt.y);
  printf("%s\n", gbuf);
  op = mul;
  ASSERT(12, op(3, 4));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
