/* files.c - files in memory: fopen, freopen, fclose, tmpfile, tmpnam,
 * remove, rename, fseek, ftell, rewind, fgetpos, fsetpos.
 *
 * The machine has no file system, so a program's files live in its own
 * memory for the length of the run: a file it writes, closes and opens again
 * holds what was written, as on disk, but nothing persists after the run and
 * nothing from outside can be opened (fopen of a name the program has not
 * created fails with ENOENT). freopen of stdin, stdout or stderr onto a file
 * sends that stream's reads or writes (printf, puts, perror...) to the file,
 * as in glibc. Names are compared byte for byte: there are no directories, so
 * "a/b" is simply a name. fileno of a file stream fails with EBADF (there are
 * no descriptors beyond 0, 1 and 2).
 *
 * A file's bytes grow with realloc; an allocation that fails sets the
 * stream's error flag and errno to ENOMEM. Writing past the end after fseek
 * fills the gap with zero bytes, as on disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "internal.h"

int __c2w_files_used;

struct __c2w_memfile {
    char *name;                 /* NULL once removed, or for tmpfile's */
    char *data;
    unsigned long size;
    unsigned long cap;
    int opens;                  /* streams open on it */
    struct __c2w_memfile *next; /* the next named file */
};

static struct __c2w_memfile *named_files;

static struct __c2w_memfile *find(const char *name)
{
    struct __c2w_memfile *m;
    for (m = named_files; m != NULL; m = m->next)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

/* Takes m out of the list of names (it stays while streams are open on it). */
static void unlink_name(struct __c2w_memfile *m)
{
    struct __c2w_memfile **p = &named_files;
    while (*p != m)
        p = &(*p)->next;
    *p = m->next;
    free(m->name);
    m->name = NULL;
}

static void release(struct __c2w_memfile *m)
{
    if (m->name == NULL && m->opens == 0) {
        free(m->data);
        free(m);
    }
}

static struct __c2w_memfile *create(const char *name)
{
    struct __c2w_memfile *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    if (name != NULL) {
        size_t n = strlen(name) + 1;
        m->name = malloc(n);
        if (m->name == NULL) {
            free(m);
            return NULL;
        }
        memcpy(m->name, name, n);
        m->next = named_files;
        named_files = m;
    }
    return m;
}

/* The streams that are not the three standard ones were allocated by fopen
 * or tmpfile; fclose frees them. */
static int is_standard(FILE *f)
{
    return f == stdin || f == stdout || f == stderr;
}

static void detach(FILE *f)
{
    struct __c2w_memfile *m = f->file;
    f->readable = 0;
    f->writable = 0;
    f->file = NULL;
    if (m != NULL) {
        m->opens--;
        release(m);
    }
}

/* Opens name (or a new unnamed file when name is NULL) on the stream f with
 * the fopen mode; returns 0 with errno set when it cannot. */
static int open_on(FILE *f, const char *name, const char *mode)
{
    int read = 0, write = 0, append = 0, create_it = 0, truncate = 0, exclusive = 0;
    const char *p;
    struct __c2w_memfile *m;
    switch (mode[0]) {
    case 'r': read = 1; break;
    case 'w': write = create_it = truncate = 1; break;
    case 'a': write = create_it = append = 1; break;
    default: errno = EINVAL; return 0;
    }
    for (p = mode + 1; *p != 0 && *p != ','; p++) {
        if (*p == '+')
            read = write = 1;
        else if (*p == 'x')
            exclusive = 1;
    }
    if (name != NULL && *name == 0) {
        errno = ENOENT;
        return 0;
    }
    m = name != NULL ? find(name) : NULL;
    if (m != NULL && exclusive && create_it) {
        errno = EEXIST;
        return 0;
    }
    if (m == NULL) {
        if (!create_it) {
            errno = ENOENT;
            return 0;
        }
        m = create(name);
        if (m == NULL) {
            errno = ENOMEM;
            return 0;
        }
    }
    if (truncate)
        m->size = 0;
    __c2w_files_used = 1;
    m->opens++;
    f->readable = read;
    f->writable = write;
    f->eof = 0;
    f->error = 0;
    f->file = m;
    f->pos = 0;
    f->append = append;
    f->pushed = EOF;
    return 1;
}

FILE *fopen(const char *name, const char *mode)
{
    FILE *f = malloc(sizeof *f);
    if (f == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    if (!open_on(f, name, mode)) {
        free(f);
        return NULL;
    }
    return f;
}

FILE *tmpfile(void)
{
    FILE *f = malloc(sizeof *f);
    if (f == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    if (!open_on(f, NULL, "w+")) {
        free(f);
        return NULL;
    }
    return f;
}

/* With a name, closes the stream and opens the file on it. Without one, glibc
 * reopens the same file in the new mode; here that works for a file in
 * memory, and fails with EBADF for the machine's streams. */
FILE *freopen(const char *name, const char *mode, FILE *stream)
{
    struct __c2w_memfile *same = stream->file;
    int ok;
    __c2w_files_used = 1;
    if (name == NULL) {
        if (same == NULL) {
            detach(stream);
            errno = EBADF;
            return NULL;
        }
        same->opens++; /* keep it while the stream lets go */
        detach(stream);
        ok = open_on(stream, NULL, mode);
        if (ok) {
            /* open_on made a new unnamed file: put the old one back instead. */
            struct __c2w_memfile *fresh = stream->file;
            fresh->opens--;
            release(fresh);
            stream->file = same;
            if (mode[0] == 'w')
                same->size = 0;
        } else {
            same->opens--;
            release(same);
        }
        return ok ? stream : NULL;
    }
    detach(stream);
    return open_on(stream, name, mode) ? stream : NULL;
}

int fclose(FILE *stream)
{
    __c2w_files_used = 1;
    detach(stream);
    if (!is_standard(stream))
        free(stream);
    return 0;
}

int remove(const char *name)
{
    struct __c2w_memfile *m = find(name);
    if (m == NULL) {
        errno = ENOENT;
        return -1;
    }
    unlink_name(m);
    release(m);
    return 0;
}

int rename(const char *from, const char *to)
{
    struct __c2w_memfile *m = find(from);
    struct __c2w_memfile *old;
    size_t n;
    char *name;
    if (m == NULL || *to == 0) {
        errno = ENOENT;
        return -1;
    }
    if (m == find(to))
        return 0;
    n = strlen(to) + 1;
    name = malloc(n);
    if (name == NULL) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(name, to, n);
    old = find(to);
    if (old != NULL) {
        unlink_name(old);
        release(old);
    }
    free(m->name);
    m->name = name;
    return 0;
}

/* Names of the form /tmp/c2wNNNNNN, none of which exists yet. */
char *tmpnam(char *s)
{
    static char buf[L_tmpnam];
    static unsigned counter;
    char *out = s != NULL ? s : buf;
    do {
        unsigned v = ++counter, i;
        memcpy(out, "/tmp/c2w", 8);
        for (i = 0; i < 6; i++) {
            out[13 - i] = (char)('0' + v % 10);
            v /= 10;
        }
        out[14] = 0;
    } while (find(out) != NULL);
    return out;
}

/* ---- the byte streams of stdio.c, printf.c and scanf.c ---- */

int __c2w_file_get(FILE *f)
{
    struct __c2w_memfile *m = f->file;
    int c = f->pushed;
    if (c != EOF) {
        f->pushed = EOF;
        return c;
    }
    if (f->pos >= m->size) {
        f->eof = 1;
        return EOF;
    }
    return (unsigned char)m->data[f->pos++];
}

void __c2w_file_unget(FILE *f, int c)
{
    if (c != EOF)
        f->pushed = c & 255;
}

unsigned long __c2w_file_write(FILE *f, const char *s, unsigned long n)
{
    struct __c2w_memfile *m = f->file;
    unsigned long end;
    f->pushed = EOF;
    if (f->append)
        f->pos = m->size;
    end = f->pos + n;
    if (end < f->pos) {
        f->error = 1;
        errno = EFBIG;
        return 0;
    }
    if (end > m->cap) {
        unsigned long cap = m->cap < 64 ? 64 : m->cap;
        char *data;
        while (cap < end)
            cap = cap * 2 > cap ? cap * 2 : end;
        data = realloc(m->data, cap);
        if (data == NULL) {
            f->error = 1;
            errno = ENOMEM;
            return 0;
        }
        m->data = data;
        m->cap = cap;
    }
    if (f->pos > m->size)
        memset(m->data + m->size, 0, f->pos - m->size);
    memcpy(m->data + f->pos, s, n);
    f->pos = end;
    if (end > m->size)
        m->size = end;
    return n;
}

int __c2w_file_vprintf(FILE *f, const char *fmt, __builtin_va_list ap)
{
    __builtin_va_list again;
    char *text;
    int n;
    __builtin_va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    __builtin_va_end(again);
    if (n < 0)
        return n;
    text = malloc((size_t)n + 1);
    if (text == NULL) {
        f->error = 1;
        errno = ENOMEM;
        return -1;
    }
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    if (__c2w_file_write(f, text, (unsigned long)n) != (unsigned long)n)
        n = -1;
    free(text);
    return n;
}

/* ---- positions ---- */

int fseek(FILE *f, long offset, int whence)
{
    long base;
    if (!__c2w_files_used || f->file == NULL) {
        errno = ESPIPE;
        return -1;
    }
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (long)f->pos - (f->pushed != EOF); break;
    case SEEK_END: base = (long)f->file->size; break;
    default: errno = EINVAL; return -1;
    }
    if (offset < 0 ? base < -offset : base > 0x7fffffffL - offset) {
        errno = EINVAL;
        return -1;
    }
    f->pos = (unsigned long)(base + offset);
    f->pushed = EOF;
    f->eof = 0;
    return 0;
}

long ftell(FILE *f)
{
    if (!__c2w_files_used || f->file == NULL) {
        errno = ESPIPE;
        return -1;
    }
    return (long)f->pos - (f->pushed != EOF);
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    f->error = 0;
}

int fgetpos(FILE *f, fpos_t *pos)
{
    long at = ftell(f);
    if (at < 0)
        return -1;
    pos->__pos = at;
    return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return fseek(f, pos->__pos, SEEK_SET);
}
