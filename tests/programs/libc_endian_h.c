/* endian.h: byte order and the htobe/htole/betoh/letoh conversions of 16, 32 and 64
   bits, their result types and single evaluation of the argument. */
#include <stdio.h>
#include <stdint.h>
#include <endian.h>

#include "test.h"

#define KIND(x) _Generic((x), int: 1, unsigned: 2, unsigned short: 3, unsigned long long: 4, default: 0)

static volatile uint32_t v32 = 0x12345678u;
static volatile uint64_t v64 = 0x0123456789abcdefULL;
static volatile int v16 = 0x11234;

int main(void) {
  int n = 0;
  ASSERT(1, BYTE_ORDER == LITTLE_ENDIAN);
  ASSERT(0x3412, htobe16(v16));
  ASSERT(0x1234, htole16(v16));
  ASSERT(0x3412, be16toh(v16));
  ASSERT(0x1234, le16toh(v16));
  ASSERT(0x78563412, htobe32(v32));
  ASSERT(0x12345678, htole32(v32));
  ASSERT(0x78563412, be32toh(v32));
  ASSERT(0x12345678, le32toh(v32));
  ASSERT(0xefcdab8967452301ULL, htobe64(v64));
  ASSERT(0x0123456789abcdefULL, htole64(v64));
  ASSERT(0xefcdab8967452301ULL, be64toh(v64));
  ASSERT(0x0123456789abcdefULL, le64toh(v64));
  ASSERT(3, KIND(htobe16(v16)));
  ASSERT(3, KIND(le16toh(v16)));
  ASSERT(2, KIND(htobe32(v32)));
  ASSERT(2, KIND(le32toh(v32)));
  ASSERT(4, KIND(htobe64(v64)));
  ASSERT(4, KIND(le64toh(v64)));
  ASSERT(0x01000000, htobe32(n++ + 1));
  ASSERT(0x0201, htole16(n++ + 0x200));
  ASSERT(2, n);
  {
    /* a big-endian field in a buffer */
    unsigned char buf[4] = {0xde, 0xad, 0xbe, 0xef};
    uint32_t raw;
    __builtin_memcpy(&raw, buf, 4);
    ASSERT(0xdeadbeef, be32toh(raw));
    ASSERT(0xefbeadde, le32toh(raw));
  }
  return fails;
}
