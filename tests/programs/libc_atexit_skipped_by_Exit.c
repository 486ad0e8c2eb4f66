/* _Exit ends the program at once: no atexit handler runs. (glibc's _Exit does not
   flush stdout either, hence the fflush.) */
#include <stdio.h>
#include <stdlib.h>

#include "test.h"

static void handler(void) { printf("handler ran\n"); }

int main(void) {
  ASSERT(0, atexit(handler));
  printf("_Exit(4)\n");
  fflush(stdout);
  _Exit(4);
}
