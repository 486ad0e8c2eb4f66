/* Preprocessor: object/function-like macros, # and ##, variadic macros, #if arithmetic, defined(), nested expansion, __LINE__, __func__. */
#include <stdio.h>
#include <string.h>

#include "test.h"

#define PI_ISH 314
#define SQUARE(x) ((x) * (x))
#define BAD_SQUARE(x) x * x
#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define COUNT_ARGS(...) COUNT_ARGS_(__VA_ARGS__, 5, 4, 3, 2, 1, 0)
#define COUNT_ARGS_(a, b, c, d, e, n, ...) n
#define SUM3(a, ...) ((a) + SUM2(__VA_ARGS__))
#define SUM2(a, b) ((a) + (b))
#define FMT_LIST(fmt, ...) snprintf(buf, sizeof buf, fmt, __VA_ARGS__)
#define VERSION_MAJOR 2
#define VERSION_MINOR 7
#define APPLY(f, x) f(x)
#define TWICE(x) (2 * (x))
#define EMPTY
#define ID(x) x

#if VERSION_MAJOR * 100 + VERSION_MINOR >= 207 && defined(SQUARE) && !defined(NOT_DEFINED)
#define FEATURE 1
#else
#define FEATURE 0
#endif

#if (1 << 10) != 1024 || (-1 >> 1) != -1 || 0x7fffffff + 0 < 0
#error "unexpected preprocessor arithmetic"
#endif

#ifdef FEATURE
static const int feature_on = FEATURE;
#endif

#ifndef VERSION_PATCH
#define VERSION_PATCH 0
#endif

#undef PI_ISH
#define PI_ISH 3141

static int var12 = 12;

int main(void) {
  char buf[64];
  ASSERT(3141, PI_ISH);
  ASSERT(49, SQUARE(3 + 4));
  ASSERT(19, BAD_SQUARE(3 + 4));      /* 3 + 4 * 3 + 4 */
  printf("%s|%s|%s\n", STR(hello world), STR(a + b), XSTR(PI_ISH));
  printf("%s|%s\n", STR("quoted" 'c'), XSTR(SQUARE(1)));
  ASSERT(12, CAT(var, 12));
  ASSERT(12, XCAT(var, 12));
  ASSERT(1, COUNT_ARGS(a));
  ASSERT(3, COUNT_ARGS(a, b, c));
  ASSERT(5, COUNT_ARGS(1, 2, 3, 4, 5));
  ASSERT(6, SUM3(1, 2, 3));
  FMT_LIST("%d-%s-%c", 7, "x", 'y');
  printf("%s\n", buf);
  ASSERT(1, feature_on);
  ASSERT(0, VERSION_PATCH);
  ASSERT(20, APPLY(TWICE, 10));
  ASSERT(5, ID(EMPTY 5 EMPTY));
  printf("line %d\n", __LINE__);
#line 1000
  printf("line %d\n", __LINE__);
  printf("func %s\n", __func__);
  ASSERT(4, (int)strlen(__func__));
  ASSERT(1, __STDC__);
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
  printf("C11 or later\n");
#endif
  {
    /* macro that expands to a statement, and multi-line macro */
#define SWAP(t, a, b) do { t tmp_ = (a); (a) = (b); (b) = tmp_; } while (0)
    int p = 1, q = 2;
    SWAP(int, p, q);
    ASSERT(21, p * 10 + q);
#undef SWAP
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
