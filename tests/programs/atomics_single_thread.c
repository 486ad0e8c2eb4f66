/* C11 atomics on a single-threaded machine: _Atomic arithmetic, compare-exchange,
 * exchange and fences behave like their plain counterparts. */
#include <stdio.h>
#include <stdint.h>

static _Atomic int counter;
static _Atomic unsigned char small;

int main(void)
{
    counter += 5;
    counter++;
    counter -= 2;
    counter |= 0x100;
    counter &= 0x1ff;
    counter ^= 3;
    printf("counter = %d\n", counter);
    small += 250;
    small += 10;
    printf("small = %u\n", (unsigned)small);
    int expected = 999;
    int ok = __atomic_compare_exchange_n((int *)&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas miss: ok=%d expected=%d\n", ok, expected);
    ok = __atomic_compare_exchange_n((int *)&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas hit: ok=%d counter=%d\n", ok, counter);
    int old = __atomic_exchange_n((int *)&counter, -4, __ATOMIC_SEQ_CST);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    printf("exchange: old=%d new=%d\n", old, counter);
    int before = __atomic_fetch_add((int *)&counter, 9, __ATOMIC_SEQ_CST);
    printf("fetch_add: before=%d after=%d\n", before, counter);
    unsigned u = 10;
    unsigned prev = __atomic_fetch_nand(&u, 6u, __ATOMIC_RELAXED);
    printf("fetch_nand: prev=%u now=%u\n", prev, u);
    return 0;
}
