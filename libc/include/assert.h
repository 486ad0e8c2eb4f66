/* assert.h - assert(e): when e is false, prints
 * "Assertion failed: EXPR, file F, line L" and a newline to stdout, then
 * stops the machine with a trap. Defining NDEBUG turns it off. Like any
 * assert.h, this one may be included again after changing NDEBUG.
 */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H

void __assert_fail(const char *expr, const char *file, unsigned line, const char *func)
    __attribute__((__noreturn__));

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif

#endif
