/* sys/mman.h - anonymous memory mappings on the c2w machine (src/mman.c).
 *
 * mmap gives zero-filled, page-aligned memory from the heap for MAP_ANONYMOUS
 * requests; the machine has no files to map (any other mmap fails with ENODEV)
 * and no address it could place a MAP_FIXED mapping at (ENOMEM). munmap
 * returns a mapping to the heap (the whole mapping: ranges inside one fail
 * with EINVAL). There is no memory protection: mprotect succeeds only for
 * PROT_READ|PROT_WRITE (what every mapping already allows) and fails with
 * ENOTSUP otherwise. Values of the constants are Linux's.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include "../_c2w_types.h"

#ifndef __c2w_defined_off_t
#define __c2w_defined_off_t
typedef long off_t;
#endif

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FILE 0

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

#endif
