/* Type punning through unions and char access: bytes of ints, 64-bit halves, byte order (little endian). */
#include <stdio.h>
#include <stdint.h>

#include "test.h"

union w32 { uint32_t u; int32_t i; uint16_t h[2]; uint8_t b[4]; };
union w64 { uint64_t u; int64_t i; uint32_t w[2]; uint16_t h[4]; uint8_t b[8]; };

int main(void) {
  union w32 a;
  a.u = 0xdeadbeefu;
  ASSERT(0xef, a.b[0]);
  ASSERT(0xbe, a.b[1]);
  ASSERT(0xad, a.b[2]);
  ASSERT(0xde, a.b[3]);
  ASSERT(0xbeef, a.h[0]);
  ASSERT(0xdead, a.h[1]);
  ASSERT(-559038737, a.i);
  a.b[3] = 0;
  ASSERT(0x00adbeef, a.u);
  a.h[0] = 0x1234;
  ASSERT(0x00ad1234, a.u);
  union w64 b;
  b.u = 0x0102030405060708ULL;
  ASSERT(0x05060708, b.w[0]);
  ASSERT(0x01020304, b.w[1]);
  ASSERT(0x0708, b.h[0]);
  ASSERT(0x0102, b.h[3]);
  ASSERT(8, b.b[0]);
  ASSERT(1, b.b[7]);
  b.w[1] = 0xffffffffu;
  ASSERT(-4210686200LL, b.i);
  b.i = -1;
  ASSERT(0xffff, b.h[2]);
  {
    /* byte swap using a union */
    union w32 in, out;
    int k;
    in.u = 0x11223344u;
    for (k = 0; k < 4; k++) out.b[k] = in.b[3 - k];
    ASSERT(0x44332211u, out.u);
  }
  {
    /* char* view of any object is allowed */
    int32_t v = -2;
    const unsigned char *p = (const unsigned char *)&v;
    printf("bytes of -2: %02x %02x %02x %02x\n", p[0], p[1], p[2], p[3]);
    long long ll = 0x1122334455667788LL;
    const unsigned char *q = (const unsigned char *)&ll;
    int k;
    printf("bytes of ll:");
    for (k = 0; k < 8; k++) printf(" %02x", q[k]);
    printf("\n");
    unsigned short s = 0xabcd;
    unsigned char *sp = (unsigned char *)&s;
    sp[0] = 0xff;
    ASSERT(0xabff, s);
  }
  {
    /* endianness probe */
    union { uint16_t s; uint8_t c[2]; } probe = { 1 };
    ASSERT(1, probe.c[0]);
    printf("little endian: %s\n", probe.c[0] ? "yes" : "no");
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
