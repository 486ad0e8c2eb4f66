/* atexit: exit runs the handlers newest first; more than 32 of them; a handler that
   registers another (it runs next); a handler that calls exit, whose nested exit runs
   the remaining handlers and decides the status (as glibc does). The program ends by
   calling exit (libc_atexit_main_returns.c returns from main instead). */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

static int counted;

static void first(void) { printf("first registered, runs last\n"); }
static void exit_again(void) { printf("handler calls exit(9)\n"); exit(9); }
static void count(void) { printf("count %d\n", ++counted); }
static void late(void) { printf("registered during exit, runs next\n"); }
static void registers_late(void) { printf("registering late\n"); ASSERT(0, atexit(late)); }
static void last(void) { printf("last registered, runs first\n"); }

static void leave(int status) {
  printf("exit(%d)\n", status);
  exit(status);
}

int main(void) {
  int i;
  ASSERT(0, atexit(first));
  ASSERT(0, atexit(exit_again));
  for (i = 0; i < 40; i++) {
    if (atexit(count) != 0) printf("atexit failed at %d\n", i);
  }
  ASSERT(0, atexit(registers_late));
  ASSERT(0, atexit(last));
  leave(7);
}
