/* ctype.h - character classes of the "C" locale (ASCII; bytes 128..255 are
 * in no class). The argument is an unsigned char value or EOF. */
#ifndef _CTYPE_H
#define _CTYPE_H

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);
int isascii(int c);  /* 1 for 0..127 */
int toascii(int c);  /* c & 127 */

#endif
