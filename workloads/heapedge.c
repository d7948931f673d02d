// SPDX-License-Identifier: GPL-2.0
/*
 * heapedge - VMAs that touch the heap without holding any of it, for the
 * "[heap]" test of lkp25p3's VMA dump. Run as PID 1 of a new PID namespace
 * (unshare --pid --fork heapedge): the dump of "PID 1" resolves the pid in
 * the writer's namespace, so it dumps this process. The heap is grown to end
 * on a page boundary, then one read-only page is mapped right after its end
 * (a VMA starting at brk) and one right before its start (a VMA ending at
 * start_brk); read-only, so neither merges with the heap. Then "0" is written
 * to /proc/lkp25p3. Output: README.md.
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

/* Field 47 of /proc/self/stat: start_brk. 0 when unreadable. */
static uintptr_t start_brk(void)
{
	char buf[2048], *p;
	unsigned long long v = 0;
	ssize_t n;
	int fd = open("/proc/self/stat", O_RDONLY), field;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* comm (field 2) may hold spaces: count fields after its closing ')'. */
	p = strrchr(buf, ')');
	if (!p)
		return 0;
	for (field = 3; p && field <= 47; field++)
		p = strchr(p + 1, ' ');	/* the space before field @field */
	if (!p || sscanf(p + 1, "%llu", &v) != 1)
		return 0;
	return (uintptr_t)v;
}

/* One read-only page at @addr exactly, or 0 when something is there. */
static uintptr_t map_page_at(uintptr_t addr)
{
	void *p = mmap((void *)addr, PAGE_SIZE, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	if ((uintptr_t)p != addr) {
		munmap(p, PAGE_SIZE);	/* a kernel without MAP_FIXED_NOREPLACE */
		return 0;
	}
	return addr;
}

int main(int argc, char **argv)
{
	const char *proc = argc > 1 ? argv[1] : "/proc/lkp25p3";
	uintptr_t sbrk0, brk_end, above, below, heap_start;
	int fd, err = 0;

	if (argc > 2 || (argc > 1 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: unshare --pid --fork heapedge [/proc/lkp25p3]\n");
		return 2;
	}
	/* A heap of at least one page that ends exactly where brk is. */
	sbrk0 = (uintptr_t)sbrk(0);
	brk_end = ((sbrk0 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)) + PAGE_SIZE;
	if (brk((void *)brk_end)) {
		perror("heapedge: brk");
		return 1;
	}
	heap_start = start_brk();
	above = map_page_at(brk_end);
	below = heap_start ? map_page_at(heap_start - PAGE_SIZE) : 0;

	fd = open(proc, O_WRONLY);
	if (fd < 0 || write(fd, "0\n", 2) != 2)
		err = errno;
	if (fd >= 0)
		close(fd);
	printf("heapedge pid=%d start_brk=0x%" PRIxPTR " brk=0x%" PRIxPTR " above=0x%" PRIxPTR
	       " below=0x%" PRIxPTR " dump_errno=%d\n", getpid(), heap_start, brk_end, above,
	       below, err);
	return fflush(stdout) || err || !above || !heap_start ? 1 : 0;
}
