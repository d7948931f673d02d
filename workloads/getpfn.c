// SPDX-License-Identifier: GPL-2.0
/*
 * getpfn - translate virtual page numbers of the pagetable module's target
 * process with IOCTL_GET_PFN (the PFN is the ioctl's return value, as the
 * assignment asks) or, with --ex, IOCTL_GET_PFN_EX. CSV on stdout: README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"
#include "../kmod/pagetable/pagetable_ioctl.h"

/* The level of IOCTL_GET_PFN_EX goes to bits 8..11 of the CSV flags column. */
#define CSV_LEVEL_SHIFT 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: getpfn [--dev " PAGETABLE_DEV "] [--pid PID] (--vpn N ... | --chunks FILE | N ...) [--ex]\n"
		"  --pid PID     retarget the module first (IOCTL_SET_PID)\n"
		"  --vpn N, N    virtual page number (VA >> 12), decimal or 0x-hex; repeatable\n"
		"  --chunks FILE every page overlapping a \"chunk 0x<va> <len>\" line, in VA order\n"
		"  --ex          use IOCTL_GET_PFN_EX (64-bit PFN, flags, level)\n"
		"CSV on stdout: vpn,va,pfn,flags,errno. Needs root. See README.md.\n");
}

static void translate(int fd, uint64_t vpn, bool ex)
{
	struct pagetable_pfn_ex arg = { .vpn = vpn };
	uint64_t pfn = 0;
	uint32_t flags = 0;
	int err = 0;
	long r;

	if (ex) {
		if (ioctl(fd, IOCTL_GET_PFN_EX, &arg) < 0) {
			err = errno;
		} else {
			pfn = arg.pfn;
			flags = arg.flags | arg.level << CSV_LEVEL_SHIFT;
		}
	} else {
		r = ioctl(fd, IOCTL_GET_PFN, (unsigned long)vpn);
		if (r < 0) {
			err = errno;
		} else {
			pfn = (uint64_t)r;
			flags = PAGETABLE_F_PRESENT;
		}
	}
	printf("0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx32 ",%d\n",
	       vpn, vpn << PAGE_SHIFT, pfn, flags, err);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "pid", required_argument, NULL, 'p' },
		{ "vpn", required_argument, NULL, 'v' },
		{ "chunks", required_argument, NULL, 'c' },
		{ "ex", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dev = PAGETABLE_DEV, *chunks = NULL;
	struct page_set set = { 0 };
	uint64_t v, vpn, pid = 0;
	bool ex = false, have_vpn = false, have_pid = false;
	int opt, fd, target;
	size_t i;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			dev = optarg;
			break;
		case 'p':
			if (parse_u64(optarg, &pid) || pid > 0x7fffffff)
				goto bad_usage;
			have_pid = true;
			break;
		case 'v':
			/* Visited in VA order, once each, whatever the option order. */
			if (parse_u64(optarg, &v) || v > (UINT64_MAX >> PAGE_SHIFT) ||
			    page_set_add(&set, v << PAGE_SHIFT, PAGE_SIZE))
				goto bad_usage;
			have_vpn = true;
			break;
		case 'c':
			chunks = optarg;
			break;
		case 'x':
			ex = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad_usage;
		}
	}
	/* VPNs may also come as operands: getpfn 0x7f0000000 */
	for (; optind < argc; optind++) {
		if (parse_u64(argv[optind], &v) || v > (UINT64_MAX >> PAGE_SHIFT) ||
		    page_set_add(&set, v << PAGE_SHIFT, PAGE_SIZE))
			goto bad_usage;
		have_vpn = true;
	}
	if (have_vpn == !!chunks)
		goto bad_usage;
	if (chunks && page_set_add_chunks(&set, chunks) <= 0) {
		fprintf(stderr, "getpfn: no chunk lines read from %s\n", chunks);
		return 1;
	}
	page_set_normalize(&set);

	fd = open(dev, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "getpfn: %s: %s%s\n", dev, strerror(errno),
			errno == ENOENT ? " (is pagetable.ko loaded?)" : "");
		return 1;
	}
	if (have_pid) {
		target = (int)pid;
		if (ioctl(fd, IOCTL_SET_PID, &target) < 0) {
			fprintf(stderr, "getpfn: IOCTL_SET_PID %d: %s\n", target, strerror(errno));
			return 1;
		}
	}
	printf("vpn,va,pfn,flags,errno\n");
	for (i = 0; i < set.n; i++)
		for (vpn = set.spans[i].first; vpn < set.spans[i].end; vpn++)
			translate(fd, vpn, ex);
	close(fd);
	page_set_free(&set);
	if (fflush(stdout)) {
		perror("getpfn: stdout");
		return 1;
	}
	return 0;

bad_usage:
	usage(stderr);
	return 2;
}
