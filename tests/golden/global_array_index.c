// a[i] of a global array: the access takes the scaled index as its base word and the
// array's address as its constant (no add; no instruction at all for bytes).
struct point {
  int x, y;
};
int table[16];
struct point points[8];
unsigned char bytes[32];

__attribute__((noinline)) int get(int i) { return table[i]; }
__attribute__((noinline)) void set_y(int i, int v) { points[i].y = v; }
__attribute__((noinline)) int byte_sum(int i, int j) { return bytes[i] + bytes[j + 1]; }

int main(void) {
  volatile int k = 2;  // (not a constant to fold)
  set_y(k + 1, 5);
  table[k] = 7;
  bytes[k + 2] = 9;
  return get(k) + points[3].y + byte_sum(k + 2, k + 1);
}
