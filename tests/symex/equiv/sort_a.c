// Bubble sort of up to 4 input bytes; prints the sorted bytes.
// Pair: sort_b.c (selection sort).
// EQUIV: yes
#include <stdio.h>

int main(void)
{
    int a[4], n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        a[n++] = c;
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
    for (int i = 0; i < n; i++)
        putchar(a[i]);
    putchar('\n');
    return 0;
}
