/*
 * factorial.c - exact factorials with a tiny bignum library.
 *
 * A big number is stored as an array of "limbs" in base 10000, least
 * significant limb first, so each limb holds four decimal digits and
 * printing is easy.  n! is built by multiplying by 2, 3, ..., n, one limb at
 * a time with a carry, exactly like long multiplication on paper.
 *
 * The program prints 1! .. 25!, the 65-digit value of 50! (checked against
 * the known value), and 100! with its digit sum and number of trailing zeros.
 *
 * Work: about 100 multiplications of numbers up to 40 limbs, plus printing;
 * roughly ten thousand C-level operations.
 */
#include <stdio.h>
#include <string.h>

#define BASE 10000
#define MAX_LIMBS 64 /* 256 decimal digits; 100! has 158 */

typedef struct {
    int len;              /* number of limbs in use */
    int limb[MAX_LIMBS];  /* limb[0] is the least significant */
} BigNum;

static void big_set(BigNum *x, int value)
{
    x->len = 0;
    do {
        x->limb[x->len++] = value % BASE;
        value /= BASE;
    } while (value);
}

/* x = x * k for a small k (k * BASE must fit in an int). */
static void big_mul_small(BigNum *x, int k)
{
    int carry = 0;
    for (int i = 0; i < x->len; i++) {
        int t = x->limb[i] * k + carry;
        x->limb[i] = t % BASE;
        carry = t / BASE;
    }
    while (carry) {
        x->limb[x->len++] = carry % BASE;
        carry /= BASE;
    }
}

/* Write x in decimal into buf (which must be large enough); return length. */
static int big_to_string(const BigNum *x, char *buf)
{
    int n = sprintf(buf, "%d", x->limb[x->len - 1]);
    for (int i = x->len - 2; i >= 0; i--)
        n += sprintf(buf + n, "%04d", x->limb[i]); /* inner limbs: 4 digits */
    return n;
}

static void factorial(BigNum *x, int n)
{
    big_set(x, 1);
    for (int k = 2; k <= n; k++)
        big_mul_small(x, k);
}

int main(void)
{
    static const char expected50[] =
        "30414093201713378043612608166064768844377641568960512000000000000";
    char text[MAX_LIMBS * 4 + 1];
    BigNum f;

    /* 1! .. 25!, built incrementally. */
    big_set(&f, 1);
    for (int n = 1; n <= 25; n++) {
        big_mul_small(&f, n);
        big_to_string(&f, text);
        printf("%2d! = %s\n", n, text);
    }

    factorial(&f, 50);
    int len = big_to_string(&f, text);
    int ok = strcmp(text, expected50) == 0;
    printf("\n50! = %s\n", text);
    printf("      %d digits, %s\n", len, ok ? "correct" : "WRONG");

    factorial(&f, 100);
    len = big_to_string(&f, text);
    int digit_sum = 0, zeros = 0;
    for (int i = 0; i < len; i++)
        digit_sum += text[i] - '0';
    while (zeros < len && text[len - 1 - zeros] == '0')
        zeros++;

    printf("\n100! =\n");
    for (int i = 0; i < len; i += 50)
        printf("  %.50s\n", text + i); /* 50 digits per line */
    printf("  %d digits, digit sum %d, %d trailing zeros\n", len, digit_sum,
           zeros);
    return ok ? 0 : 1;
}
