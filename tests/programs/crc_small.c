/* CRC-32 (bitwise and table-driven), CRC-16/CCITT and Adler-32 over small buffers; known check values. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "test.h"

static uint32_t crc32_bitwise(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    int k;
    crc ^= *p++;
    for (k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}
static uint32_t table[256];
static void make_table(void) {
  uint32_t i;
  for (i = 0; i < 256; i++) {
    uint32_t c = i;
    int k;
    for (k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}
static uint32_t crc32_table(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}
static uint16_t crc16_ccitt(const unsigned char *p, size_t n) {
  uint16_t crc = 0xffff;
  while (n--) {
    int k;
    crc ^= (uint16_t)(*p++ << 8);
    for (k = 0; k < 8; k++) crc = (uint16_t)(crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}
static uint32_t adler32(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n--) { a = (a + *p++) % 65521u; b = (b + a) % 65521u; }
  return b << 16 | a;
}

int main(void) {
  const char *check_str = "123456789";
  const unsigned char *cp = (const unsigned char *)check_str;
  make_table();
  ASSERT(0xcbf43926u, crc32_bitwise(cp, 9));
  ASSERT(0xcbf43926u, crc32_table(cp, 9));
  ASSERT(0x29b1, crc16_ccitt(cp, 9));
  ASSERT(0x091e01deu, adler32(cp, 9));
  ASSERT(0, crc32_table(cp, 0));
  ASSERT(1, adler32(cp, 0));
  {
    static const char *const msgs[] = { "", "a", "abc", "message digest", "The quick brown fox jumps over the lazy dog",
                                        "c2w: C to a small machine" };
    int i;
    for (i = 0; i < 6; i++) {
      const unsigned char *m = (const unsigned char *)msgs[i];
      size_t n = strlen(msgs[i]);
      uint32_t c1 = crc32_bitwise(m, n), c2 = crc32_table(m, n);
      printf("%-44s crc32=%08x crc16=%04x adler=%08x\n", msgs[i], c2, crc16_ccitt(m, n), adler32(m, n));
      if (c1 != c2) { printf("FAIL\n"); fails++; }
    }
  }
  {
    /* binary data with all byte values */
    unsigned char buf[256];
    int i;
    for (i = 0; i < 256; i++) buf[i] = (unsigned char)(255 - i);
    printf("all bytes: crc32=%08x crc16=%04x adler=%08x\n", crc32_table(buf, 256), crc16_ccitt(buf, 256), adler32(buf, 256));
    printf("table[1]=%08x table[128]=%08x table[255]=%08x\n", table[1], table[128], table[255]);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
