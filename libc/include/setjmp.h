/* setjmp.h - non-local jumps. The compiler lowers setjmp and longjmp itself
 * (compiler/lower_llvm/nonlocal_jumps.cpp): setjmp stores its frame, its
 * site and the dynamic stack pointer in the buffer and returns 0; longjmp
 * unwinds the frames between it and that setjmp, which then returns the
 * value (1 for 0). No signal masks: sigsetjmp and siglongjmp are the same.
 */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef struct __jmp_buf_tag {
    int __frame, __site, __dynamic_stack, __unused[3];
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((__returns_twice__));
int _setjmp(jmp_buf env) __attribute__((__returns_twice__));
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((__returns_twice__));
void longjmp(jmp_buf env, int value) __attribute__((__noreturn__));
void _longjmp(jmp_buf env, int value) __attribute__((__noreturn__));
void siglongjmp(sigjmp_buf env, int value) __attribute__((__noreturn__));

#endif
