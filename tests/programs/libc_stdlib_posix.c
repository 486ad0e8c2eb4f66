/* stdlib.h beyond the basics: getenv (the machine has no environment, so only unset
   names are compared), random and srandom (rand's generator and state, as in glibc),
   reallocarray (overflow is ENOMEM and leaves the block alone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "test.h"

int main(void) {
  int i, same = 0;
  long r[5];

  ASSERT(1, getenv("C2W_TEST_SURELY_UNSET_VARIABLE") == NULL);
  ASSERT(1, getenv("") == NULL);

  /* random and rand are one generator */
  srandom(42);
  for (i = 0; i < 5; i++) r[i] = random();
  srand(42);
  for (i = 0; i < 5; i++) same += rand() == r[i];
  ASSERT(5, same);
  for (i = 0; i < 5; i++) printf("random %ld\n", r[i]);
  srandom(7);
  r[0] = random();
  r[1] = rand();
  r[2] = random();
  srand(7);
  ASSERT(1, rand() == r[0] && random() == r[1] && rand() == r[2]);
  srandom(0);                       /* seed 0 is seed 1, as in glibc */
  r[0] = random();
  srandom(1);
  ASSERT(1, random() == r[0]);
  ASSERT(1, random() >= 0);
  ASSERT(4, (int)sizeof(random()));

  /* reallocarray */
  {
    char *p = reallocarray(NULL, 4, 8);
    char *q;
    ASSERT(1, p != NULL);
    strcpy(p, "keep me");
    errno = 0;
    ASSERT(1, reallocarray(p, 0x10000, 0x10000) == NULL);   /* 2^32 bytes overflows */
    ASSERT(ENOMEM, errno);
    errno = 0;
    ASSERT(1, reallocarray(p, (size_t)-1, 2) == NULL);
    ASSERT(ENOMEM, errno);
    printf("[%s]\n", p);                                      /* untouched */
    q = reallocarray(p, 100, 3);
    ASSERT(1, q != NULL);
    printf("[%s]\n", q);
    q[299] = 'z';
    ASSERT(1, reallocarray(q, 0, 16) == NULL);                /* frees, like realloc(q, 0) */
    p = reallocarray(NULL, 0x7fffffff, 0);                    /* 0 bytes: no overflow */
    ASSERT(1, p != NULL);
    free(p);
  }
  return fails;
}
