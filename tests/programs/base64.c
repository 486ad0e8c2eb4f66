/* Base64 encode/decode of text and binary data, padding cases, invalid input detection, round trips. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int encode(const unsigned char *in, int n, char *out) {
  int i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    out[o++] = alphabet[v >> 18]; out[o++] = alphabet[v >> 12 & 63];
    out[o++] = alphabet[v >> 6 & 63]; out[o++] = alphabet[v & 63];
  }
  if (n - i == 1) {
    unsigned v = (unsigned)in[i] << 16;
    out[o++] = alphabet[v >> 18]; out[o++] = alphabet[v >> 12 & 63]; out[o++] = '='; out[o++] = '=';
  } else if (n - i == 2) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
    out[o++] = alphabet[v >> 18]; out[o++] = alphabet[v >> 12 & 63]; out[o++] = alphabet[v >> 6 & 63]; out[o++] = '=';
  }
  out[o] = 0;
  return o;
}
static int val(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
static int decode(const char *in, unsigned char *out) {
  int n = (int)strlen(in), i, o = 0;
  if (n % 4) return -1;
  for (i = 0; i < n; i += 4) {
    int a = val(in[i]), b = val(in[i + 1]);
    int c = in[i + 2] == '=' ? 0 : val(in[i + 2]), d = in[i + 3] == '=' ? 0 : val(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
    unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6 | (unsigned)d;
    out[o++] = (unsigned char)(v >> 16);
    if (in[i + 2] != '=') out[o++] = (unsigned char)(v >> 8);
    if (in[i + 3] != '=') out[o++] = (unsigned char)v;
  }
  return o;
}

int main(void) {
  static const char *const texts[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar", "Many hands make light work.", "c2w" };
  char enc[128];
  unsigned char dec[128];
  int i;
  for (i = 0; i < 9; i++) {
    int n = (int)strlen(texts[i]);
    int e = encode((const unsigned char *)texts[i], n, enc);
    int d = decode(enc, dec);
    if (d != n || memcmp(dec, texts[i], (size_t)n) != 0) fails++;
    printf("\"%s\" -> \"%s\" (%d) -> %d bytes, round trip %s\n", texts[i], enc, e, d, d == n && memcmp(dec, texts[i], (size_t)n) == 0 ? "ok" : "BAD");
  }
  {
    unsigned char bin[64];
    for (i = 0; i < 64; i++) bin[i] = (unsigned char)(i * 37 + 255);
    int e = encode(bin, 64, enc);
    printf("binary: %s (%d)\n", enc, e);
    ASSERT(64, decode(enc, dec));
    ASSERT(0, memcmp(bin, dec, 64));
  }
  ASSERT(-1, decode("abc", dec));
  ASSERT(-1, decode("ab!d", dec));
  ASSERT(3, decode("AAAA", dec));
  ASSERT(0, dec[0] | dec[1] | dec[2]);
  ASSERT(2, decode("//8=", dec));
  ASSERT(0xff, dec[0]);
  ASSERT(0xff, dec[1]);
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
