/* C11 features: _Static_assert, _Generic selection, anonymous structs/unions, _Noreturn, _Alignof of basic types, u8 literals. */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

_Static_assert(sizeof(int) == 4, "int is 32 bits");
_Static_assert(sizeof(void *) == 4, "ILP32");
_Static_assert(sizeof(long long) == 8, "long long is 64 bits");

#define TYPE_NAME(x) _Generic((x), \
  _Bool: "bool", char: "char", signed char: "signed char", unsigned char: "unsigned char", \
  short: "short", unsigned short: "unsigned short", int: "int", unsigned: "unsigned", \
  long: "long", unsigned long: "unsigned long", long long: "long long", \
  unsigned long long: "unsigned long long", char *: "char *", const char *: "const char *", \
  int *: "int *", default: "other")

#define ABS(x) _Generic((x), long long: llabs, long: labs, default: abs)(x)

struct shape {
  int kind;
  union {
    struct { int w, h; };
    struct { int r; };
  };
};

static _Noreturn void die(int code) { exit(code); }
static int area(const struct shape *s) { return s->kind == 0 ? s->w * s->h : 3 * s->r * s->r; }

int main(void) {
  char c = 0; signed char sc = 0; unsigned char uc = 0; short s = 0; unsigned short us = 0;
  long l = 0; unsigned long ul = 0; long long ll = 0; unsigned long long ull = 0;
  int i = 0, *ip = &i;
  char buf[2] = "x";
  const char *cs = buf;
  printf("%s %s %s %s %s\n", TYPE_NAME(c), TYPE_NAME(sc), TYPE_NAME(uc), TYPE_NAME(s), TYPE_NAME(us));
  printf("%s %s %s %s %s\n", TYPE_NAME(i), TYPE_NAME(0u), TYPE_NAME(l), TYPE_NAME(ul), TYPE_NAME(ll));
  printf("%s %s %s %s %s\n", TYPE_NAME(ull), TYPE_NAME(buf), TYPE_NAME(cs), TYPE_NAME(ip), TYPE_NAME((_Bool)1));
  printf("%s %s %s %s\n", TYPE_NAME(c + c), TYPE_NAME(us * 2), TYPE_NAME(1 + 1LL), TYPE_NAME('a'));
  printf("%s %s\n", TYPE_NAME(uc + 0u), TYPE_NAME(ul + 1u));
  ASSERT(5, ABS(-5));
  ASSERT(5000000000LL, ABS(-5000000000LL));
  ASSERT(7, ABS(-7L));
  ASSERT(1, _Alignof(char));
  ASSERT(2, _Alignof(short));
  ASSERT(4, _Alignof(int));
  ASSERT(4, _Alignof(void *));
  {
    struct shape r = { .kind = 0, .w = 3, .h = 4 };
    struct shape ci = { .kind = 1, .r = 2 };
    ASSERT(12, area(&r));
    ASSERT(12, area(&ci));
    ASSERT(12, sizeof r);
  }
  {
    const char *u8s = u8"utf-8 literal";
    printf("%s\n", u8s);
    static const int tbl[] = { 1, 2, 3 };
    _Static_assert(sizeof tbl / sizeof tbl[0] == 3, "three entries");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  if (fails) die(1);
  return 0;
}
