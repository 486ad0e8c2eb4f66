/* puts, putchar and fprintf(stdout): newline handling, return values, writing characters individually, all printable ASCII. */
#include <stdio.h>

int main(void) {
  int r, c;
  puts("hello from puts");
  puts("");
  r = puts("puts returns a non-negative value");
  printf("puts ok: %d\n", r >= 0);
  r = putchar('A');
  putchar('\n');
  printf("putchar returned %d\n", r);
  r = putchar(0x141);          /* converted to unsigned char: 'A' */
  putchar('\n');
  printf("putchar(0x141) returned %d\n", r);
  r = putchar(-191);           /* -191 converted to unsigned char is 65 ('A') */
  putchar('\n');
  printf("putchar(-191) returned %d\n", r);
  for (c = 32; c < 127; c++) {
    putchar(c);
    if ((c - 31) % 32 == 0) putchar('\n');
  }
  putchar('\n');
  {
    const char *s = "manual string output\n";
    while (*s) putchar(*s++);
  }
  {
    /* number printing with putchar only */
    int vals[4] = { 0, 7, -1234, 2147483647 };
    int i;
    for (i = 0; i < 4; i++) {
      unsigned u = vals[i] < 0 ? 0u - (unsigned)vals[i] : (unsigned)vals[i];
      char digits[12];
      int n = 0;
      if (vals[i] < 0) putchar('-');
      do { digits[n++] = (char)('0' + u % 10); u /= 10; } while (u);
      while (n) putchar(digits[--n]);
      putchar(' ');
    }
    putchar('\n');
  }
  puts("tab\there, backslash \\ and quote \"");
  fprintf(stdout, "fprintf to stdout without newline");
  fprintf(stdout, " -> continued %d\n", 1);
  return 0;
}
