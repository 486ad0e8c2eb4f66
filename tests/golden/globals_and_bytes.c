// Global data, byte loads and stores through a pointer, a 64-bit addition.
unsigned char table[4] = {1, 2, 3, 4};
long long total = 5;
__attribute__((noinline)) void bump(unsigned char *t, int i) {
  t[i] = (unsigned char)(t[0] + t[3]);
  total += t[i];
}
int main(void) {
  bump(table, 1);
  bump(table, 2);
  return (int)total + table[1];
}
