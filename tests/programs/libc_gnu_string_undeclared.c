/* The GNU string functions without _GNU_SOURCE: string.h does not declare them
   (as glibc's does not), so the calls are implicit declarations returning int, a
   warning in gcc and in c2w alike, and still reach the library's functions. On this
   32-bit target the int carries the pointer whole. */
#include <stdio.h>
#include <string.h>

#include "test.h"

int main(void) {
  char hay[] = "abc,def";
  char *p;
  p = (char *)strchrnul(hay, ',');
  ASSERT(3, (int)(p - hay));
  p = (char *)memrchr(hay, 'd', 7);
  ASSERT(4, (int)(p - hay));
  p = (char *)memmem(hay, 7, "c,d", 3);
  ASSERT(2, (int)(p - hay));
  p = (char *)strcasestr(hay, "DEF");
  ASSERT(4, (int)(p - hay));
  p = (char *)mempcpy(hay, "xy", 2);
  ASSERT(2, (int)(p - hay));
  printf("[%s]\n", hay);
  return fails;
}
