/* bits.c - byte swaps.
 *
 * The compiler calls these for LLVM's 32- and 64-bit bswap intrinsics (bit
 * counts are machine instructions: popcnt, clz, ctz). They are compiled
 * without optimisation (optnone) and never inlined: an optimiser would
 * recognise the idiom and turn it back into the very intrinsic that calls it.
 */
#include <c2w_machine.h>

#ifdef __clang__
#define C2W_PLAIN __attribute__((optnone, noinline))
#else
#define C2W_PLAIN __attribute__((noinline, optimize("O0")))
#endif

C2W_PLAIN unsigned __c2w_bswap32(unsigned x)
{
    return (x >> 24) | ((x >> 8) & 0xff00u) | ((x << 8) & 0xff0000u) | (x << 24);
}

C2W_PLAIN unsigned long long __c2w_bswap64(unsigned long long x)
{
    unsigned long long hi = __c2w_bswap32((unsigned)x);
    return (hi << 32) | __c2w_bswap32((unsigned)(x >> 32));
}
