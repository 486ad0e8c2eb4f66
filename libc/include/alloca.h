/* alloca.h - alloca: memory on the stack, freed when the calling function
 * returns. The compiler allocates it on the program's dynamic stack (the
 * upper half of the stack, compiler/lower_llvm/dynamic_stack.cpp), 16-byte
 * aligned; an allocation that does not fit traps with a stack overflow.
 */
#ifndef _ALLOCA_H
#define _ALLOCA_H

#include "_c2w_types.h"

void *alloca(size_t size);
#define alloca(size) __builtin_alloca(size)

#endif
