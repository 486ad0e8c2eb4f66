// Planted bug: the middle letter is letters[(n - 1) / 2] with n of type
// size_t; input without letters gives n == 0, n - 1 wraps to SIZE_MAX and the
// index becomes 0x7fffffff (about 2 GiB past the array).
// BUG: mem
// LINE: 24
// WITNESS: "42"
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>

static char letters[16];

int main(void)
{
    size_t n = 0;
    int c;
    while (n < sizeof letters && (c = getchar()) != EOF) {
        if (isalpha(c))
            letters[n++] = (char)c;
    }
    size_t mid = (n - 1) / 2; /* wraps when n == 0 */
    printf("%u letters\n", (unsigned)n);
    char m;
    m = letters[mid]; /* <- BUG */
    printf("middle letter: %c\n", m);
    return 0;
}
