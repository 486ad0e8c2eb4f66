// strlen-like loop over up to 4 input bytes that mishandles one character:
// it also stops at '\n'.
// Pair: strlen_a.c (stops at NUL only).
#include <stdio.h>

static int my_strlen(const char *s)
{
    int n = 0;
    while (s[n] != '\0' && s[n] != '\n')
        n++;
    return n;
}

int main(void)
{
    char buf[5];
    int n = 0, c;
    while (n < 4 && (c = getchar()) != EOF)
        buf[n++] = (char)c;
    buf[n] = '\0';
    printf("%d\n", my_strlen(buf));
    return 0;
}
