// Lower-cases up to 4 input bytes with tolower().
// Pair: lower_b.c (arithmetic on 'A'..'Z').
// EQUIV: yes
#include <ctype.h>
#include <stdio.h>

int main(void)
{
    int n = 0, c;
    while (n < 4 && (c = getchar()) != EOF) {
        putchar(tolower(c));
        n++;
    }
    printf("|%d\n", n);
    return 0;
}
