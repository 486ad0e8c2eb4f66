/* sys/types.h - the POSIX and BSD integer types as glibc defines them on i386
 * (with 32-bit off_t and time_t, glibc's default there), and the byte-order
 * macros of endian.h, which glibc's sys/types.h includes. Only the integer
 * types: no pthread types, fd_set, timeval or the like. stdlib.h includes this
 * header, as glibc's does by default.
 *
 * A type that other headers define too (ssize_t in stdio.h and unistd.h, ...)
 * is guarded by __c2w_defined_NAME, so each is defined once.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include "../_c2w_types.h"
#include <endian.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char u_int8_t;
typedef unsigned short u_int16_t;
typedef unsigned int u_int32_t;
typedef unsigned long long u_int64_t;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long quad_t;
typedef unsigned long long u_quad_t;

/* The exact-width signed types (also in stdint.h: C11 allows a typedef twice). */
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef int register_t;

#ifndef __c2w_defined_ssize_t
#define __c2w_defined_ssize_t
typedef int ssize_t;
#endif
#ifndef __c2w_defined_off_t
#define __c2w_defined_off_t
typedef long off_t;
#endif
typedef long long loff_t;
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
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef unsigned int nlink_t;
typedef unsigned long ino_t;
typedef unsigned long long dev_t;
typedef int daddr_t;
typedef int key_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;

#ifndef __c2w_defined_time_t
#define __c2w_defined_time_t
typedef long time_t;
#endif
#ifndef __c2w_defined_clock_t
#define __c2w_defined_clock_t
typedef long clock_t;
#endif
#ifndef __c2w_defined_clockid_t
#define __c2w_defined_clockid_t
typedef int clockid_t;
#endif
typedef long suseconds_t;

#endif
