// EXPECT: computed_goto.c:5:23: error: computed goto (&&label) is not supported by c2w
// EXPECT: computed_goto.c:7:3: error: computed goto (goto *p) is not supported by c2w
#include <stdio.h>
int main(void) {
  static void *t[] = {&&a, &&b};
  int i = getchar() & 1;
  goto *t[i];
a: return 0;
b: return 1;
}
