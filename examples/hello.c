/*
 * hello.c - the classic first program, plus a little arithmetic.
 *
 * Prints a greeting and a few numbers formatted by printf.  If this output
 * appears, the whole pipeline works: the C source was compiled for the c2w
 * machine, linked with the c2w libc, and executed.
 *
 * Work: a handful of operations (most of the time goes into printf).
 */
#include <stdio.h>

int main(void)
{
    int answer = 6 * 7;

    printf("Hello, world!\n");
    /* (%#x: the # flag keeps this call in printf itself, which the other two
     * skip: the compiler splits a format of plain conversions into pieces.) */
    printf("The answer is %d (%#x in hex).\n", answer, answer);
    printf("%d squared is %d, and 2^31 - 1 is %d.\n", answer, answer * answer,
           2147483647);
    return 0;
}
