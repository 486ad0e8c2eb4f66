/*
 * collatz.c - explore the Collatz (3n + 1) problem.
 *
 * Start with n; if it is even halve it, otherwise replace it by 3n + 1.
 * Every start value ever tried eventually reaches 1, but nobody has proved
 * that this always happens.
 *
 * The program prints the famous trajectory of 27, the step counts of a few
 * start values, and then scans every start value below 3000 for
 *   - the longest trajectory,
 *   - the highest peak value,
 *   - the "record holders": start values that need more steps than every
 *     smaller start value.
 *
 * Work: the scan follows about 568,000 Collatz steps in total, 6.4 million
 * machine instructions, 11.6 million tokens on the transformer: the
 * benchmarks' run of more than 10^7 tokens.  Peaks stay far below 2^32 in
 * this range.
 */
#include <stdint.h>
#include <stdio.h>

#define LIMIT 7000

/* Apply one Collatz step. */
static uint32_t next(uint32_t n)
{
    return (n % 2 == 0) ? n / 2 : 3 * n + 1;
}

/* Number of steps for n to reach 1; the largest value seen goes to *peak. */
static int steps(uint32_t n, uint32_t *peak)
{
    int count = 0;
    uint32_t top = n;
    while (n != 1) {
        n = next(n);
        if (n > top)
            top = n;
        count++;
    }
    if (peak)
        *peak = top;
    return count;
}

static void print_trajectory(uint32_t n)
{
    int col = 0;
    printf("Trajectory of %u:\n ", n);
    for (;;) {
        printf(" %5u", n);
        if (n == 1)
            break;
        n = next(n);
        if (++col == 10) {
            printf("\n ");
            col = 0;
        }
    }
    printf("\n");
}

int main(void)
{
    static const uint32_t samples[] = {1, 7, 27, 97, 871};
    uint32_t peak;

    print_trajectory(27);

    printf("\nSteps to reach 1:\n");
    for (int i = 0; i < (int)(sizeof samples / sizeof samples[0]); i++) {
        int s = steps(samples[i], &peak);
        printf("  %4u: %3d steps, peak %u\n", samples[i], s, peak);
    }

    /* One pass over all start values below LIMIT. */
    uint32_t longest_n = 1, highest_n = 1, highest_peak = 1;
    int longest = 0, record = -1, records = 0;
    long total_steps = 0;

    printf("\nRecord holders below %d (start: steps):", LIMIT);
    for (uint32_t n = 1; n < LIMIT; n++) {
        int s = steps(n, &peak);
        total_steps += s;
        if (s > longest) {
            longest = s;
            longest_n = n;
        }
        if (peak > highest_peak) {
            highest_peak = peak;
            highest_n = n;
        }
        if (s > record) {
            record = s;
            if (records++ % 8 == 0)
                printf("\n "); /* eight record holders per line */
            printf(" %u:%d", n, s);
        }
    }
    printf("\n");

    printf("\nBelow %d:\n", LIMIT);
    printf("  longest trajectory: %u with %d steps\n", longest_n, longest);
    printf("  highest peak:       %u climbs to %u\n", highest_n, highest_peak);
    printf("  total steps taken:  %ld\n", total_steps);
    return 0;
}
