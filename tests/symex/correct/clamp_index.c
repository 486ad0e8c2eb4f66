// No bug: a histogram of up to 4 input bytes, with the index masked into range
// (bytes 0x80..0xff included).
// BUG: none
#include <assert.h>
#include <stdio.h>

static int hist[16];

int main(void)
{
    int c, n = 0;
    while (n < 4 && (c = getchar()) != EOF) {
        int idx = c & 15;
        assert(idx >= 0 && idx < 16);
        hist[idx]++;
        n++;
    }
    int total = 0;
    for (int i = 0; i < 16; i++)
        total += hist[i];
    assert(total == n);
    printf("%d bytes, %d in bucket 1\n", total, hist[1]);
    return 0;
}
