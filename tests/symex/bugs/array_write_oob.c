// Planted bug: a record "start" (4 bytes, little-endian, signed) and "len"
// (1 byte) pass a bounds check that forgets start >= 0; a start near INT_MIN
// makes the write pointer point ~2 GiB away from the buffer.
// BUG: mem
// LINE: 28
// WITNESS: "AAA\x80z"
#include <stdio.h>

#define SIZE 64
static char buf[SIZE];

int main(void)
{
    unsigned u = 0;
    for (int i = 0; i < 4; i++) {
        int c = getchar();
        if (c == EOF)
            return 0;
        u |= (unsigned)c << (8 * i);
    }
    int start = (int)u;
    int len = getchar();
    if (len == EOF)
        return 0;
    if (len > 0 && start + len <= SIZE) { /* missing: start >= 0 */
        char *p = buf + start;
        for (int i = 0; i < len; i++)
            p[i] = '#'; /* <- BUG */
        int marks = 0;
        for (int i = 0; i < SIZE; i++)
            marks += buf[i] == '#';
        printf("wrote %d at %d, %d marks\n", len, start, marks);
    } else {
        printf("rejected\n");
    }
    return 0;
}
