/* c2w_sketch.h - the holes of a synthesis sketch (the CEGIS pipeline,
   pipeline/cegis.h). SKETCH_HOLES(n), first thing in main, reads n ints from the start
   of stdin (4 little-endian bytes each); HOLE(k) is the k-th. The program's own input
   follows them. The synthesiser makes those bytes symbolic to find the holes; the
   transformer reads them like any input to check a candidate. */
#ifndef C2W_SKETCH_H
#define C2W_SKETCH_H

#include <stdio.h>

#define C2W_MAX_HOLES 16
static int c2w_hole_values[C2W_MAX_HOLES];

static void c2w_read_holes(int n) {
  for (int k = 0; k < n && k < C2W_MAX_HOLES; k++) {
    unsigned v = 0;
    for (int b = 0; b < 4; b++) v |= (unsigned)(getchar() & 255) << (8 * b);
    c2w_hole_values[k] = (int)v;
  }
}

#define SKETCH_HOLES(n) c2w_read_holes(n)
#define HOLE(k) (c2w_hole_values[k])

#endif
