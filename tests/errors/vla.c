// EXPECT: vla.c:5:7: error: variable-length arrays are not supported by c2w
// EXPECT: int a[n];
// EXPECT: ^
int f(int n) {
  int a[n];
  a[0] = 1;
  return a[0];
}
int main(void) { return f(3); }
