/* Anonymous mappings (libc/src/mman.c) against Linux's: page-aligned,
 * zero-filled, writable, and returned with munmap; open of a missing file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

int main(void)
{
    unsigned char *p = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *q;
    unsigned i, sum = 0, nonzero = 0;
    int fd;
    if (p == MAP_FAILED)
        return 1;
    printf("page aligned: %d\n", ((unsigned long)p & 4095) == 0);
    for (i = 0; i < 12288; i++)
        nonzero += p[i] != 0;
    printf("zero-filled pages: %d\n", nonzero == 0);
    for (i = 0; i < 10000; i++)
        p[i] = (unsigned char)(i * 7);
    for (i = 0; i < 10000; i++)
        sum += p[i];
    printf("sum %u\n", sum);
    printf("mprotect rw %d\n", mprotect(p, 4096, PROT_READ | PROT_WRITE));
    q = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
    printf("second mapping distinct: %d\n", q != MAP_FAILED && (q >= p + 12288 || q + 4096 <= p));
    printf("munmap %d %d\n", munmap(p, 10000), munmap(q, 100));
    printf("zero length: %s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL ? "EINVAL" : "?");
    fd = open("/nonexistent/c2w/file", O_RDONLY);
    printf("open %d %s\n", fd, errno == ENOENT ? "ENOENT" : "?");
    printf("S_ISREG %d S_IRUSR %o\n", S_ISREG(S_IFREG | 0644), S_IRUSR);
    return 0;
}
