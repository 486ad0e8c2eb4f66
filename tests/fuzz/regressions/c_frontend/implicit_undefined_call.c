int main(void) {
  return mystery(1);
}
