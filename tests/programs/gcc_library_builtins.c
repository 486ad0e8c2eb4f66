// GCC's __builtin_ forms of library functions that Clang lacks (compiler/frontend_clang.cpp
// maps each to the function, as GCC compiles them), and the intmax_t bit counts.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int n = 0;
    char word[8];
    __builtin_puts("puts");
    __builtin_putchar('c');
    __builtin_fputc('\n', stdout);
    __builtin_fputs("fputs\n", stdout);
    __builtin_fwrite("fwrite\n", 1, 7, stdout);
    __builtin_fprintf(stdout, "%d %c %c %u\n", __builtin_isdigit('7') != 0, __builtin_toupper('a'),
                      __builtin_tolower('Q'), (unsigned)__builtin_strnlen("abcdef", 3));
    __builtin_printf("%d %d %d %d\n", __builtin_isspace(' ') != 0, __builtin_isalpha('1') != 0,
                     __builtin_isxdigit('f') != 0, __builtin_toascii(200));
    __builtin_printf("%d %d %d %d\n", __builtin_clzimax((intmax_t)1), __builtin_ctzimax((intmax_t)256),
                     __builtin_popcountimax((intmax_t)-1), __builtin_ffsimax((intmax_t)0x100000000LL));
    __builtin_printf("%lld\n", (long long)__builtin_imaxabs(-(intmax_t)5000000000LL));
    if (__builtin_sscanf("12 ab", "%d %7s", &n, word) == 2)
        __builtin_printf("%d %s\n", n, word);
    __builtin_exit(n - 9);
}
