/* printf of 64-bit values: %lld %lli %llu %llx %llX %llo with flags, width and precision. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>

int main(void) {
  static const long long v[] = { 0, 1, -1, 42, -42, 2147483647LL, 2147483648LL, -2147483648LL, -2147483649LL,
                                 4294967295LL, 4294967296LL, 1000000000000LL, LLONG_MAX, LLONG_MIN, 0x0123456789abcdefLL };
  int i;
  for (i = 0; i < (int)(sizeof v / sizeof v[0]); i++) {
    long long x = v[i];
    unsigned long long u = (unsigned long long)x;
    printf("[%lld] [%lli] [%llu] [%llx] [%llX] [%llo]\n", x, x, u, u, u, u);
  }
  printf("[%25lld] [%-25lld] [%025lld]\n", LLONG_MIN, LLONG_MAX, -12345LL);
  printf("[%+lld] [% lld] [%+lld] [% lld]\n", 7LL, 7LL, -7LL, -7LL);
  printf("[%#llx] [%#llX] [%#llo] [%#llx]\n", 0xdeadbeefcafeULL, 0xdeadbeefcafeULL, 0777ULL, 0ULL);
  printf("[%.20lld] [%.0lld] [%5.3lld] [%-8.5llx]\n", 123LL, 0LL, 7LL, 0xabcULL);
  printf("[%*lld] [%-*lld] [%.*llu]\n", 12, -99LL, 12, -99LL, 15, 1ULL);
  printf("[%" PRId64 "] [%" PRIu64 "] [%" PRIx64 "] [%" PRIX64 "]\n", (int64_t)-5, (uint64_t)5, (uint64_t)0xabcdef0123ULL, (uint64_t)0xabcdef0123ULL);
  printf("[%" PRId32 "] [%" PRIu32 "] [%" PRIx32 "]\n", (int32_t)INT32_MIN, (uint32_t)UINT32_MAX, (uint32_t)0xbeef);
  /* long long interleaved with 32-bit args (varargs alignment) */
  printf("%d %lld %d %llu %x %llx %c\n", 1, -2LL, 3, 4ULL, 5u, 0x600000000ULL, 'z');
  {
    char buf[64];
    int n = sprintf(buf, "%lld|%llx", LLONG_MIN, 0xffffffffffffffffULL);
    printf("sprintf -> %d \"%s\"\n", n, buf);
  }
  return 0;
}
