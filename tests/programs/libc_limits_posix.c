/* limits.h's POSIX limits that glibc defines by default: SSIZE_MAX PATH_MAX NAME_MAX
   LINE_MAX PIPE_BUF HOST_NAME_MAX, with their types. */
#include <stdio.h>
#include <limits.h>
#include <sys/types.h>

#include "test.h"

#define KIND(x) _Generic((x), int: 1, unsigned: 2, long: 3, default: 0)

int main(void) {
  char path[PATH_MAX];
  ssize_t biggest = SSIZE_MAX;
  ASSERT(2147483647, SSIZE_MAX);
  ASSERT(1, KIND(SSIZE_MAX));
  ASSERT(1, biggest > 0 && biggest + 0LL + 1 == 2147483648LL);
  ASSERT(4096, PATH_MAX);
  ASSERT(4096, (int)sizeof path);
  ASSERT(255, NAME_MAX);
  ASSERT(2048, LINE_MAX);
  ASSERT(4096, PIPE_BUF);
  ASSERT(64, HOST_NAME_MAX);
  return fails;
}
