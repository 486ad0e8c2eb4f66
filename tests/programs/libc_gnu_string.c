/* string.h beyond ISO C: stpcpy stpncpy memccpy strsep strtok_r explicit_bzero
   (POSIX), mempcpy memrchr rawmemchr strchrnul memmem strcasestr (GNU, declared
   under _GNU_SOURCE), and strcoll strxfrm in the "C" locale. Results are printed as
   offsets into the buffers they point into (-1 for NULL). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "test.h"

#define SIGN(x) ((x) > 0 ? 1 : (x) < 0 ? -1 : 0)

static int idx(const void *base, const void *p) { return p ? (int)((const char *)p - (const char *)base) : -1; }

static volatile size_t zero;

/* Tokens of s split by strsep, as "[a][][b]" */
static void show_strsep(const char *text, const char *delim) {
  char buf[64], *s = buf, *field;
  strcpy(buf, text);
  printf("strsep(\"%s\", \"%s\"):", text, delim);
  while ((field = strsep(&s, delim)) != NULL)
    printf(" [%s]@%d%s", field, idx(buf, field), s ? "" : " end");
  printf("\n");
}

static void show_strtok_r(const char *text, const char *delim) {
  char buf[64], *save = NULL, *token, *s = buf;
  strcpy(buf, text);
  printf("strtok_r(\"%s\", \"%s\"):", text, delim);
  while ((token = strtok_r(s, delim, &save)) != NULL) {
    printf(" [%s]@%d save@%d", token, idx(buf, token), idx(buf, save));
    s = NULL;
  }
  printf(" end save@%d\n", idx(buf, save));
}

int main(void) {
  char buf[32];
  char hay[] = "Hello, hello, HELLO world";
  char empty[] = "";

  /* stpcpy, stpncpy */
  ASSERT(5, idx(buf, stpcpy(buf, "hello")));
  printf("[%s]\n", buf);
  ASSERT(0, idx(buf, stpcpy(buf, "")));
  ASSERT(0, buf[0]);
  ASSERT(8, idx(buf, stpcpy(stpcpy(buf, "abc"), "defgh")));
  printf("[%s]\n", buf);
  memset(buf, 'X', sizeof buf);
  ASSERT(3, idx(buf, stpncpy(buf, "abc", 6)));     /* pads to 6 with NULs */
  ASSERT(0, buf[3]);
  ASSERT(0, buf[5]);
  ASSERT('X', buf[6]);
  memset(buf, 'X', sizeof buf);
  ASSERT(4, idx(buf, stpncpy(buf, "abcdefgh", 4))); /* no terminator */
  ASSERT('X', buf[4]);
  ASSERT(0, idx(buf, stpncpy(buf, "abc", zero)));
  ASSERT('a', buf[0]);
  ASSERT(3, idx(buf, stpncpy(buf, "abc", 3)));

  /* memccpy */
  memset(buf, 'X', sizeof buf);
  ASSERT(3, idx(buf, memccpy(buf, "ab,cd", ',', 5)));
  ASSERT(',', buf[2]);
  ASSERT('X', buf[3]);
  ASSERT(-1, idx(buf, memccpy(buf, "abcd", ',', 4)));
  ASSERT('d', buf[3]);
  ASSERT(-1, idx(buf, memccpy(buf, "ab,c", ',', 2)));   /* c beyond n */
  ASSERT(1, idx(buf, memccpy(buf, "\xff" "a", 0xff, 2)));
  ASSERT(-1, idx(buf, memccpy(buf, "abc", 'a', zero)));
  ASSERT(4, idx(buf, memccpy(buf, "abc", 0, 10)));     /* stops after the NUL */

  /* strsep: empty fields, leading and trailing delimiters, no delimiter */
  show_strsep("a,b,,c", ",");
  show_strsep(",a;b,", ",;");
  show_strsep("", ",");
  show_strsep("abc", "");
  show_strsep("abc", "xyz");
  {
    char *s = NULL;
    ASSERT(-1, idx(buf, strsep(&s, ",")));
  }

  /* strtok_r: runs of delimiters, and where *save is left */
  show_strtok_r("a,b,,c", ",");
  show_strtok_r(",,a;;b,,", ",;");
  show_strtok_r("", ",");
  show_strtok_r(",,,", ",");
  show_strtok_r("abc", "");
  {
    /* two interleaved tokenisers */
    char x[] = "1 2 3", y[] = "a-b", *sx, *sy;
    char *t1 = strtok_r(x, " ", &sx), *u1 = strtok_r(y, "-", &sy);
    char *t2 = strtok_r(NULL, " ", &sx), *u2 = strtok_r(NULL, "-", &sy);
    printf("%s %s %s %s\n", t1, u1, t2, u2);
    ASSERT(-1, idx(y, strtok_r(NULL, "-", &sy)));
    printf("%s\n", strtok_r(NULL, " ", &sx));
  }

  /* explicit_bzero */
  memset(buf, 'X', sizeof buf);
  explicit_bzero(buf + 1, 2);
  ASSERT('X', buf[0]);
  ASSERT(0, buf[1]);
  ASSERT(0, buf[2]);
  ASSERT('X', buf[3]);
  explicit_bzero(buf, zero);
  ASSERT('X', buf[0]);

  /* mempcpy */
  ASSERT(4, idx(buf, mempcpy(buf, "abcd", 4)));
  ASSERT(0, idx(buf, mempcpy(buf, "abcd", zero)));
  *(char *)mempcpy(mempcpy(buf, "ab", 2), "cde", 3) = 0;
  printf("[%s]\n", buf);

  /* memrchr, rawmemchr, strchrnul */
  ASSERT(14, idx(hay, memrchr(hay, 'H', sizeof hay - 1)));
  ASSERT(0, idx(hay, memrchr(hay, 'H', 5)));
  ASSERT(-1, idx(hay, memrchr(hay, 'H', zero)));
  ASSERT(-1, idx(hay, memrchr(hay, 'z', sizeof hay - 1)));
  ASSERT(25, idx(hay, memrchr(hay, 0, sizeof hay)));
  ASSERT(4, idx(hay, rawmemchr(hay, 'o')));
  ASSERT(25, idx(hay, rawmemchr(hay, 0)));
  ASSERT(4, idx(hay, strchrnul(hay, 'o')));
  ASSERT(25, idx(hay, strchrnul(hay, 'z')));
  ASSERT(25, idx(hay, strchrnul(hay, 0)));
  ASSERT(0, idx(empty, strchrnul(empty, 'a')));
  {
    char high[] = "a\xe9z";
    ASSERT(1, idx(high, strchrnul(high, 0xe9)));
    ASSERT(1, idx(high, memrchr(high, -23, 3)));
    ASSERT(1, idx(high, rawmemchr(high, 0xe9)));
  }

  /* memmem */
  ASSERT(7, idx(hay, memmem(hay, sizeof hay - 1, "hello", 5)));
  ASSERT(0, idx(hay, memmem(hay, sizeof hay - 1, "", 0)));
  ASSERT(0, idx(hay, memmem(hay, 0, "", 0)));
  ASSERT(-1, idx(hay, memmem(hay, 0, "H", 1)));
  ASSERT(-1, idx(hay, memmem(hay, 4, "Hello", 5)));  /* needle longer than haystack */
  ASSERT(0, idx(hay, memmem(hay, 5, "Hello", 5)));   /* exactly the haystack */
  ASSERT(20, idx(hay, memmem(hay, sizeof hay - 1, "world", 5)));
  ASSERT(-1, idx(hay, memmem(hay, sizeof hay - 2, "world", 5)));  /* one byte short */
  ASSERT(25, idx(hay, memmem(hay, sizeof hay, "\0", 1)));
  ASSERT(2, idx("a\0b\0c", memmem("a\0b\0c", 5, "b\0c", 3)));
  ASSERT(-1, idx(hay, memmem(hay, sizeof hay - 1, "hellp", 5)));

  /* strcasestr */
  ASSERT(0, idx(hay, strcasestr(hay, "hello")));
  ASSERT(0, idx(hay, strcasestr(hay, "")));
  ASSERT(0, idx(empty, strcasestr(empty, "")));
  ASSERT(-1, idx(empty, strcasestr(empty, "a")));
  ASSERT(5, idx(hay, strcasestr(hay, ", HELLO, h")));
  ASSERT(20, idx(hay, strcasestr(hay, "WORLD")));
  ASSERT(-1, idx(hay, strcasestr(hay, "WORLDS")));
  ASSERT(-1, idx(hay, strcasestr(hay, "xyz")));
  ASSERT(24, idx(hay, strcasestr(hay, "D")));

  /* strcoll is strcmp in the "C" locale; strxfrm copies */
  {
    char a[] = "abc", b[] = "abd", c[] = "ab";
    ASSERT(0, strcoll(a, a));
    ASSERT(-1, SIGN(strcoll(a, b)));
    ASSERT(1, SIGN(strcoll(a, c)));
    ASSERT(-1, SIGN(strcoll(empty, c)));
  }
  memset(buf, 'X', sizeof buf);
  ASSERT(5, strxfrm(buf, "hello", sizeof buf));
  printf("[%s]\n", buf);
  ASSERT('X', buf[6]);
  memset(buf, 'X', sizeof buf);
  ASSERT(5, strxfrm(buf, "hello", 3));      /* too small: 3 bytes, unterminated */
  ASSERT('l', buf[2]);
  ASSERT('X', buf[3]);
  memset(buf, 'X', sizeof buf);
  ASSERT(5, strxfrm(buf, "hello", 5));
  ASSERT('X', buf[5]);
  ASSERT(5, strxfrm(buf, "hello", 6));
  ASSERT(0, buf[5]);
  ASSERT(5, strxfrm(NULL, "hello", zero));
  ASSERT(0, strxfrm(buf, "", 1));
  return fails;
}
