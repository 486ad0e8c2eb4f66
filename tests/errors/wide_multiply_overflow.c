// EXPECT: wide_multiply_overflow.c:10:7: error: overflow-checking multiplication on i128 is not supported
// Integers wider than 64 bits compile, but an overflow-checked multiplication of them
// does not yet: a located error, not a wrong result.
typedef signed _BitInt(128) s128;

int main(int argc, char **argv) {
  (void)argv;
  s128 a = (s128)argc << 100, r;
  int overflow =
      __builtin_mul_overflow(a, a, &r);
  return overflow;
}
