/* The checksum both C twins keep of what is written to /w (docs/benchfs-write.md): one definition, so that
 * benchfs.c and benchfs_ll.c do exactly the same work per byte. (The driver keeps its own, simpler loop as the
 * independent check of what the filesystems report.) */
#ifndef BENCHFS_WORD_SUM_H
#define BENCHFS_WORD_SUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Wrapping sum of the little-endian 64-bit words (zero-padded tail): two lanes of 64 bits, like FuseGen's. */
static uint64_t word_sum(const char *data, size_t size)
{
    typedef uint64_t lanes __attribute__((vector_size(16)));
    lanes sum = { 0, 0 };
    /* A pointer up to the last whole 16 bytes, as FuseGen's Checksum.Of walks a reference: the same 5-instruction loop
     * (load, add, advance, compare, branch) on both sides. */
    const char *end = data + (size & ~(size_t)15);
    for (const char *next = data; next < end; next += 16) {
        lanes v;
        memcpy(&v, next, 16);
        sum += v;
    }
    size_t i = size & ~(size_t)15;
    uint64_t total = sum[0] + sum[1];
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, 8);
        total += word;
    }
    if (i < size) {
        uint64_t word = 0;
        memcpy(&word, data + i, size - i);
        total += word;
    }
    return total;
}

#endif
