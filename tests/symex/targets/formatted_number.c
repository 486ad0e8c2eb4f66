// The wanted output is a number printf formats from the input: --want-output must
// explore printf's digits exactly (the summarising of output formatting is off
// with --want-output), or no input printing "total 1000" is found.
// REACH: 17
// WANT: total 1000
// WITNESS: "\x82\x1e"
#include <stdio.h>

int main(void)
{
    int a = getchar(), b = getchar();
    if (a == EOF || b == EOF)
        return 1;
    int total = a * 7 + b * 3;
    printf("total %d\n", total);
    if (total > 1500)
        puts("large");
    return 0;
}
