/* Enumerations: implicit and explicit values, negative values, enum as int, switch over enum, sizeof. */
#include <stdio.h>
#include <limits.h>

#include "test.h"

enum color { RED, GREEN, BLUE, NCOLORS };
enum sparse { A = 10, B, C = 5, D, E = -3, F, G = INT_MAX };
enum flags { F_READ = 1 << 0, F_WRITE = 1 << 1, F_EXEC = 1 << 2, F_ALL = F_READ | F_WRITE | F_EXEC };
typedef enum { LOW = -100, HIGH = 100 } level_t;

static const char *color_name(enum color c) {
  switch (c) {
  case RED: return "red";
  case GREEN: return "green";
  case BLUE: return "blue";
  default: return "?";
  }
}

static enum color next(enum color c) { return (enum color)((c + 1) % NCOLORS); }

int main(void) {
  ASSERT(0, RED);
  ASSERT(1, GREEN);
  ASSERT(2, BLUE);
  ASSERT(3, NCOLORS);
  ASSERT(10, A);
  ASSERT(11, B);
  ASSERT(5, C);
  ASSERT(6, D);
  ASSERT(-3, E);
  ASSERT(-2, F);
  ASSERT(INT_MAX, G);
  ASSERT(7, F_ALL);
  ASSERT(4, sizeof(enum color));
  ASSERT(4, sizeof(level_t));
  ASSERT(-100, LOW);
  {
    enum color c = RED;
    int i;
    for (i = 0; i < 5; i++) { printf("%s ", color_name(c)); c = next(c); }
    printf("\n");
    c = (enum color)7;
    printf("%s\n", color_name(c));
    int perms = F_READ | F_EXEC;
    ASSERT(1, (perms & F_EXEC) != 0);
    ASSERT(0, (perms & F_WRITE) != 0);
    perms &= ~F_READ;
    ASSERT(F_EXEC, perms);
    level_t lv = HIGH;
    ASSERT(1, lv > LOW);
    ASSERT(200, lv - LOW);
    ASSERT(1, E < C);
  }
  {
    /* enum constants as array sizes and indices */
    int counts[NCOLORS] = { [BLUE] = 3, [RED] = 1 };
    ASSERT(12, sizeof counts);
    ASSERT(1, counts[RED]);
    ASSERT(0, counts[GREEN]);
    ASSERT(3, counts[BLUE]);
    enum { LOCAL_X = 4, LOCAL_Y = LOCAL_X * 2 };
    ASSERT(8, LOCAL_Y);
  }
  printf(fails ? "FAILED %d\n" : "OK\n", fails);
  return fails != 0;
}
