/* sprintf/snprintf/vsprintf/vsnprintf: return values, truncation, size 0, building strings incrementally. */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>

#include "test.h"

static int my_vs(char *buf, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsprintf(buf, fmt, ap);
  va_end(ap);
  return n;
}

/* sizes are read from volatile objects so that compilers do not warn about the
   (intentional, well-defined) truncation */
static volatile int size0 = 0, size1 = 1, size5 = 5, size6 = 6;
#define SZ(v) ((size_t)(v))

int main(void) {
  char buf[64];
  int n;
  n = sprintf(buf, "%d-%s-%c", 42, "abc", 'z');
  ASSERT(8, n);
  printf("[%s]\n", buf);
  ASSERT(0, strcmp(buf, "42-abc-z"));
  n = sprintf(buf, "%s", "");
  ASSERT(0, n);
  ASSERT(0, buf[0]);
  n = snprintf(buf, sizeof buf, "%08x|%-6d|%+d", 0xabcu, -12, 7);
  ASSERT(18, n);
  printf("[%s]\n", buf);
  /* truncation: return value is the untruncated length, buffer always NUL-terminated */
  memset(buf, '#', sizeof buf);
  n = snprintf(buf, SZ(size5), "%s", "truncated");
  ASSERT(9, n);
  printf("[%s]\n", buf);
  ASSERT(0, buf[4]);
  ASSERT('#', buf[5]);
  n = snprintf(buf, SZ(size1), "%d", 12345);
  ASSERT(5, n);
  ASSERT(0, buf[0]);
  memset(buf, '#', sizeof buf);
  n = snprintf(buf, SZ(size0), "%d", 12345);
  ASSERT(5, n);
  ASSERT('#', buf[0]);
  n = snprintf(buf, SZ(size0), "%lld", -1234567890123LL);
  ASSERT(14, n);
  n = snprintf(buf, SZ(size6), "%d", 12345);
  ASSERT(5, n);
  printf("[%s]\n", buf);
  n = snprintf(buf, SZ(size6), "%d", 123456);
  ASSERT(6, n);
  printf("[%s]\n", buf);
  n = my_vs(buf, "%s=%u", "answer", 42u);
  ASSERT(9, n);
  printf("[%s]\n", buf);
  {
    /* build a string piece by piece with an offset */
    char out[128];
    int off = 0, i;
    for (i = 0; i < 10; i++) off += snprintf(out + off, sizeof out - (size_t)off, "%s%d", i ? "," : "", i * i);
    printf("[%s] len=%d\n", out, off);
    ASSERT((int)strlen(out), off);
    /* truncation in the middle of a build */
    char small[16];
    off = 0;
    for (i = 0; i < 10; i++) {
      int r = snprintf(small + off, sizeof small - (size_t)off, "<%d>", i);
      if (r >= (int)(sizeof small) - off) { off = (int)sizeof small - 1; break; }
      off += r;
    }
    printf("[%s] off=%d\n", small, off);
  }
  {
    /* sprintf with many conversions and a long result */
    char big[200];
    n = sprintf(big, "%s|%10s|%-10s|%5d|%-5d|%05d|%x|%X|%o|%c|%%|%lld|%llu", "a", "b", "c", 1, 2, 3, 255u, 255u, 8u, 'Q',
                -9000000000LL, 18000000000ULL);
    printf("%s (%d)\n", big, n);
    ASSERT((int)strlen(big), n);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
