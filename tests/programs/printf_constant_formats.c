// printf calls with constant formats of plain text and d i u x X c s % (which the
// compiler splits into one libc call a piece) beside ones it leaves to printf (a width,
// a used value), in one stdout: the bytes must be glibc's.
#include <limits.h>
#include <stdio.h>

int main(void) {
  const char* volatile nothing = 0;  // (volatile: gcc cannot see the NULL)
  volatile int values[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, 1000000007};
  for (int i = 0; i < 8; ++i) {
    int v = values[i];
    printf("d=%d i=%i u=%u x=%x X=%X\n", v, v, v, v, v);
    printf("%ld|%lu|%lx|%lX|%li\n", (long)v, (unsigned long)v, (long)v, (long)v, (long)v);
  }
  printf("%c%c%c|%c|", 'a', 'B', 200, -56);
  printf("[%s] [%s] [%s]\n", "text", "", nothing);
  printf("100%% of %d%%\n", 7);
  printf("x");
  printf("\n");
  printf("only text, no conversion\n");
  printf("%s", "no newline; ");
  printf("%d%d%d\n", 1, 2, 3);
  printf("width %5d|%-4d|%04x|%.2s|%+d\n", 42, 7, 255, "abc", 5);  // (left to printf)
  int n = printf("counted %d\n", 12345);                            // (its value is used)
  printf("printf said %d\n", n);
  return 0;
}
