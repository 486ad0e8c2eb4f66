/* _Bool / bool: conversion of any non-zero value to 1, arithmetic on bools, bool in structs/arrays, sizeof. */
#include <stdio.h>
#include <stdbool.h>

#include "test.h"

static bool is_pos(int v) { return v > 0; }
static bool to_bool(long long v) { return v; }
static int count_true(const bool *b, int n) { int c = 0; while (n--) c += *b++; return c; }

int main(void) {
  bool t = true, f = false;
  ASSERT(1, t);
  ASSERT(0, f);
  ASSERT(1, true);
  ASSERT(0, false);
  ASSERT(1, sizeof(bool));
  ASSERT(1, sizeof(_Bool));
  ASSERT(1, (bool)2);
  ASSERT(1, (bool)-1);
  ASSERT(1, (bool)0x100);          /* not truncated to the low byte */
  ASSERT(1, to_bool(0x100000000LL)); /* nor to the low word */
  ASSERT(0, to_bool(0));
  {
    bool b = 256;
    ASSERT(1, b);
    b = b + 1;
    ASSERT(1, b);
    b = !b;
    ASSERT(0, b);
    b += 1;
    ASSERT(1, b);
    b += 1;
    ASSERT(1, b);                  /* 1 + 1 = 2 -> true, stays 1 */
    b = 0;
    b -= 1;
    ASSERT(1, b);                  /* 0 - 1 = -1 -> true */
    b -= 1;
    ASSERT(0, b);
    int sum = t + t + t;
    ASSERT(3, sum);
    int three = 3, four = 4;
    bool c = three & four;
    ASSERT(0, c);
    c = three && four;
    ASSERT(1, c);
    void *np = 0;
    bool pb = np;
    ASSERT(0, pb);
    int *ip = &sum;
    pb = ip;
    ASSERT(1, pb);
  }
  {
    bool flags[10];
    int i;
    for (i = 0; i < 10; i++) flags[i] = is_pos(i - 4) && (i % 2);
    ASSERT(3, count_true(flags, 10));
    struct opts { bool verbose; bool dry_run; int level; } o = { .verbose = 7, .level = 2 };
    ASSERT(1, o.verbose);
    ASSERT(0, o.dry_run);
    printf("verbose=%d dry_run=%d level=%d\n", o.verbose, o.dry_run, o.level);
    unsigned char raw = t;
    ASSERT(1, raw);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
