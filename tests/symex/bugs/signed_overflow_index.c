// Planted bug: a "bucket" number is built as a * 2^24 + b in 32-bit int;
// for a >= 0x80 it wraps to a large negative value, which passes the
// upper-bound check only and indexes far below the array (wild address).
// (The wrap is done through unsigned arithmetic so that it is well defined.)
// BUG: mem
// LINE: 20
// WITNESS: "\xff!"
#include <stdio.h>

static char hist[64];

int main(void)
{
    int a = getchar();
    int b = getchar();
    if (a == EOF || b == EOF)
        return 0;
    int idx = (int)((unsigned)a * 16777216u + (unsigned)b); /* wraps when a >= 0x80 */
    if (idx < 64) {      /* missing: idx >= 0 */
        hist[idx] += 1;  /* <- BUG */
        printf("bucket %d\n", idx);
    } else {
        printf("big %d\n", idx & 63);
    }
    return 0;
}
