/* Character-set tests that LLVM turns into bit tests over narrow integers (funnel
 * shifts and rotates of i8/i16 values), plus strspn/strcspn with constant sets. */
#include <stdio.h>
#include <string.h>

static int skip_modifiers(const char *f)
{
    const char *start = f;
    while (*f == 'l' || *f == 'h' || *f == 'z' || *f == 'j')
        f++;
    return (int)(f - start);
}

static unsigned char rotate_left8(unsigned char x, unsigned k) { return (unsigned char)((x << (k & 7)) | (x >> ((8 - k) & 7))); }
static unsigned short rotate_right16(unsigned short x, unsigned k) { return (unsigned short)((x >> (k & 15)) | (x << ((16 - k) & 15))); }

int main(void)
{
    const char *samples[] = {"lld", "hhx", "zu", "jd", "d", "lhzjq", ""};
    for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; i++)
        printf("%-6s modifiers=%d strspn=%zu strcspn=%zu\n", samples[i], skip_modifiers(samples[i]),
               strspn(samples[i], "lhzj"), strcspn(samples[i], "dxuq"));
    unsigned char b = 0x96;
    unsigned short w = 0xBEEF;
    for (unsigned k = 0; k < 20; k++)
        printf("k=%2u rol8=%02x ror16=%04x\n", k, rotate_left8(b, k), rotate_right16(w, k));
    return 0;
}
