// Maximum of up to 4 input bytes with the conditional operator.
// Pair: max_a.c (if/else).
#include <stdio.h>

int main(void)
{
    int a[4] = {-1, -1, -1, -1}, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        a[n++] = c;
    int m01 = n < 2 ? a[0] : (a[0] >= a[1] ? a[0] : a[1]);
    int m23 = n < 4 ? (n == 3 ? a[2] : -1) : (a[2] >= a[3] ? a[2] : a[3]);
    int m = n < 3 ? m01 : (m01 >= m23 ? m01 : m23);
    if (n == 0)
        printf("empty\n");
    else
        printf("max %d of %d\n", m, n);
    return 0;
}
