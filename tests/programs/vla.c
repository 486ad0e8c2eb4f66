// C99 variable-length arrays: sizes from the input, a VLA in a loop (freed at the end
// of every iteration: 5000 iterations of up to 4 KB), 2-D VLAs and VLA parameters,
// sizeof of a VLA, pointers to VLA types, VLAs of structs, a VLA in recursion, and a
// goto out of a VLA's scope.
#include <stdio.h>
#include <string.h>

struct point {
  short x;
  long long y;
};

static long long trace(int n, int m[n][n]) {
  long long t = 0;
  for (int i = 0; i < n; i++) t += m[i][i];
  return t;
}

static void multiply(int n, int a[n][n], int b[n][n], int c[n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      int s = 0;
      for (int k = 0; k < n; k++) s += a[i][k] * b[k][j];
      c[i][j] = s;
    }
}

// Pascal's triangle row by row, each row a VLA one longer than the last, in recursion.
static unsigned pascal(int row, int n, const unsigned *prev) {
  unsigned cur[row + 1];
  cur[0] = cur[row] = 1;
  for (int i = 1; i < row; i++) cur[i] = prev[i - 1] + prev[i];
  if (row == n) {
    unsigned h = 0;
    for (int i = 0; i <= row; i++) h = h * 33 + cur[i];
    return h;
  }
  return pascal(row + 1, n, cur);
}

int main(void) {
  int n = 0, c;
  while ((c = getchar()) >= '0' && c <= '9') n = n * 10 + (c - '0');

  int a[n][n], b[n][n], prod[n][n];
  printf("sizeof a = %u, sizeof a[0] = %u\n", (unsigned)sizeof a, (unsigned)sizeof a[0]);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      a[i][j] = i + j;
      b[i][j] = i == j ? 2 : (i * j) % 3;
    }
  multiply(n, a, b, prod);
  printf("trace %lld, corner %d\n", trace(n, prod), prod[n - 1][n - 1]);

  int (*row)[n] = &a[2];  // a pointer to a VLA type
  printf("row[0][3] %d, rows apart %d\n", (*row)[3], (int)((char *)(row + 1) - (char *)row));

  unsigned long total = 0;
  for (int k = 0; k < 5000; k++) {
    char buf[(k % 1000) * 4 + 1];
    memset(buf, k & 0x7f, sizeof buf);
    total += (unsigned char)buf[sizeof buf - 1] + sizeof buf;
  }
  printf("loop total %lu\n", total);

  struct point pts[n];
  for (int i = 0; i < n; i++) pts[i] = (struct point){(short)-i, (long long)i << 33};
  printf("points %d %lld\n", pts[n - 1].x, pts[n - 1].y);

  printf("pascal %u\n", pascal(1, 60, (unsigned[]){1}));

  int jumps = 0;
  for (int k = 1; k <= 300; k++) {
    int v[k];
    v[k - 1] = k;
    if (v[k - 1] % 7 == 0) goto skip;
    jumps += v[k - 1];
  skip:;
  }
  printf("jumps %d\n", jumps);
  return 0;
}
