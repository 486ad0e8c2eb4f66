/* Comma operator (sequencing, value of last operand) and sizeof on types, expressions, arrays, unevaluated operands. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "test.h"

struct s { char c; int i; };
static int count;
static int bump(void) { return ++count; }

int main(void) {
  int a, b;
  a = (b = 3, b + 4);
  ASSERT(7, a);
  ASSERT(3, b);
  a = (bump(), bump(), bump());
  ASSERT(3, a);
  ASSERT(3, count);
  {
    int i, j, s = 0;
    for (i = 0, j = 10; i < j; i++, j--) s += j - i;
    ASSERT(10 + 8 + 6 + 4 + 2, s);
    int x = (a++, b++, a + b);
    ASSERT(8, x);
  }
  ASSERT(1, sizeof(char));
  ASSERT(2, sizeof(short));
  ASSERT(4, sizeof(int));
  ASSERT(4, sizeof(long));
  ASSERT(8, sizeof(long long));
  ASSERT(4, sizeof(void *));
  ASSERT(4, sizeof(size_t));
  ASSERT(4, sizeof(ptrdiff_t));
  ASSERT(4, sizeof(intptr_t));
  ASSERT(8, sizeof(int64_t));
  ASSERT(8, sizeof(struct s));
  ASSERT(4, sizeof(int (*)(int)));
  {
    int arr[7];
    char str[] = "sizeof";
    int *p = arr;
    ASSERT(28, sizeof arr);
    ASSERT(7, sizeof str);
    ASSERT(4, sizeof p);
    ASSERT(4, sizeof arr[0]);
    ASSERT(4, sizeof *p);
    ASSERT(7, sizeof arr / sizeof arr[0]);
    ASSERT(8, sizeof(arr[0] + 1LL));
    ASSERT(4, sizeof('x'));
    ASSERT(4, sizeof(1 == 1));
    ASSERT(4, sizeof(str[0] + str[1]));
    ASSERT(1, sizeof(str[0]));
    ASSERT(4, sizeof(&str[0]));
  }
  {
    /* sizeof does not evaluate its operand */
    count = 0;
    size_t z = sizeof(bump());
    ASSERT(4, z);
    ASSERT(0, count);
    int k = 5;
    ASSERT(4, sizeof(k++));
    ASSERT(5, k);
    ASSERT(1, (int)(sizeof(int) * 8 == 32));
    /* sizeof in constant expressions and array sizes */
    char buf[sizeof(long long) * 3];
    ASSERT(24, sizeof buf);
    enum { N = sizeof(struct s) / sizeof(int) };
    ASSERT(2, N);
  }
  {
    /* comma in while condition */
    int i = 0, n = 0;
    while (n += i, i++ < 5) ;
    ASSERT(15, n);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
