/* stdarg.h - variable arguments, straight onto the compiler's builtins. */
#ifndef _STDARG_H
#define _STDARG_H

#include "_c2w_types.h"

typedef __c2w_va_list va_list;

#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(dst, src) __builtin_va_copy(dst, src)

#endif
