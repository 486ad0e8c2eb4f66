// setjmp and longjmp: out of deep recursion, through the libc (a qsort comparison that
// gives up), longjmp(env, 0) returning 1, nested handlers (an inner one re-raising to
// an outer one), a longjmp inside the function that called setjmp, volatile locals kept,
// alloca'd memory given back by the jump, setjmp in a loop, and GCC's __builtin_setjmp
// and __builtin_longjmp.
#include <alloca.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf handler;
static int depth_reached;

static int descend(int n, int limit) {
  char pad[32];
  memset(pad, n, sizeof pad);
  depth_reached = n;
  if (n == limit) longjmp(handler, n * 10);
  return descend(n + 1, limit) + pad[5];
}

static jmp_buf sort_abort;
static int comparisons;
static int cmp_or_give_up(const void *a, const void *b) {
  if (++comparisons == 25) longjmp(sort_abort, 0);  // setjmp then returns 1
  return *(const int *)a - *(const int *)b;
}

// try/catch with a stack of handlers: an inner handler catches, then re-raises.
static jmp_buf *current;
static void raise(int code) { longjmp(*current, code); }
static int parse_digit(char c) {
  if (c < '0' || c > '9') raise(c);
  return c - '0';
}
static int parse_number(const char *s) {
  jmp_buf inner, *saved = current;
  volatile int digits = 0, value = 0;
  int code = setjmp(inner);
  if (code) {  // caught: count it, then re-raise to the outer handler
    current = saved;
    printf("  inner handler: bad char '%c' after %d digits\n", code, digits);
    raise(code + 1000);
  }
  current = &inner;
  for (; *s; s++) value = value * 10 + parse_digit(*s), digits++;
  current = saved;
  return value;
}

// 1 when the memory alloca'd between setjmp and longjmp was given back by the jump:
// the next allocation lands next to the one before setjmp (whichever way stacks grow).
static int alloca_given_back(void) {
  jmp_buf env;
  volatile int small = 16, large = 100000;
  char *volatile before = alloca(small);
  char *volatile inside = 0;
  if (setjmp(env) == 0) {
    inside = alloca(large);
    inside[0] = 1;
    longjmp(env, 7);  // from within the same function
  }
  char *volatile after = alloca(small);
  return labs((long)(after - before)) < 1000;
}

static void *builtin_buffer[5];
__attribute__((noinline)) static void builtin_jump(int n) {
  if (n == 0) __builtin_longjmp(builtin_buffer, 1);
  builtin_jump(n - 1);
}

int main(void) {
  int v = setjmp(handler);
  if (v == 0) {
    descend(0, 500);
    puts("not reached");
  }
  printf("out of recursion at depth %d with %d\n", depth_reached, v);

  int data[40];
  for (int i = 0; i < 40; i++) data[i] = (i * 17) % 40;
  if (setjmp(sort_abort) == 0) {
    qsort(data, 40, sizeof data[0], cmp_or_give_up);
    puts("sorted");
  } else {
    printf("sort given up after %d comparisons (setjmp returned 1)\n", comparisons);
  }

  jmp_buf outer;
  const char *inputs[] = {"123", "45x7", "9"};
  for (int i = 0; i < 3; i++) {
    int code = setjmp(outer);
    current = &outer;
    if (code == 0)
      printf("parsed %d\n", parse_number(inputs[i]));
    else
      printf("outer handler: code %d for \"%s\"\n", code, inputs[i]);
  }

  volatile int rounds = 0;
  jmp_buf loop;
  int r = setjmp(loop);
  if (++rounds < 5) longjmp(loop, r + 3);
  printf("rounds %d, last value %d\n", rounds, r);

  printf("alloca given back by the jump: %d\n", alloca_given_back());

  if (__builtin_setjmp(builtin_buffer) == 0) {
    builtin_jump(20);
    puts("not reached");
  } else {
    puts("__builtin_longjmp came back");
  }

  jmp_buf never;
  printf("setjmp without a longjmp: %d\n", setjmp(never));
  return 0;
}
