// Every unsupported construct is reported in one run.
// EXPECT: several_at_once.c:7:9: error: floating-point types are not supported
// EXPECT: several_at_once.c:8:3: error: inline assembly is not supported
// EXPECT: several_at_once.c:9:16: error: complex types are not supported
// EXPECT: several_at_once.c:10:3: error: __int128 is not supported on this target
int main(int argc, char **argv) {
  float f;
  __asm__("nop");
  _Complex int v;
  __int128 big;
  (void)f; (void)v; (void)big; (void)argv;
  return 0;
}
