/* Overflow-checking signed 64-bit multiplication, called by the compiler for
 * __builtin_mul_overflow on long long (the other 64-bit overflow checks are
 * lowered inline). Written with 32-bit halves only: it must not use the
 * operation it implements. */
#include <c2w_machine.h>

typedef unsigned long long u64;

/* Full 64x64 -> 128-bit unsigned product of magnitudes, as (high, low). */
static void multiply_wide(u64 a, u64 b, u64 *high, u64 *low)
{
    unsigned a0 = (unsigned)a, a1 = (unsigned)(a >> 32);
    unsigned b0 = (unsigned)b, b1 = (unsigned)(b >> 32);
    u64 p00 = (u64)a0 * b0, p01 = (u64)a0 * b1, p10 = (u64)a1 * b0, p11 = (u64)a1 * b1;
    u64 middle = (p00 >> 32) + (unsigned)p01 + (unsigned)p10;
    *low = (middle << 32) | (unsigned)p00;
    *high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
}

int __c2w_smulo64(long long a, long long b, long long *result)
{
    int negative = (a < 0) != (b < 0);
    u64 ma = a < 0 ? 0 - (u64)a : (u64)a;
    u64 mb = b < 0 ? 0 - (u64)b : (u64)b;
    u64 high, low;
    multiply_wide(ma, mb, &high, &low);
    *result = (long long)(negative ? 0 - low : low);
    if (high != 0)
        return 1;
    return negative ? low > 0x8000000000000000ull : low > 0x7fffffffffffffffull;
}
