/* The runtime a csmith-generated program includes ("csmith.h"), written for c2w's
   differential fuzzing because Debian's csmith package ships the generator without
   its runtime headers. The same file is compiled by gcc -m32 and by c2w, so what
   matters is that every function here is free of undefined behaviour (then both must
   compute the same checksum); the definitions follow csmith's documented intent:
   an operation that would overflow, divide by zero or shift out of range returns
   its first operand instead.

   The program's output is the checksum line csmith's platform_main_end prints, and,
   when the program is run with an argument "1" (never under c2w), every variable. */
#ifndef C2W_CSMITH_H
#define C2W_CSMITH_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- signed: overflow, division by zero, INT_MIN / -1 and bad shifts return the
   first operand ---- */
#define C2W_SAFE_SIGNED(T, MIN, MAX, BITS)                                                            \
  static inline T safe_unary_minus_func_##T##_s(T si) { return si == (MIN) ? si : (T)-si; }          \
  static inline T safe_add_func_##T##_s_s(T a, T b) {                                               \
    return ((a > 0) && (b > 0) && (a > (MAX) - b)) || ((a < 0) && (b < 0) && (a < (MIN) - b)) ? a   \
                                                                                                : (T)(a + b); \
  }                                                                                                  \
  static inline T safe_sub_func_##T##_s_s(T a, T b) {                                               \
    return ((b > 0) && (a < (MIN) + b)) || ((b < 0) && (a > (MAX) + b)) ? a : (T)(a - b);          \
  }                                                                                                  \
  static inline T safe_mul_func_##T##_s_s(T a, T b) {                                               \
    return (((a > 0) && (b > 0) && (a > ((MAX) / b))) || ((a > 0) && (b <= 0) && (b < ((MIN) / a))) || \
            ((a <= 0) && (b > 0) && (a < ((MIN) / b))) || ((a <= 0) && (b <= 0) && (a != 0) && (b < ((MAX) / a)))) \
               ? a                                                                                   \
               : (T)(a * b);                                                                         \
  }                                                                                                  \
  static inline T safe_mod_func_##T##_s_s(T a, T b) {                                               \
    return (b == 0) || ((a == (MIN)) && (b == -1)) ? a : (T)(a % b);                                \
  }                                                                                                  \
  static inline T safe_div_func_##T##_s_s(T a, T b) {                                               \
    return (b == 0) || ((a == (MIN)) && (b == -1)) ? a : (T)(a / b);                                \
  }                                                                                                  \
  static inline T safe_lshift_func_##T##_s_s(T left, int right) {                                   \
    return (left < 0) || (right < 0) || (right >= (BITS)) || (left > ((MAX) >> right)) ? left       \
                                                                                       : (T)(left << right); \
  }                                                                                                  \
  static inline T safe_lshift_func_##T##_s_u(T left, unsigned int right) {                          \
    return (left < 0) || (right >= (unsigned)(BITS)) || (left > ((MAX) >> right)) ? left : (T)(left << right); \
  }                                                                                                  \
  static inline T safe_rshift_func_##T##_s_s(T left, int right) {                                   \
    return (left < 0) || (right < 0) || (right >= (BITS)) ? left : (T)(left >> right);              \
  }                                                                                                  \
  static inline T safe_rshift_func_##T##_s_u(T left, unsigned int right) {                          \
    return (left < 0) || (right >= (unsigned)(BITS)) ? left : (T)(left >> right);                   \
  }

/* ---- unsigned: wrap-around arithmetic; division by zero and bad shifts return the
   first operand. Narrow types are widened to unsigned int first (no int overflow). ---- */
#define C2W_SAFE_UNSIGNED(T, W, BITS)                                                                 \
  static inline T safe_unary_minus_func_##T##_u(T ui) { return (T)(-(W)ui); }                       \
  static inline T safe_add_func_##T##_u_u(T a, T b) { return (T)((W)a + (W)b); }                    \
  static inline T safe_sub_func_##T##_u_u(T a, T b) { return (T)((W)a - (W)b); }                    \
  static inline T safe_mul_func_##T##_u_u(T a, T b) { return (T)((W)a * (W)b); }                    \
  static inline T safe_mod_func_##T##_u_u(T a, T b) { return b == 0 ? a : (T)(a % b); }             \
  static inline T safe_div_func_##T##_u_u(T a, T b) { return b == 0 ? a : (T)(a / b); }             \
  static inline T safe_lshift_func_##T##_u_s(T left, int right) {                                   \
    return (right < 0) || (right >= (BITS)) ? left : (T)((W)left << right);                         \
  }                                                                                                  \
  static inline T safe_lshift_func_##T##_u_u(T left, unsigned int right) {                          \
    return right >= (unsigned)(BITS) ? left : (T)((W)left << right);                                \
  }                                                                                                  \
  static inline T safe_rshift_func_##T##_u_s(T left, int right) {                                   \
    return (right < 0) || (right >= (BITS)) ? left : (T)((W)left >> right);                         \
  }                                                                                                  \
  static inline T safe_rshift_func_##T##_u_u(T left, unsigned int right) {                          \
    return right >= (unsigned)(BITS) ? left : (T)((W)left >> right);                                \
  }

C2W_SAFE_SIGNED(int8_t, INT8_MIN, INT8_MAX, 32)
C2W_SAFE_SIGNED(int16_t, INT16_MIN, INT16_MAX, 32)
C2W_SAFE_SIGNED(int32_t, INT32_MIN, INT32_MAX, 32)
C2W_SAFE_SIGNED(int64_t, INT64_MIN, INT64_MAX, 64)
C2W_SAFE_UNSIGNED(uint8_t, unsigned int, 32)
C2W_SAFE_UNSIGNED(uint16_t, unsigned int, 32)
C2W_SAFE_UNSIGNED(uint32_t, uint32_t, 32)
C2W_SAFE_UNSIGNED(uint64_t, uint64_t, 64)

/* ---- the checksum: CRC-32 over the bytes of every global, as csmith's runtime ---- */
static uint32_t crc32_tab[256];
static uint32_t crc32_context = 0xFFFFFFFFUL;

static void crc32_gentab(void) {
  const uint32_t poly = 0xEDB88320UL;
  for (int i = 0; i < 256; i++) {
    uint32_t crc = (uint32_t)i;
    for (int j = 8; j > 0; j--) crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
    crc32_tab[i] = crc;
  }
}

static void crc32_byte(uint8_t b) { crc32_context = ((crc32_context >> 8) & 0x00FFFFFF) ^ crc32_tab[(crc32_context ^ b) & 0xFF]; }

static void crc32_8bytes(uint64_t val) {
  for (int i = 0; i < 8; i++) crc32_byte((uint8_t)(val >> (8 * i)));
}

static void transparent_crc(uint64_t val, char *vname, int flag) {
  crc32_8bytes(val);
  if (flag) printf("...checksum after hashing %s : %lX\n", vname, (unsigned long)(crc32_context ^ 0xFFFFFFFFUL));
}

static void transparent_crc_bytes(char *ptr, int nbytes, char *vname, int flag) {
  for (int i = 0; i < nbytes; i++) crc32_byte((uint8_t)ptr[i]);
  if (flag) printf("...checksum after hashing %s : %lX\n", vname, (unsigned long)(crc32_context ^ 0xFFFFFFFFUL));
}

static void platform_main_begin(void) {}

static void platform_main_end(uint32_t crc, int flag) {
  (void)flag;
  printf("checksum = %X\n", crc);
}

#endif
