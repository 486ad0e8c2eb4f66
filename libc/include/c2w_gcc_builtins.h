/* c2w_gcc_builtins.h - included before every C source (compiler/frontend_clang.cpp).
 *
 * GCC has a __builtin_ form of many library functions that Clang 14 lacks
 * (GCC 12's builtins.def); GCC compiles each as a call of the function itself.
 * So does c2w, for the functions its libc has: each __builtin_NAME is a macro for
 * a private declaration of NAME with its own type, bound to the symbol NAME by an
 * asm label, so the program's namespace gains nothing (a program may still define
 * or declare NAME as it likes). The intmax_t bit counts are the long long ones
 * (intmax_t is long long here). Nothing else belongs in this header.
 */
#ifndef C2W_GCC_BUILTINS_H
#define C2W_GCC_BUILTINS_H

struct __c2w_file; /* stdio.h's FILE */

#define __c2w_gcc_builtin(ret, name, params) \
    extern ret __c2w_builtin_##name params __asm__(#name)

__c2w_gcc_builtin(void, exit, (int)) __attribute__((__noreturn__));
__c2w_gcc_builtin(void, _exit, (int)) __attribute__((__noreturn__));
__c2w_gcc_builtin(int, fprintf, (struct __c2w_file *, const char *, ...));
__c2w_gcc_builtin(int, vfprintf, (struct __c2w_file *, const char *, __builtin_va_list));
__c2w_gcc_builtin(int, vprintf, (const char *, __builtin_va_list));
__c2w_gcc_builtin(int, fputc, (int, struct __c2w_file *));
__c2w_gcc_builtin(int, putc, (int, struct __c2w_file *));
__c2w_gcc_builtin(int, fputs, (const char *, struct __c2w_file *));
__c2w_gcc_builtin(unsigned int, fwrite, (const void *, unsigned int, unsigned int, struct __c2w_file *));
__c2w_gcc_builtin(int, putchar, (int));
__c2w_gcc_builtin(int, puts, (const char *));
__c2w_gcc_builtin(int, scanf, (const char *, ...));
__c2w_gcc_builtin(int, sscanf, (const char *, const char *, ...));
__c2w_gcc_builtin(int, fscanf, (struct __c2w_file *, const char *, ...));
__c2w_gcc_builtin(int, vscanf, (const char *, __builtin_va_list));
__c2w_gcc_builtin(int, vsscanf, (const char *, const char *, __builtin_va_list));
__c2w_gcc_builtin(int, vfscanf, (struct __c2w_file *, const char *, __builtin_va_list));
__c2w_gcc_builtin(unsigned int, strnlen, (const char *, unsigned int));
__c2w_gcc_builtin(long long, imaxabs, (long long));
__c2w_gcc_builtin(int, isalnum, (int));
__c2w_gcc_builtin(int, isalpha, (int));
__c2w_gcc_builtin(int, isascii, (int));
__c2w_gcc_builtin(int, isblank, (int));
__c2w_gcc_builtin(int, iscntrl, (int));
__c2w_gcc_builtin(int, isdigit, (int));
__c2w_gcc_builtin(int, isgraph, (int));
__c2w_gcc_builtin(int, islower, (int));
__c2w_gcc_builtin(int, isprint, (int));
__c2w_gcc_builtin(int, ispunct, (int));
__c2w_gcc_builtin(int, isspace, (int));
__c2w_gcc_builtin(int, isupper, (int));
__c2w_gcc_builtin(int, isxdigit, (int));
__c2w_gcc_builtin(int, toascii, (int));
__c2w_gcc_builtin(int, tolower, (int));
__c2w_gcc_builtin(int, toupper, (int));

#undef __c2w_gcc_builtin

#define __builtin_exit __c2w_builtin_exit
#define __builtin__exit __c2w_builtin__exit
#define __builtin_fprintf __c2w_builtin_fprintf
#define __builtin_vfprintf __c2w_builtin_vfprintf
#define __builtin_vprintf __c2w_builtin_vprintf
#define __builtin_fputc __c2w_builtin_fputc
#define __builtin_putc __c2w_builtin_putc
#define __builtin_fputs __c2w_builtin_fputs
#define __builtin_fwrite __c2w_builtin_fwrite
#define __builtin_putchar __c2w_builtin_putchar
#define __builtin_puts __c2w_builtin_puts
#define __builtin_scanf __c2w_builtin_scanf
#define __builtin_sscanf __c2w_builtin_sscanf
#define __builtin_fscanf __c2w_builtin_fscanf
#define __builtin_vscanf __c2w_builtin_vscanf
#define __builtin_vsscanf __c2w_builtin_vsscanf
#define __builtin_vfscanf __c2w_builtin_vfscanf
#define __builtin_strnlen __c2w_builtin_strnlen
#define __builtin_imaxabs __c2w_builtin_imaxabs
#define __builtin_isalnum __c2w_builtin_isalnum
#define __builtin_isalpha __c2w_builtin_isalpha
#define __builtin_isascii __c2w_builtin_isascii
#define __builtin_isblank __c2w_builtin_isblank
#define __builtin_iscntrl __c2w_builtin_iscntrl
#define __builtin_isdigit __c2w_builtin_isdigit
#define __builtin_isgraph __c2w_builtin_isgraph
#define __builtin_islower __c2w_builtin_islower
#define __builtin_isprint __c2w_builtin_isprint
#define __builtin_ispunct __c2w_builtin_ispunct
#define __builtin_isspace __c2w_builtin_isspace
#define __builtin_isupper __c2w_builtin_isupper
#define __builtin_isxdigit __c2w_builtin_isxdigit
#define __builtin_toascii __c2w_builtin_toascii
#define __builtin_tolower __c2w_builtin_tolower
#define __builtin_toupper __c2w_builtin_toupper
#define __builtin_clzimax __builtin_clzll
#define __builtin_ctzimax __builtin_ctzll
#define __builtin_ffsimax __builtin_ffsll
#define __builtin_popcountimax __builtin_popcountll
#define __builtin_parityimax __builtin_parityll
#define __builtin_clrsbimax __builtin_clrsbll

#endif
