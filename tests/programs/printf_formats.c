/* printf conversions d i u x X o c s % with hh/h/l/ll length modifiers and the flags - + space 0 #. */
#include <stdio.h>
#include <limits.h>
#include <stdarg.h>

/* Formats with flag combinations that compilers warn about (but whose meaning is defined by the
   C standard) go through this wrapper, which is not format-checked. */
static void pf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
}

int main(void) {
  static const int iv[] = { 0, 1, -1, 42, -42, 255, 256, 65535, INT_MAX, INT_MIN, 0x12345678 };
  int i;
  for (i = 0; i < (int)(sizeof iv / sizeof iv[0]); i++) {
    int v = iv[i];
    printf("d=%d i=%i u=%u x=%x X=%X o=%o\n", v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
  }
  pf("hhd=%hhd hhu=%hhu hhx=%hhx hd=%hd hu=%hu hx=%hx\n", 300, 300, 0x1ff, 70000, 70000, 0x12345);
  pf("hhd=%hhd hhd=%hhd hd=%hd hd=%hd\n", 127, 128, 32767, 32768);
  printf("ld=%ld lu=%lu lx=%lx li=%li\n", LONG_MIN, ULONG_MAX, 0xdeadbeefUL, -123456789L);
  printf("lld=%lld llu=%llu llx=%llx llo=%llo\n", LLONG_MIN, ULLONG_MAX, 0x1234567890abcdefULL, 01234567012345670123ULL);
  printf("c=[%c%c%c] pct=[%%] s=[%s] s=[%s]\n", 'a', '#', '~', "string", "");
  pf("plus=[%+d] [%+d] [%+d] space=[% d] [% d] [% d] both=[%+ d]\n", 5, -5, 0, 5, -5, 0, 5);
  printf("hash=[%#x] [%#X] [%#o] [%#x] [%#o] [%#o]\n", 255u, 255u, 8u, 0u, 0u, 01u);
  printf("zero=[%05d] [%05d] [%05u] [%08x] [%#010x] [%+06d]\n", 42, -42, 42u, 0xbeefu, 0xbeefu, 42);
  pf("minus=[%-5d] [%-5d] [%-8x] [%-+5d] [%-05d]\n", 42, -42, 0xabcu, 42, 7);
  printf("space+zero=[% 05d] [% 05d]\n", 42, -42);
  printf("adjacent=%d%d%d|%s%s|%c%c\n", 1, 2, 3, "ab", "cd", 'x', 'y');
  printf("unsigned wrap: %u %u\n", (unsigned)-1, (unsigned)INT_MIN);
  printf("literal only line\n");
  printf("%s\n", "percent in arg: %d %s");
  {
    int n = printf("count me: %d %s\n", 12345, "abc");
    printf("printf returned %d\n", n);
    n = printf("%s", "");
    printf("empty printf returned %d\n", n);
  }
  return 0;
}
