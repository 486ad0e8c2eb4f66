/* mman.c - sys/mman.h's anonymous mappings, carved out of the heap, and
 * fcntl.h's open (which fails: there are no descriptors to give).
 *
 * A mapping is a malloc'd block rounded up to whole pages and aligned to a
 * page, zero-filled as the kernel's are; a small list remembers each mapping's
 * block so munmap can free it. All are weak: POSIX names a program may define.
 */
#include <sys/mman.h>
#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define PAGE 4096u

struct mapping {
    char *start;
    size_t length;
    void *block;
    struct mapping *next;
};

static struct mapping *mappings;

C2W_WEAK void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    struct mapping *m;
    size_t pages;
    (void)addr;
    (void)prot;
    (void)fd;
    if (length == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == 0 || offset % PAGE != 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    if (!(flags & MAP_ANONYMOUS)) {
        errno = ENODEV;
        return MAP_FAILED;
    }
    if (flags & MAP_FIXED) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    pages = (length + PAGE - 1) / PAGE;
    m = malloc(sizeof *m);
    if (m == NULL || pages > (~(size_t)0 - PAGE) / PAGE)
        goto out_of_memory;
    m->block = malloc(pages * PAGE + PAGE - 1);
    if (m->block == NULL)
        goto out_of_memory;
    m->start = (char *)(((unsigned long)m->block + PAGE - 1) & ~(unsigned long)(PAGE - 1));
    m->length = pages * PAGE;
    memset(m->start, 0, m->length);
    m->next = mappings;
    mappings = m;
    return m->start;
out_of_memory:
    free(m);
    errno = ENOMEM;
    return MAP_FAILED;
}

C2W_WEAK int munmap(void *addr, size_t length)
{
    struct mapping **p;
    for (p = &mappings; *p != NULL; p = &(*p)->next) {
        struct mapping *m = *p;
        if (m->start == addr && length != 0 && (length + PAGE - 1) / PAGE * PAGE == m->length) {
            *p = m->next;
            free(m->block);
            free(m);
            return 0;
        }
    }
    errno = EINVAL;
    return -1;
}

C2W_WEAK int mprotect(void *addr, size_t length, int prot)
{
    (void)addr;
    (void)length;
    if (prot == (PROT_READ | PROT_WRITE))
        return 0;
    errno = ENOTSUP;
    return -1;
}

C2W_WEAK int open(const char *name, int flags, ...)
{
    (void)name;
    (void)flags;
    errno = ENOENT;
    return -1;
}
