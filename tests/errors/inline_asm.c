// EXPECT: inline_asm.c:4:3: error: inline assembly is not supported by c2w (only an empty asm statement
int main(void) {
  int x = 0;
  __asm__("nop");
  return x;
}
