/* Reverse-Polish calculator with an explicit stack of long long, plus infix-to-RPN conversion (shunting-yard). */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "test.h"

static long long stk[64];
static int sp;
static void push(long long v) { stk[sp++] = v; }
static long long pop(void) { return stk[--sp]; }

static int eval_rpn(const char *s, long long *out) {
  sp = 0;
  while (*s) {
    if (*s == ' ') { s++; continue; }
    if (isdigit((unsigned char)*s)) {
      long long v = 0;
      while (isdigit((unsigned char)*s)) v = v * 10 + (*s++ - '0');
      push(v);
      continue;
    }
    if (sp < 2) return -1;
    long long b = pop(), a = pop();
    switch (*s) {
    case '+': push(a + b); break;
    case '-': push(a - b); break;
    case '*': push(a * b); break;
    case '/': if (b == 0) return -2; push(a / b); break;
    case '%': if (b == 0) return -2; push(a % b); break;
    case '^': { long long r = 1; while (b-- > 0) r *= a; push(r); break; }
    default: return -3;
    }
    s++;
  }
  if (sp != 1) return -4;
  *out = pop();
  return 0;
}

static int prec(char op) { return op == '^' ? 3 : (op == '*' || op == '/' || op == '%') ? 2 : 1; }
static void to_rpn(const char *in, char *out) {
  char ops[64];
  int top = 0;
  while (*in) {
    char c = *in;
    if (isdigit((unsigned char)c)) {
      while (isdigit((unsigned char)*in)) *out++ = *in++;
      *out++ = ' ';
      continue;
    }
    if (c == '(') ops[top++] = c;
    else if (c == ')') { while (top && ops[top - 1] != '(') { *out++ = ops[--top]; *out++ = ' '; } top--; }
    else if (strchr("+-*/%^", c)) {
      while (top && ops[top - 1] != '(' && (prec(ops[top - 1]) > prec(c) || (prec(ops[top - 1]) == prec(c) && c != '^'))) {
        *out++ = ops[--top]; *out++ = ' ';
      }
      ops[top++] = c;
    }
    in++;
  }
  while (top) { *out++ = ops[--top]; *out++ = ' '; }
  *out = 0;
}

int main(void) {
  static const char *const rpn[] = { "3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^ 2 ^", "100 7 / 7 *", "1 2 3", "1 +", "4 0 /", "9 9 &",
                                     "123456789 987654321 *", "0 5 - 3 %" };
  int i;
  for (i = 0; i < 10; i++) {
    long long v = 0;
    int rc = eval_rpn(rpn[i], &v);
    if (rc == 0) printf("%-24s = %lld\n", rpn[i], v);
    else printf("%-24s error %d\n", rpn[i], rc);
  }
  {
    static const char *const infix[] = { "1+2*3", "(1+2)*3", "2^3^2", "100/(4+6)%7", "((15/(7-(1+1)))*3)-(2+(1+1))", "2*(3+4)*(5-1)" };
    char buf[128];
    for (i = 0; i < 6; i++) {
      long long v = 0;
      to_rpn(infix[i], buf);
      int rc = eval_rpn(buf, &v);
      printf("%-30s -> %-32s = %lld (rc %d)\n", infix[i], buf, v, rc);
    }
  }
  {
    long long v = 0;
    ASSERT(0, eval_rpn("3 4 + 2 *", &v));
    ASSERT(14, v);
    ASSERT(-4, eval_rpn("1 2 3", &v));
    ASSERT(-1, eval_rpn("+", &v));
    ASSERT(-2, eval_rpn("1 0 %", &v));
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
