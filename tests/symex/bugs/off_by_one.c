// Planted bug: fill() loops with i <= n instead of i < n; a digit '8' or '9'
// (n clamped to N) makes it write one element past the buffer, caught by the
// bounds assert inside the loop.
// BUG: assert
// LINE: 16
// WITNESS: "8"
#include <assert.h>
#include <stdio.h>

#define N 8
static char buf[N];

static void fill(char *b, int n, char c)
{
    for (int i = 0; i <= n; i++) { /* off by one: should be i < n */
        assert(i < N); /* <- BUG */
        b[i] = c;
    }
}

int main(void)
{
    int c = getchar();
    if (c < '0' || c > '9')
        return 0;
    int n = c - '0';
    if (n > N)
        n = N;
    fill(buf, n, 'x');
    for (int i = 0; i < n; i++)
        putchar(buf[i]);
    putchar('\n');
    return 0;
}
