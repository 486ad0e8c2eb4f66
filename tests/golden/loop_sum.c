// A counted loop: phi copies and a fused compare-and-branch.
int __c2w_getc(void);
__attribute__((noinline)) int sum_squares(int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) sum += i * i;
  return sum;
}
int main(void) { return sum_squares(__c2w_getc()) & 255; }
