// Floating point is rejected with a located error for every use, all at once.
// EXPECT: float_types.c:5:8: error: floating-point types are not supported
// EXPECT: float_types.c:7:16: error: floating-point constants are not supported
// EXPECT: 2 errors generated
double scale;
int main(void) {
  int x = (int)2.5;
  return x;
}
