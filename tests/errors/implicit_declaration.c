// EXPECT: implicit_declaration.c:4:10: error: call to undefined function 'mystery'
#include <stdio.h>
int main(void) {
  return mystery(1);
}
