/* runtime_multiword.c - multiplication, division, remainder and variable shifts
 * of integers wider than 64 bits.
 *
 * The compiler keeps such an integer as n 32-bit words, lowest first, and does
 * add, subtract, bitwise operations, comparisons and shifts by a constant
 * inline (compiler/lower_llvm/multiword_arithmetic.cpp). For the rest it copies
 * the operands into word arrays in its frame and calls one of these as
 *     name(d, a, b, n): d = a op b, on n words.
 * d never overlaps a or b. Signed operands arrive sign-extended to all n words;
 * the compiler masks the top word of the result back to the value's width.
 * Division is short division when the divisor is below 2^16, else long division
 * by 16-bit digits (Knuth's algorithm D): the machine's 32-bit division estimates
 * each quotient digit. A zero divisor performs a 32-bit division by zero so
 * that the machine's own division trap fires.
 */
#include <c2w_machine.h>

/* Traps through the machine's 32-bit division by zero; the quotient is stored, so
 * that the division cannot be dropped as unused. */
static unsigned divide_by_zero(void)
{
    volatile unsigned one = 1, zero = 0;
    return one / zero;
}

static void copy_words(unsigned *d, const unsigned *a, unsigned n)
{
    unsigned k;
    for (k = 0; k < n; k++)
        d[k] = a[k];
}

static int is_negative(const unsigned *a, unsigned n) { return (int)a[n - 1] < 0; }

/* v = -v in place (two's complement over n words). */
static void negate_words(unsigned *v, unsigned n)
{
    unsigned k, carry = 1;
    for (k = 0; k < n; k++) {
        unsigned t = ~v[k] + carry;
        carry = carry && t == 0;
        v[k] = t;
    }
}

/* The shift amount: b[0], or "at least 32 n" when a higher word is set. */
static unsigned shift_amount(const unsigned *b, unsigned n)
{
    unsigned k;
    for (k = 1; k < n; k++)
        if (b[k] != 0)
            return 32 * n;
    return b[0];
}

/* d = a << s, or a >> s filling with `fill` words (0 or all ones). */
static void shift_words(unsigned *d, const unsigned *a, unsigned n, unsigned s, int left, unsigned fill)
{
    unsigned q = s / 32, r = s % 32, j;
    if (s >= 32 * n) {
        for (j = 0; j < n; j++)
            d[j] = left ? 0 : fill;
        return;
    }
    for (j = 0; j < n; j++) {
        if (left) {
            unsigned main_word = j >= q ? a[j - q] : 0;
            unsigned other = j >= q + 1 ? a[j - q - 1] : 0;
            d[j] = r == 0 ? main_word : (main_word << r) | (other >> (32 - r));
        } else {
            unsigned main_word = j + q < n ? a[j + q] : fill;
            unsigned other = j + q + 1 < n ? a[j + q + 1] : fill;
            d[j] = r == 0 ? main_word : (main_word >> r) | (other << (32 - r));
        }
    }
}

void __c2w_shl_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    shift_words(d, a, n, shift_amount(b, n), 1, 0);
}

void __c2w_lshr_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    shift_words(d, a, n, shift_amount(b, n), 0, 0);
}

void __c2w_ashr_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    shift_words(d, a, n, shift_amount(b, n), 0, is_negative(a, n) ? 0xffffffffu : 0);
}

/* d = a * b mod 2^(32 n), schoolbook: d[i + j] += a[i] * b[j] for i + j < n. */
void __c2w_mul_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    unsigned i, j;
    for (i = 0; i < n; i++)
        d[i] = 0;
    for (i = 0; i < n; i++) {
        unsigned carry = 0;
        if (a[i] == 0)
            continue;
        for (j = 0; i + j < n; j++) {
            unsigned long long t = (unsigned long long)a[i] * b[j] + d[i + j] + carry;
            d[i + j] = (unsigned)t;
            carry = (unsigned)(t >> 32);
        }
    }
}

/* The largest n these routines take on the stack; the compiler's limit is 1024 bits. */
#define MAX_WORDS 32
#define MAX_DIGITS (2 * MAX_WORDS)

/* Digit i of an n-word value, in base 2^16, lowest first. */
static unsigned digit(const unsigned *a, int i) { return (a[i / 2] >> (16 * (i % 2))) & 0xffff; }
static void or_digit(unsigned *a, int i, unsigned v) { a[i / 2] |= v << (16 * (i % 2)); }

/* q = a / b and r = a % b, unsigned, for b >= 2^16, by 16-bit digits (Knuth's
 * algorithm D, TAOCP 4.3.1, as in Hacker's Delight's divmnu): the divisor is shifted
 * so that its top digit has its high bit set, and the dividend with it; each quotient
 * digit is estimated from the remainder's top two digits and the divisor's top one
 * with the machine's 32-bit division, lowered (at most twice) when the next digit
 * shows it too big, multiplied back and subtracted; when that goes below zero, the
 * estimate was still one too big and the divisor is added back. */
static void divide_digits(unsigned *q, unsigned *r, const unsigned *a, const unsigned *b, unsigned n)
{
    unsigned u[MAX_DIGITS + 1], v[MAX_DIGITS];
    int m = 2 * (int)n, d = 2 * (int)n, s, i, j;
    while (m > 0 && digit(a, m - 1) == 0)
        m--;
    while (digit(b, d - 1) == 0)
        d--;
    if (m < d) {
        copy_words(r, a, n);
        return;
    }
    s = __builtin_clz(digit(b, d - 1)) - 16;
    for (i = d - 1; i > 0; i--)
        v[i] = ((digit(b, i) << s) | (digit(b, i - 1) >> (16 - s))) & 0xffff;
    v[0] = (digit(b, 0) << s) & 0xffff;
    u[m] = digit(a, m - 1) >> (16 - s);
    for (i = m - 1; i > 0; i--)
        u[i] = ((digit(a, i) << s) | (digit(a, i - 1) >> (16 - s))) & 0xffff;
    u[0] = (digit(a, 0) << s) & 0xffff;
    for (j = m - d; j >= 0; j--) {
        unsigned top = (u[j + d] << 16) | u[j + d - 1];
        unsigned qhat = top / v[d - 1], rhat = top % v[d - 1];
        int k = 0, t;
        while (qhat > 0xffff ||
               (unsigned long long)qhat * v[d - 2] > (((unsigned long long)rhat << 16) | u[j + d - 2])) {
            qhat--;
            rhat += v[d - 1];
            if (rhat > 0xffff)
                break;
        }
        for (i = 0; i < d; i++) { /* u[j .. j + d] -= qhat * v */
            unsigned p = qhat * v[i];
            t = (int)u[i + j] - k - (int)(p & 0xffff);
            u[i + j] = (unsigned)t & 0xffff;
            k = (int)(p >> 16) - (t >> 16);
        }
        t = (int)u[j + d] - k;
        u[j + d] = (unsigned)t & 0xffff;
        if (t < 0) { /* one too big: add the divisor back */
            qhat--;
            k = 0;
            for (i = 0; i < d; i++) {
                t = (int)u[i + j] + (int)v[i] + k;
                u[i + j] = (unsigned)t & 0xffff;
                k = t >> 16;
            }
            u[j + d] = (u[j + d] + (unsigned)k) & 0xffff;
        }
        or_digit(q, j, qhat);
    }
    for (i = 0; i < d; i++)
        or_digit(r, i, ((u[i] >> s) | (u[i + 1] << (16 - s))) & 0xffff);
}

/* q = a / b and r = a % b, unsigned; a zero b traps. */
static void divide_words(unsigned *q, unsigned *r, const unsigned *a, const unsigned *b, unsigned n)
{
    unsigned k, top = n;
    int zero = 1;
    for (k = 0; k < n; k++) {
        q[k] = 0;
        r[k] = 0;
        if (b[k] != 0)
            zero = 0;
    }
    if (zero) {
        q[0] = divide_by_zero();
        return;
    }
    while (top > 0 && a[top - 1] == 0)
        top--;
    for (k = 1; k < n && b[k] == 0; k++)
        ;
    if (k == n && b[0] < 0x10000) {
        /* A divisor below 2^16 (printing in decimal, say): short division by 16-bit
         * digits with the machine's 32-bit division; the remainder stays below b. */
        unsigned rest = 0, high, d = b[0];
        for (k = top; k-- > 0;) {
            unsigned x = (rest << 16) | (a[k] >> 16);
            high = x / d;
            x = ((x % d) << 16) | (a[k] & 0xffff);
            q[k] = (high << 16) | (x / d);
            rest = x % d;
        }
        r[0] = rest;
        return;
    }
    divide_digits(q, r, a, b, n);
}

void __c2w_udiv_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    unsigned r[MAX_WORDS];
    divide_words(d, r, a, b, n);
}

void __c2w_urem_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    unsigned q[MAX_WORDS];
    divide_words(q, d, a, b, n);
}

/* Signed division through the unsigned one on magnitudes: the quotient is negative
 * when the signs differ, the remainder has the dividend's sign (C truncates). */
static void signed_divide(unsigned *d, const unsigned *a, const unsigned *b, unsigned n, int remainder)
{
    unsigned x[MAX_WORDS], y[MAX_WORDS], q[MAX_WORDS], r[MAX_WORDS];
    int a_negative = is_negative(a, n), b_negative = is_negative(b, n);
    copy_words(x, a, n);
    copy_words(y, b, n);
    if (a_negative)
        negate_words(x, n);
    if (b_negative)
        negate_words(y, n);
    divide_words(q, r, x, y, n);
    if (remainder) {
        if (a_negative)
            negate_words(r, n);
        copy_words(d, r, n);
    } else {
        if (a_negative != b_negative)
            negate_words(q, n);
        copy_words(d, q, n);
    }
}

void __c2w_sdiv_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    signed_divide(d, a, b, n, 0);
}

void __c2w_srem_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n)
{
    signed_divide(d, a, b, n, 1);
}
