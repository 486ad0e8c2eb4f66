// Planted bug: the divisor comes from the second byte when the first byte is
// 'x'; the second byte '7' makes it zero.
// BUG: div0
// LINE: 18
// WITNESS: "x7"
#include <stdio.h>

int main(void)
{
    int c0 = getchar();
    int c1 = getchar();
    int divisor = 3;
    if (c0 == 'x' && c1 != EOF)
        divisor = c1 - '7';
    int q = 1000;
    if (c0 != EOF)
        q = 1000 + c0;
    q = q / divisor; /* <- BUG */
    printf("%d\n", q);
    return 0;
}
