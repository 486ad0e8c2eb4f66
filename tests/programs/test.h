/* The check every test program shares (chibicc's ASSERT): ASSERT(expected, expr)
   prints "expr => value", and "expr => value, expected E FAIL" when they differ,
   counting the failure in `fails` (a program typically exits with it). The same text
   comes out of a native gcc -m32 build and of c2w, which the differential tests
   compare. */
#ifndef C2W_TEST_H
#define C2W_TEST_H

#include <stdio.h>

static int fails;
static void check(const char *what, long long expected, long long got) {
  if (expected == got) printf("%s => %lld\n", what, got);
  else { printf("%s => %lld, expected %lld FAIL\n", what, got, expected); fails++; }
}
#define ASSERT(x, y) check(#y, (x), (y))

#endif
