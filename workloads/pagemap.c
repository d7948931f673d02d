// SPDX-License-Identifier: GPL-2.0
/*
 * pagemap - translate the pages of another process through /proc/PID/pagemap
 * and time each translation. Grown from the LeapIO Runtime/pagemap.c idea
 * (an 8-byte pread at (va / 4096) * 8), with integer-nanosecond timing,
 * every pagemap flag, zero-page and THP detection, and a batched mode.
 *
 * CSV on --out (or stdout), summary on stderr. Formats: README.md.
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
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

/* Documentation/admin-guide/mm/pagemap.rst */
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define PM_SOFT_DIRTY	(1ULL << 55)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_FILE_SHARED	(1ULL << 61)
#define PM_SWAPPED	(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)

#define KPF_HUGE	17
#define KPF_THP		22
#define KPF_ZERO_PAGE	24

#define BATCH_ENTRIES	65536	/* like tools/mm/page-types.c */

struct stats {
	uint64_t pages, present, zero, thp, swapped;
	uint64_t batches, batch_ns;
	uint64_t *lat;			/* per page, for the percentiles */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pagemap --pid PID (--range 0xSTART:LEN ... | --chunks FILE)\n"
		"               [--mode per-page|batched] [--out FILE]\n"
		"Needs CAP_SYS_ADMIN (root): without it the kernel hides PFNs and this\n"
		"program exits with status 2. LEN takes K/M/G suffixes. See README.md.\n");
}

/* pread() all of @len bytes; 0 on success, else errno (EIO on EOF). */
static int pread_full(int fd, void *buf, size_t len, off_t off)
{
	char *p = buf;
	ssize_t r;

	while (len) {
		r = pread(fd, p, len, off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			return EIO;
		p += r;
		len -= (size_t)r;
		off += r;
	}
	return 0;
}

/*
 * The zero page's PFN: a fresh private anonymous page that is only read
 * maps it. Its PFN also tells whether we may see PFNs at all: 0 means the
 * kernel hid it (no CAP_SYS_ADMIN). Returns 0 when unavailable.
 */
static uint64_t probe_zero_pfn(void)
{
	volatile const char *p;
	uint64_t e = 0;
	int fd;

	p = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	(void)p[0];
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd >= 0) {
		if (pread_full(fd, &e, sizeof(e), (off_t)((uintptr_t)p >> PAGE_SHIFT) * 8))
			e = 0;
		close(fd);
	}
	munmap((void *)p, PAGE_SIZE);
	return (e & PM_PRESENT) ? (e & PM_PFN_MASK) : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of a sorted array. */
static uint64_t percentile(const uint64_t *v, uint64_t n, unsigned int pct)
{
	uint64_t rank;

	if (!n)
		return 0;
	rank = (n * pct + 99) / 100;
	return v[rank ? rank - 1 : 0];
}

struct ctx {
	FILE *out;
	int kpf_fd;		/* /proc/kpageflags, -1 if unreadable */
	uint64_t zero_pfn;
	struct stats st;
};

/* One CSV row. Returns -1 for a present page with PFN 0 (PFNs hidden). */
static int emit(struct ctx *c, uint64_t vpn, uint64_t e, uint64_t lat)
{
	bool present = e & PM_PRESENT;
	uint64_t pfn = present ? e & PM_PFN_MASK : 0, kpf = 0;
	bool zero, thp;

	if (present && !pfn) {
		fprintf(stderr, "pagemap: present page 0x%" PRIx64 " reads PFN 0: the kernel hides "
			"PFNs from this process (needs CAP_SYS_ADMIN)\n", vpn << PAGE_SHIFT);
		return -1;
	}
	if (present && c->kpf_fd >= 0 &&
	    pread_full(c->kpf_fd, &kpf, sizeof(kpf), (off_t)(pfn * 8)))
		kpf = 0;
	zero = present && (pfn == c->zero_pfn || (kpf >> KPF_ZERO_PAGE & 1));
	thp = present && ((kpf >> KPF_THP & 1) || (kpf >> KPF_HUGE & 1));

	fprintf(c->out, "0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx64 ",%d,%d,%d,%d,%d,%d,%d,%" PRIu64 "\n",
		vpn << PAGE_SHIFT, pfn << PAGE_SHIFT, pfn, present, !!(e & PM_SWAPPED),
		!!(e & PM_EXCLUSIVE), !!(e & PM_FILE_SHARED), !!(e & PM_SOFT_DIRTY),
		zero, thp, lat);

	c->st.lat[c->st.pages++] = lat;
	c->st.present += present;
	c->st.zero += zero;
	c->st.thp += thp;
	c->st.swapped += !!(e & PM_SWAPPED);
	return 0;
}

/* What the assignment times: one pread, hence one syscall, per page. */
static int run_per_page(struct ctx *c, int fd, const struct page_set *set)
{
	uint64_t vpn, e, t0, t1;
	size_t i;
	int err;

	for (i = 0; i < set->n; i++) {
		for (vpn = set->spans[i].first; vpn < set->spans[i].end; vpn++) {
			t0 = now_ns();
			err = pread_full(fd, &e, sizeof(e), (off_t)(vpn * 8));
			t1 = now_ns();
			if (err) {
				fprintf(stderr, "pagemap: read of va 0x%" PRIx64 ": %s\n",
					vpn << PAGE_SHIFT, strerror(err));
				return 1;
			}
			if (emit(c, vpn, e, t1 - t0))
				return 2;
		}
	}
	return 0;
}

/* What the walk itself costs: up to 64K entries per pread. */
static int run_batched(struct ctx *c, int fd, const struct page_set *set)
{
	uint64_t *buf = malloc(BATCH_ENTRIES * sizeof(*buf));
	uint64_t vpn, end, n, k, t0, ns;
	size_t i;
	int err, ret = 0;

	if (!buf) {
		perror("pagemap: batch buffer");
		return 1;
	}
	for (i = 0; i < set->n && !ret; i++) {
		end = set->spans[i].end;
		for (vpn = set->spans[i].first; vpn < end && !ret; vpn += n) {
			n = end - vpn < BATCH_ENTRIES ? end - vpn : BATCH_ENTRIES;
			t0 = now_ns();
			err = pread_full(fd, buf, n * 8, (off_t)(vpn * 8));
			ns = now_ns() - t0;
			if (err) {
				fprintf(stderr, "pagemap: read of %" PRIu64 " entries at va 0x%" PRIx64
					": %s\n", n, vpn << PAGE_SHIFT, strerror(err));
				ret = 1;
				break;
			}
			c->st.batches++;
			c->st.batch_ns += ns;
			for (k = 0; k < n; k++)
				if (emit(c, vpn + k, buf[k], ns / n)) {
					ret = 2;
					break;
				}
		}
	}
	free(buf);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "range", required_argument, NULL, 'r' },
		{ "chunks", required_argument, NULL, 'c' },
		{ "mode", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct page_set set = { 0 };
	const char *out_path = NULL, *chunks = NULL;
	bool batched = false, have_range = false;
	uint64_t pid = 0, start, len, total;
	struct ctx c = { .kpf_fd = -1 };
	char path[64], *colon;
	int opt, fd, ret;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (parse_u64(optarg, &pid) || !pid || pid > 0x7fffffff)
				goto bad_usage;
			break;
		case 'r':
			colon = strchr(optarg, ':');
			if (!colon)
				goto bad_usage;
			*colon = '\0';
			if (parse_u64(optarg, &start) || parse_size(colon + 1, &len) ||
			    page_set_add(&set, start, len))
				goto bad_usage;
			have_range = true;
			break;
		case 'c':
			chunks = optarg;
			break;
		case 'm':
			if (!strcmp(optarg, "batched"))
				batched = true;
			else if (strcmp(optarg, "per-page"))
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
	if (optind < argc || !pid || have_range == !!chunks)
		goto bad_usage;
	if (chunks && page_set_add_chunks(&set, chunks) <= 0) {
		fprintf(stderr, "pagemap: no chunk lines read from %s\n", chunks);
		return 1;
	}
	page_set_normalize(&set);
	total = page_set_pages(&set);

	c.zero_pfn = probe_zero_pfn();
	if (!c.zero_pfn) {
		fprintf(stderr, "pagemap: PFNs are hidden from this process: run as root "
			"(CAP_SYS_ADMIN); refusing to print PFN 0 as data\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%" PRIu64 "/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "pagemap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	c.kpf_fd = open("/proc/kpageflags", O_RDONLY);
	c.st.lat = malloc((total ? total : 1) * sizeof(*c.st.lat));
	if (!c.st.lat) {
		perror("pagemap: latency array");
		return 1;
	}
	c.out = out_path ? fopen(out_path, "w") : stdout;
	if (!c.out) {
		fprintf(stderr, "pagemap: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	setvbuf(c.out, NULL, _IOFBF, 1 << 20);
	fprintf(c.out, "va,pa,pfn,present,swapped,exclusive,file_shared,soft_dirty,zero_page,thp,lat_ns\n");

	ret = batched ? run_batched(&c, fd, &set) : run_per_page(&c, fd, &set);
	if (fclose(c.out) && !ret) {
		perror("pagemap: output");
		ret = 1;
	}
	close(fd);

	qsort(c.st.lat, c.st.pages, sizeof(*c.st.lat), cmp_u64);
	fprintf(stderr, "pagemap summary pid=%" PRIu64 " mode=%s pages=%" PRIu64 " present=%" PRIu64
		" zero=%" PRIu64 " thp=%" PRIu64 " swapped=%" PRIu64 " lat_p50_ns=%" PRIu64
		" lat_p99_ns=%" PRIu64 " lat_max_ns=%" PRIu64 " batches=%" PRIu64
		" batch_ns_total=%" PRIu64 " zero_pfn=0x%" PRIx64 " kpageflags=%d status=%d\n",
		pid, batched ? "batched" : "per-page", c.st.pages, c.st.present, c.st.zero,
		c.st.thp, c.st.swapped, percentile(c.st.lat, c.st.pages, 50),
		percentile(c.st.lat, c.st.pages, 99),
		c.st.pages ? c.st.lat[c.st.pages - 1] : 0, c.st.batches, c.st.batch_ns,
		c.zero_pfn, c.kpf_fd >= 0, ret);
	if (c.kpf_fd >= 0)
		close(c.kpf_fd);
	free(c.st.lat);
	page_set_free(&set);
	return ret;

bad_usage:
	usage(stderr);
	return 2;
}
