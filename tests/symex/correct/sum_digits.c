// No bug: sums the digits among the first 8 input bytes; every assert holds.
// BUG: none
#include <assert.h>
#include <stdio.h>

int main(void)
{
    int sum = 0, digits = 0, others = 0, n = 0, c;
    while (n < 8 && (c = getchar()) != EOF) {
        n++;
        if (c >= '0' && c <= '9') {
            sum += c - '0';
            digits++;
        } else {
            others++;
        }
    }
    assert(digits + others == n);
    assert(n <= 8);
    assert(sum >= 0 && sum <= 9 * digits);
    if (digits > 0)
        printf("sum=%d avg=%d\n", sum, sum / digits);
    else
        printf("no digits\n");
    return 0;
}
