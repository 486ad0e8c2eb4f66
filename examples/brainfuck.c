/*
 * brainfuck.c - an interpreter for the Brainfuck programming language.
 *
 * Brainfuck has a tape of 30000 byte cells, a pointer into it, and eight
 * one-character commands:
 *
 *     >  move the pointer right        <  move the pointer left
 *     +  add 1 to the current cell     -  subtract 1 (cells wrap mod 256)
 *     .  output the cell as a byte     ,  read a byte into the cell (EOF: 0)
 *     [  if the cell is 0, jump past the matching ]
 *     ]  if the cell is not 0, jump back to just after the matching [
 *
 * Every other character is a comment.  The interpreter reads the program
 * from standard input up to end of input or up to a '!' separator; whatever
 * follows the '!' is the input the Brainfuck program reads with ','.
 *
 * Before running, the program is translated into a compact instruction
 * list: runs like "+++" or "<<<<" become one instruction with a count, and
 * every bracket stores the position of its partner, so jumps take one step.
 *
 *   usage:  brainfuck < program.bf      (or program, '!', then input)
 *
 * Work: the bundled example (brainfuck.in) executes about 2,000
 * instructions; the interpreter stops any program after 10 million.
 */
#include <stdio.h>
#include <stdlib.h>

#define TAPE_SIZE 30000
#define MAX_CODE 8192 /* instructions after merging runs */
#define MAX_STEPS 10000000L

enum { OP_ADD, OP_MOVE, OP_OUTPUT, OP_INPUT, OP_OPEN, OP_CLOSE };

typedef struct {
    int op;
    int arg; /* OP_ADD: amount; OP_MOVE: offset; brackets: partner's index */
} Instr;

static Instr code[MAX_CODE];
static int n_code;
static unsigned char tape[TAPE_SIZE];
static int last_output = '\n'; /* last byte written by the program */

static void fail(const char *message, int where)
{
    if (last_output != '\n')
        putchar('\n');
    printf("brainfuck: %s (instruction %d)\n", message, where);
    exit(1);
}

static void emit(int op, int arg)
{
    if (n_code == MAX_CODE)
        fail("program too long", n_code);
    code[n_code].op = op;
    code[n_code].arg = arg;
    n_code++;
}

/* Read and translate the program; returns the number of source commands. */
static int compile(void)
{
    static int open_stack[MAX_CODE];
    int depth = 0, commands = 0, c;

    while ((c = getchar()) != EOF && c != '!') {
        int delta = 0, op = -1;
        switch (c) {
        case '+': op = OP_ADD; delta = 1; break;
        case '-': op = OP_ADD; delta = -1; break;
        case '>': op = OP_MOVE; delta = 1; break;
        case '<': op = OP_MOVE; delta = -1; break;
        case '.': op = OP_OUTPUT; break;
        case ',': op = OP_INPUT; break;
        case '[': op = OP_OPEN; break;
        case ']': op = OP_CLOSE; break;
        default: continue; /* a comment character */
        }
        commands++;

        if (op == OP_ADD || op == OP_MOVE) {
            /* Merge with the previous instruction if it is the same kind. */
            if (n_code > 0 && code[n_code - 1].op == op)
                code[n_code - 1].arg += delta;
            else
                emit(op, delta);
        } else if (op == OP_OPEN) {
            open_stack[depth++] = n_code;
            emit(OP_OPEN, 0); /* partner filled in at the matching ']' */
        } else if (op == OP_CLOSE) {
            if (depth == 0)
                fail("unmatched ']'", n_code);
            int partner = open_stack[--depth];
            code[partner].arg = n_code;
            emit(OP_CLOSE, partner);
        } else {
            emit(op, 0);
        }
    }
    if (depth != 0)
        fail("unmatched '['", open_stack[depth - 1]);
    return commands;
}

/* Run the compiled program; returns the number of instructions executed. */
static long run(void)
{
    int ptr = 0;
    long steps = 0;

    for (int pc = 0; pc < n_code; pc++) {
        if (++steps > MAX_STEPS)
            fail("step limit reached", pc);
        const Instr *in = &code[pc];
        switch (in->op) {
        case OP_ADD:
            tape[ptr] = (unsigned char)(tape[ptr] + in->arg);
            break;
        case OP_MOVE:
            ptr += in->arg;
            if (ptr < 0 || ptr >= TAPE_SIZE)
                fail("pointer moved off the tape", pc);
            break;
        case OP_OUTPUT:
            putchar(tape[ptr]);
            last_output = tape[ptr];
            break;
        case OP_INPUT: {
            int c = getchar();
            tape[ptr] = (unsigned char)(c == EOF ? 0 : c);
            break;
        }
        case OP_OPEN:
            if (tape[ptr] == 0)
                pc = in->arg; /* continue after the matching ']' */
            break;
        case OP_CLOSE:
            if (tape[ptr] != 0)
                pc = in->arg; /* continue after the matching '[' */
            break;
        }
    }
    return steps;
}

int main(void)
{
    int commands = compile();
    long steps = run();
    if (last_output != '\n')
        putchar('\n'); /* put the summary on a line of its own */
    printf("[%d commands, %d instructions, %ld executed]\n", commands, n_code,
           steps);
    return 0;
}
