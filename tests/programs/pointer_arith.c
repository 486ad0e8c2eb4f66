/* Pointer arithmetic: +/- integer, pointer difference, ++/--, indexing equivalence, different element sizes. */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "test.h"

struct S { int a; char b; short c; };

int main(void) {
  int arr[10];
  int i;
  for (i = 0; i < 10; i++) arr[i] = i * i;
  int *p = arr;
  ASSERT(0, *p);
  ASSERT(9, *(p + 3));
  ASSERT(9, p[3]);
  ASSERT(9, 3[p]);
  p += 5;
  ASSERT(25, *p);
  ASSERT(16, p[-1]);
  ASSERT(16, *--p);
  ASSERT(16, *p++);
  ASSERT(25, *p);
  ASSERT(5, p - arr);
  ASSERT(-5, arr - p);
  ASSERT(10, &arr[10] - &arr[0]);
  {
    ptrdiff_t d = &arr[7] - &arr[2];
    ASSERT(5, d);
    ASSERT(20, (char *)&arr[7] - (char *)&arr[2]);
  }
  {
    long long ll[4] = { 1, 2, 3, 4 };
    long long *q = ll;
    q += 2;
    ASSERT(3, *q);
    ASSERT(16, (char *)q - (char *)ll);
    short sh[6] = { 10, 20, 30, 40, 50, 60 };
    short *sp = sh + 5;
    ASSERT(60, *sp);
    sp -= 4;
    ASSERT(20, *sp);
    ASSERT(2, (char *)(sp + 1) - (char *)sp);
    struct S ss[3];
    ASSERT(8, sizeof(struct S));
    ASSERT(16, (char *)&ss[2] - (char *)&ss[0]);
    ASSERT(2, &ss[2] - ss);
  }
  {
    /* walking with pointers */
    int sum = 0;
    int *e = arr + 10;
    for (p = arr; p != e; p++) sum += *p;
    ASSERT(285, sum);
    int *lo = arr, *hi = arr + 9;
    while (lo < hi) { int t = *lo; *lo++ = *hi; *hi-- = t; }
    for (i = 0; i < 10; i++) printf("%d ", arr[i]);
    printf("\n");
  }
  {
    /* byte-wise view of an int (little endian) */
    unsigned v = 0x11223344u;
    unsigned char *b = (unsigned char *)&v;
    ASSERT(0x44, b[0]);
    ASSERT(0x33, b[1]);
    ASSERT(0x22, *(b + 2));
    ASSERT(0x11, *(b + 3));
    b[3] = 0xaa;
    ASSERT(0xaa223344u, v);
  }
  {
    /* pointer <-> integer via uintptr_t round trip */
    uintptr_t u = (uintptr_t)&arr[3];
    int *back = (int *)u;
    ASSERT(1, back == &arr[3]);
    ASSERT(4, (int)((uintptr_t)&arr[4] - u));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
