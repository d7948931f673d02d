// SPDX-License-Identifier: GPL-2.0
/*
 * churn - page tables that come and go under the modules' walks. One thread
 * maps a 2 MiB-aligned region (MAP_FIXED over a reservation, so the VA range
 * stays put), touches every page and MADV_DONTNEEDs it, in a loop; 7.2's
 * PT_RECLAIM then frees the emptied PTE tables at once. Meanwhile one thread
 * translates random pages of the region through /proc/lkp25p3 (a write runs
 * in the writer's mm, so these are this process's pages), one through the
 * pagetable ioctls (target: this process), and the lkp25p3 scanner scans the
 * region every 10 ms, its shortest period. Output and exit status: README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"
#include "../kmod/pagetable/pagetable_ioctl.h"

#define PMD_SIZE (2UL << 20)
#define LINE_MAX_BYTES 4096

struct churn {
	const char *proc, *dev;
	uintptr_t base;
	size_t size, pages;
	unsigned int batch, pause_us;
	uint64_t deadline_ns;
	atomic_bool stop;
	/* results, each written by one thread */
	unsigned long loops, remaps, map_errors;
	unsigned long writes, write_errors, first_write_errno;
	unsigned long ioctls, ioctl_errors, first_ioctl_errno, present;
};

static bool over(struct churn *c)
{
	return atomic_load(&c->stop) || now_ns() >= c->deadline_ns;
}

/* Map (every 8th loop: afresh), touch, drop: the PTE tables come and go. */
static void *mutator(void *arg)
{
	struct churn *c = arg;
	size_t i;

	while (!over(c)) {
		if (c->loops % 8 == 0) {
			if (mmap((void *)c->base, c->size, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
				c->map_errors++;
				break;
			}
			/* 4 KiB PTEs: THP would leave no PTE table to free. */
			madvise((void *)c->base, c->size, MADV_NOHUGEPAGE);
			c->remaps++;
		}
		for (i = 0; i < c->pages; i++)
			*(volatile char *)(c->base + i * PAGE_SIZE) = 1;
		if (madvise((void *)c->base, c->size, MADV_DONTNEED)) {
			c->map_errors++;
			break;
		}
		c->loops++;
	}
	atomic_store(&c->stop, true);
	return NULL;
}

/* xorshift64: cheap random page indexes, reproducible per run. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void *proc_translator(void *arg)
{
	struct churn *c = arg;
	char line[LINE_MAX_BYTES];
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	unsigned int k;
	size_t len;
	int fd = open(c->proc, O_WRONLY);

	if (fd < 0) {
		c->write_errors++;
		c->first_write_errno = errno;
		return NULL;
	}
	while (!over(c)) {
		len = 0;
		for (k = 0; k < c->batch; k++)
			len += snprintf(line + len, sizeof(line) - len, "%s0x%" PRIxPTR,
					k ? " " : "", c->base + next_rand(&seed) % c->pages * PAGE_SIZE);
		line[len++] = '\n';
		if (write(fd, line, len) != (ssize_t)len) {
			if (!c->write_errors++)
				c->first_write_errno = errno;
		}
		c->writes++;
		if (c->pause_us)
			usleep(c->pause_us);
	}
	close(fd);
	return NULL;
}

static void *ioctl_translator(void *arg)
{
	struct churn *c = arg;
	struct pagetable_pfn_ex ex;
	int fd = open(c->dev, O_RDONLY), pid = getpid();
	size_t i;
	long r;

	if (fd < 0 || ioctl(fd, IOCTL_SET_PID, &pid) < 0) {
		c->ioctl_errors++;
		c->first_ioctl_errno = errno;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while (!over(c)) {
		for (i = 0; i < c->pages && !over(c); i++) {
			memset(&ex, 0, sizeof(ex));
			ex.vpn = (c->base >> PAGE_SHIFT) + i;
			c->ioctls++;
			if (i % 2) {
				/* ENOENT is the normal answer for a dropped page. */
				r = ioctl(fd, IOCTL_GET_PFN, (unsigned long)ex.vpn);
				if (r < 0 && errno != ENOENT && !c->ioctl_errors++)
					c->first_ioctl_errno = errno;
				c->present += r >= 0;
			} else if (ioctl(fd, IOCTL_GET_PFN_EX, &ex) < 0) {
				if (!c->ioctl_errors++)
					c->first_ioctl_errno = errno;
			} else {
				c->present += !!(ex.flags & PAGETABLE_F_PRESENT);
			}
		}
	}
	close(fd);
	return NULL;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: churn [--size 8M] [--seconds 10] [--batch 8] [--pause-us 5000] [--no-scan]\n"
		"             [--proc /proc/lkp25p3] [--dev " PAGETABLE_DEV "]\n"
		"Needs root, lkp25p3.ko and pagetable.ko loaded. See README.md.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'b' },
		{ "pause-us", required_argument, NULL, 'p' },
		{ "no-scan", no_argument, NULL, 'n' },
		{ "proc", required_argument, NULL, 'P' },
		{ "dev", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct churn c = { .proc = "/proc/lkp25p3", .dev = PAGETABLE_DEV, .batch = 8,
			   .pause_us = 5000 };
	uint64_t size = 8 << 20, seconds = 10, v;
	pthread_t tm, tp, ti;
	char cmd[256];
	bool scan = true;
	int opt, scan_err = 0, stop_err = 0;
	void *res;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (parse_size(optarg, &size) || !size || size % PMD_SIZE ||
			    size > (1ULL << 32))
				goto bad_usage;
			break;
		case 't':
			if (parse_u64(optarg, &seconds) || !seconds || seconds > 3600)
				goto bad_usage;
			break;
		case 'b':
			if (parse_u64(optarg, &v) || !v || v > 200)
				goto bad_usage;
			c.batch = v;
			break;
		case 'p':
			if (parse_u64(optarg, &v) || v > 1000000)
				goto bad_usage;
			c.pause_us = v;
			break;
		case 'n':
			scan = false;
			break;
		case 'P':
			c.proc = optarg;
			break;
		case 'd':
			c.dev = optarg;
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

	/* A reservation one PMD larger than the region, so the region can be aligned. */
	res = mmap(NULL, size + PMD_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		   -1, 0);
	if (res == MAP_FAILED) {
		perror("churn: mmap");
		return 1;
	}
	c.base = ((uintptr_t)res + PMD_SIZE - 1) & ~(PMD_SIZE - 1);
	c.size = size;
	c.pages = size / PAGE_SIZE;
	c.deadline_ns = now_ns() + seconds * 1000000000ULL;

	if (scan) {
		snprintf(cmd, sizeof(cmd),
			 "scan start pid=%d addr=0x%" PRIxPTR " len=%zu period_ms=10 report_ms=1000\n",
			 getpid(), c.base, c.size);
		scan_err = proc_command(c.proc, cmd);
	}
	if (pthread_create(&tm, NULL, mutator, &c) || pthread_create(&tp, NULL, proc_translator, &c) ||
	    pthread_create(&ti, NULL, ioctl_translator, &c)) {
		fprintf(stderr, "churn: pthread_create failed\n");
		return 1;
	}
	pthread_join(tm, NULL);
	pthread_join(tp, NULL);
	pthread_join(ti, NULL);
	if (scan && !scan_err)
		stop_err = proc_command(c.proc, "scan stop\n");

	printf("churn pid=%d base=0x%" PRIxPTR " size=%zu seconds=%" PRIu64 " loops=%lu remaps=%lu"
	       " map_errors=%lu writes=%lu write_errors=%lu write_errno=%lu ioctls=%lu"
	       " ioctl_errors=%lu ioctl_errno=%lu present=%lu scan=%d scan_errno=%d"
	       " scan_stop_errno=%d\n",
	       getpid(), c.base, c.size, seconds, c.loops, c.remaps, c.map_errors, c.writes,
	       c.write_errors, c.first_write_errno, c.ioctls, c.ioctl_errors, c.first_ioctl_errno,
	       c.present, scan, scan_err, stop_err);
	if (fflush(stdout))
		return 1;
	return c.map_errors || c.write_errors || c.ioctl_errors || scan_err || stop_err ||
	       !c.loops || !c.writes || !c.ioctls ? 1 : 0;

bad_usage:
	usage(stderr);
	return 2;
}
