// A variadic call passing more than 256 bytes of variable arguments: 90 ints, and
// by-value structs of 72 and 35 bytes among them (the callee's frame makes room for
// the largest call of the program).
#include <stdarg.h>
#include <stdio.h>

struct big {
  char bytes[72];
};
struct odd {
  char bytes[35];
};

static long long sum_ints(int n, ...) {
  va_list ap;
  long long s = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) s += (long long)va_arg(ap, int) * (i + 1);
  va_end(ap);
  return s;
}

static unsigned mixed(int n, ...) {
  va_list ap;
  unsigned h = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    struct big b = va_arg(ap, struct big);
    struct odd o = va_arg(ap, struct odd);
    long long w = va_arg(ap, long long);
    for (int k = 0; k < 72; k++) h = h * 31 + (unsigned char)b.bytes[k];
    for (int k = 0; k < 35; k++) h = h * 37 + (unsigned char)o.bytes[k];
    h ^= (unsigned)(w >> 7);
  }
  va_end(ap);
  return h;
}

#define TEN(b) b + 0, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9

int main(void) {
  printf("%lld\n", sum_ints(90, TEN(0), TEN(10), TEN(20), TEN(30), TEN(40), TEN(50), TEN(60), TEN(70), TEN(80)));
  struct big b1, b2;
  struct odd o1, o2;
  for (int k = 0; k < 72; k++) b1.bytes[k] = (char)(k * 3), b2.bytes[k] = (char)(k ^ 0x5a);
  for (int k = 0; k < 35; k++) o1.bytes[k] = (char)(k * 7), o2.bytes[k] = (char)(200 - k);
  printf("%u\n", mixed(2, b1, o1, 1234567890123LL, b2, o2, -42LL));
  return 0;
}
