// EXPECT: alloca_call.c:4:13: error: alloca is not supported by c2w
int main(int argc, char **argv) {
  (void)argv;
  char *p = __builtin_alloca(argc);
  p[0] = 1;
  return p[0];
}
