// A leaf function and a call: the frame layout, the outgoing area and ret.
int __c2w_getc(void);
__attribute__((noinline)) int add_two(int a, int b) { return a + b; }
int main(void) { return add_two(__c2w_getc(), 2); }
