/* string.h: strlen strcpy strncpy strcat strncat strchr strrchr strstr strdup strspn strcspn memchr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static int idx(const char *base, const char *p) { return p ? (int)(p - base) : -1; }

/* read from volatile objects so compilers do not warn about the intentional truncation */
static volatile int three = 3, four = 4;

int main(void) {
  char buf[64];
  ASSERT(0, strlen(""));
  ASSERT(13, strlen("hello, world!"));
  ASSERT(3, strlen("abc\0def"));
  ASSERT(1, strcpy(buf, "copy") == buf);
  printf("[%s]\n", buf);
  ASSERT(1, strcat(buf, " + cat") == buf);
  printf("[%s]\n", buf);
  strcat(buf, "");
  ASSERT(10, strlen(buf));
  {
    char d[10];
    memset(d, 'X', sizeof d);
    strncpy(d, "ab", 5);            /* pads with NULs up to n */
    ASSERT('a', d[0]);
    ASSERT(0, d[2]);
    ASSERT(0, d[4]);
    ASSERT('X', d[5]);
    strncpy(d, "abcdefgh", (size_t)three);       /* no terminator added */
    ASSERT('c', d[2]);
    ASSERT(0, d[3]);
    memset(d, 'Y', sizeof d);
    strncpy(d, "0123456789", (size_t)four);
    ASSERT('Y', d[4]);
  }
  {
    char d[16] = "abc";
    strncat(d, "defghij", (size_t)three);        /* appends at most 3 chars then NUL */
    printf("[%s]\n", d);
    strncat(d, "XY", 10);
    printf("[%s]\n", d);
    ASSERT(8, strlen(d));
  }
  {
    const char *s = "the rain in spain stays mainly";
    ASSERT(4, idx(s, strchr(s, 'r')));
    ASSERT(-1, idx(s, strchr(s, 'z')));
    ASSERT(30, idx(s, strchr(s, '\0')));   /* terminator is part of the string */
    ASSERT(27, idx(s, strrchr(s, 'n')));
    ASSERT(19, idx(s, strrchr(s, 't')));
    ASSERT(30, idx(s, strrchr(s, 0)));
    ASSERT(5, idx(s, strstr(s, "ain")));
    ASSERT(14, idx(s, strstr(s + 6, "ain")));
    ASSERT(0, idx(s, strstr(s, "")));
    ASSERT(-1, idx(s, strstr(s, "rainy")));
    ASSERT(24, idx(s, strstr(s, "mainly")));
    ASSERT(-1, idx(s, strstr(s, "mainly!")));
    ASSERT(3, strspn("abcde", "cba"));
    ASSERT(0, strspn("abcde", "xyz"));
    ASSERT(5, strspn("abcde", "edcba"));
    ASSERT(2, strcspn("abcde", "dc"));
    ASSERT(5, strcspn("abcde", "xyz"));
    ASSERT(0, strcspn("", "a"));
    ASSERT(2, idx(s, memchr(s, 'e', 30)));
    ASSERT(-1, idx(s, memchr(s, 'e', 2)));
    ASSERT(-1, idx(s, memchr(s, 'y', 20)));
  }
  {
    char *d = strdup("duplicate me");
    ASSERT(1, d != NULL);
    d[0] = 'D';
    printf("[%s] %d\n", d, (int)strlen(d));
    free(d);
    char *e = strdup("");
    ASSERT(0, e[0]);
    free(e);
  }
  {
    /* tokenising by hand with strspn/strcspn */
    const char *p = "  alpha,beta;;gamma , delta  ";
    const char *delim = " ,;";
    int n = 0;
    while (*(p += strspn(p, delim))) {
      size_t len = strcspn(p, delim);
      printf("token %d: [%.*s]\n", n++, (int)len, p);
      p += len;
    }
    ASSERT(4, n);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
