// EXPECT: undefined_function.c:5:10: error: call to undefined function 'helper'
// EXPECT: return helper(2) + 1;
int helper(int);
int main(void) {
  return helper(2) + 1;
}
