/* Dense switch (jump-table candidate): consecutive cases, default, negative/out-of-range selectors. */
#include <stdio.h>

#include "test.h"

static int dense(int x) {
  switch (x) {
  case 0: return 100;
  case 1: return 101;
  case 2: return 202;
  case 3: return 303;
  case 4: return 404;
  case 5: return 505;
  case 6: return 606;
  case 7: return 707;
  case 8: return 808;
  case 9: return 909;
  case 10: return 1010;
  case 11: return 1111;
  default: return -1;
  }
}

static const char *day(unsigned d) {
  switch (d) {
  case 1: return "Mon";
  case 2: return "Tue";
  case 3: return "Wed";
  case 4: return "Thu";
  case 5: return "Fri";
  case 6: return "Sat";
  case 7: return "Sun";
  }
  return "bad";
}

static int offset_switch(int x) {
  switch (x) {
  case -3: return 3;
  case -2: return 2;
  case -1: return 1;
  case 0: return 0;
  case 1: return -1;
  case 2: return -2;
  default: return 99;
  }
}

static int char_class(char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
  case 'b': case 'c': case 'd': case 'f': case 'g': return 2;
  default: return 0;
  }
}

int main(void) {
  int i;
  for (i = -2; i <= 13; i++) printf("%d:%d ", i, dense(i));
  printf("\n");
  for (i = 0; i <= 8; i++) printf("%s ", day((unsigned)i));
  printf("%s\n", day(0xffffffffu));
  for (i = -5; i <= 4; i++) printf("%d ", offset_switch(i));
  printf("\n");
  ASSERT(-1, dense(-2147483647 - 1));
  ASSERT(-1, dense(2147483647));
  {
    const char *s = "abcdefghijklmnopqrstuvwxyz";
    int v = 0, c = 0, o = 0;
    for (; *s; s++) switch (char_class(*s)) { case 1: v++; break; case 2: c++; break; default: o++; }
    ASSERT(5, v);
    ASSERT(5, c);
    ASSERT(16, o);
  }
  {
    /* switch on unsigned char and signed char selectors */
    int r;
    unsigned char uc = 200;
    switch (uc) { case 200: r = 10; break; case 56: r = 11; break; default: r = 12; }
    ASSERT(10, r);
    signed char sc = (signed char)uc;
    switch (sc) { case 100: r = 20; break; case -56: r = 21; break; default: r = 22; }
    ASSERT(21, r);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
