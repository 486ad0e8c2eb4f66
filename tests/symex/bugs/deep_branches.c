// Planted bug: abort() is reached only when 24 separate conditions on the
// first six input bytes all hold (each failing one returns early).
// BUG: abort
// LINE: 40
// WITNESS: "Deep!7"
#include <stdio.h>
#include <stdlib.h>

#define REQ(cond) if (!(cond)) return 0

int main(void)
{
    int a = getchar(), b = getchar(), c = getchar();
    int d = getchar(), e = getchar(), f = getchar();
    REQ(a >= 'A');
    REQ(a <= 'Z');
    REQ((a & 1) == 0);
    REQ(a % 17 == 0);
    REQ(b >= 'a');
    REQ(b <= 'z');
    REQ(b - a == 33);
    REQ((b & 4) != 0);
    REQ(c == b);
    REQ((c ^ a) == 0x21);
    REQ(d > c);
    REQ(d % 16 == 0);
    REQ(d - c < 12);
    REQ((d >> 4) == 7);
    REQ(e < '0');
    REQ(e > ' ');
    REQ(e % 3 == 0);
    REQ((e & 0x20) != 0);
    REQ(f >= '0');
    REQ(f <= '9');
    REQ(f - '0' == 7);
    REQ((a + b + c + d) % 7 == 4);
    REQ((e ^ f) == 0x16);
    REQ(((a * f) & 0xff) == 0x9c);
    printf("all 24 checks passed\n");
    abort(); /* <- BUG */
}
