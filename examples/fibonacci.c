/*
 * fibonacci.c - the Fibonacci numbers F(0) .. F(90) in 64-bit integers.
 *
 * F(0) = 0, F(1) = 1, F(n) = F(n-1) + F(n-2).  F(90) = 2880067194370816120
 * is still below 2^63; F(94) would no longer fit in 64 bits.
 *
 * Besides the table, the program
 *   - checks Cassini's identity F(n-1) * F(n+1) - F(n)^2 = (-1)^n for every
 *     n from 1 to 89 (the products overflow, but unsigned arithmetic wraps
 *     modulo 2^64, where the identity still holds exactly), and
 *   - prints F(90) / F(89) to 18 decimal places by long division, which
 *     agrees with the golden ratio (1 + sqrt 5) / 2 to every printed digit,
 *     all without floating point.
 *
 * Work: under a hundred 64-bit additions and multiplications plus printing;
 * a few thousand operations.
 */
#include <stdio.h>

#define LAST 90

static unsigned long long fib[LAST + 1];

int main(void)
{
    fib[0] = 0;
    fib[1] = 1;
    for (int n = 2; n <= LAST; n++)
        fib[n] = fib[n - 1] + fib[n - 2];

    /* Two columns: F(0..45) on the left, F(46..90) on the right. */
    int half = (LAST + 2) / 2;
    for (int row = 0; row < half; row++) {
        int right = row + half;
        if (right <= LAST)
            printf("F(%2d) = %-12llu   F(%2d) = %llu\n", row, fib[row], right,
                   fib[right]);
        else
            printf("F(%2d) = %llu\n", row, fib[row]);
    }

    /* Cassini's identity, checked modulo 2^64. */
    int ok = 1;
    for (int n = 1; n < LAST; n++) {
        unsigned long long lhs = fib[n - 1] * fib[n + 1] - fib[n] * fib[n];
        unsigned long long rhs = (n % 2 == 0) ? 1ULL : ~0ULL; /* +1 or -1 */
        if (lhs != rhs)
            ok = 0;
    }
    printf("\nCassini's identity for n = 1..%d: %s\n", LAST - 1,
           ok ? "holds" : "FAILS");

    /* Long division F(90) / F(89), one decimal digit at a time. */
    unsigned long long num = fib[LAST], den = fib[LAST - 1];
    unsigned long long rem = num % den; /* rem * 10 < 2^64 since den < 2^61 */
    printf("F(%d) / F(%d) = %llu.", LAST, LAST - 1, num / den);
    for (int i = 0; i < 18; i++) {
        rem *= 10;
        printf("%llu", rem / den);
        rem %= den;
    }
    printf("  (golden ratio 1.618033988749894848...)\n");
    return ok ? 0 : 1;
}
