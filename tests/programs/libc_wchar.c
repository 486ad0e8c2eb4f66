/* wchar.h: wchar_t (32-bit signed; long under gcc, int under clang, so its exact
   type is not compared), wint_t, WEOF, WCHAR_MIN/MAX (of wchar_t's type), and the wide
   string functions wcslen wcsnlen wcscpy wcsncpy wcscat wcsncat wcscmp wcsncmp wcschr
   wcsrchr wcsspn wcscspn wcspbrk wcsstr wcsdup wmemset wmemcpy wmemmove wmemcmp
   wmemchr, with negative wide characters compared as signed. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <wchar.h>

#include "test.h"

#define SIGN(x) ((x) > 0 ? 1 : (x) < 0 ? -1 : 0)
#define KIND(x) _Generic((x), int: 1, unsigned: 2, long: 3, unsigned long: 4, default: 0)

static int idx(const wchar_t *base, const wchar_t *p) { return p ? (int)(p - base) : -1; }

static void show(const wchar_t *s) {
  printf("[");
  for (; *s; s++) printf(*s >= 32 && *s < 127 ? "%c" : "<%ld>", *s);
  printf("]\n");
}

static volatile size_t zero;

int main(void) {
  wchar_t buf[16];
  wchar_t hello[] = L"hello, world";
  wchar_t empty[] = L"";
  wchar_t neg[] = {-5, 7, -5, 0};
  wchar_t pos[] = {5, 0};
  wchar_t big[] = {WCHAR_MAX, 0};
  wchar_t small[] = {WCHAR_MIN, 0};

  ASSERT(4, (int)sizeof(wchar_t));
  ASSERT(1, (wchar_t)-1 < 0);
  ASSERT(4, (int)sizeof(wint_t));
  ASSERT(2, KIND((wint_t)0));
  ASSERT(4294967295LL, WEOF);
  ASSERT(2, KIND(WEOF));
  ASSERT(2147483647, WCHAR_MAX);
  ASSERT(-2147483647LL - 1, WCHAR_MIN);
  ASSERT(1, KIND(WCHAR_MAX) == KIND(+(wchar_t)0));
  ASSERT(1, KIND(WCHAR_MIN) == KIND(+(wchar_t)0));
  ASSERT(1, KIND(WCHAR_MAX) == 1 || KIND(WCHAR_MAX) == 3);
  ASSERT(1, WCHAR_MAX == INT32_MAX && WCHAR_MIN == INT32_MIN);  /* stdint.h agrees */

  /* lengths */
  ASSERT(12, wcslen(hello));
  ASSERT(0, wcslen(empty));
  ASSERT(3, wcslen(neg));
  ASSERT(5, wcsnlen(hello, 5));
  ASSERT(12, wcsnlen(hello, 100));
  ASSERT(0, wcsnlen(hello, zero));
  ASSERT(0, wcsnlen(empty, 3));

  /* copies */
  ASSERT(0, idx(buf, wcscpy(buf, hello)));
  show(buf);
  wcscpy(buf, empty);
  ASSERT(0, wcslen(buf));
  wmemset(buf, L'X', 16);
  ASSERT(0, idx(buf, wcsncpy(buf, L"ab", 5)));   /* pads with L'\0' to 5 */
  ASSERT('a', buf[0]);
  ASSERT(0, buf[2]);
  ASSERT(0, buf[4]);
  ASSERT('X', buf[5]);
  wcsncpy(buf, L"abcdef", 3);                     /* unterminated */
  ASSERT('c', buf[2]);
  ASSERT(0, buf[3]);
  wmemset(buf, L'X', 16);
  wcsncpy(buf, L"abcdef", 3);
  ASSERT('X', buf[3]);
  wcsncpy(buf, L"zz", zero);
  ASSERT('a', buf[0]);
  wcscpy(buf, L"ab");
  ASSERT(0, idx(buf, wcscat(buf, L"cd")));
  show(buf);
  wcscat(buf, empty);
  ASSERT(4, wcslen(buf));
  ASSERT(0, idx(buf, wcsncat(buf, L"efgh", 2)));
  show(buf);
  wcsncat(buf, L"ij", 10);
  show(buf);
  wcsncat(buf, L"kl", zero);
  ASSERT(8, wcslen(buf));
  {
    wchar_t *copy = wcsdup(neg);
    ASSERT(1, copy != NULL && copy != neg);
    ASSERT(0, wcscmp(copy, neg));
    ASSERT(-5, copy[2]);
    free(copy);
    copy = wcsdup(empty);
    ASSERT(0, copy[0]);
    free(copy);
  }

  /* comparisons: signed wide characters */
  ASSERT(0, wcscmp(hello, hello));
  ASSERT(0, wcscmp(empty, empty));
  ASSERT(-1, SIGN(wcscmp(L"abc", L"abd")));
  ASSERT(1, SIGN(wcscmp(L"abd", L"abc")));
  ASSERT(-1, SIGN(wcscmp(L"ab", L"abc")));
  ASSERT(1, SIGN(wcscmp(L"abc", empty)));
  ASSERT(-1, SIGN(wcscmp(neg, pos)));             /* -5 < 5 */
  ASSERT(1, SIGN(wcscmp(pos, neg)));
  ASSERT(-1, SIGN(wcscmp(neg, empty)));           /* -5 < 0 */
  ASSERT(1, SIGN(wcscmp(big, small)));
  ASSERT(-1, SIGN(wcscmp(small, empty)));
  ASSERT(0, wcsncmp(L"abc", L"abd", 2));
  ASSERT(-1, SIGN(wcsncmp(L"abc", L"abd", 3)));
  ASSERT(0, wcsncmp(L"abc", L"xyz", zero));
  ASSERT(0, wcsncmp(L"abc", L"abc", 100));
  ASSERT(-1, SIGN(wcsncmp(neg, pos, 1)));
  ASSERT(-1, SIGN(wcsncmp(neg, empty, 5)));
  ASSERT(0, wmemcmp(neg, neg, 3));
  ASSERT(-1, SIGN(wmemcmp(neg, pos, 1)));
  ASSERT(1, SIGN(wmemcmp(big, small, 1)));
  ASSERT(0, wmemcmp(neg, pos, zero));
  ASSERT(1, SIGN(wmemcmp(L"a\0b", L"a\0a", 3)));   /* wmemcmp goes past L'\0' */

  /* searches */
  ASSERT(4, idx(hello, wcschr(hello, L'o')));
  ASSERT(8, idx(hello, wcsrchr(hello, L'o')));
  ASSERT(-1, idx(hello, wcschr(hello, L'q')));
  ASSERT(-1, idx(hello, wcsrchr(hello, L'q')));
  ASSERT(12, idx(hello, wcschr(hello, 0)));
  ASSERT(12, idx(hello, wcsrchr(hello, 0)));
  ASSERT(0, idx(empty, wcschr(empty, 0)));
  ASSERT(-1, idx(empty, wcschr(empty, L'a')));
  ASSERT(0, idx(neg, wcschr(neg, -5)));
  ASSERT(2, idx(neg, wcsrchr(neg, -5)));
  ASSERT(-1, idx(neg, wcschr(neg, 251)));         /* no truncation to a byte */
  ASSERT(1, idx(neg, wmemchr(neg, 7, 3)));
  ASSERT(-1, idx(neg, wmemchr(neg, 7, 1)));
  ASSERT(-1, idx(neg, wmemchr(neg, 7, zero)));
  ASSERT(3, idx(neg, wmemchr(neg, 0, 4)));
  ASSERT(5, wcsspn(hello, L"ehlo"));
  ASSERT(0, wcsspn(hello, empty));
  ASSERT(0, wcsspn(empty, L"abc"));
  ASSERT(5, wcscspn(hello, L", "));
  ASSERT(12, wcscspn(hello, empty));
  ASSERT(12, wcscspn(hello, L"xyz"));
  ASSERT(2, wcsspn(neg, (wchar_t[]){-5, 7, 0}) - 1);
  ASSERT(5, idx(hello, wcspbrk(hello, L" ,")));
  ASSERT(-1, idx(hello, wcspbrk(hello, L"xyz")));
  ASSERT(-1, idx(hello, wcspbrk(hello, empty)));
  ASSERT(7, idx(hello, wcsstr(hello, L"world")));
  ASSERT(0, idx(hello, wcsstr(hello, empty)));
  ASSERT(0, idx(empty, wcsstr(empty, empty)));
  ASSERT(-1, idx(empty, wcsstr(empty, L"a")));
  ASSERT(-1, idx(hello, wcsstr(hello, L"worlds")));
  ASSERT(-1, idx(hello, wcsstr(hello, L"World")));
  ASSERT(1, idx(neg, wcsstr(neg, (wchar_t[]){7, -5, 0})));

  /* wmemset, wmemcpy, wmemmove */
  ASSERT(0, idx(buf, wmemset(buf, -1, 16)));
  ASSERT(-1, buf[15]);
  ASSERT(0, idx(buf, wmemset(buf, WCHAR_MAX, 3)));
  ASSERT(2147483647, buf[2]);
  ASSERT(-1, buf[3]);
  wmemset(buf, 0, zero);
  ASSERT(2147483647, buf[0]);
  ASSERT(0, idx(buf, wmemcpy(buf, L"abcdefgh", 9)));
  show(buf);
  wmemcpy(buf, L"zz", zero);
  ASSERT('a', buf[0]);
  ASSERT(0, idx(buf + 2, wmemmove(buf + 2, buf, 5)));   /* overlapping, upwards */
  show(buf);
  ASSERT(0, idx(buf, wmemmove(buf, buf + 3, 6)));       /* overlapping, downwards */
  show(buf);
  return fails;
}
