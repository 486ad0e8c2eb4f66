// Planted bug: the first digit chooses the number of hash buckets; '0' is not
// rejected, so hashing the next byte takes a remainder by zero.
// BUG: div0
// LINE: 22
// WITNESS: "0a"
#include <stdio.h>

int main(void)
{
    int counts[10];
    for (int i = 0; i < 10; i++)
        counts[i] = 0;
    int c = getchar();
    if (c < '0' || c > '9')
        return 0;
    int nb = c - '0';
    if (nb > 9)
        nb = 9;
    while ((c = getchar()) != EOF) {
        if (c == '\n')
            break;
        counts[c % nb]++; /* <- BUG */
    }
    for (int i = 0; i < nb; i++)
        printf("%d ", counts[i]);
    printf("\n");
    return 0;
}
