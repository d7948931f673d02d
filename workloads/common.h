/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the workload programs. */
#ifndef WORKLOADS_COMMON_H
#define WORKLOADS_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

/* CLOCK_MONOTONIC in integer nanoseconds (a double would lose precision). */
uint64_t now_ns(void);

/* Decimal or 0x-hex, optional K/M/G suffix (powers of 1024). 0 on success. */
int parse_size(const char *s, uint64_t *out);

/* Unsigned decimal or 0x-hex, the whole string. 0 on success. */
int parse_u64(const char *s, uint64_t *out);

/* One write of @cmd to @proc (/proc/lkp25p3): 0 or the errno. */
int proc_command(const char *proc, const char *cmd);

/* A set of virtual pages, as sorted, disjoint [first, end) page-number intervals. */
struct page_set {
	struct page_span {
		uint64_t first, end;
	} *spans;
	size_t n, cap;
};

/* Add every page that overlaps [va, va + len). 0 on success. */
int page_set_add(struct page_set *set, uint64_t va, uint64_t len);

/*
 * Add the ranges of every "chunk 0x<va> <len>" line of a memalloc output
 * file; other lines are ignored. Returns the number of chunk lines, -1 on error.
 */
long page_set_add_chunks(struct page_set *set, const char *path);

/* Sort and merge, so each page is visited once, in VA order. */
void page_set_normalize(struct page_set *set);

uint64_t page_set_pages(const struct page_set *set);

void page_set_free(struct page_set *set);

#endif /* WORKLOADS_COMMON_H */
