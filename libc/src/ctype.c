/* ctype.c - character classes of the "C" locale.
 *
 * A table gives the classes of each ASCII character as bits; bytes 128..255
 * and EOF are in no class. The bit values are glibc's, so the is* functions
 * return the same non-zero numbers as glibc's (isdigit('7') is 2048), which
 * matters only to programs that print them.
 */
#include <ctype.h>
#include "internal.h"

enum {
    C_UPPER = 0x100, C_LOWER = 0x200, C_ALPHA = 0x400, C_DIGIT = 0x800,
    C_XDIGIT = 0x1000, C_SPACE = 0x2000, C_PRINT = 0x4000, C_GRAPH = 0x8000,
    C_BLANK = 0x1, C_CNTRL = 0x2, C_PUNCT = 0x4, C_ALNUM = 0x8
};

static const unsigned short classes[128] = {
    0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, /* 0..7 */
    0x0002, 0x2003, 0x2002, 0x2002, 0x2002, 0x2002, 0x0002, 0x0002, /* 8..15 */
    0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, /* 16..23 */
    0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, 0x0002, /* 24..31 */
    0x6001, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, /* 32..39 */
    0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, /* 40..47 */
    0xd808, 0xd808, 0xd808, 0xd808, 0xd808, 0xd808, 0xd808, 0xd808, /* 48..55 */
    0xd808, 0xd808, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, /* 56..63 */
    0xc004, 0xd508, 0xd508, 0xd508, 0xd508, 0xd508, 0xd508, 0xc508, /* 64..71 */
    0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, /* 72..79 */
    0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, 0xc508, /* 80..87 */
    0xc508, 0xc508, 0xc508, 0xc004, 0xc004, 0xc004, 0xc004, 0xc004, /* 88..95 */
    0xc004, 0xd608, 0xd608, 0xd608, 0xd608, 0xd608, 0xd608, 0xc608, /* 96..103 */
    0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, /* 104..111 */
    0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, 0xc608, /* 112..119 */
    0xc608, 0xc608, 0xc608, 0xc004, 0xc004, 0xc004, 0xc004, 0x0002, /* 120..127 */
};

static int class_of(int c, int mask)
{
    return (unsigned)c < 128 ? classes[c] & mask : 0;
}

int isalnum(int c) { return class_of(c, C_ALNUM); }
int isalpha(int c) { return class_of(c, C_ALPHA); }
int isblank(int c) { return class_of(c, C_BLANK); }
int iscntrl(int c) { return class_of(c, C_CNTRL); }
int isdigit(int c) { return class_of(c, C_DIGIT); }
int isgraph(int c) { return class_of(c, C_GRAPH); }
int islower(int c) { return class_of(c, C_LOWER); }
int isprint(int c) { return class_of(c, C_PRINT); }
int ispunct(int c) { return class_of(c, C_PUNCT); }
int isspace(int c) { return class_of(c, C_SPACE); }
int isupper(int c) { return class_of(c, C_UPPER); }
int isxdigit(int c) { return class_of(c, C_XDIGIT); }

int tolower(int c) { return isupper(c) ? c + ('a' - 'A') : c; }
int toupper(int c) { return islower(c) ? c - ('a' - 'A') : c; }

/* BSD/XSI, weak (see C2W_WEAK in internal.h): 7-bit ASCII. */
C2W_WEAK int isascii(int c) { return (c & ~0x7f) == 0; }
C2W_WEAK int toascii(int c) { return c & 0x7f; }
