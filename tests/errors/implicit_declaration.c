// EXPECT: implicit_declaration.c:4:10: error: implicit declaration of function 'mystery'
#include <stdio.h>
int main(void) {
  return mystery(1);
}
