/* c2w_builtins_wasm.c - the six c2w machine builtins (libc/include/c2w_machine.h)
 * for wasm32 + WASI, so that the c2w libc and the examples build unchanged for
 * a WebAssembly stack machine (bench/wasm/build.sh).
 *
 *   __c2w_getc / __c2w_putc   one byte through fd_read(0) / fd_write(1)
 *   __c2w_halt / __c2w_trap   proc_exit(code & 255) / unreachable
 *   __c2w_heap_base / _end    the linker's __heap_base / C2W_WASM_HEAP_END
 *
 * Instruction counting (bench/wasm/instrument.py): the instrumented module
 * bumps one 64-bit counter per straight-line segment in the memory above
 * C2W_WASM_HEAP_END (the program's own memory layout is that of the plain
 * build). At halt or trap, __c2w_wasm_dump writes the non-zero counters to
 * stderr (fd 2; the c2w libc writes stderr to stdout, so fd 2 is ours alone)
 * as "idx count" lines between two marker lines.
 *
 * getc, putc, halt, trap and the __c2w_wasm_* helpers are noinline and are
 * not instrumented: a call to one of them costs the caller's call sequence,
 * like the single getc/putc/halt/trap instruction of the c2w machine.
 */

#define C2W_WASM_HEAP_END (8u << 20)        /* 8 MiB: c2w's default memory size */
#define C2W_WASM_COUNTERS C2W_WASM_HEAP_END /* counters: [8 MiB, 9 MiB) */
#define C2W_WASM_COUNTERS_END (9u << 20)

typedef unsigned long wsize; /* size_t on wasm32 */
struct wiovec {
    const void *buf;
    wsize len;
};

#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
WASI(fd_write) int __wasi_fd_write(int fd, const struct wiovec *iov, int n, wsize *done);
WASI(fd_read) int __wasi_fd_read(int fd, const struct wiovec *iov, int n, wsize *done);
WASI(proc_exit) _Noreturn void __wasi_proc_exit(int code);

int main(void);
extern char __heap_base;

#define HELPER __attribute__((noinline))

HELPER void __c2w_wasm_write(int fd, const char *p, wsize n)
{
    while (n > 0) {
        struct wiovec v = {p, n};
        wsize done = 0;
        if (__wasi_fd_write(fd, &v, 1, &done) != 0 || done == 0)
            return;
        p += done;
        n -= done;
    }
}

HELPER void __c2w_wasm_dump(void)
{
    const unsigned long long *c = (const unsigned long long *)C2W_WASM_COUNTERS;
    const unsigned long long *end = (const unsigned long long *)C2W_WASM_COUNTERS_END;
    char line[48];
    __c2w_wasm_write(2, "c2w-wasm-counters-begin\n", 24);
    for (unsigned i = 0; c + i < end; i++) {
        unsigned long long v = c[i];
        if (v == 0)
            continue;
        char *q = line + sizeof line;
        *--q = '\n';
        do { *--q = (char)('0' + v % 10); v /= 10; } while (v);
        *--q = ' ';
        unsigned k = i;
        do { *--q = (char)('0' + k % 10); k /= 10; } while (k);
        __c2w_wasm_write(2, q, (wsize)(line + sizeof line - q));
    }
    __c2w_wasm_write(2, "c2w-wasm-counters-end\n", 22);
}

HELPER int __c2w_getc(void)
{
    unsigned char b;
    struct wiovec v = {&b, 1};
    wsize got = 0;
    if (__wasi_fd_read(0, &v, 1, &got) != 0 || got == 0)
        return -1;
    return b;
}

HELPER void __c2w_putc(int c)
{
    char b = (char)c;
    __c2w_wasm_write(1, &b, 1);
}

HELPER _Noreturn void __c2w_halt(int code)
{
    __c2w_wasm_dump();
    __wasi_proc_exit(code & 255);
}

HELPER _Noreturn void __c2w_trap(void)
{
    __c2w_wasm_dump();
    __builtin_trap();
}

/* A link-time constant in c2w (one mov); left inlinable here (one i32.const). */
char *__c2w_heap_base(void) { return &__heap_base; }
char *__c2w_heap_end(void) { return (char *)C2W_WASM_HEAP_END; }

void _start(void)
{
    __c2w_halt(main());
}
