/* Table-driven and switch-driven finite state machines: number-literal recogniser, comment stripper, run-length encoder. */
#include <stdio.h>
#include <ctype.h>

#include "test.h"

/* recogniser for signed decimal numbers with optional fraction: [+-]?[0-9]+(\.[0-9]+)? */
enum st { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_ERR, NSTATES };
enum cls { C_SIGN, C_DIGIT, C_DOT, C_OTHER, NCLS };
static const unsigned char trans[NSTATES][NCLS] = {
  /* S_START */ { S_SIGN, S_INT, S_ERR, S_ERR },
  /* S_SIGN  */ { S_ERR, S_INT, S_ERR, S_ERR },
  /* S_INT   */ { S_ERR, S_INT, S_DOT, S_ERR },
  /* S_DOT   */ { S_ERR, S_FRAC, S_ERR, S_ERR },
  /* S_FRAC  */ { S_ERR, S_FRAC, S_ERR, S_ERR },
  /* S_ERR   */ { S_ERR, S_ERR, S_ERR, S_ERR },
};
static enum cls classify(char c) {
  if (c == '+' || c == '-') return C_SIGN;
  if (isdigit((unsigned char)c)) return C_DIGIT;
  if (c == '.') return C_DOT;
  return C_OTHER;
}
static int accepts(const char *s) {
  enum st q = S_START;
  while (*s) q = (enum st)trans[q][classify(*s++)];
  return q == S_INT || q == S_FRAC;
}

/* strip C comments, keeping string literals intact */
static void strip_comments(const char *in, char *out) {
  enum { CODE, SLASH, BLOCK, STAR, LINE, STR, STR_ESC } s = CODE;
  for (; *in; in++) {
    char c = *in;
    switch (s) {
    case CODE:
      if (c == '/') s = SLASH;
      else { if (c == '"') s = STR; *out++ = c; }
      break;
    case SLASH:
      if (c == '*') s = BLOCK;
      else if (c == '/') s = LINE;
      else { *out++ = '/'; *out++ = c; s = c == '"' ? STR : CODE; }
      break;
    case BLOCK: if (c == '*') s = STAR; break;
    case STAR: s = c == '/' ? (*out++ = ' ', CODE) : c == '*' ? STAR : BLOCK; break;
    case LINE: if (c == '\n') { *out++ = c; s = CODE; } break;
    case STR: *out++ = c; if (c == '\\') s = STR_ESC; else if (c == '"') s = CODE; break;
    case STR_ESC: *out++ = c; s = STR; break;
    }
  }
  if (s == SLASH) *out++ = '/';
  *out = 0;
}

static void rle(const char *s) {
  while (*s) {
    char c = *s;
    int n = 0;
    while (*s == c) { s++; n++; }
    if (n > 1) printf("%d%c", n, c);
    else putchar(c);
  }
  putchar('\n');
}

int main(void) {
  static const char *const nums[] = { "0", "-12", "+3.25", "3.", ".5", "1.2.3", "--1", "", "12a", "007", "-0.000" };
  int i;
  for (i = 0; i < 11; i++) printf("'%s': %s\n", nums[i], accepts(nums[i]) ? "number" : "not a number");
  {
    char out[256];
    strip_comments("int a = 1; /* block\n comment */ int b = 2; // line comment\nchar *s = \"/* not a comment */\"; a = b / 2; /**/x/***/y\n", out);
    printf("%s", out);
    strip_comments("tricky: \"esc \\\" // still string\" end/", out);
    printf("%s\n", out);
  }
  ASSERT(1, accepts("-12"));
  ASSERT(0, accepts("3."));
  ASSERT(1, accepts("+0.5"));
  rle("aaabccddddde");
  rle("abc");
  rle("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
  rle("");
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
