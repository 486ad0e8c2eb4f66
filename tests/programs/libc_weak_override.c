/* A program may define the names outside ISO C that the libc also defines (index,
   ffs, bzero, ...): its definitions win, as they do over glibc's. Here a global array
   is called index and ffs and bzero are the program's own functions; neither
   strings.h nor string.h is included, so nothing clashes at compile time either.
   The calls go through volatile pointers, or gcc would use its built-in knowledge of
   ffs and bzero instead of calling them. A replaced strncasecmp does not change the
   library's strcasestr, which does not call it (nor does glibc's). */
#include <stdio.h>

#include "test.h"

int index[3] = {7, 8, 9};

int ffs(int x) { return x * 100; }

void bzero(void *p, unsigned n) { (void)p; printf("my bzero %u\n", n); }

int (*volatile call_ffs)(int) = ffs;
void (*volatile call_bzero)(void *, unsigned) = bzero;

int strncasecmp(const char *a, const char *b, unsigned n) { (void)a; (void)b; (void)n; return 1; }
int (*volatile call_strncasecmp)(const char *, const char *, unsigned) = strncasecmp;
char *strcasestr(const char *haystack, const char *needle);

int main(void) {
  char c = 'x';
  ASSERT(8, index[1]);
  ASSERT(300, call_ffs(3));
  call_bzero(&c, 1);
  ASSERT('x', c);
  ASSERT(1, call_strncasecmp("a", "a", 1));
  {
    const char *hay = "xxHeLLo";
    ASSERT(2, (int)(strcasestr(hay, "hello") - hay));
  }
  return fails;
}
