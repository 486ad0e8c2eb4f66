/* Dispatch table of function pointers indexed by opcode: a tiny stack-machine interpreter. */
#include <stdio.h>

#include "test.h"

struct vm { long long stack[32]; int sp; int pc; int halted; };
typedef void (*handler)(struct vm *, int arg);

static void op_push(struct vm *m, int arg) { m->stack[m->sp++] = arg; }
static void op_add(struct vm *m, int arg) { (void)arg; m->sp--; m->stack[m->sp - 1] += m->stack[m->sp]; }
static void op_sub(struct vm *m, int arg) { (void)arg; m->sp--; m->stack[m->sp - 1] -= m->stack[m->sp]; }
static void op_mul(struct vm *m, int arg) { (void)arg; m->sp--; m->stack[m->sp - 1] *= m->stack[m->sp]; }
static void op_dup(struct vm *m, int arg) { (void)arg; m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; }
static void op_over(struct vm *m, int arg) { (void)arg; m->stack[m->sp] = m->stack[m->sp - 2]; m->sp++; }
static void op_swap(struct vm *m, int arg) {
  (void)arg;
  long long t = m->stack[m->sp - 1];
  m->stack[m->sp - 1] = m->stack[m->sp - 2];
  m->stack[m->sp - 2] = t;
}
static void op_rot(struct vm *m, int arg) { /* a b c -> b c a */
  (void)arg;
  long long a = m->stack[m->sp - 3];
  m->stack[m->sp - 3] = m->stack[m->sp - 2];
  m->stack[m->sp - 2] = m->stack[m->sp - 1];
  m->stack[m->sp - 1] = a;
}
static void op_jnz(struct vm *m, int arg) { if (m->stack[--m->sp] != 0) m->pc = arg - 1; }
static void op_jmp(struct vm *m, int arg) { m->pc = arg - 1; }
static void op_print(struct vm *m, int arg) { (void)arg; printf("top = %lld\n", m->stack[m->sp - 1]); }
static void op_halt(struct vm *m, int arg) { (void)arg; m->halted = 1; }
static void op_pop(struct vm *m, int arg) { (void)arg; m->sp--; }

enum { PUSH, ADD, SUB, MUL, DUP, OVER, SWAP, ROT, JNZ, JMP, PRINT, HALT, POP, NOPS };
static const handler table[NOPS] = {
  [PUSH] = op_push, [ADD] = op_add, [SUB] = op_sub, [MUL] = op_mul, [DUP] = op_dup, [OVER] = op_over,
  [SWAP] = op_swap, [ROT] = op_rot, [JNZ] = op_jnz, [JMP] = op_jmp, [PRINT] = op_print, [HALT] = op_halt,
  [POP] = op_pop,
};
static const char *const opnames[NOPS] = { "push", "add", "sub", "mul", "dup", "over", "swap", "rot",
                                           "jnz", "jmp", "print", "halt", "pop" };

struct insn { int op, arg; };

static long long run(const struct insn *code, int *steps) {
  struct vm m;
  m.sp = 0; m.pc = 0; m.halted = 0;
  *steps = 0;
  while (!m.halted) {
    const struct insn *in = &code[m.pc];
    table[in->op](&m, in->arg);
    m.pc++;
    (*steps)++;
  }
  return m.sp ? m.stack[m.sp - 1] : -1;
}

int main(void) {
  int steps;
  static const struct insn arith[] = {
    { PUSH, 6 }, { PUSH, 7 }, { MUL, 0 }, { PRINT, 0 },
    { PUSH, 100 }, { SUB, 0 }, { PRINT, 0 },
    { DUP, 0 }, { MUL, 0 }, { PRINT, 0 }, { HALT, 0 },
  };
  ASSERT(3364, run(arith, &steps));
  ASSERT(11, steps);

  /* 20! : stack (acc n) */
  static const struct insn fact[] = {
    { PUSH, 1 }, { PUSH, 20 },
    { SWAP, 0 }, { OVER, 0 }, { MUL, 0 }, { SWAP, 0 },   /* 2: loop: acc*n n */
    { PUSH, 1 }, { SUB, 0 }, { DUP, 0 }, { JNZ, 2 },
    { POP, 0 }, { PRINT, 0 }, { HALT, 0 },
  };
  ASSERT(2432902008176640000LL, run(fact, &steps));
  ASSERT(165, steps);

  /* fib(50): stack (a b n) */
  static const struct insn fib[] = {
    { PUSH, 0 }, { PUSH, 1 }, { PUSH, 50 },
    { ROT, 0 }, { ROT, 0 }, { DUP, 0 }, { ROT, 0 }, { ADD, 0 }, { ROT, 0 }, /* 3: loop */
    { PUSH, 1 }, { SUB, 0 }, { DUP, 0 }, { JNZ, 3 },
    { POP, 0 }, { POP, 0 }, { PRINT, 0 }, { HALT, 0 },
  };
  ASSERT(12586269025LL, run(fib, &steps));
  printf("fib steps = %d\n", steps);

  /* unconditional jump skipping code */
  static const struct insn jump[] = {
    { PUSH, 1 }, { JMP, 4 }, { PUSH, 99 }, { ADD, 0 }, { PUSH, 2 }, { ADD, 0 }, { HALT, 0 },
  };
  ASSERT(3, run(jump, &steps));
  ASSERT(5, steps);
  {
    int i;
    for (i = 0; i < NOPS; i++) printf("%d:%s%s", i, opnames[i], i + 1 < NOPS ? " " : "\n");
    ASSERT(1, table[ADD] == op_add);
    ASSERT(0, table[ADD] == op_sub);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
