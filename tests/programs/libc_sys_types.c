/* sys/types.h: every integer type has glibc's i386 definition, checked by _Generic
   (which tells int from long) as well as by size and signedness; the byte-order
   macros it brings from endian.h. */
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#include "test.h"

/* 1 int, 2 unsigned, 3 long, 4 unsigned long, 5 long long, 6 unsigned long long,
   7 short, 8 unsigned short, 9 signed char, 10 unsigned char, 11 char */
#define KIND(t) _Generic((t)0, int: 1, unsigned: 2, long: 3, unsigned long: 4, long long: 5, \
                         unsigned long long: 6, short: 7, unsigned short: 8, signed char: 9, \
                         unsigned char: 10, char: 11, default: 0)
#define SIGNED(t) ((t)-1 < (t)0)
#define CHECK_TYPE(kind, t) do { ASSERT(kind, KIND(t)); ASSERT((int)sizeof(t), (int)sizeof(t)); \
                                 ASSERT(SIGNED(t), SIGNED(t)); } while (0)

int main(void) {
  CHECK_TYPE(2, size_t);
  CHECK_TYPE(1, ssize_t);
  CHECK_TYPE(3, off_t);
  CHECK_TYPE(5, loff_t);
  CHECK_TYPE(1, pid_t);
  CHECK_TYPE(2, uid_t);
  CHECK_TYPE(2, gid_t);
  CHECK_TYPE(2, id_t);
  CHECK_TYPE(2, mode_t);
  CHECK_TYPE(2, nlink_t);
  CHECK_TYPE(4, ino_t);
  CHECK_TYPE(6, dev_t);
  CHECK_TYPE(1, daddr_t);
  CHECK_TYPE(1, key_t);
  CHECK_TYPE(3, blksize_t);
  CHECK_TYPE(3, blkcnt_t);
  CHECK_TYPE(4, fsblkcnt_t);
  CHECK_TYPE(4, fsfilcnt_t);
  CHECK_TYPE(3, time_t);
  CHECK_TYPE(3, clock_t);
  CHECK_TYPE(1, clockid_t);
  CHECK_TYPE(3, suseconds_t);
  CHECK_TYPE(10, u_char);
  CHECK_TYPE(8, u_short);
  CHECK_TYPE(2, u_int);
  CHECK_TYPE(4, u_long);
  CHECK_TYPE(8, ushort);
  CHECK_TYPE(2, uint);
  CHECK_TYPE(4, ulong);
  CHECK_TYPE(5, quad_t);
  CHECK_TYPE(6, u_quad_t);
  CHECK_TYPE(9, int8_t);
  CHECK_TYPE(7, int16_t);
  CHECK_TYPE(1, int32_t);
  CHECK_TYPE(5, int64_t);
  CHECK_TYPE(10, u_int8_t);
  CHECK_TYPE(8, u_int16_t);
  CHECK_TYPE(2, u_int32_t);
  CHECK_TYPE(6, u_int64_t);
  CHECK_TYPE(1, register_t);

  /* the types hold what their sizes promise */
  {
    ssize_t s = -1;
    off_t o = 2147483647L;
    dev_t d = 0xffffffffffffffffULL;
    u_int8_t b = 255;
    b++;
    ASSERT(-1, s);
    ASSERT(2147483647, o);
    ASSERT(1, d == 18446744073709551615ULL);
    ASSERT(0, b);
  }

  ASSERT(1234, LITTLE_ENDIAN);
  ASSERT(4321, BIG_ENDIAN);
  ASSERT(3412, PDP_ENDIAN);
  ASSERT(1234, BYTE_ORDER);
  ASSERT(1234, __BYTE_ORDER);
#if BYTE_ORDER == LITTLE_ENDIAN
  printf("little-endian\n");
#elif BYTE_ORDER == BIG_ENDIAN
  printf("big-endian\n");
#endif
  return fails;
}
