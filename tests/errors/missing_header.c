// EXPECT: missing_header.c:3:10: fatal error: 'pthread.h' file not found
// EXPECT: #include <pthread.h>
#include <pthread.h>
int main(void) { return 0; }
