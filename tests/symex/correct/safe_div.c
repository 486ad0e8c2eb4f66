// No bug: divides two input digits, with the zero divisor handled.
// BUG: none
#include <assert.h>
#include <stdio.h>

int main(void)
{
    int a = getchar();
    int b = getchar();
    if (a < '0' || a > '9' || b < '0' || b > '9') {
        printf("need two digits\n");
        return 0;
    }
    a -= '0';
    b -= '0';
    if (b == 0) {
        printf("%d / 0 is undefined\n", a);
        return 0;
    }
    int q = a / b, r = a % b;
    assert(q * b + r == a);
    assert(r >= 0 && r < b);
    assert(q <= a);
    printf("%d / %d = %d rem %d\n", a, b, q, r);
    return 0;
}
