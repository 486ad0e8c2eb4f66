/* runtime64.c - 64-bit division, remainder and variable shifts.
 *
 * The machine is 32-bit. The compiler lowers 64-bit add, subtract, multiply,
 * compare and shifts by a constant itself, and calls these routines for the
 * rest. They are therefore written with 32-bit operations on the two halves
 * and with 64-bit operations the compiler lowers inline, never with a 64-bit
 * division or a 64-bit shift by a variable amount (that would call
 * themselves). A zero divisor performs a 32-bit division by zero so the
 * machine's own division trap fires.
 */
#include <c2w_machine.h>
#include "internal.h"

typedef unsigned long long u64;

static unsigned hi32(u64 v) { return (unsigned)(v >> 32); }
static unsigned lo32(u64 v) { return (unsigned)v; }
static u64 make64(unsigned hi, unsigned lo) { return ((u64)hi << 32) | lo; }

/* Traps through the machine's 32-bit division by zero. Both operands are
 * volatile: compilers rewrite 1 / x without a division. */
static u64 divide_by_zero(void)
{
    volatile int one = 1, zero = 0;
    return (u64)(one / zero);
}

unsigned __c2w_udivmod64_small(u64 *v, unsigned d)
{
    unsigned hi = hi32(*v), lo = lo32(*v);
    unsigned qhi = hi / d, r = hi % d;
    unsigned x = (r << 16) | (lo >> 16);
    unsigned qmid = x / d;
    r = x % d;
    x = (r << 16) | (lo & 0xffff);
    *v = make64(qhi, (qmid << 16) | (x / d));
    return x % d;
}

/* Leading zero bits of v != 0 (clz is a machine instruction). */
static int clz64(u64 v)
{
    return hi32(v) != 0 ? __builtin_clz(hi32(v)) : 32 + __builtin_clz(lo32(v));
}

/* b << k for 0 <= k < 64, with 32-bit shifts. */
static u64 shift_up(u64 b, int k)
{
    if (k == 0)
        return b;
    if (k >= 32)
        return make64(lo32(b) << (k - 32), 0);
    return make64((hi32(b) << k) | (lo32(b) >> (32 - k)), lo32(b) << k);
}

/* Restoring binary long division of a by b != 0, one step per quotient bit:
 * the quotient has at most clz(b) - clz(a) + 1 bits, so b starts shifted up
 * to a's top bit and only those steps run. */
static u64 divide_bits(u64 a, u64 b, u64 *rem)
{
    u64 q = 0, d;
    int k, i;
    if (a < b) {
        *rem = a;
        return 0;
    }
    k = clz64(b) - clz64(a);
    d = shift_up(b, k);
    for (i = 0; i <= k; i++) {
        q <<= 1;
        if (a >= d) {
            a -= d;
            q |= 1;
        }
        d >>= 1;
    }
    *rem = a;
    return q;
}

/* Unsigned 64-bit division; stores the remainder in *rem. */
static u64 udivmod64(u64 a, u64 b, u64 *rem)
{
    unsigned bhi = hi32(b), blo = lo32(b);
    if (b == 0)
        return *rem = divide_by_zero();
    if (a < b) {
        *rem = a;
        return 0;
    }
    if (bhi == 0) {
        unsigned ahi = hi32(a);
        if (ahi == 0) {
            *rem = lo32(a) % blo;
            return lo32(a) / blo;
        }
        if (blo <= 0xffff) {
            u64 q = a;
            *rem = __c2w_udivmod64_small(&q, blo);
            return q;
        }
        /* High quotient word by 32-bit division, low word bit by bit. */
        unsigned qhi = ahi / blo;
        u64 qlo = divide_bits(make64(ahi % blo, lo32(a)), b, rem);
        return make64(qhi, lo32(qlo));
    }
    return divide_bits(a, b, rem);
}

static u64 negate_if(u64 v, int negative) { return negative ? 0 - v : v; }

unsigned long long __c2w_udiv64(unsigned long long a, unsigned long long b)
{
    u64 r;
    return udivmod64(a, b, &r);
}

unsigned long long __c2w_urem64(unsigned long long a, unsigned long long b)
{
    u64 r;
    udivmod64(a, b, &r);
    return r;
}

long long __c2w_sdiv64(long long a, long long b)
{
    u64 r;
    u64 q = udivmod64(negate_if((u64)a, a < 0), negate_if((u64)b, b < 0), &r);
    return (long long)negate_if(q, (a < 0) != (b < 0));
}

long long __c2w_srem64(long long a, long long b)
{
    u64 r;
    udivmod64(negate_if((u64)a, a < 0), negate_if((u64)b, b < 0), &r);
    return (long long)negate_if(r, a < 0);
}

unsigned long long __c2w_shl64(unsigned long long a, unsigned n)
{
    unsigned hi = hi32(a), lo = lo32(a);
    n &= 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return make64(lo << (n - 32), 0);
    return make64((hi << n) | (lo >> (32 - n)), lo << n);
}

unsigned long long __c2w_lshr64(unsigned long long a, unsigned n)
{
    unsigned hi = hi32(a), lo = lo32(a);
    n &= 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return make64(0, hi >> (n - 32));
    return make64(hi >> n, (lo >> n) | (hi << (32 - n)));
}

long long __c2w_ashr64(long long a, unsigned n)
{
    int hi = (int)hi32((u64)a);
    unsigned lo = lo32((u64)a);
    n &= 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return (long long)make64((unsigned)(hi >> 31), (unsigned)(hi >> (n - 32)));
    return (long long)make64((unsigned)(hi >> n), (lo >> n) | ((unsigned)hi << (32 - n)));
}
