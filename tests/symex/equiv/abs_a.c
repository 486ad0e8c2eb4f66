// |x| by a branch, x = (b0 - b1) * 100000 + (b2 - b3) from up to 4 input
// bytes (missing bytes count as 0). Pair: abs_b.c (bit tricks).
// EQUIV: yes
// KNOWN LIMIT: printing two symbolic ints with %d makes every path pair a query over chains of 32-bit divisions by 10; the pairs take minutes, longer than a test may
#include <stdio.h>

int main(void)
{
    int b[4] = {0, 0, 0, 0}, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        b[n++] = c;
    int x = (b[0] - b[1]) * 100000 + (b[2] - b[3]);
    int y = x;
    if (y < 0)
        y = -y;
    printf("|%d| = %d\n", x, y);
    return 0;
}
