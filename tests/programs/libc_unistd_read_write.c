/* unistd.h: read from stdin (fd 0) and write to stdout (fd 1), in chunks, at the end
   of input, with n = 0; every other use of a descriptor fails with EBADF; fileno; and
   _exit, which ends the program with its status. glibc buffers stdout when it is a
   file, so the program flushes before each write to keep printf's output in order. */
#include <stdio.h>
#include <errno.h>
#include <unistd.h>

#include "test.h"

static int write_out(const void *buf, size_t n) {
  fflush(stdout);
  return (int)write(STDOUT_FILENO, buf, n);
}

/* read's result and errno, as result * 1000 + errno */
static int failed_read(int fd) {
  char buf[4];
  errno = 0;
  return (int)read(fd, buf, sizeof buf) * 1000 + errno;
}

static int failed_write(int fd) {
  errno = 0;
  return (int)write(fd, "x", 1) * 1000 + errno;
}

int main(void) {
  char buf[64];
  int n, total = 0, chunks = 0;

  ASSERT(0, STDIN_FILENO);
  ASSERT(1, STDOUT_FILENO);
  ASSERT(2, STDERR_FILENO);
  ASSERT(0, fileno(stdin));
  ASSERT(1, fileno(stdout));
  ASSERT(2, fileno(stderr));
  ASSERT(4, (int)sizeof(ssize_t));
  ASSERT(1, (ssize_t)-1 < 0);

  ASSERT(6, write_out("hello\n", 6));
  ASSERT(0, write_out("", 0));
  ASSERT(0, (int)write(STDERR_FILENO, "", 0));
  ASSERT(4, write_out("a\0b\n", 4));

  ASSERT(-1000 + EBADF, failed_write(STDIN_FILENO));
  ASSERT(-1000 + EBADF, failed_write(97));
  ASSERT(-1000 + EBADF, failed_write(-1));
  ASSERT(-1000 + EBADF, failed_read(STDOUT_FILENO));
  ASSERT(-1000 + EBADF, failed_read(STDERR_FILENO));
  ASSERT(-1000 + EBADF, failed_read(98));
  ASSERT(-1000 + EBADF, failed_read(-1));

  errno = 0;
  ASSERT(0, (int)read(STDIN_FILENO, buf, 0));
  ASSERT('Z', ungetc('Z', stdin));        /* read bypasses stdin's push-back */
  ASSERT(5, (int)read(fileno(stdin), buf, 5));
  ASSERT(0, errno);                       /* success leaves errno alone */
  buf[5] = '\n';
  ASSERT(6, write_out(buf, 6));
  ASSERT('Z', getchar());
  ASSERT(1, (int)read(STDIN_FILENO, buf, 1));
  ASSERT(' ', buf[0]);

  /* the rest in chunks of 7: the last one is short, then 0 */
  while ((n = (int)read(STDIN_FILENO, buf, 7)) > 0) {
    int i;
    printf("chunk %d (%d):", ++chunks, n);
    for (i = 0; i < n; i++) printf(" %d", (unsigned char)buf[i]);
    printf("\n");
    total += n;
  }
  ASSERT(0, n);
  ASSERT(38, total);
  ASSERT(0, (int)read(STDIN_FILENO, buf, sizeof buf));  /* end of input stays */
  ASSERT(0, (int)read(STDIN_FILENO, buf, 0));
  ASSERT(EOF, getchar());

  printf("exiting with 3\n");
  fflush(stdout);                         /* _exit does not flush glibc's stdout */
  _exit(3);
}
