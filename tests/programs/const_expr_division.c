// Guarded divisions whose divisor is a comparison of addresses (csmith's safe_div with
// a divisor such as `&g == &h[5]`): the optimiser turns `b == 0 ? a : a / b` into a
// select over a constant division, whose divisor folds to 0 only once the globals have
// addresses. That division is poison the select never picks, not a compile-time error.
#include <stdio.h>

int g_3, g_4 = 7;
int g_28[5];
unsigned g_u[3];

static int safe_div(int a, int b) { return b == 0 ? a : a / b; }
static int safe_mod(int a, int b) { return b == 0 ? a : a % b; }
static unsigned safe_udiv(unsigned a, unsigned b) { return b == 0 ? a : a / b; }
static int safe_div_min(int a, int b) { return (b == 0 || (a == -2147483647 - 1 && b == -1)) ? a : a / b; }

int main(void)
{
    printf("%d\n", safe_div(0x35F0B101, &g_3 == &g_28[5]));
    printf("%d\n", safe_mod(1234567, &g_4 == &g_28[5]));
    printf("%u\n", safe_udiv(0xB5F0B101u, (unsigned)(&g_u[3] == (unsigned *)&g_3)));
    printf("%d\n", safe_div(1000, (&g_3 != &g_28[5]) + 1));
    printf("%d\n", safe_div_min(-2147483647 - 1, -(int)(&g_3 != &g_4)));
    return 0;
}
