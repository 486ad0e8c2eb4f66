/* malloc.c - malloc, free, calloc and realloc over the machine's heap.
 *
 * The heap [__c2w_heap_base(), __c2w_heap_end()) is cut into blocks. Every
 * block starts with a 4-byte header holding its size (a multiple of 8, at
 * least 16) and two flags: in use, and previous block in use. The payload
 * follows the header and is 8-byte aligned. A free block also keeps links
 * to its neighbours in a free list and repeats its size in its last 4 bytes,
 * so that freeing the block after it can find its start and merge with it:
 * free blocks are merged with free neighbours at once, so two free blocks
 * are never adjacent.
 *
 * The untouched end of the heap, the "top", is not a block: blocks are cut
 * from its start when no free block fits, and a freed block next to it goes
 * back into it. The block before the top is therefore always in use.
 *
 * Free blocks sit in 87 lists ("bins") by size: one per size below 512 (exact
 * fit) and one per power of two above. A request takes the first fitting
 * block of its own bin, else the first block of the next non-empty bin (all
 * big enough; a bitmap finds it), else cuts from the top; a block much
 * larger than asked is split and the rest goes back into a bin. Out of
 * memory, they return NULL and set errno to ENOMEM.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <c2w_machine.h>

#define HEADER 4u
#define MIN_BLOCK 16u
#define IN_USE 1u
#define PREV_IN_USE 2u
#define FLAGS 7u
#define SMALL_LIMIT 512u                 /* sizes below have a bin each */
#define NBINS 87                         /* 64 small bins, 23 power-of-two bins */
#define MAX_REQUEST 0x7fffffe0u

/* A block. next and prev exist only while it is free. */
struct block {
    unsigned head; /* size | flags */
    struct block *next, *prev;
};

static char *top;   /* start of the untouched end of the heap; NULL before first use */
static char *limit; /* end of the heap, at a block boundary */
static struct block *bins[NBINS];
static unsigned binmap[(NBINS + 31) / 32]; /* bit i: bins[i] is not empty */

/* ---- blocks ---- */

static unsigned block_size(const struct block *b) { return b->head & ~FLAGS; }
static struct block *block_at(char *p) { return (struct block *)p; }
static struct block *after(struct block *b) { return block_at((char *)b + block_size(b)); }
static void *payload(struct block *b) { return (char *)b + HEADER; }
static struct block *block_of(void *p) { return block_at((char *)p - HEADER); }

static void set_footer(struct block *b)
{
    *(unsigned *)((char *)b + block_size(b) - 4) = block_size(b);
}

/* The block size that serves a request of n bytes (n <= MAX_REQUEST). */
static unsigned size_for(size_t n)
{
    unsigned size = (n + HEADER + 7) & ~7u;
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* Blocks start 4 bytes before an 8-byte boundary, so payloads are aligned. */
static void heap_init(void)
{
    unsigned base = (unsigned)__c2w_heap_base(), end = (unsigned)__c2w_heap_end();
    unsigned first = ((base + HEADER + 7) & ~7u) - HEADER;
    unsigned last = ((end - HEADER) & ~7u) + HEADER;
    top = (char *)first;
    limit = (char *)(last > first ? last : first);
}

/* ---- bins ---- */

static int bin_index(unsigned size)
{
    int i = 64;
    if (size < SMALL_LIMIT)
        return (int)(size >> 3);
    for (size >>= 10; size != 0; size >>= 1)
        i++;
    return i;
}

static void bin_insert(struct block *b)
{
    int i = bin_index(block_size(b));
    b->prev = NULL;
    b->next = bins[i];
    if (b->next != NULL)
        b->next->prev = b;
    bins[i] = b;
    binmap[i >> 5] |= 1u << (i & 31);
}

static void bin_remove(struct block *b)
{
    int i = bin_index(block_size(b));
    if (b->prev != NULL)
        b->prev->next = b->next;
    else
        bins[i] = b->next;
    if (b->next != NULL)
        b->next->prev = b->prev;
    if (bins[i] == NULL)
        binmap[i >> 5] &= ~(1u << (i & 31));
}

/* The first non-empty bin at or after i, or -1. */
static int nonempty_bin_from(int i)
{
    int w;
    for (w = i >> 5; w < (NBINS + 31) / 32; w++) {
        unsigned m = binmap[w];
        if (w == i >> 5)
            m &= ~0u << (i & 31);
        if (m != 0) {
            int bit = w << 5;
            for (; (m & 1) == 0; m >>= 1)
                bit++;
            return bit;
        }
    }
    return -1;
}

/* Takes a free block of at least size bytes out of the bins, or NULL. */
static struct block *take_free_block(unsigned size)
{
    int i = bin_index(size);
    struct block *b = bins[i];
    if (i >= 64) { /* a power-of-two bin holds sizes around size: first fit */
        while (b != NULL && block_size(b) < size)
            b = b->next;
    }
    if (b == NULL) {
        i = nonempty_bin_from(i + 1);
        if (i < 0)
            return NULL;
        b = bins[i];
    }
    bin_remove(b);
    return b;
}

/* ---- allocation ---- */

/* Marks the free block b (out of its bin) in use, at size bytes if the rest
 * is big enough to be a block of its own, which goes back to a bin. */
static void claim(struct block *b, unsigned size)
{
    unsigned have = block_size(b);
    if (have - size >= MIN_BLOCK) {
        struct block *rest = block_at((char *)b + size);
        rest->head = (have - size) | PREV_IN_USE;
        set_footer(rest);
        bin_insert(rest);
        b->head = size | IN_USE | (b->head & PREV_IN_USE);
    } else {
        b->head |= IN_USE;
        after(b)->head |= PREV_IN_USE; /* never the top: b was free */
    }
}

/* Cuts a block of size bytes from the top, or returns NULL. */
static struct block *cut_from_top(unsigned size)
{
    struct block *b;
    if ((unsigned)(limit - top) < size)
        return NULL;
    b = block_at(top);
    b->head = size | IN_USE | PREV_IN_USE;
    top += size;
    return b;
}

static void *out_of_memory(void)
{
    errno = ENOMEM;
    return NULL;
}

void *malloc(size_t n)
{
    unsigned size;
    struct block *b;
    if (top == NULL)
        heap_init();
    if (n > MAX_REQUEST)
        return out_of_memory();
    size = size_for(n);
    b = take_free_block(size);
    if (b != NULL) {
        claim(b, size);
        return payload(b);
    }
    b = cut_from_top(size);
    return b != NULL ? payload(b) : out_of_memory();
}

void free(void *p)
{
    struct block *b, *next;
    unsigned size;
    if (p == NULL)
        return;
    b = block_of(p);
    size = block_size(b);
    next = after(b);
    if ((b->head & PREV_IN_USE) == 0) {
        struct block *prev = block_at((char *)b - *(unsigned *)((char *)b - 4));
        bin_remove(prev);
        size += block_size(prev);
        b = prev;
    }
    if ((char *)next == top) {
        top = (char *)b;
        return;
    }
    if (next->head & IN_USE) {
        next->head &= ~PREV_IN_USE;
    } else {
        bin_remove(next);
        size += block_size(next);
    }
    b->head = size | PREV_IN_USE;
    set_footer(b);
    bin_insert(b);
}

void *calloc(size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > MAX_REQUEST / size)
        return out_of_memory();
    p = malloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

/* Shrinks the in-use block b to size bytes if that frees a block's worth. */
static void shrink(struct block *b, unsigned size)
{
    unsigned have = block_size(b);
    if (have - size >= MIN_BLOCK) {
        struct block *rest = block_at((char *)b + size);
        rest->head = (have - size) | IN_USE | PREV_IN_USE;
        b->head = size | (b->head & FLAGS);
        free(payload(rest));
    }
}

/* Grows the in-use block b in place to at least size bytes, from the top or
 * a free block after it; returns whether it could. */
static int grow(struct block *b, unsigned size)
{
    unsigned have = block_size(b);
    struct block *next = after(b);
    if ((char *)next == top) {
        if ((unsigned)(limit - top) < size - have)
            return 0;
        top = (char *)b + size;
        b->head = size | (b->head & FLAGS);
        return 1;
    }
    if ((next->head & IN_USE) || have + block_size(next) < size)
        return 0;
    bin_remove(next);
    b->head = (have + block_size(next)) | (b->head & FLAGS);
    after(b)->head |= PREV_IN_USE; /* never the top: next was free */
    shrink(b, size);
    return 1;
}

void *realloc(void *p, size_t n)
{
    struct block *b;
    unsigned size;
    void *q;
    if (p == NULL)
        return malloc(n);
    if (n == 0) { /* glibc frees and returns NULL */
        free(p);
        return NULL;
    }
    if (n > MAX_REQUEST)
        return out_of_memory();
    b = block_of(p);
    size = size_for(n);
    if (block_size(b) >= size) {
        shrink(b, size);
        return p;
    }
    if (grow(b, size))
        return p;
    q = malloc(n);
    if (q != NULL) {
        memcpy(q, p, block_size(b) - HEADER);
        free(p);
    }
    return q;
}
