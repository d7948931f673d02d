// SPDX-License-Identifier: GPL-2.0
/*
 * reserve - a huge PROT_NONE reservation, as JVMs, Go and ASAN make them:
 * address space without page tables. A few pages spread over it are made
 * writable and written, so a walk that skips the holes must still find them.
 * Then it waits, like memalloc's part 1, so a module can walk it. Output:
 * README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: reserve [--size 1024G] [--touch 3] [--out FILE]\n"
		"Prints \"ready\" (with --out: as the file's last line and on stdout), then waits for\n"
		"EOF or a line \"exit\" on stdin. See README.md.\n");
}

/* Until EOF or a line "exit" on stdin. */
static void wait_for_exit(void)
{
	char line[64];

	while (fgets(line, sizeof(line), stdin))
		if (!strcmp(line, "exit\n") || !strcmp(line, "exit"))
			return;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "touch", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t size = 1ULL << 40, touch = 3, t0, pages, i, idx;
	const char *out_path = NULL;
	FILE *out = stdout;
	char *base, *p;
	int opt;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (parse_size(optarg, &size) || size < 2 * PAGE_SIZE || size % PAGE_SIZE)
				goto bad_usage;
			break;
		case 't':
			if (parse_u64(optarg, &touch) || touch < 2 || touch > 100000)
				goto bad_usage;
			break;
		case 'o':
			out_path = optarg;
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
	pages = size / PAGE_SIZE;
	if (touch > pages)
		goto bad_usage;

	t0 = now_ns();
	base = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED) {
		fprintf(stderr, "reserve: mmap of %" PRIu64 " bytes: %s\n", size, strerror(errno));
		return 1;
	}
	if (out_path && !(out = fopen(out_path, "w"))) {
		fprintf(stderr, "reserve: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	fprintf(out, "reserve pid=%d base=%p size=%" PRIu64 " touched=%" PRIu64 "\n", getpid(),
		(void *)base, size, touch);
	/* First page, last page and evenly between: each its own small VMA. */
	for (i = 0; i < touch; i++) {
		idx = i * (pages - 1) / (touch - 1);
		p = base + idx * PAGE_SIZE;
		if (mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE)) {
			fprintf(stderr, "reserve: mprotect %p: %s\n", (void *)p, strerror(errno));
			return 1;
		}
		*(volatile char *)p = 1;
		fprintf(out, "chunk %p %lu\n", (void *)p, PAGE_SIZE);
	}
	fprintf(out, "reserve_done setup_ns=%" PRIu64 "\nready\n", now_ns() - t0);
	if (out != stdout) {
		if (fclose(out)) {
			perror("reserve: close");
			return 1;
		}
		printf("ready\n");
	}
	if (fflush(stdout))
		return 1;
	wait_for_exit();
	munmap(base, size);
	return 0;

bad_usage:
	usage(stderr);
	return 2;
}
