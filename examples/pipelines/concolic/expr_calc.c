/*
 * expr_calc.c - a calculator for integer expressions (+ - * / and parentheses) read
 * from stdin, by recursive descent: a parser for the concolic-exploration pipeline.
 *
 * Planted bug: division checks for a literal zero divisor ("7/0" is an error message)
 * but not for a divisor that evaluates to zero, so "1/(2-2)" traps (division by zero).
 * An unbalanced ")" and a trailing operator are reported as syntax errors.
 */
// BUG: div0
// LINE: 59
#include <stdio.h>

static int look;          /* the current character, or EOF */
static int errors;

static void next(void) {
  do look = getchar();
  while (look == ' ');
}

static int expression(void);

static int factor(void) {
  if (look == '(') {
    next();
    int v = expression();
    if (look != ')') errors++;
    else next();
    return v;
  }
  if (look == '-') {
    next();
    return -factor();
  }
  if (look < '0' || look > '9') {
    errors++;
    return 0;
  }
  int v = 0;
  while (look >= '0' && look <= '9') {
    v = v * 10 + (look - '0');
    next();
  }
  return v;
}

static int term(void) {
  int v = factor();
  while (look == '*' || look == '/') {
    int op = look;
    next();
    int literal_zero = look == '0';
    int w = factor();
    if (op == '*') v *= w;
    else if (literal_zero) {
      puts("error: division by zero");
      errors++;
    } else {
      v /= w; /* <- BUG: w may still be zero */
    }
  }
  return v;
}

static int expression(void) {
  int v = term();
  while (look == '+' || look == '-') {
    int op = look;
    next();
    int w = term();
    v = op == '+' ? v + w : v - w;
  }
  return v;
}

int main(void) {
  next();
  int v = expression();
  if (look != EOF && look != '\n') errors++;
  if (errors) {
    puts("syntax error");
    return 1;
  }
  printf("%d\n", v);
  return 0;
}
