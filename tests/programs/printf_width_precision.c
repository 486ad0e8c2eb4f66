/* printf width and precision: fixed, '*' (including negative values), precision on integers and strings. */
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
  int w;
  printf("[%5d] [%-5d] [%1d] [%0d]\n", 123, 123, 12345, 7);
  printf("[%.3d] [%.3d] [%.0d] [%.0d] [%5.0d] [%-3.0d]|\n", 7, -7, 0, 1, 0, 0);
  pf("[%8.5d] [%-8.5d] [%08.5d] [%+8.5d] [% .5d]\n", 42, 42, 42, 42, 42);
  printf("[%.10u] [%.2u] [%.8x] [%#.8x] [%.0x] [%#.0x] [%.3o] [%#.3o]\n", 5u, 12345u, 0xabu, 0xabu, 0u, 0u, 8u, 8u);
  printf("[%.0o] [%#.0o]\n", 0u, 0u);
  printf("[%10s] [%-10s] [%.2s] [%10.3s] [%-10.3s] [%.0s] [%.20s]\n", "hello", "hello", "hello", "hello", "hello", "hello", "hello");
  printf("[%3c] [%-3c] [%1c]\n", 'x', 'y', 'z');
  for (w = 0; w <= 12; w += 3) printf("w=%2d [%*d] [%-*d] [%*s]\n", w, w, -99, w, -99, w, "ab");
  printf("[%*d] [%*d]\n", -6, 42, 6, 42);            /* negative width means left-justify */
  printf("[%.*d] [%.*d] [%.*s] [%.*s]\n", 4, 7, -1, 7, 3, "abcdef", -2, "abcdef");  /* negative precision = none */
  printf("[%*.*d] [%-*.*x]\n", 10, 6, -321, 10, 6, 0xfeedu);
  printf("[%20lld] [%-20lld] [%.20lld] [%25.20lld]\n", LLONG_MIN + 1, LLONG_MAX, 1LL, -1LL);
  printf("[%12hd] [%-12hhu] [%012lu]\n", (short)-1234, (unsigned char)200, 4000000000UL);
  pf("[%0*d] [%0-*d]\n", 8, -5, 8, -5);
  {
    /* a table formatted with widths */
    static const struct { const char *name; int qty; unsigned price; } rows[] = {
      { "apple", 3, 120 }, { "watermelon", 1, 1999 }, { "fig", 12, 45 }, { "x", -7, 0 },
    };
    int i;
    printf("%-12s|%6s|%8s\n", "item", "qty", "price");
    for (i = 0; i < 4; i++) printf("%-12.8s|%6d|%5u.%02u\n", rows[i].name, rows[i].qty, rows[i].price / 100, rows[i].price % 100);
  }
  return 0;
}
