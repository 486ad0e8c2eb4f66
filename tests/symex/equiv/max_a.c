// Maximum of up to 4 input bytes with if/else. Pair: max_b.c (ternary).
// EQUIV: yes
#include <stdio.h>

int main(void)
{
    int m = -1, n = 0, c;
    while (n < 4 && (c = getchar()) != EOF) {
        if (c > m)
            m = c;
        n++;
    }
    if (n == 0)
        printf("empty\n");
    else
        printf("max %d of %d\n", m, n);
    return 0;
}
