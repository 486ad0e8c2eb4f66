// Counts the set bits of up to 4 input bytes but only looks at bits 0..6.
// Pair: popcount_a.c (all 8 bits).
#include <stdio.h>

int main(void)
{
    int total = 0, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF) {
        for (int i = 0; i < 7; i++)
            total += (c >> i) & 1;
        n++;
    }
    printf("%d bits in %d bytes\n", total, n);
    return 0;
}
