// SPDX-License-Identifier: GPL-2.0
/*
 * xlatedrive - drives a /proc/lkp25p3 of anyone's making the way the
 * assignment does (echo "0x..." > /proc/lkp25p3: one open, one write of the
 * VA and a newline, one close) and takes the truth itself, so a submission
 * is judged on its answers only.
 *
 *   xlatedrive PROC SIZE COUNT OUT.csv
 *
 * It maps SIZE bytes, asks for transparent huge pages on the first half and
 * for none on the second, writes every page and locks the buffer. Then, for
 * COUNT VAs spread over the buffer, each at a different offset inside its
 * page: a marker record "ptlab: xlate begin i=I va=0xVA" into /dev/kmsg, the
 * write to PROC (timed), the marker "ptlab: xlate end i=I". Whatever the
 * module logs while translating lies between the two markers. The truth is
 * this process's own pagemap (read as root) and kpageflags, read after the
 * write. OUT.csv: i,va,pa,huge,write_ns,errno (pa with the offset; 0 when
 * no page is present; huge 1 for a transparent huge page).
 *
 * Needs root and kernel.printk_devkmsg=on (otherwise /dev/kmsg drops
 * userspace records beyond a burst). Exit 0 when it ran, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define KPF_THP 22

static int kmsg_fd = -1;

/* One record into the kernel log: "ptlab: xlate begin|end i=I [va=0xVA]". */
static void marker(const char *what, uint64_t i, uint64_t va)
{
	char line[128];
	int n = va ? snprintf(line, sizeof(line), "ptlab: xlate %s i=%" PRIu64 " va=0x%" PRIx64 "\n", what, i, va)
		   : snprintf(line, sizeof(line), "ptlab: xlate %s i=%" PRIu64 "\n", what, i);

	if (n > 0 && write(kmsg_fd, line, (size_t)n) < 0)
		perror("xlatedrive: write /dev/kmsg");
}

static int read_u64(int fd, uint64_t index, uint64_t *out)
{
	return pread(fd, out, sizeof(*out), (off_t)(index * sizeof(*out))) == (ssize_t)sizeof(*out) ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint64_t size, count, pages, i;
	int pm, kpf;
	char *buf;
	FILE *out;

	if (argc != 5 || parse_size(argv[2], &size) || parse_u64(argv[3], &count) || count == 0 ||
	    size < 2 * (2UL << 20)) {
		fprintf(stderr, "usage: xlatedrive PROC SIZE COUNT OUT.csv (SIZE at least 4M)\n");
		return 2;
	}
	pages = size / PAGE_SIZE;
	if (count > pages)
		count = pages;
	buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		perror("xlatedrive: mmap");
		return 1;
	}
	madvise(buf, size / 2, MADV_HUGEPAGE);
	madvise(buf + size / 2, size - size / 2, MADV_NOHUGEPAGE);
	for (i = 0; i < pages; i++)
		buf[i * PAGE_SIZE] = (char)(i | 1);
	if (mlock(buf, size))
		perror("xlatedrive: mlock (pages may move)");
	pm = open("/proc/self/pagemap", O_RDONLY);
	kpf = open("/proc/kpageflags", O_RDONLY);
	kmsg_fd = open("/dev/kmsg", O_WRONLY);
	out = fopen(argv[4], "w");
	if (pm < 0 || kpf < 0 || kmsg_fd < 0 || !out) {
		perror("xlatedrive: open pagemap, kpageflags, /dev/kmsg or the output");
		return 1;
	}
	fprintf(out, "i,va,pa,huge,write_ns,errno\n");
	for (i = 0; i < count; i++) {
		uint64_t page = i * (pages / count);
		uint64_t off = (i * 520 + 8) & (PAGE_SIZE - 8);
		uint64_t va = (uint64_t)(uintptr_t)buf + page * PAGE_SIZE + (off ? off : 8);
		uint64_t entry = 0, flags = 0, pa = 0, t0, t1;
		char cmd[32];
		int len = snprintf(cmd, sizeof(cmd), "0x%" PRIx64 "\n", va);
		int err = 0, fd;

		marker("begin", i, va);
		fd = open(argv[1], O_WRONLY);
		if (fd < 0) {
			err = errno;
			t0 = t1 = 0;
		} else {
			t0 = now_ns();
			if (write(fd, cmd, (size_t)len) < 0)
				err = errno;
			t1 = now_ns();
			close(fd);
		}
		marker("end", i, 0);
		if (read_u64(pm, va / PAGE_SIZE, &entry) == 0 && (entry >> 63) & 1) {
			uint64_t pfn = entry & ((1ULL << 55) - 1);

			pa = pfn * PAGE_SIZE + (va & (PAGE_SIZE - 1));
			if (read_u64(kpf, pfn, &flags))
				flags = 0;
		}
		fprintf(out, "%" PRIu64 ",0x%" PRIx64 ",0x%" PRIx64 ",%d,%" PRIu64 ",%d\n", i, va, pa,
			(int)((flags >> KPF_THP) & 1), t1 - t0, err);
	}
	if (fclose(out)) {
		perror("xlatedrive: write the output");
		return 1;
	}
	return 0;
}
