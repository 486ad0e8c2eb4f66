/* unistd.c - read, write and _exit on the machine's one input and one output.
 *
 * read(0, ...) takes bytes straight from the machine's input (the getc
 * instruction), like glibc's read, which bypasses stdin's buffer: it does not
 * see a byte pushed back with ungetc nor set stdin's end-of-file flag. It
 * reads until n bytes or the end of input, as a read of a regular file does.
 * write(1 or 2, ...) puts every byte on the machine's output. Other
 * descriptors, and reading 1 or 2 or writing 0, fail with EBADF (as they do
 * natively when stdin is a file opened for reading and stdout, stderr are
 * opened for writing).
 *
 * glibc's stdout is buffered when it is not a terminal, so there a program
 * mixing printf and write must fflush(stdout) first to keep the order; here
 * stdout is unbuffered and the order is always the program's.
 */
#include <unistd.h>
#include <errno.h>
#include <c2w_machine.h>
#include "internal.h"

C2W_WEAK ssize_t read(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    size_t i;
    if (fd != STDIN_FILENO) {
        errno = EBADF;
        return -1;
    }
    for (i = 0; i < n; i++) {
        int c = __c2w_getc();
        if (c < 0)
            break;
        p[i] = (unsigned char)c;
    }
    return (ssize_t)i;
}

C2W_WEAK ssize_t write(int fd, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    size_t i;
    if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
        errno = EBADF;
        return -1;
    }
    for (i = 0; i < n; i++)
        __c2w_putc(p[i]);
    return (ssize_t)n;
}

C2W_WEAK _Noreturn void _exit(int status)
{
    __c2w_halt(status);
}
