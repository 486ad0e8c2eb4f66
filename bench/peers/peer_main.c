// Runs one of transformer-vm's example programs on c2w, for bench/peers/run_peers.sh.
//
// Its examples are written against its own tiny runtime: an entry point
// `void compute(const char *input)` that gets the program's argument string, and a few
// helpers (print_str, print_int, parse_int, str_len) next to printf, sscanf and putchar.
// This file gives them the same meaning on c2w's libc, reads stdin into the argument
// string and calls compute. The example itself is included, unchanged, from the peer's
// folder outside this repository: c2w -D 'PEER_PROGRAM="/path/to/example.c"'.
#include <stdio.h>
#include <string.h>

static int str_len(const char* s) { return (int)strlen(s); }
static void print_str(const char* s) { fputs(s, stdout); }
static void print_int(int n) { printf("%d", n); }
// A non-negative decimal number at p (what the peer's parse_int reads).
static int parse_int(const char* p) {
  int n = 0;
  while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
  return n;
}

#include PEER_PROGRAM

// The argument string, and room after it: addition.c writes its result just past the
// string's terminating zero, into memory the peer's prompt leaves free.
static char input[1 << 16];

int main(void) {
  int length = 0, c;
  while (length < (int)sizeof input / 2 && (c = getchar()) != EOF) input[length++] = (char)c;
  compute(input);
  return 0;
}
