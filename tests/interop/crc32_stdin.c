/* CRC-32 (the bitwise algorithm) of stdin, printed in hex: a short run with input,
   for the cross-checks of c2w's model files in other tools (tests/interop/). */
#include <stdio.h>

int main(void) {
  unsigned crc = 0xffffffffu;
  int c, k;
  while ((c = getchar()) != EOF) {
    crc ^= (unsigned)c;
    for (k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  crc = ~crc;
  for (k = 28; k >= 0; k -= 4) putchar("0123456789abcdef"[(crc >> k) & 15]);
  putchar('\n');
  return crc == 0xcbf43926u ? 0 : 1;
}
