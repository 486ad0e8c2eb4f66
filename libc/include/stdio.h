/* stdio.h - input and output on the c2w machine.
 *
 * There are three machine streams. stdin reads the machine's input; stdout
 * and stderr both write to the machine's only output, so anything written to
 * stderr appears in stdout, in order. Output is unbuffered (fflush is a
 * no-op). The FILE type is opaque. Files live in the program's memory for the
 * run (fopen, tmpfile, freopen, remove, rename, fseek...; see libc/README.md):
 * nothing outside the run can be opened and nothing persists after it.
 * printf conversions: d i u x X o c s p n %, with flags - + space 0 #, width,
 * precision, '*', and the length modifiers hh h l ll j z t. No floating point.
 * scanf conversions: d i u x X o c s [ p n %, with '*', width and the same
 * length modifiers.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include "_c2w_types.h"

/* As in glibc's stdio.h (see sys/types.h for the guards). */
#ifndef __c2w_defined_ssize_t
#define __c2w_defined_ssize_t
typedef int ssize_t;
#endif
#ifndef __c2w_defined_off_t
#define __c2w_defined_off_t
typedef long off_t;
#endif

typedef struct __c2w_file FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

#define EOF (-1)
#define BUFSIZ 1024
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
#define FILENAME_MAX 4096
#define FOPEN_MAX 16
#define L_tmpnam 20
#define TMP_MAX 238328
#define P_tmpdir "/tmp"

typedef struct {
    long __pos;
} fpos_t;

/* Files in memory (files.c). */
FILE *fopen(const char *name, const char *mode);
FILE *freopen(const char *name, const char *mode, FILE *stream);
FILE *tmpfile(void);
int fclose(FILE *stream);
char *tmpnam(char *s);
int remove(const char *name);
int rename(const char *from, const char *to);
int fseek(FILE *stream, long offset, int whence);
long ftell(FILE *stream);
void rewind(FILE *stream);
int fgetpos(FILE *stream, fpos_t *pos);
int fsetpos(FILE *stream, const fpos_t *pos);

/* Output (stdout, stderr, or a file opened for writing). */
int putchar(int c);
int puts(const char *s);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
int fputs(const char *s, FILE *stream);
size_t fwrite(const void *p, size_t size, size_t n, FILE *stream);
int printf(const char *fmt, ...);
int fprintf(FILE *stream, const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int snprintf(char *buf, size_t n, const char *fmt, ...);
int vprintf(const char *fmt, __c2w_va_list ap);
int vfprintf(FILE *stream, const char *fmt, __c2w_va_list ap);
int vsprintf(char *buf, const char *fmt, __c2w_va_list ap);
int vsnprintf(char *buf, size_t n, const char *fmt, __c2w_va_list ap);
void perror(const char *s);

/* Input (stdin, or a file opened for reading). */
int getchar(void);
int fgetc(FILE *stream);
int getc(FILE *stream);
int ungetc(int c, FILE *stream);
char *fgets(char *buf, int n, FILE *stream);
size_t fread(void *p, size_t size, size_t n, FILE *stream);
int scanf(const char *fmt, ...);
int fscanf(FILE *stream, const char *fmt, ...);
int sscanf(const char *s, const char *fmt, ...);
int vscanf(const char *fmt, __c2w_va_list ap);
int vfscanf(FILE *stream, const char *fmt, __c2w_va_list ap);
int vsscanf(const char *s, const char *fmt, __c2w_va_list ap);

/* Stream state. */
int fflush(FILE *stream);
int feof(FILE *stream);
int ferror(FILE *stream);
void clearerr(FILE *stream);
int setvbuf(FILE *stream, char *buf, int mode, size_t size);
void setbuf(FILE *stream, char *buf);
int fileno(FILE *stream); /* 0, 1 or 2 (POSIX); -1 for a file in memory */

#endif
