/* c2w_machine.h - the machine interface of c2w.
 *
 * The first six declarations are builtins: the c2w compiler lowers each call
 * to one machine instruction, so they are not functions and have no body.
 * The rest are the compiler support routines of src/runtime64.c and
 * src/bits.c: the compiler calls them for 64-bit division, remainder and
 * variable shifts, and for the byte-swapping intrinsics (bit counts are
 * machine instructions: popcnt, clz, ctz).
 */
#ifndef _C2W_MACHINE_H
#define _C2W_MACHINE_H

int __c2w_getc(void);              /* next stdin byte 0..255, or -1 at end of input */
void __c2w_putc(int c);            /* write the byte c & 255 to stdout */
_Noreturn void __c2w_halt(int code); /* stop; code & 255 is the exit code */
_Noreturn void __c2w_trap(void);   /* stop with a trap */
char *__c2w_heap_base(void);       /* first byte of the heap */
char *__c2w_heap_end(void);        /* one past the last byte of the heap */

/* 64-bit arithmetic (src/runtime64.c). A zero divisor traps like a 32-bit
 * division by zero. Shift counts are taken modulo 64. */
unsigned long long __c2w_udiv64(unsigned long long a, unsigned long long b);
long long __c2w_sdiv64(long long a, long long b);
unsigned long long __c2w_urem64(unsigned long long a, unsigned long long b);
long long __c2w_srem64(long long a, long long b);
unsigned long long __c2w_shl64(unsigned long long a, unsigned n);
unsigned long long __c2w_lshr64(unsigned long long a, unsigned n);
long long __c2w_ashr64(long long a, unsigned n);

/* Integers wider than 64 bits as n 32-bit words, lowest first
 * (src/runtime_multiword.c): d = a op b. Signed operands come sign-extended to
 * all n words; a shift takes its amount from b. */
void __c2w_mul_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_udiv_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_sdiv_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_urem_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_srem_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_shl_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_lshr_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);
void __c2w_ashr_multiword(unsigned *d, const unsigned *a, const unsigned *b, unsigned n);

/* Byte swaps (src/bits.c). */
unsigned __c2w_bswap32(unsigned x);
unsigned long long __c2w_bswap64(unsigned long long x);

/* Compiler support: signed 64-bit multiplication with overflow flag. */
int __c2w_smulo64(long long a, long long b, long long *result);

#endif
