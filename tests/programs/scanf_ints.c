/* scanf reading integers from stdin: %d %u %x %i %ld %lld %hd %hhd, return values, whitespace skipping, EOF. */
#include <stdio.h>

int main(void) {
  int n, i, r;
  long long total = 0;
  r = scanf("%d", &n);
  printf("count r=%d n=%d\n", r, n);
  for (i = 0; i < n; i++) {
    int v;
    r = scanf("%d", &v);
    if (r != 1) { printf("read error at %d\n", i); return 1; }
    total += v;
    printf("v[%d]=%d\n", i, v);
  }
  printf("total=%lld\n", total);
  {
    unsigned u;
    unsigned hx;
    int ii, io, ih;
    r = scanf("%u %x %i %i %i", &u, &hx, &ii, &io, &ih);
    printf("r=%d u=%u hx=%u ii=%d io=%d ih=%d\n", r, u, hx, ii, io, ih);
  }
  {
    long l;
    long long ll;
    short s;
    signed char c;
    unsigned long long ull;
    r = scanf("%ld %lld %hd %hhd %llu", &l, &ll, &s, &c, &ull);
    printf("r=%d l=%ld ll=%lld s=%d c=%d ull=%llu\n", r, l, ll, s, c, ull);
  }
  {
    int a, b;
    r = scanf("%d,%d", &a, &b);                 /* literal comma in the format */
    printf("r=%d a=%d b=%d\n", r, a, b);
    r = scanf(" point ( %d ; %d )", &a, &b);   /* literal words and punctuation */
    printf("r=%d a=%d b=%d\n", r, a, b);
  }
  {
    /* read remaining numbers until EOF or a non-number */
    int v, cnt = 0;
    long long sum = 0;
    while ((r = scanf("%d", &v)) == 1) { sum += v; cnt++; }
    printf("tail cnt=%d sum=%lld last r=%d\n", cnt, sum, r);
    char word[64];
    r = scanf("%s", word);
    if (r == 1) printf("stopped at word [%s]\n", word);
    r = scanf("%d", &v);
    printf("final r=%d\n", r);
  }
  return 0;
}
