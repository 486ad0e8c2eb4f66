/* A program in three files, linked as gcc links them: external functions and globals
   across files, a static function of the same name in each, an extern array, a
   function pointer handed across, and a tentative definition completed elsewhere.
   LINK: counter.c table.c */
#include <stdio.h>

#include "shared.h"

static int helper(void) { return 100; }  /* counter.c has its own helper */

int main(void) {
  int i;
  for (i = 0; i < 5; i++) bump(i);
  printf("count %d, total %d, helper %d\n", count, total(), helper());
  printf("table:");
  for (i = 0; i < TABLE_SIZE; i++) printf(" %d", table[i]);
  printf("\n");
  printf("apply twice: %d\n", apply(twice, 21));
  printf("last name: %s\n", last_name());
  return count == 5 ? 0 : 1;
}
