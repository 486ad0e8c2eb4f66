// Planted bug: a backdoor aborts when the input starts with the magic
// 4-byte value "c2w!".
// BUG: abort
// LINE: 23
// WITNESS: "c2w!"
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char buf[4];
    int n = 0;
    int c;
    while (n < 4 && (c = getchar()) != EOF)
        buf[n++] = (char)c;
    if (n < 4) {
        printf("short\n");
        return 0;
    }
    unsigned magic = (unsigned char)buf[0] | (unsigned char)buf[1] << 8 |
                     (unsigned char)buf[2] << 16 | (unsigned)(unsigned char)buf[3] << 24;
    if (magic == 0x21773263u) /* "c2w!" little-endian */
        abort(); /* <- BUG */
    printf("no backdoor (%u)\n", magic);
    return 0;
}
