// Lower-cases up to 4 input bytes by hand. Pair: lower_a.c (tolower()).
#include <stdio.h>

int main(void)
{
    int n = 0, c;
    while (n < 4 && (c = getchar()) != EOF) {
        putchar(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        n++;
    }
    printf("|%d\n", n);
    return 0;
}
