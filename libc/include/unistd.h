/* unistd.h - the little of POSIX's unistd.h that the c2w machine can offer:
 * read from stdin (fd 0), write to stdout (fd 1) and stderr (fd 2, which goes
 * to stdout like the stderr stream), and _exit. Any other descriptor fails
 * with EBADF. Only what is implemented is declared, with the types glibc's
 * unistd.h defines.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include "_c2w_types.h"

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* As in glibc's unistd.h (see sys/types.h for the guards). */
#ifndef __c2w_defined_ssize_t
#define __c2w_defined_ssize_t
typedef int ssize_t;
#endif
#ifndef __c2w_defined_off_t
#define __c2w_defined_off_t
typedef long off_t;
#endif
#ifndef __c2w_defined_pid_t
#define __c2w_defined_pid_t
typedef int pid_t;
#endif
#ifndef __c2w_defined_uid_t
#define __c2w_defined_uid_t
typedef unsigned int uid_t;
#endif
#ifndef __c2w_defined_gid_t
#define __c2w_defined_gid_t
typedef unsigned int gid_t;
#endif
typedef unsigned int useconds_t;
typedef int intptr_t; /* also in stdint.h: C11 allows a typedef twice */
typedef unsigned int socklen_t;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
void _exit(int status) __attribute__((__noreturn__));

#endif
