/* goto: forward/backward jumps, loops built from goto, breaking out of nested loops, cleanup-style error paths. */
#include <stdio.h>

#include "test.h"

static int find_pair(const int *a, int n, int target, int *oi, int *oj) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++)
      if (a[i] + a[j] == target) goto found;
  return 0;
found:
  *oi = i;
  *oj = j;
  return 1;
}

static int cleanup_path(int fail_at, char *log) {
  int rc = -1;
  int step = 0;
  log[0] = 0;
  if (fail_at == 1) goto out;
  log[step++] = 'A';
  if (fail_at == 2) goto undo_a;
  log[step++] = 'B';
  if (fail_at == 3) goto undo_b;
  log[step++] = 'C';
  rc = 0;
  goto out;
undo_b:
  log[step++] = 'b';
undo_a:
  log[step++] = 'a';
out:
  log[step] = 0;
  return rc;
}

int main(void) {
  int i = 0, s = 0;
loop:
  s += i;
  i++;
  if (i < 10) goto loop;
  ASSERT(45, s);
  {
    int a[6] = { 3, 9, 14, 2, 8, 7 };
    int x = -1, y = -1;
    ASSERT(1, find_pair(a, 6, 10, &x, &y));
    printf("pair %d %d\n", x, y);
    ASSERT(0, find_pair(a, 6, 100, &x, &y));
  }
  {
    char log[8];
    int k;
    for (k = 0; k <= 4; k++) {
      int rc = cleanup_path(k, log);
      printf("fail_at=%d rc=%d log=%s\n", k, rc, log);
    }
  }
  {
    /* forward jump over code, jumping into a block */
    int v = 1;
    goto skip;
    v = 100;
skip:
    ASSERT(1, v);
    int n = 0;
    goto inner;
    {
      n = 50;
inner:
      n += 5;
    }
    ASSERT(5, n);
  }
  {
    /* state machine with gotos: count digits, letters, other */
    const char *p = "ab12-c3!";
    int d = 0, l = 0, o = 0;
next:
    if (!*p) goto done;
    if (*p >= '0' && *p <= '9') { d++; p++; goto next; }
    if (*p >= 'a' && *p <= 'z') { l++; p++; goto next; }
    o++; p++;
    goto next;
done:
    ASSERT(3, d);
    ASSERT(3, l);
    ASSERT(2, o);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
