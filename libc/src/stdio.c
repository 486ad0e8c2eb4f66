/* stdio.c - the three streams and character and line input and output.
 *
 * stdin reads the machine's input byte by byte, with one byte of push-back
 * (for ungetc and scanf's look-ahead); end of input is sticky, as in glibc,
 * until clearerr. stdout and stderr both write to the machine's output,
 * unbuffered. Writing to stdin or reading from an output stream fails with
 * EOF. A stream may also be a file in memory (files.c: fopen, tmpfile, or
 * freopen of one of the three); each function here takes the direct path to
 * the machine unless __c2w_files_used says a file may exist. The formatted
 * functions live in printf.c and scanf.c.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <c2w_machine.h>
#include "internal.h"

static struct __c2w_file streams[3] = {
    {.readable = 1, .pushed = EOF},
    {.writable = 1, .pushed = EOF},
    {.writable = 1, .pushed = EOF},
};
FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];

static int pushed_back = EOF;

/* ---- input ---- */

int __c2w_stdin_get(void)
{
    int c = pushed_back;
    if (c != EOF) {
        pushed_back = EOF;
        return c;
    }
    if (stdin->eof)
        return EOF;
    c = __c2w_getc();
    if (c < 0) {
        stdin->eof = 1;
        return EOF;
    }
    return c;
}

void __c2w_stdin_unget(int c)
{
    if (c != EOF)
        pushed_back = c & 255;
}

/* Whether stream can be read; marks the error on an output stream. */
static int readable(FILE *stream)
{
    if (stream->readable)
        return 1;
    stream->error = 1;
    errno = EBADF;
    return 0;
}

/* The next byte of a readable stream, or EOF. */
static int get(FILE *stream)
{
    if (__c2w_files_used && stream->file != NULL)
        return __c2w_file_get(stream);
    return __c2w_stdin_get();
}

int getchar(void)
{
    if (__c2w_files_used)
        return fgetc(stdin);
    return __c2w_stdin_get();
}

int fgetc(FILE *stream)
{
    return readable(stream) ? get(stream) : EOF;
}

int getc(FILE *stream)
{
    return fgetc(stream);
}

int ungetc(int c, FILE *stream)
{
    if (c == EOF || !stream->readable)
        return EOF;
    if (__c2w_files_used && stream->file != NULL)
        __c2w_file_unget(stream, c);
    else
        __c2w_stdin_unget(c);
    stream->eof = 0;
    return c & 255;
}

char *fgets(char *buf, int n, FILE *stream)
{
    int i = 0;
    if (n <= 0 || !readable(stream))
        return NULL;
    while (i < n - 1) {
        int c = get(stream);
        if (c == EOF)
            break;
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0 && n > 1)
        return NULL;
    buf[i] = 0;
    return buf;
}

size_t fread(void *p, size_t size, size_t n, FILE *stream)
{
    unsigned char *d = p;
    size_t total = size * n, i;
    if (total == 0 || !readable(stream))
        return 0;
    for (i = 0; i < total; i++) {
        int c = get(stream);
        if (c == EOF)
            break;
        d[i] = (unsigned char)c;
    }
    return i / size;
}

/* ---- output ---- */

/* Whether stream can be written; marks the error on stdin. */
static int writable(FILE *stream)
{
    if (stream->writable)
        return 1;
    stream->error = 1;
    errno = EBADF;
    return 0;
}

/* Writes n bytes to a writable stream; returns whether all were written. */
static int write_bytes(FILE *stream, const char *s, size_t n)
{
    if (__c2w_files_used && stream->file != NULL)
        return __c2w_file_write(stream, s, n) == n;
    for (; n > 0; n--)
        __c2w_putc(*s++);
    return 1;
}

int putchar(int c)
{
    if (__c2w_files_used)
        return fputc(c, stdout);
    __c2w_putc(c);
    return c & 255;
}

int fputc(int c, FILE *stream)
{
    char byte = (char)c;
    if (!writable(stream))
        return EOF;
    if (__c2w_files_used && stream->file != NULL)
        return __c2w_file_write(stream, &byte, 1) == 1 ? c & 255 : EOF;
    __c2w_putc(c);
    return c & 255;
}

int putc(int c, FILE *stream)
{
    return fputc(c, stream);
}

/* Like glibc, returns 1 on success. */
int fputs(const char *s, FILE *stream)
{
    if (!writable(stream))
        return EOF;
    if (__c2w_files_used && stream->file != NULL)
        return write_bytes(stream, s, strlen(s)) ? 1 : EOF;
    while (*s)
        __c2w_putc(*s++);
    return 1;
}

/* Like glibc, returns the number of bytes written, newline included. */
int puts(const char *s)
{
    const char *p = s;
    if (__c2w_files_used) {
        if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
            return EOF;
        return (int)strlen(s) + 1;
    }
    while (*p)
        __c2w_putc(*p++);
    __c2w_putc('\n');
    return (int)(p - s) + 1;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *stream)
{
    if (size == 0 || n == 0 || !writable(stream))
        return 0;
    if (!write_bytes(stream, p, size * n))
        return 0;
    return n;
}

void perror(const char *s)
{
    if (s != NULL && *s) {
        fputs(s, stderr);
        fputs(": ", stderr);
    }
    fputs(strerror(errno), stderr);
    fputc('\n', stderr);
}

/* ---- stream state ---- */

int fflush(FILE *stream)
{
    (void)stream;
    return 0;
}

int feof(FILE *stream)
{
    return stream->eof;
}

int ferror(FILE *stream)
{
    return stream->error;
}

void clearerr(FILE *stream)
{
    stream->eof = 0;
    stream->error = 0;
}

int setvbuf(FILE *stream, char *buf, int mode, size_t size)
{
    (void)stream;
    (void)buf;
    (void)size;
    return mode == _IOFBF || mode == _IOLBF || mode == _IONBF ? 0 : -1;
}

void setbuf(FILE *stream, char *buf)
{
    (void)stream;
    (void)buf;
}

/* The descriptor of a stream, for read and write (unistd.c). A file in
 * memory has none. */
C2W_WEAK int fileno(FILE *stream)
{
    if (__c2w_files_used && stream->file != NULL) {
        errno = EBADF;
        return -1;
    }
    return (int)(stream - streams);
}
