/* errno.c - the errno variable. The machine runs one thread, so it is a
 * plain global. */
#include <errno.h>

int errno;
