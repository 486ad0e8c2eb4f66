/* GNU C extensions supported by both GCC and Clang: statement expressions, __typeof__, case ranges, ?: with omitted middle, range designators, packed structs, 0b literals. */
#include <stdio.h>

#include "test.h"

#define MAX_SAFE(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ > b_ ? a_ : b_; })
#define SWAP(x, y) do { __typeof__(x) t_ = (x); (x) = (y); (y) = t_; } while (0)

struct __attribute__((packed)) packed { char c; int i; short s; };
struct normal { char c; int i; short s; };

static const char *classify(int c) {
  switch (c) {
  case '0' ... '9': return "digit";
  case 'a' ... 'z': return "lower";
  case 'A' ... 'Z': return "upper";
  case 0 ... 31: return "control";
  default: return "other";
  }
}
static int calls;
static int next_val(void) { return ++calls; }

int main(void) {
  int i = 5;
  int m = MAX_SAFE(i++, 3);          /* argument evaluated once */
  ASSERT(5, m);
  ASSERT(6, i);
  long long big = MAX_SAFE(1LL << 40, 7);
  ASSERT(1LL << 40, big);
  int v = ({ int t = 0, k; for (k = 1; k <= 10; k++) t += k; t; });
  ASSERT(55, v);
  {
    __typeof__(big) copy = big;
    ASSERT(8, sizeof copy);
    __typeof__(i) j = 9;
    SWAP(i, j);
    ASSERT(9, i);
    ASSERT(6, j);
  }
  {
    const char *s = "aZ5\t~";
    for (; *s; s++) printf("%s ", classify(*s));
    printf("\n");
  }
  {
    int zero = 0, seven = 7;
    ASSERT(7, zero ?: seven);
    ASSERT(7, seven ?: 100);
    calls = 0;
    int r = next_val() ?: 99;        /* middle operand evaluated only once */
    ASSERT(1, r);
    ASSERT(1, calls);
  }
  {
    int arr[10] = { [0 ... 4] = 7, [5 ... 9] = -1 };
    int s = 0, k;
    for (k = 0; k < 10; k++) s += arr[k];
    ASSERT(30, s);
  }
  ASSERT(7, sizeof(struct packed));
  ASSERT(12, sizeof(struct normal));
  {
    struct packed p = { 'x', 0x12345678, -2 };
    ASSERT(0x12345678, p.i);
    ASSERT(-2, p.s);
    p.i++;
    ASSERT(0x12345679, p.i);
  }
  ASSERT(10, 0b1010);
  ASSERT(255, 0B11111111);
  ASSERT(1, __builtin_choose_expr(sizeof(int) == 4, 1, 2));
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
