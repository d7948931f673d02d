// SPDX-License-Identifier: GPL-2.0
/*
 * thpflip - PTE tables that become THPs under the pagetable dump. A shmem
 * file (memfd) is mapped MAP_SHARED at a 2 MiB-aligned address and read over
 * and over. A forked helper maps the same file and, in a loop, collapses it
 * into huge pages (MADV_COLLAPSE: collapse_file() retracts this process's PTE
 * tables, without its mmap lock since 6.6, and this process's next read maps
 * the THP with a PMD leaf) and splits them again (a 4 KiB hole punched in each
 * 2 MiB, refilled). Output and exit status: README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#define HUGE_SIZE (2UL << 20)

/* The file mapped shared at a 2 MiB-aligned address, or NULL. */
static char *map_aligned(int fd, size_t size)
{
	char *res = mmap(NULL, size + HUGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			 -1, 0);
	uintptr_t base;

	if (res == MAP_FAILED)
		return NULL;
	base = ((uintptr_t)res + HUGE_SIZE - 1) & ~(HUGE_SIZE - 1);
	if (mmap((void *)base, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
		return NULL;
	madvise((void *)base, size, MADV_HUGEPAGE);
	return (char *)base;
}

/* Collapse, then split every huge page again, until the deadline. */
static int flipper(int fd, size_t size, uint64_t deadline, unsigned long *counts)
{
	char *m = map_aligned(fd, size);
	size_t off;

	if (!m)
		return 1;
	while (now_ns() < deadline) {
		if (madvise(m, size, MADV_COLLAPSE) == 0)
			__atomic_add_fetch(&counts[0], 1, __ATOMIC_RELAXED);
		else if (errno == EINVAL)
			return 3;	/* none on 5.10; 6.1 refuses this file */
		for (off = 0; off < size; off += HUGE_SIZE) {
			if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off + PAGE_SIZE,
				      PAGE_SIZE))
				return 1;
			m[off + PAGE_SIZE] = 1;
		}
		__atomic_add_fetch(&counts[1], 1, __ATOMIC_RELAXED);
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: thpflip [--size 8M] [--seconds 10] [--out FILE]\n"
		   "See README.md.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t size = 8 << 20, seconds = 10, deadline, reads = 0;
	unsigned long *counts;
	const char *out = NULL;
	int opt, fd, status = 0;
	volatile char sink;
	size_t off;
	char *base;
	pid_t child;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (parse_size(optarg, &size) || !size || size % HUGE_SIZE || size > (1ULL << 30))
				goto bad_usage;
			break;
		case 't':
			if (parse_u64(optarg, &seconds) || !seconds || seconds > 3600)
				goto bad_usage;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad_usage;
		}
	}
	if (optind < argc)
		goto bad_usage;

	counts = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fd = memfd_create("thpflip", 0);
	if (counts == MAP_FAILED || fd < 0 || ftruncate(fd, size)) {
		perror("thpflip: memfd");
		return 1;
	}
	base = map_aligned(fd, size);
	if (!base) {
		perror("thpflip: mmap");
		return 1;
	}
	for (off = 0; off < size; off += PAGE_SIZE)
		base[off] = 1;
	deadline = now_ns() + seconds * 1000000000ULL;
	child = fork();
	if (child < 0) {
		perror("thpflip: fork");
		return 1;
	}
	if (!child)
		_exit(flipper(fd, size, deadline, counts));

	f = out ? fopen(out, "w") : stdout;
	if (!f)
		return 1;
	fprintf(f, "thpflip_start pid=%d base=%p size=%zu\nready\n", getpid(), base, (size_t)size);
	if (out && fclose(f))
		return 1;
	fflush(stdout);
	while (now_ns() < deadline) {
		for (off = 0; off < size; off += PAGE_SIZE)
			sink = base[off];
		reads++;
	}
	(void)sink;
	if (waitpid(child, &status, 0) < 0)
		return 1;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	printf("thpflip pid=%d base=%p size=%zu seconds=%" PRIu64 " reads=%" PRIu64 " collapses=%lu"
	       " splits=%lu flipper_status=%d\n", getpid(), base, (size_t)size, seconds, reads, counts[0],
	       counts[1], status);
	if (fflush(stdout))
		return 1;
	return status == 3 ? 3 : status || !reads ? 1 : 0;

bad_usage:
	usage(stderr);
	return 2;
}
