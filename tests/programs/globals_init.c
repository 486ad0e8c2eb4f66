/* Global variables: zero-initialised (bss), constant initialisers of all integer types, arrays, structs, modification. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

int g_zero;
int g_int = -123456;
unsigned g_uint = 0xfedcba98u;
char g_char = 'G';
signed char g_sc = -5;
unsigned char g_uc = 250;
short g_short = -32000;
unsigned short g_ushort = 65000;
long g_long = LONG_MIN;
long long g_ll = -0x123456789abcdefLL;
unsigned long long g_ull = 0xfedcba9876543210ULL;
int g_arr[5] = { 1, 2, 3 };
int g_zarr[100];
char g_str[16] = "global";
struct gs { char c; int i; long long l; short s; } g_struct = { 'x', 77, 1LL << 40, -9 };
struct gs g_structs[2] = { { 'a', 1, 2, 3 }, { 'b', 4, 5, 6 } };
int g_expr = (3 + 4) * 5 - (1 << 4);
unsigned g_sizeof = sizeof(struct gs) > 0;
const int g_const = 99;

static void bump(void) { g_zero++; g_arr[4] += 10; g_ll += 1; }

int main(void) {
  int i, zs = 0;
  ASSERT(0, g_zero);
  ASSERT(-123456, g_int);
  ASSERT(0xfedcba98u, g_uint);
  ASSERT('G', g_char);
  ASSERT(-5, g_sc);
  ASSERT(250, g_uc);
  ASSERT(-32000, g_short);
  ASSERT(65000, g_ushort);
  ASSERT(LONG_MIN, g_long);
  ASSERT(-0x123456789abcdefLL, g_ll);
  ASSERT((long long)0xfedcba9876543210ULL, (long long)g_ull);
  ASSERT(3, g_arr[2]);
  ASSERT(0, g_arr[4]);
  for (i = 0; i < 100; i++) zs |= g_zarr[i];
  ASSERT(0, zs);
  printf("g_str = %s\n", g_str);
  ASSERT(0, g_str[15]);
  ASSERT('x', g_struct.c);
  ASSERT(77, g_struct.i);
  ASSERT(1LL << 40, g_struct.l);
  ASSERT(-9, g_struct.s);
  ASSERT('b', g_structs[1].c);
  ASSERT(6, g_structs[1].s);
  ASSERT(19, g_expr);
  ASSERT(1, g_sizeof);
  ASSERT(99, g_const);
  bump();
  bump();
  ASSERT(2, g_zero);
  ASSERT(20, g_arr[4]);
  ASSERT(-0x123456789abcdefLL + 2, g_ll);
  g_zarr[99] = 5;
  g_structs[0] = g_struct;
  ASSERT(77, g_structs[0].i);
  ASSERT(5, g_zarr[99]);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
