/* getchar until EOF: echo input with line numbers, count bytes/lines/words, upper-case it, histogram of letters. */
#include <stdio.h>
#include <ctype.h>

int main(void) {
  int c, lines = 0, bytes = 0, words = 0, in_word = 0, at_line_start = 1;
  int hist[26] = { 0 };
  unsigned checksum = 0;
  while ((c = getchar()) != EOF) {
    if (at_line_start) { printf("%3d| ", lines + 1); at_line_start = 0; }
    bytes++;
    checksum = checksum * 31u + (unsigned)c;
    putchar(toupper(c));
    if (c == '\n') { lines++; at_line_start = 1; }
    if (isspace(c)) in_word = 0;
    else if (!in_word) { in_word = 1; words++; }
    if (isalpha(c)) hist[tolower(c) - 'a']++;
  }
  if (!at_line_start) putchar('\n');
  printf("lines=%d words=%d bytes=%d checksum=%08x\n", lines, words, bytes, checksum);
  for (c = 0; c < 26; c++)
    if (hist[c]) printf("%c:%d ", 'a' + c, hist[c]);
  printf("\n");
  printf("after EOF getchar returns %d\n", getchar());
  return 0;
}
