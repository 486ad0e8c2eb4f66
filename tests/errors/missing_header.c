// EXPECT: missing_header.c:3:10: fatal error: 'setjmp.h' file not found
// EXPECT: #include <setjmp.h>
#include <setjmp.h>
int main(void) { return 0; }
