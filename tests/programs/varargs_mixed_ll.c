/* Variadic functions mixing int, long long, unsigned, char, strings and int pointers, type-directed by a format string; vsnprintf/vprintf forwarding. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

#include "test.h"

/* mini formatter: i=int, L=long long, u=unsigned, s=string, c=char, p=int pointer (prints pointee) */
static long long walk(const char *fmt, ...) {
  va_list ap;
  long long acc = 0;
  va_start(ap, fmt);
  for (; *fmt; fmt++) {
    switch (*fmt) {
    case 'i': { int v = va_arg(ap, int); printf("i:%d ", v); acc += v; break; }
    case 'L': { long long v = va_arg(ap, long long); printf("L:%lld ", v); acc += v; break; }
    case 'u': { unsigned v = va_arg(ap, unsigned); printf("u:%u ", v); acc += v; break; }
    case 's': { const char *s = va_arg(ap, const char *); printf("s:%s ", s); acc += (long long)strlen(s); break; }
    case 'c': { int c = va_arg(ap, int); printf("c:%c ", c); acc += c; break; }
    case 'p': { int *p = va_arg(ap, int *); printf("p:%d ", *p); acc += *p; *p += 1; break; }
    }
  }
  va_end(ap);
  printf("\n");
  return acc;
}

static long long sum_ll(int n, ...) {
  va_list ap;
  long long s = 0;
  va_start(ap, n);
  while (n--) s += va_arg(ap, long long);
  va_end(ap);
  return s;
}

static int my_format(char *buf, int size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, (size_t)size, fmt, ap);
  va_end(ap);
  return n;
}

static void logf_(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("[log] ");
  vprintf(fmt, ap);
  va_end(ap);
}

int main(void) {
  int x = 41;
  ASSERT(1 + 0x100000000LL + 3 + 5 + 'Z' + 41, walk("iLusc p", 1, 0x100000000LL, 3u, "hello", 'Z', &x));
  ASSERT(42, x);
  ASSERT(-1 + 2 - 3, walk("LiL", -1LL, 2, -3LL));
  ASSERT(0xffffffffLL, walk("uLL", 0xffffffffu, -0x7fffffffffffffffLL, 0x7fffffffffffffffLL));
  ASSERT(0x300000003LL, sum_ll(3, 0x100000001LL, 0x100000001LL, 0x100000001LL));
  ASSERT(-3, sum_ll(3, -1LL, -1LL, -1LL));
  {
    char buf[64];
    int n = my_format(buf, sizeof buf, "%d|%lld|%s|%x", -7, -8000000000LL, "str", 255u);
    printf("%s (%d)\n", buf, n);
    n = my_format(buf, 8, "%lld", 1234567890123LL);
    printf("%s (%d)\n", buf, n);
  }
  logf_("%s=%lld, %s=%d\n", "big", 1LL << 50, "small", 3);
  logf_("%c%c%c %5d%-5d|\n", 'a', 'b', 'c', 12, 34);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
