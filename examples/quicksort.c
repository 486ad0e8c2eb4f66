/*
 * quicksort.c - sort 2000 pseudo-random integers with a hand-written quicksort.
 *
 * The numbers come from a deterministic linear congruential generator
 * (x = 1664525 x + 1013904223 mod 2^32, from Numerical Recipes), so every run
 * and every machine sorts the same data.  The quicksort uses median-of-three
 * pivots, recurses into the smaller part only (so the stack stays shallow),
 * and finishes small parts with insertion sort.
 *
 * Afterwards the program checks that the array is in order, that it is a
 * permutation of the input (same sum, xor and sum of squares), and that the
 * C library's qsort() produces exactly the same array.
 *
 * Work: about 25,000 comparisons for our sort plus a similar number for
 * qsort(); a few hundred thousand C-level operations in all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT 2000
#define SMALL 12 /* parts up to this size are insertion-sorted */

static int data[COUNT], reference[COUNT];
static long comparisons, swaps;

static uint32_t lcg_state = 20240601u;

static int next_random(void)
{
    lcg_state = 1664525u * lcg_state + 1013904223u;
    return (int)((lcg_state >> 8) % 1000000u); /* 0 .. 999999 */
}

static int less(int a, int b)
{
    comparisons++;
    return a < b;
}

static void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
    swaps++;
}

static void insertion_sort(int *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        int v = a[i], j = i - 1;
        while (j >= lo && less(v, a[j])) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Sort a[lo..hi] (inclusive). */
static void quicksort(int *a, int lo, int hi)
{
    while (hi - lo + 1 > SMALL) {
        /* Median of three: order a[lo], a[mid], a[hi]; a[mid] is the pivot. */
        int mid = lo + (hi - lo) / 2;
        if (less(a[mid], a[lo]))
            swap(&a[mid], &a[lo]);
        if (less(a[hi], a[lo]))
            swap(&a[hi], &a[lo]);
        if (less(a[hi], a[mid]))
            swap(&a[hi], &a[mid]);
        int pivot = a[mid];

        /* Hoare partition: afterwards a[lo..j] <= pivot <= a[i..hi]. */
        int i = lo, j = hi;
        while (i <= j) {
            while (less(a[i], pivot))
                i++;
            while (less(pivot, a[j]))
                j--;
            if (i <= j) {
                swap(&a[i], &a[j]);
                i++;
                j--;
            }
        }

        /* Recurse into the smaller side, loop on the larger one. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static int compare_ints(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    return (a > b) - (a < b);
}

/* Order-independent fingerprint of the array's contents. */
static void fingerprint(const int *a, uint32_t *sum, uint32_t *xr, uint32_t *sq)
{
    *sum = *xr = *sq = 0;
    for (int i = 0; i < COUNT; i++) {
        uint32_t v = (uint32_t)a[i];
        *sum += v;
        *xr ^= v;
        *sq += v * v;
    }
}

int main(void)
{
    uint32_t sum0, xor0, sq0, sum1, xor1, sq1;

    for (int i = 0; i < COUNT; i++)
        data[i] = next_random();
    memcpy(reference, data, sizeof data);
    fingerprint(data, &sum0, &xor0, &sq0);

    printf("Unsorted, first 8:");
    for (int i = 0; i < 8; i++)
        printf(" %d", data[i]);
    printf("\n");

    quicksort(data, 0, COUNT - 1);

    int sorted = 1;
    for (int i = 1; i < COUNT; i++)
        if (data[i - 1] > data[i])
            sorted = 0;
    fingerprint(data, &sum1, &xor1, &sq1);
    int same_items = sum0 == sum1 && xor0 == xor1 && sq0 == sq1;

    qsort(reference, COUNT, sizeof reference[0], compare_ints);
    int agrees = memcmp(data, reference, sizeof data) == 0;

    /* Order-sensitive checksum of the sorted array. */
    uint32_t checksum = 0;
    for (int i = 0; i < COUNT; i++)
        checksum = checksum * 31u + (uint32_t)data[i];

    printf("Sorted,   first 8:");
    for (int i = 0; i < 8; i++)
        printf(" %d", data[i]);
    printf("\nSorted,   last 8: ");
    for (int i = COUNT - 8; i < COUNT; i++)
        printf(" %d", data[i]);
    printf("\nMedian: %d\n", data[COUNT / 2]);
    printf("%d items, %ld comparisons, %ld swaps\n", COUNT, comparisons, swaps);
    printf("Checksum: %08x, sum: %u\n", checksum, sum1);
    printf("In order: %s; same items: %s; matches qsort(): %s\n",
           sorted ? "yes" : "NO", same_items ? "yes" : "NO",
           agrees ? "yes" : "NO");
    return sorted && same_items && agrees ? 0 : 1;
}
