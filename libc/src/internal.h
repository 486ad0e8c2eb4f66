/* internal.h - what the library's source files share with each other but not
 * with programs: the stdin byte source, the length modifiers of printf and
 * scanf, the integer accumulator of the strtol family and scanf, and a cheap
 * 64-by-small division. Every function here starts with __c2w_ so it cannot
 * clash with a program's own.
 */
#ifndef C2W_INTERNAL_H
#define C2W_INTERNAL_H

/* clang would recognise the loops of memset, memcpy and friends as those very
 * functions and turn them back into calls to themselves; no_builtin stops it. */
#ifdef __clang__
#define C2W_NO_BUILTIN __attribute__((no_builtin))
#else
#define C2W_NO_BUILTIN
#endif

/* The functions outside ISO C (POSIX, BSD and GNU names such as index, bzero,
 * read or random) are weak definitions: those names are not reserved to the
 * implementation, so a program may define its own index() or ffs(), or a global
 * variable called index, and its definition must win over ours instead of
 * failing to link (with glibc the program's definition interposes too). So the
 * library never calls a weak function itself: where two functions share code,
 * they share a static or __c2w_ helper. */
#define C2W_WEAK __attribute__((weak))

/* strings.c: strncasecmp's comparison, for strcasestr (a program may replace
 * the weak strncasecmp itself). */
int __c2w_compare_folded(const char *a, const char *b, unsigned n);

/* stdio.c: the stdin byte stream, with one byte of push-back. */
int __c2w_stdin_get(void);        /* next byte, or -1 (sticky) at end of input */
void __c2w_stdin_unget(int c);    /* push c back; ignored for -1 */

/* A stream: the machine's input (stdin), its output (stdout, stderr), or a
 * file in memory (files.c) once fopen, freopen or tmpfile made one. */
struct __c2w_memfile;
struct __c2w_file {
    int readable;                /* may be read */
    int writable;                /* may be written */
    int eof;
    int error;
    struct __c2w_memfile *file;  /* the file in memory, or NULL: the machine's */
    unsigned long pos;           /* the file's next byte to read or write */
    int append;                  /* every write goes to the file's end */
    int pushed;                  /* ungetc's byte on a file, or -1 */
};

/* files.c: non-zero once a stream may be a file in memory (fopen, freopen,
 * tmpfile or fclose ran). Only those functions set it, so in a program that
 * uses none of them it folds to 0 at link time and every stream function keeps
 * its direct path to the machine's input and output. */
extern int __c2w_files_used;
int __c2w_file_get(struct __c2w_file *f);      /* next byte of a file stream, or -1 at its end */
void __c2w_file_unget(struct __c2w_file *f, int c);
/* Writes n bytes to a file stream; returns how many were written. */
unsigned long __c2w_file_write(struct __c2w_file *f, const char *s, unsigned long n);
int __c2w_file_vprintf(struct __c2w_file *f, const char *fmt, __builtin_va_list ap);

/* printf.c: the length modifiers of printf and scanf conversions. long,
 * size_t and ptrdiff_t are int-sized; intmax_t is long long. */
enum __c2w_size { SIZE_HH, SIZE_H, SIZE_INT, SIZE_LL };
/* Parses hh h l ll j z t L q at f into *size; returns what follows. */
const char *__c2w_parse_size(const char *f, enum __c2w_size *size);

/* runtime64.c: divides *v in place by d (1 <= d <= 65535) with 32-bit
 * divisions only, and returns the remainder. */
unsigned __c2w_udivmod64_small(unsigned long long *v, unsigned d);

/* strtol.c: an unsigned magnitude read one digit at a time, 32 or 64 bits
 * wide, remembering whether it overflowed. */
struct __c2w_intacc {
    unsigned base;
    int wide;                   /* 64-bit rather than 32-bit */
    int overflow;
    unsigned value32;           /* the magnitude when !wide */
    unsigned cut32;             /* value32 beyond which a digit overflows */
    unsigned long long value64; /* the magnitude when wide */
    unsigned long long cut64;   /* value64 beyond which a digit overflows */
    unsigned cutdigit;          /* largest digit allowed at the cut value */
};

int __c2w_digit_value(int c);   /* 0..35 for 0-9, a-z, A-Z; 36 for anything else */
void __c2w_intacc_init(struct __c2w_intacc *acc, unsigned base, int wide);
void __c2w_intacc_add(struct __c2w_intacc *acc, unsigned digit);
/* The value as strtol/strtoul/strtoll/strtoull would return it (saturated,
 * setting errno to ERANGE on overflow), as bits in the low 32 or 64 bits. */
unsigned long long __c2w_intacc_result(const struct __c2w_intacc *acc,
                                       int negative, int is_signed);

#endif
