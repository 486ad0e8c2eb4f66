/* char arrays as strings and byte buffers: initialisation forms, modification, manual strlen/strcpy/concat, arrays of strings. */
#include <stdio.h>

#include "test.h"

static int my_strlen(const char *s) { const char *p = s; while (*p) p++; return (int)(p - s); }
static char *my_strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++) != 0) {} return r; }
static void my_concat(char *d, const char *a, const char *b) { my_strcpy(d, a); my_strcpy(d + my_strlen(a), b); }
static int count_char(const char *s, char c) { int n = 0; for (; *s; s++) n += *s == c; return n; }
static void to_upper(char *s) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A'); }
static void caesar(char *s, int k) {
  for (; *s; s++) {
    if (*s >= 'a' && *s <= 'z') *s = (char)('a' + (*s - 'a' + k) % 26);
    else if (*s >= 'A' && *s <= 'Z') *s = (char)('A' + (*s - 'A' + k) % 26);
  }
}

int main(void) {
  char a[] = "array";
  char b[10] = "buf";
  char c[] = { 'c', 'h', 'a', 'r', 's', '\0' };
  char d[6] = { 'x' };
  char e[3][8] = { "one", "two", "three" };
  const char *f[] = { "ptr1", "ptr22", "ptr333" };
  ASSERT(6, sizeof a);
  ASSERT(5, my_strlen(a));
  ASSERT(10, sizeof b);
  ASSERT(3, my_strlen(b));
  ASSERT(0, b[9]);
  ASSERT(6, sizeof c);
  ASSERT('x', d[0]);
  ASSERT(0, d[5]);
  ASSERT(24, sizeof e);
  ASSERT(5, my_strlen(e[2]));
  ASSERT(12, sizeof f);
  ASSERT(6, my_strlen(f[2]));
  printf("%s %s %s %s %s %s %s %s\n", a, b, c, d, e[0], e[1], e[2], f[1]);
  a[0] = 'A';
  b[3] = '!';
  b[4] = 0;
  e[1][0] = 'T';
  printf("%s %s %s\n", a, b, e[1]);
  {
    char buf[64];
    my_concat(buf, "con", "catenated");
    printf("%s (%d)\n", buf, my_strlen(buf));
    ASSERT(2, count_char(buf, 'n'));
    to_upper(buf);
    printf("%s\n", buf);
    char msg[] = "Hello, World! xyz";
    caesar(msg, 3);
    printf("%s\n", msg);
    caesar(msg, 23);
    printf("%s\n", msg);
  }
  {
    /* byte buffer with embedded zeros */
    char raw[8] = { 1, 0, -1, 127, -128, 0, 'z', 0 };
    int i, s = 0;
    for (i = 0; i < 8; i++) s += raw[i];
    ASSERT(1 - 1 + 127 - 128 + 'z', s);
    ASSERT(1, my_strlen(raw));
    ASSERT(3, my_strlen(raw + 2));
  }
  {
    /* building a string char by char */
    char out[27];
    int i;
    for (i = 0; i < 26; i++) out[i] = (char)('z' - i);
    out[26] = '\0';
    printf("%s\n", out);
    out[13] = 0;
    printf("%s|%s\n", out, out + 14);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
