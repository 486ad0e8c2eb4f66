/* exit(3) called from a nested function: stops immediately with status 3, pending output flushed,
   code after the call never runs. */
#include <stdio.h>
#include <stdlib.h>

static int depth_reached;

static void level3(int v) {
  depth_reached = 3;
  printf("level3 got %d, exiting\n", v);
  printf("unterminated output before exit");
  exit(v - 39);
  printf("after exit: must not print\n");
}
static int level2(int v) { depth_reached = 2; level3(v + 1); return -1; }
static int level1(int v) { depth_reached = 1; int r = level2(v + 1); printf("level1: must not print %d\n", r); return r; }

int main(void) {
  printf("start\n");
  level1(40);
  printf("main: must not print\n");
  return 0;
}
