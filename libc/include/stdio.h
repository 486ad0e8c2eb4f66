/* stdio.h - input and output on the c2w machine.
 *
 * There are three streams. stdin reads the machine's input; stdout and
 * stderr both write to the machine's only output, so anything written to
 * stderr appears in stdout, in order. Output is unbuffered (fflush is a
 * no-op). The FILE type is opaque; only stdin, stdout and stderr exist.
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

/* Output. The FILE arguments must be stdout or stderr. */
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

/* Input. The FILE arguments must be stdin. */
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
int fileno(FILE *stream); /* 0, 1 or 2 (POSIX) */

#endif
