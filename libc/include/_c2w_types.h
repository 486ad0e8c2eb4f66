/* _c2w_types.h - internal: the types and macros that several standard headers
 * must each provide (size_t, NULL, wchar_t, the va_list type). Each is defined
 * once, whichever header includes this first. Not meant to be included by
 * programs directly.
 */
#ifndef _C2W_TYPES_H
#define _C2W_TYPES_H

typedef unsigned int size_t;
typedef int ptrdiff_t;
#ifdef __WCHAR_TYPE__
typedef __WCHAR_TYPE__ wchar_t;
#else
typedef long wchar_t;
#endif
typedef __builtin_va_list __c2w_va_list;

#define NULL ((void *)0)

#endif
