#include "shared.h"

int count;
static int sum;

static int helper(void) { return 7; }  /* main.c has its own helper */

void bump(int by) { count++; sum += by * helper(); }
int total(void) { return sum; }
int apply(int (*f)(int), int x) { return f(x); }
