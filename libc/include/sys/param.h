/* sys/param.h - the BSD arithmetic macros as glibc defines them: MIN, MAX,
 * howmany, roundup, powerof2, NBBY and the bit-array macros setbit, clrbit,
 * isset, isclr; and the system constants MAXPATHLEN and friends, with Linux's
 * values. MIN and MAX evaluate an argument twice, as glibc's do. */
#ifndef _SYS_PARAM_H
#define _SYS_PARAM_H

#include <sys/types.h>
#include <limits.h>

#define NBBY CHAR_BIT

#define MAXPATHLEN PATH_MAX
#define MAXHOSTNAMELEN HOST_NAME_MAX
#define MAXSYMLINKS 20
#define NOFILE 256
#define DEV_BSIZE 512
#define HZ 100
#define NODEV ((dev_t)-1)

#define setbit(a, i) ((a)[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i) ((a)[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isset(a, i) ((a)[(i) / NBBY] & (1 << ((i) % NBBY)))
#define isclr(a, i) (((a)[(i) / NBBY] & (1 << ((i) % NBBY))) == 0)

#define howmany(x, y) (((x) + ((y) - 1)) / (y))
/* A constant power-of-two y rounds with a mask (which differs from the division
 * for negative x), exactly as glibc's macro under gcc. */
#define roundup(x, y) (__builtin_constant_p(y) && powerof2(y) \
                       ? (((x) + (y) - 1) & ~((y) - 1)) \
                       : ((((x) + ((y) - 1)) / (y)) * (y)))
#define powerof2(x) ((((x) - 1) & (x)) == 0)

#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))

#endif
