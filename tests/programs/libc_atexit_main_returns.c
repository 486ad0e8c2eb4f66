/* atexit: returning from main is exit(main's result), so the handlers run, newest
   first, and a handler's exit decides the status (as with glibc). */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

static void second(void) { printf("registered second, runs first\n"); }
static void first(void) { printf("registered first, runs last\n"); }

int main(void) {
  ASSERT(0, atexit(first));
  ASSERT(0, atexit(second));
  printf("main returns 7\n");
  return fails ? 1 : 7;
}
