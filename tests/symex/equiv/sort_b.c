// Selection sort of up to 4 input bytes; prints the sorted bytes.
// Pair: sort_a.c (bubble sort).
#include <stdio.h>

int main(void)
{
    int a[4], n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        a[n++] = c;
    for (int i = 0; i < n; i++) {
        int m = i;
        for (int j = i + 1; j < n; j++)
            if (a[j] < a[m])
                m = j;
        int t = a[i];
        a[i] = a[m];
        a[m] = t;
    }
    for (int i = 0; i < n; i++)
        putchar(a[i]);
    putchar('\n');
    return 0;
}
