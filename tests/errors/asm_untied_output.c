// EXPECT: asm_untied_output.c:4:3: error: an empty asm statement's output must be tied to an input
int main(void) {
  int x;
  __asm__ volatile("" : "=r"(x));
  return x;
}
