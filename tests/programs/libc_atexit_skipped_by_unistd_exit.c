/* unistd.h's _exit ends the program at once: no atexit handler runs. (glibc's _exit
   does not flush stdout either, hence the fflush.) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

static void handler(void) { printf("handler ran\n"); }

int main(void) {
  ASSERT(0, atexit(handler));
  printf("_exit(5)\n");
  fflush(stdout);
  _exit(5);
}
