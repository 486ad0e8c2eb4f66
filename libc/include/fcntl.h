/* fcntl.h - the flags of open, with Linux's values. The machine has no
 * descriptors beyond 0, 1 and 2 and no file system, so open fails: with
 * ENOENT (files in memory are reached through stdio's fopen, not open). */
#ifndef _FCNTL_H
#define _FCNTL_H

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000

int open(const char *name, int flags, ...);

#endif
