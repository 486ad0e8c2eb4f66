// No bug: insertion-sorts up to 4 input bytes and asserts the result is
// sorted and keeps the byte sum.
// BUG: none
#include <assert.h>
#include <stdio.h>

int main(void)
{
    int a[4], n = 0, c, sum = 0;
    while (n < 4 && (c = getchar()) != EOF) {
        a[n++] = c;
        sum += c;
    }
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
    int check = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            assert(a[i - 1] <= a[i]);
        check += a[i];
        putchar(a[i]);
    }
    assert(check == sum);
    putchar('\n');
    return 0;
}
