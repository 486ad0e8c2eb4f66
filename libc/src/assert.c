/* assert.c - the failure path of assert(): print the message to stdout (the
 * machine's only output) and trap. */
#include <assert.h>
#include <stdio.h>
#include <c2w_machine.h>

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned line,
                             const char *func)
{
    (void)func;
    printf("Assertion failed: %s, file %s, line %u\n", expr, file, line);
    __c2w_trap();
}
