/* ctype.h classification and case mapping for every value 0..255 and EOF (C locale). */
#include <stdio.h>
#include <ctype.h>

#include "test.h"

int main(void) {
  static const char *const names[] = { "digit", "alpha", "alnum", "space", "upper", "lower", "xdigit", "print", "punct", "cntrl", "graph" };
  int k, c;
  for (k = 0; k < 11; k++) {
    int count = 0;
    unsigned h = 0;
    printf("%-6s:", names[k]);
    for (c = 0; c < 256; c++) {
      int r;
      switch (k) {
      case 0: r = isdigit(c); break;
      case 1: r = isalpha(c); break;
      case 2: r = isalnum(c); break;
      case 3: r = isspace(c); break;
      case 4: r = isupper(c); break;
      case 5: r = islower(c); break;
      case 6: r = isxdigit(c); break;
      case 7: r = isprint(c); break;
      case 8: r = ispunct(c); break;
      case 9: r = iscntrl(c); break;
      default: r = isgraph(c); break;
      }
      if (r) { count++; h = h * 131u + (unsigned)c; }
      if (r && k != 7 && k != 9 && k != 10 && k != 8 && c < 128 && c > 32) putchar(c);
    }
    printf(" count=%d hash=%08x\n", count, h);
  }
  {
    unsigned hu = 0, hl = 0;
    int changed_u = 0, changed_l = 0;
    for (c = 0; c < 256; c++) {
      int u = toupper(c), l = tolower(c);
      if (u != c) changed_u++;
      if (l != c) changed_l++;
      hu = hu * 33u + (unsigned)u;
      hl = hl * 33u + (unsigned)l;
    }
    printf("toupper changed %d hash %08x; tolower changed %d hash %08x\n", changed_u, hu, changed_l, hl);
  }
  ASSERT(0, isalpha(EOF) != 0);
  ASSERT(0, isdigit(EOF) != 0);
  ASSERT(0, isspace(EOF) != 0);
  ASSERT(EOF, toupper(EOF));
  ASSERT(EOF, tolower(EOF));
  ASSERT('A', toupper('a'));
  ASSERT('z', tolower('Z'));
  ASSERT('1', toupper('1'));
  ASSERT('[', tolower('['));
  ASSERT(1, isspace(' ') && isspace('\t') && isspace('\n') && isspace('\v') && isspace('\f') && isspace('\r'));
  ASSERT(0, isprint('\t') != 0);
  ASSERT(1, isprint(' ') != 0);
  ASSERT(0, isgraph(' ') != 0);
  ASSERT(1, ispunct('~') != 0);
  ASSERT(1, iscntrl(127) != 0);
  ASSERT(0, isalpha(0xe9) != 0);
  {
    /* title-case a sentence */
    char s[] = "hello wORLD, this IS c2w-test 42";
    int i, start = 1;
    for (i = 0; s[i]; i++) {
      unsigned char ch = (unsigned char)s[i];
      s[i] = (char)(start ? toupper(ch) : tolower(ch));
      start = !isalnum(ch);
    }
    printf("%s\n", s);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
