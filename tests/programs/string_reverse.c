/* In-place string reversal (index and pointer versions), word-order reversal, palindromes, recursive reverse. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#include "test.h"

static void rev_index(char *s) {
  int i = 0, j = (int)strlen(s) - 1;
  while (i < j) { char t = s[i]; s[i++] = s[j]; s[j--] = t; }
}
static void rev_range(char *b, char *e) {   /* [b, e) */
  while (b < e && b < --e) { char t = *b; *b++ = *e; *e = t; }
}
static void rev_words(char *s) {
  char *p = s, *w;
  rev_range(s, s + strlen(s));
  while (*p) {
    while (*p == ' ') p++;
    w = p;
    while (*p && *p != ' ') p++;
    rev_range(w, p);
  }
}
static int is_palindrome(const char *s) {
  const char *e = s + strlen(s);
  while (s < e) {
    if (!isalnum((unsigned char)*s)) { s++; continue; }
    if (!isalnum((unsigned char)e[-1])) { e--; continue; }
    if (tolower((unsigned char)*s) != tolower((unsigned char)e[-1])) return 0;
    s++; e--;
  }
  return 1;
}
static void rev_rec(char *s, int lo, int hi) {
  if (lo >= hi) return;
  char t = s[lo]; s[lo] = s[hi]; s[hi] = t;
  rev_rec(s, lo + 1, hi - 1);
}

int main(void) {
  char a[] = "hello, world";
  char b[] = "";
  char c[] = "x";
  char d[] = "ab";
  rev_index(a); rev_index(b); rev_index(c); rev_index(d);
  printf("[%s] [%s] [%s] [%s]\n", a, b, c, d);
  rev_range(a, a + strlen(a));
  printf("[%s]\n", a);
  {
    char s[] = "the quick  brown fox jumps";
    rev_words(s);
    printf("[%s]\n", s);
    char t[] = "  leading and trailing  ";
    rev_words(t);
    printf("[%s]\n", t);
  }
  ASSERT(1, is_palindrome("A man, a plan, a canal: Panama"));
  ASSERT(1, is_palindrome(""));
  ASSERT(1, is_palindrome("No 'x' in Nixon"));
  ASSERT(0, is_palindrome("palindrome"));
  ASSERT(1, is_palindrome("12321"));
  ASSERT(0, is_palindrome("123 21x"));
  {
    char s[64];
    strcpy(s, "recursion reverses this string");
    rev_rec(s, 0, (int)strlen(s) - 1);
    printf("[%s]\n", s);
    /* reverse twice = identity */
    char orig[] = "round trip 0123456789";
    char copy[sizeof orig];
    memcpy(copy, orig, sizeof orig);
    rev_index(copy);
    rev_index(copy);
    ASSERT(0, strcmp(orig, copy));
    /* reversing a number's digits */
    unsigned n = 1234567890u, r = 0;
    while (n) { r = r * 10 + n % 10; n /= 10; }
    ASSERT(987654321, r);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
