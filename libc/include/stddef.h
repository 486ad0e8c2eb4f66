/* stddef.h - size_t, ptrdiff_t, wchar_t, NULL, offsetof, max_align_t. */
#ifndef _STDDEF_H
#define _STDDEF_H

#include "_c2w_types.h"

typedef struct {
    long long __ll;
} max_align_t;

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
