/* bits.c - population count, leading and trailing zero counts and byte swaps.
 *
 * The compiler calls these for LLVM's ctpop, ctlz, cttz and bswap
 * intrinsics. They are deliberately plain loops compiled without
 * optimisation (optnone) and never inlined: an optimiser would recognise the
 * idioms and turn them back into the very intrinsics that call them.
 */
#include <c2w_machine.h>

#ifdef __clang__
#define C2W_PLAIN __attribute__((optnone, noinline))
#else
#define C2W_PLAIN __attribute__((noinline, optimize("O0")))
#endif

C2W_PLAIN int __c2w_popcount32(unsigned x)
{
    int n = 0;
    while (x != 0) {
        x &= x - 1;
        n++;
    }
    return n;
}

C2W_PLAIN int __c2w_popcount64(unsigned long long x)
{
    return __c2w_popcount32((unsigned)(x >> 32)) + __c2w_popcount32((unsigned)x);
}

C2W_PLAIN int __c2w_clz32(unsigned x)
{
    int n = 0;
    if (x == 0)
        return 32;
    while ((x & 0x80000000u) == 0) {
        x <<= 1;
        n++;
    }
    return n;
}

C2W_PLAIN int __c2w_clz64(unsigned long long x)
{
    unsigned hi = (unsigned)(x >> 32);
    if (hi != 0)
        return __c2w_clz32(hi);
    return 32 + __c2w_clz32((unsigned)x);
}

C2W_PLAIN int __c2w_ctz32(unsigned x)
{
    int n = 0;
    if (x == 0)
        return 32;
    while ((x & 1) == 0) {
        x >>= 1;
        n++;
    }
    return n;
}

C2W_PLAIN int __c2w_ctz64(unsigned long long x)
{
    unsigned lo = (unsigned)x;
    if (lo != 0)
        return __c2w_ctz32(lo);
    return 32 + __c2w_ctz32((unsigned)(x >> 32));
}

C2W_PLAIN unsigned __c2w_bswap32(unsigned x)
{
    return (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24);
}

C2W_PLAIN unsigned long long __c2w_bswap64(unsigned long long x)
{
    unsigned long long hi = __c2w_bswap32((unsigned)x);
    return (hi << 32) | __c2w_bswap32((unsigned)(x >> 32));
}
