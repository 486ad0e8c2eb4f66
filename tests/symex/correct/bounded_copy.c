// No bug: copies one line (at most 10 bytes read) into a fixed buffer with a
// correct bound, then prints it reversed.
// BUG: none
#include <assert.h>
#include <stdio.h>
#include <string.h>

#define N 8
static char buf[N];

int main(void)
{
    int n = 0, k = 0, c;
    while (k++ < 10 && (c = getchar()) != EOF && c != '\n') {
        if (n < N - 1) {
            assert(n >= 0 && n < N - 1);
            buf[n++] = (char)(c == 0 ? '.' : c);
        }
    }
    buf[n] = '\0';
    assert(n < N);
    assert(strlen(buf) == (size_t)n);
    for (int i = n - 1; i >= 0; i--)
        putchar(buf[i]);
    putchar('\n');
    return 0;
}
