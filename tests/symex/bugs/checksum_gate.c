// Planted bug: the author believed the Fletcher-16 checksum 0x1234 can never
// occur for real input; it does for some 4-byte inputs.
// BUG: assert
// LINE: 21
// WITNESS: "a7KP"
#include <assert.h>
#include <stdio.h>

int main(void)
{
    unsigned s1 = 0, s2 = 0;
    int n = 0, c;
    while (n < 8 && (c = getchar()) != EOF) {
        s1 = (s1 + (unsigned)c) % 255;
        s2 = (s2 + s1) % 255;
        n++;
    }
    unsigned check = s2 << 8 | s1;
    printf("%d bytes, checksum %04x\n", n, check);
    if (n == 4)
        assert(check != 0x1234); /* <- BUG */
    return 0;
}
