/* sys/param.h: MIN MAX howmany roundup powerof2 NBBY setbit clrbit isset isclr, with
   glibc's definitions (roundup by a constant power of two masks, which differs
   from dividing for negative values), and the constants MAXPATHLEN and friends. */
#include <stdio.h>
#include <sys/param.h>

#include "test.h"

static volatile int vneg = -9, veight = 8, vseven = 7;
static int calls;
static int next(void) { return ++calls; }

int main(void) {
  unsigned char bits[4] = {0, 0, 0, 0};
  ASSERT(3, MIN(3, 7));
  ASSERT(7, MAX(3, 7));
  ASSERT(-2, MIN(-2, 1));
  ASSERT(1, MAX(-2, 1));
  ASSERT(1, MAX(0u, -1) == 4294967295u);   /* the usual arithmetic conversions */
  ASSERT(8, NBBY);
  ASSERT(4096, MAXPATHLEN);
  ASSERT(64, MAXHOSTNAMELEN);
  ASSERT(20, MAXSYMLINKS);
  ASSERT(256, NOFILE);
  ASSERT(512, DEV_BSIZE);
  ASSERT(100, HZ);
  ASSERT(1, NODEV == 0xffffffffffffffffULL);
  ASSERT(0, howmany(0, 8));
  ASSERT(1, howmany(1, 8));
  ASSERT(1, howmany(8, 8));
  ASSERT(2, howmany(9, 8));
  ASSERT(0, roundup(0, 8));
  ASSERT(8, roundup(1, 8));
  ASSERT(16, roundup(9, 8));
  ASSERT(21, roundup(15, 7));
  ASSERT(-8, roundup(-9, 8));              /* mask: (-9 + 7) & ~7 */
  ASSERT(0, roundup(vneg, veight));        /* division: (-9 + 7) / 8 * 8 */
  ASSERT(0, roundup(-5, 7));
  ASSERT(14, roundup(vseven + 1, vseven));
  ASSERT(1, powerof2(1));
  ASSERT(1, powerof2(64));
  ASSERT(0, powerof2(6));
  ASSERT(1, powerof2(0));
  setbit(bits, 0);
  setbit(bits, 9);
  setbit(bits, 31);
  ASSERT(1, bits[0]);
  ASSERT(2, bits[1]);
  ASSERT(128, bits[3]);
  ASSERT(2, isset(bits, 9));
  ASSERT(0, isset(bits, 10));
  ASSERT(1, isclr(bits, 10));
  ASSERT(0, isclr(bits, 31));
  clrbit(bits, 9);
  ASSERT(0, bits[1]);
  ASSERT(2, MAX(next(), 0));               /* the larger argument is evaluated twice */
  ASSERT(2, calls);
  return fails;
}
