// A program may define a function the libc also has, with its own meaning (and even
// its own signature, as GCC's torture test 20090711-1 does with div): the program's
// definition wins, as a program's definition preempts the shared libc's under gcc, and
// the rest of the libc keeps working.
#include <stdio.h>

long long div(long long val) { return val / 32768; }

int calls;
int atoi(const char *s) {  // decimal with '_' separators, counting its calls
  int v = 0;
  calls++;
  for (; *s; s++)
    if (*s >= '0' && *s <= '9') v = v * 10 + (*s - '0');
  return v;
}

int main(void) {
  printf("%lld\n", div(-990000000LL));
  printf("%d %d\n", atoi("1_000_000"), atoi("42"));
  printf("calls %d\n", calls);
  return 0;
}
