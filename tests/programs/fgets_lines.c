/* fgets(stdin): line-by-line reading, lines longer than the buffer split across calls, last line
   without newline, NULL at EOF; mixed with getchar. */
#include <stdio.h>
#include <string.h>

int main(void) {
  char buf[16];
  int n = 0, c;
  /* first line consumed with getchar */
  printf("first line:");
  while ((c = getchar()) != EOF && c != '\n') putchar(c);
  putchar('\n');
  while (fgets(buf, sizeof buf, stdin) != NULL) {
    size_t len = strlen(buf);
    int has_nl = len > 0 && buf[len - 1] == '\n';
    if (has_nl) buf[len - 1] = 0;
    printf("chunk %2d len %2d nl %d [%s]\n", ++n, (int)len, has_nl, buf);
  }
  printf("fgets at EOF returns NULL: %d\n", fgets(buf, sizeof buf, stdin) == NULL);
  printf("chunks %d\n", n);
  return 0;
}
