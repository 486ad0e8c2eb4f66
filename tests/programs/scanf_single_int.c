// sscanf(s, "%d", &n) and scanf("%d", &n), which the compiler turns into the libc's
// one-int scan: what is assigned, what is returned and what is left must be glibc's.
#include <errno.h>
#include <stdio.h>

static void scan(const char* s) {
  int n = -777;
  errno = 0;
  int r = sscanf(s, "%d", &n);
  printf("[%s] -> %d, n=%d, errno %s\n", s, r, n, errno == ERANGE ? "ERANGE" : errno ? "other" : "0");
}

int main(void) {
  scan("42");
  scan("  -17 rest");
  scan("+8");
  scan("\t\n 0x1f");
  scan("abc");
  scan("");
  scan("   ");
  scan("-");
  scan("+");
  scan("- 5");
  scan("007");
  scan("0");
  scan("-0x");
  scan("4294967295");
  scan("-2147483648");
  scan("\xe9""12");
  scan("2147483647");
  scan("2147483648");
  scan("-2147483649");
  scan("99999999999999999999");
  int n = 0, r, total = 0, count = 0;
  while ((r = scanf("%d", &n)) == 1) {
    total += n;
    ++count;
  }
  printf("stdin: %d numbers, total %d, last scanf %d, next byte %d\n", count, total, r, getchar());
  return 0;
}
