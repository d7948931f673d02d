// SPDX-License-Identifier: GPL-2.0
/*
 * hugeshare - hugetlb PMD tables shared and unshared under the modules' walks.
 * A 1 GiB hugetlbfs file (memfd, MFD_HUGETLB, sparse) is mapped MAP_SHARED at
 * a 1 GiB-aligned address, so the VMA covers a whole PUD and x86-64 shares its
 * PMD table with every other process mapping the file there
 * (CONFIG_ARCH_WANT_HUGE_PMD_SHARE). A forked sharer maps the file, touches
 * the first --size bytes, punches them out of the file (which unmaps them from
 * this process too, and huge_pmd_unshare() clears this process's PUD without
 * its mmap lock) and unmaps, in a loop. Meanwhile this process touches the
 * pages again, translates them through /proc/lkp25p3 and, whenever
 * /dev/pagetable exists, through its ioctls, and the lkp25p3 scanner scans
 * them. Output and exit status: README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "../kmod/pagetable/pagetable_ioctl.h"

#define HUGE_SIZE (2UL << 20)
#define PUD_SIZE (1UL << 30)

struct counts {
	unsigned long touches, writes, write_errors, write_errno;
	unsigned long ioctls, ioctl_errors, ioctl_errno, present;
};

/* The file mapped shared over a whole 1 GiB-aligned PUD range, or NULL. */
static char *map_aligned(int fd)
{
	char *res = mmap(NULL, 2 * PUD_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			 -1, 0);
	uintptr_t base;

	if (res == MAP_FAILED)
		return NULL;
	base = ((uintptr_t)res + PUD_SIZE - 1) & ~(PUD_SIZE - 1);
	if (mmap((void *)base, PUD_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED | MAP_NORESERVE, fd, 0) == MAP_FAILED) {
		munmap(res, 2 * PUD_SIZE);
		return NULL;
	}
	if (base > (uintptr_t)res)
		munmap(res, base - (uintptr_t)res);
	munmap((void *)(base + PUD_SIZE), (uintptr_t)res + PUD_SIZE - base);
	return (char *)base;
}

static void touch(char *base, size_t size)
{
	size_t off;

	for (off = 0; off < size; off += HUGE_SIZE)
		*(volatile char *)(base + off) = 1;
}

/* The sharer: map, touch, punch out, unmap, until the deadline. */
static int sharer(int fd, size_t size, uint64_t deadline, unsigned long *loops)
{
	char *m;

	while (now_ns() < deadline) {
		m = map_aligned(fd);
		if (!m)
			return 1;
		touch(m, size);
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, size))
			return 1;
		munmap(m, PUD_SIZE);
		__atomic_add_fetch(loops, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/* Two VAs per huge page (its start and its second 4 KiB page) to /proc/lkp25p3. */
static void xlate(const char *proc, char *base, size_t size, struct counts *c)
{
	char line[4096];
	size_t len = 0, off;
	int err;

	for (off = 0; off < size && len < sizeof(line) - 64; off += HUGE_SIZE)
		len += snprintf(line + len, sizeof(line) - len, "%p %p ", base + off,
				base + off + PAGE_SIZE);
	line[len - 1] = '\n';
	line[len] = '\0';
	err = proc_command(proc, line);
	c->writes++;
	if (err && !c->write_errors++)
		c->write_errno = err;
}

/* One pass of ioctls when /dev/pagetable exists (the caller loads and unloads it). */
static void ioctls(const char *dev, char *base, size_t size, struct counts *c)
{
	struct pagetable_pfn_ex ex;
	int fd = open(dev, O_RDONLY), pid = getpid(), err = 0;
	size_t off;
	long r;

	if (fd < 0)
		return;
	if (ioctl(fd, IOCTL_SET_PID, &pid) < 0)
		err = errno;
	for (off = 0; !err && off < size; off += HUGE_SIZE) {
		memset(&ex, 0, sizeof(ex));
		ex.vpn = ((uintptr_t)base + off) >> PAGE_SHIFT;
		c->ioctls += 2;
		if (ioctl(fd, IOCTL_GET_PFN_EX, &ex) < 0)
			err = errno;
		c->present += !!(ex.flags & PAGETABLE_F_PRESENT);
		/* ENOENT is the normal answer for a page punched out. */
		r = ioctl(fd, IOCTL_GET_PFN, (unsigned long)ex.vpn + 1);
		if (r < 0 && errno != ENOENT)
			err = errno;
	}
	if (err && !c->ioctl_errors++)
		c->ioctl_errno = err;
	close(fd);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: hugeshare [--size 8M] [--seconds 10] [--proc /proc/lkp25p3] [--dev " PAGETABLE_DEV "]\n"
		"                 [--out FILE]\n"
		"Needs root, free huge pages (vm.nr_hugepages) and lkp25p3.ko loaded. See README.md.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "proc", required_argument, NULL, 'P' },
		{ "dev", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *proc = "/proc/lkp25p3", *dev = PAGETABLE_DEV, *out = NULL;
	uint64_t size = 8 << 20, seconds = 10, deadline;
	int opt, fd, status = 0, scan_err, stop_err;
	struct counts c = { 0 };
	unsigned long *loops;
	char cmd[256], *base;
	FILE *f;
	pid_t child;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (parse_size(optarg, &size) || !size || size % HUGE_SIZE || size > 64 * HUGE_SIZE)
				goto bad_usage;
			break;
		case 't':
			if (parse_u64(optarg, &seconds) || !seconds || seconds > 3600)
				goto bad_usage;
			break;
		case 'P':
			proc = optarg;
			break;
		case 'd':
			dev = optarg;
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

	loops = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fd = memfd_create("hugeshare", MFD_HUGETLB);
	if (loops == MAP_FAILED || fd < 0 || ftruncate(fd, PUD_SIZE)) {
		perror("hugeshare: memfd_create(MFD_HUGETLB)");
		return 1;
	}
	base = map_aligned(fd);
	if (!base) {
		perror("hugeshare: mmap");
		return 1;
	}
	touch(base, size);
	deadline = now_ns() + seconds * 1000000000ULL;
	child = fork();
	if (child < 0) {
		perror("hugeshare: fork");
		return 1;
	}
	if (!child)
		_exit(sharer(fd, size, deadline, loops));

	snprintf(cmd, sizeof(cmd), "scan start pid=%d addr=%p len=%zu period_ms=10 report_ms=100\n",
		 getpid(), base, (size_t)size);
	scan_err = proc_command(proc, cmd);
	f = out ? fopen(out, "w") : stdout;
	if (!f)
		return 1;
	fprintf(f, "hugeshare_start pid=%d base=%p size=%zu\nready\n", getpid(), base, (size_t)size);
	if (out && fclose(f))
		return 1;
	fflush(stdout);

	while (now_ns() < deadline) {
		touch(base, size);
		c.touches++;
		xlate(proc, base, size, &c);
		ioctls(dev, base, size, &c);
	}
	stop_err = scan_err ? 0 : proc_command(proc, "scan stop\n");
	if (waitpid(child, &status, 0) < 0)
		status = -1;

	printf("hugeshare pid=%d base=%p size=%zu seconds=%" PRIu64 " touches=%lu sharer_loops=%lu"
	       " sharer_status=%d writes=%lu write_errors=%lu write_errno=%lu ioctls=%lu ioctl_errors=%lu"
	       " ioctl_errno=%lu present=%lu scan_errno=%d scan_stop_errno=%d\n",
	       getpid(), base, (size_t)size, seconds, c.touches, *loops, status, c.writes,
	       c.write_errors, c.write_errno, c.ioctls, c.ioctl_errors, c.ioctl_errno, c.present,
	       scan_err, stop_err);
	if (fflush(stdout))
		return 1;
	return status || c.write_errors || c.ioctl_errors || scan_err || stop_err || !*loops ? 1 : 0;

bad_usage:
	usage(stderr);
	return 2;
}
