// EXPECT: syntax_error.c:4:11: error: expected ';' after return statement
int main(void) {
  int x = 1;
  return x }
