/* String literals: escapes (octal, hex, \n \t \\ \"), concatenation, sizeof, embedded NUL, char array init, indexing a literal. */
#include <stdio.h>
#include <string.h>

#include "test.h"

int main(void) {
  ASSERT(6, sizeof("hello"));
  ASSERT(5, strlen("hello"));
  ASSERT(1, sizeof(""));
  ASSERT('l', "hello"[2]);
  ASSERT(0, "hello"[5]);
  ASSERT(12, sizeof("hello" " " "world"));
  ASSERT(7, sizeof("a\0b\0c\0"));
  ASSERT(1, strlen("a\0b"));
  ASSERT(10, "\n"[0]);
  ASSERT(9, "\t"[0]);
  ASSERT(92, "\\"[0]);
  ASSERT(34, "\""[0]);
  ASSERT(39, "\'"[0]);
  ASSERT(7, "\a"[0]);
  ASSERT(8, "\b"[0]);
  ASSERT(12, "\f"[0]);
  ASSERT(13, "\r"[0]);
  ASSERT(11, "\v"[0]);
  ASSERT(63, "\?"[0]);
  ASSERT(65, "\101"[0]);
  ASSERT(0, "\0"[0]);
  ASSERT(7, "\7"[0]);
  ASSERT(-1, "\377"[0]);
  ASSERT(0x41, "\x41"[0]);
  ASSERT(-128, "\x80"[0]);
  ASSERT(0x12, "\x12z"[0]);
  ASSERT('z', "\x12z"[1]);
  ASSERT(2, sizeof("\x0041"));   /* \x0041 is one char 'A' */
  ASSERT(3, sizeof("\1234"));           /* \123 then '4' */
  ASSERT('4', "\1234"[1]);
  ASSERT(97, 'a');
  ASSERT(10, '\n');
  ASSERT(0, '\0');
  ASSERT(-1, '\377');
  ASSERT(39, '\'');
  ASSERT(34, '"');
  {
    char s[] = "abc";
    char t[10] = "abc";
    char u[3] = "abc";       /* no room for NUL: allowed in C */
    ASSERT(4, sizeof s);
    ASSERT(10, sizeof t);
    ASSERT(0, t[9]);
    ASSERT('c', u[2]);
    s[0] = 'X';
    printf("%s %s %.3s\n", s, t, u);
    const char *p = "shared";
    const char *q = p + 3;
    printf("%s|%s|%c\n", p, q, *q);
  }
  printf("tab:\t|newline-escape:\\n|quote:\"|pct:%%|hex:\x41\x42|oct:\103\104\n");
  printf("multi"
         "line"
         " literal\n");
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
