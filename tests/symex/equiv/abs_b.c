// |x| by bit tricks (sign mask by arithmetic shift, xor, subtract), with
// x = (b0 - b1) * 100000 + (b2 - b3) from up to 4 input bytes (missing bytes
// count as 0). Pair: abs_a.c (branch).
#include <stdio.h>

int main(void)
{
    int b[4] = {0, 0, 0, 0}, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        b[n++] = c;
    int x = (b[0] - b[1]) * 100000 + (b[2] - b[3]);
    int m = x >> 31; /* 0 or -1 */
    int y = (x ^ m) - m;
    printf("|%d| = %d\n", x, y);
    return 0;
}
