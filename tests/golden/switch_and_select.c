// A switch lowered to compare-and-branch chains, and a select.
int __c2w_getc(void);
__attribute__((noinline)) int classify(int c) {
  switch (c) {
    case 'a': return 1;
    case 'e': return 2;
    case 'q': return 5;
    case 'z': return 7;
    default: return c > 100 ? 3 : 4;
  }
}
int main(void) { return classify(__c2w_getc()) + classify(__c2w_getc()); }
