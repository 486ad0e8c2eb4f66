// Counts the set bits of up to 4 input bytes, all 8 bits per byte.
// Pair: popcount_b.c, which forgets bit 7.
// EQUIV: no
// WITNESS: "\x80"
#include <stdio.h>

int main(void)
{
    int total = 0, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF) {
        for (int i = 0; i < 8; i++)
            total += (c >> i) & 1;
        n++;
    }
    printf("%d bits in %d bytes\n", total, n);
    return 0;
}
