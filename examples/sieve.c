/*
 * sieve.c - the sieve of Eratosthenes up to 20000.
 *
 * Start with every number from 2 to LIMIT marked as a candidate.  For each
 * prime p (smallest unmarked number so far) cross out p*p, p*p + p, ...;
 * whatever is never crossed out is prime.
 *
 * The program prints how many primes there are, the first and last few,
 * the number of twin-prime pairs (p, p + 2), and the largest gap between
 * consecutive primes.
 *
 * Work: about 35,000 cross-outs plus two passes over the 20,000-entry
 * table; a few hundred thousand C-level operations.
 */
#include <stdbool.h>
#include <stdio.h>

#define LIMIT 20000

static bool composite[LIMIT + 1];

int main(void)
{
    long crossed = 0;

    for (int p = 2; p * p <= LIMIT; p++) {
        if (composite[p])
            continue;
        for (int m = p * p; m <= LIMIT; m += p) {
            composite[m] = true;
            crossed++;
        }
    }

    int count = 0, twins = 0, prev = 0, gap = 0, gap_after = 0;
    int first[10], last[10]; /* last[] is a ring buffer of the newest 10 */
    for (int n = 2; n <= LIMIT; n++) {
        if (composite[n])
            continue;
        if (count < 10)
            first[count] = n;
        last[count % 10] = n;
        count++;
        if (prev && n - prev == 2)
            twins++;
        if (prev && n - prev > gap) {
            gap = n - prev;
            gap_after = prev;
        }
        prev = n;
    }

    printf("Sieve of Eratosthenes up to %d (%ld cross-outs)\n", LIMIT, crossed);
    printf("Number of primes: %d\n", count);
    printf("First 10 primes:");
    for (int i = 0; i < 10; i++)
        printf(" %d", first[i]);
    printf("\nLast 10 primes: ");
    for (int i = 0; i < 10; i++)
        printf(" %d", last[(count + i) % 10]);
    printf("\nTwin-prime pairs: %d\n", twins);
    printf("Largest gap: %d (between %d and %d)\n", gap, gap_after,
           gap_after + gap);
    return 0;
}
