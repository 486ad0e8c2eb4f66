// GNU computed goto (&&label, goto *p): a threaded bytecode interpreter with a static
// dispatch table, a table of label differences (&&label - &&base, as position-independent
// code keeps them), label addresses in local variables and compared for equality,
// values live across the dispatch (loop counters, an accumulator), and recursion into a
// function that dispatches. The bytecode comes from the input.
#include <stdio.h>
#include <string.h>

// A register machine: SET r v, ADD r s, MUL r s, DEC r, JNZ r target, PRINT r, CALL r
// (r = fib(r), through the interpreter), HALT (result: r0).
enum { SET, ADD, MUL, DEC, JNZ, PRINT, CALL, HALT };

static int run(const unsigned char *code, int depth);

static int fib(int n, int depth) {
  if (n < 2) return n;
  unsigned char c1[] = {SET, 0, (unsigned char)(n - 1), CALL, 0, HALT};
  unsigned char c2[] = {SET, 0, (unsigned char)(n - 2), CALL, 0, HALT};
  return run(c1, depth + 1) + run(c2, depth + 1);
}

static int run(const unsigned char *code, int depth) {
  static const void *const dispatch[] = {&&op_set,   &&op_add,  &&op_mul,  &&op_dec,
                                         &&op_jnz,   &&op_print, &&op_call, &&op_halt};
  int r[4] = {0, 0, 0, 0}, steps = 0;
  const unsigned char *pc = code;
#define NEXT goto *dispatch[*pc++ & 7]
  NEXT;
op_set:
  r[pc[0] & 3] = pc[1], pc += 2, steps++;
  NEXT;
op_add:
  r[pc[0] & 3] += r[pc[1] & 3], pc += 2, steps++;
  NEXT;
op_mul:
  r[pc[0] & 3] *= r[pc[1] & 3], pc += 2, steps++;
  NEXT;
op_dec:
  r[*pc++ & 3]--, steps++;
  NEXT;
op_jnz: {
  int reg = pc[0] & 3, target = pc[1];
  pc = r[reg] ? code + target : pc + 2;
  steps++;
  NEXT;
}
op_print:
  printf("%*sr%d = %d\n", depth * 2, "", pc[0] & 3, r[pc[0] & 3]), pc++, steps++;
  NEXT;
op_call:
  r[pc[0] & 3] = fib(r[pc[0] & 3], depth), pc++, steps++;
  NEXT;
op_halt:
  if (depth == 0) printf("halt after %d steps\n", steps);
  return r[0];
#undef NEXT
}

// A state machine whose transitions are label differences from a base label.
static int count_runs(const char *s) {
  static const int offsets[] = {&&in_space - &&in_space, &&in_word - &&in_space};
  int runs = 0, state = 0;
  const void *next;
again:
  next = &&in_space + offsets[state];
  goto *next;
in_space:
  if (!*s) return runs;
  if (*s++ != ' ') runs++, state = 1;
  goto again;
in_word:
  if (!*s) return runs;
  if (*s++ == ' ') state = 0;
  goto again;
}

// Label addresses in a local array, compared for equality, chosen at run time.
static int pick(int k) {
  void *labels[3] = {&&zero, &&one, &&two};
  void *chosen = labels[k % 3];
  if (chosen == &&two) printf("pick %d chose two\n", k);
  goto *chosen;
zero:
  return 100 + k;
one:
  return 200 + k;
two:
  return 300 + k;
}

int main(void) {
  unsigned char code[256];
  int n = 0, c;
  while (n < (int)sizeof code && (c = getchar()) != EOF) {
    if (c < '0' || c > '9') continue;
    int v = c - '0';
    while ((c = getchar()) >= '0' && c <= '9') v = v * 10 + (c - '0');
    code[n++] = (unsigned char)v;
  }
  code[n] = HALT;
  printf("program of %d bytes -> %d\n", n, run(code, 0));
  unsigned char fibs[] = {SET, 0, 15, CALL, 0, PRINT, 0, HALT};
  printf("fib -> %d\n", run(fibs, 0));
  printf("runs %d %d %d\n", count_runs("  computed goto  in c2w "), count_runs(""), count_runs("x"));
  int total = 0;
  for (int k = 0; k < 9; k++) total += pick(k);
  printf("picks %d\n", total);
  return 0;
}
