// SPDX-License-Identifier: GPL-2.0
/*
 * memalloc - the workload of the page-table assignment.
 *
 *   part 1: allocate --size zeroed bytes in 4 KiB, 2 MiB or one calloc, write
 *           every page, print the chunk list, stay alive for pagemap;
 *   part 2: one malloc of the buffer, then either translate its own pages via
 *           /proc/lkp25p3 (xlate) or run the access pattern of 2.4 with the
 *           lkp25p3 accessed-bit scanner pointed at the buffer (access).
 *
 * Output formats: README.md (the harness parses them).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define GIB (1ULL << 30)
#define MIB (1ULL << 20)
#define PROC_PATH "/proc/lkp25p3"
#define MAX_BATCH 200	/* 200 VAs of up to 19 bytes stay under the 4 KiB write limit */

enum thp_choice { THP_DEFAULT, THP_NEVER, THP_ALWAYS };
static const char *const thp_names[] = { "default", "never", "always" };

struct opts {
	const char *scheme;		/* part 1: 4k, 2m or whole */
	const char *part2;		/* xlate or access */
	const char *out_path;
	const char *proc_path;
	const char *write_lat_path;	/* xlate: one row per timed write() */
	uint64_t size;
	enum thp_choice thp;
	bool size_set, thp_set, hold;
	uint64_t pages;			/* xlate: 0 = all */
	unsigned int batch;
	unsigned int duration_s;
	uint64_t hot, warm_start, warm_end;
	unsigned int warm_period_us, scan_period_ms, report_ms;
	unsigned int flush_ms;		/* access: flush the process's TLB this often (0: never) */
};

static volatile sig_atomic_t stop_requested;
static volatile uint64_t read_sink;	/* keeps the sums of read_pages() alive */

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* No SA_RESTART: a blocking fgets() or clock_nanosleep() returns with EINTR. */
static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: memalloc --scheme 4k|2m|whole [--size BYTES] [--thp default|never|always] [--out FILE]\n"
		"       memalloc --part2 xlate [--size 1G] [--pages N] [--batch 64] [--hold] [--thp CHOICE]\n"
		"                [--proc /proc/lkp25p3] [--out FILE] [--write-lat FILE]\n"
		"       memalloc --part2 access [--size 1G] [--duration 120] [--hot 256M] [--warm-start 256M]\n"
		"                [--warm-end 512M] [--warm-period-us 1000] [--scan-period-ms 100] [--report-ms 1000]\n"
		"                [--thp never] [--proc /proc/lkp25p3] [--out FILE] [--flush-ms N]\n"
		"       memalloc   (no arguments: --part2 access with every default, the assignment's 2.4)\n"
		"Sizes take K/M/G suffixes (powers of 1024). Part 1 and xlate --hold print \"ready\" and\n"
		"wait for EOF or a line \"exit\" on stdin, or SIGTERM/SIGINT. See README.md.\n");
}

static int parse_uint(const char *s, unsigned int *out)
{
	uint64_t v;

	if (parse_u64(s, &v) || v > 0xffffffffULL)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	enum { O_SCHEME = 256, O_PART2, O_SIZE, O_THP, O_OUT, O_PROC, O_PAGES,
	       O_BATCH, O_HOLD, O_DURATION, O_HOT, O_WSTART, O_WEND, O_WPERIOD,
	       O_SPERIOD, O_REPORT, O_WLAT, O_FLUSH, O_HELP };
	static const struct option longopts[] = {
		{ "scheme", required_argument, NULL, O_SCHEME },
		{ "part2", required_argument, NULL, O_PART2 },
		{ "size", required_argument, NULL, O_SIZE },
		{ "thp", required_argument, NULL, O_THP },
		{ "out", required_argument, NULL, O_OUT },
		{ "proc", required_argument, NULL, O_PROC },
		{ "pages", required_argument, NULL, O_PAGES },
		{ "batch", required_argument, NULL, O_BATCH },
		{ "hold", no_argument, NULL, O_HOLD },
		{ "duration", required_argument, NULL, O_DURATION },
		{ "hot", required_argument, NULL, O_HOT },
		{ "warm-start", required_argument, NULL, O_WSTART },
		{ "warm-end", required_argument, NULL, O_WEND },
		{ "warm-period-us", required_argument, NULL, O_WPERIOD },
		{ "scan-period-ms", required_argument, NULL, O_SPERIOD },
		{ "report-ms", required_argument, NULL, O_REPORT },
		{ "write-lat", required_argument, NULL, O_WLAT },
		{ "flush-ms", required_argument, NULL, O_FLUSH },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c, bad = 0;

	memset(o, 0, sizeof(*o));
	o->proc_path = PROC_PATH;
	o->batch = 64;
	o->duration_s = 120;
	o->hot = 256 * MIB;
	o->warm_start = 256 * MIB;
	o->warm_end = 512 * MIB;
	o->warm_period_us = 1000;
	o->scan_period_ms = 100;
	o->report_ms = 1000;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_SCHEME:
			o->scheme = optarg;
			bad |= strcmp(optarg, "4k") && strcmp(optarg, "2m") &&
			       strcmp(optarg, "whole");
			break;
		case O_PART2:
			o->part2 = optarg;
			bad |= strcmp(optarg, "xlate") && strcmp(optarg, "access");
			break;
		case O_SIZE:
			bad |= parse_size(optarg, &o->size) || !o->size;
			o->size_set = true;
			break;
		case O_THP:
			o->thp_set = true;
			if (!strcmp(optarg, "default"))
				o->thp = THP_DEFAULT;
			else if (!strcmp(optarg, "never"))
				o->thp = THP_NEVER;
			else if (!strcmp(optarg, "always"))
				o->thp = THP_ALWAYS;
			else
				bad = 1;
			break;
		case O_OUT:
			o->out_path = optarg;
			break;
		case O_PROC:
			o->proc_path = optarg;
			break;
		case O_WLAT:
			o->write_lat_path = optarg;
			break;
		case O_PAGES:
			bad |= parse_u64(optarg, &o->pages);
			break;
		case O_BATCH:
			bad |= parse_uint(optarg, &o->batch) || !o->batch ||
			       o->batch > MAX_BATCH;
			break;
		case O_HOLD:
			o->hold = true;
			break;
		case O_DURATION:
			bad |= parse_uint(optarg, &o->duration_s);
			break;
		case O_HOT:
			bad |= parse_size(optarg, &o->hot);
			break;
		case O_WSTART:
			bad |= parse_size(optarg, &o->warm_start);
			break;
		case O_WEND:
			bad |= parse_size(optarg, &o->warm_end);
			break;
		case O_WPERIOD:
			bad |= parse_uint(optarg, &o->warm_period_us) ||
			       !o->warm_period_us;
			break;
		case O_SPERIOD:
			bad |= parse_uint(optarg, &o->scan_period_ms);
			break;
		case O_REPORT:
			bad |= parse_uint(optarg, &o->report_ms);
			break;
		case O_FLUSH:
			bad |= parse_uint(optarg, &o->flush_ms);
			break;
		case O_HELP:
			usage(stdout);
			exit(0);
		default:
			bad = 1;
		}
	}
	if (argc == 1)
		o->part2 = "access";	/* as the assignment runs it: 1 GiB, 2 minutes */
	if (optind < argc || !!o->scheme == !!o->part2)
		bad = 1;
	if (!o->size_set)
		o->size = o->scheme ? 2 * GIB : GIB;
	if (!o->thp_set && o->part2 && !strcmp(o->part2, "access"))
		o->thp = THP_NEVER;	/* a true 4 KiB heatmap needs 4 KiB PTEs */
	return bad ? -1 : 0;
}

/*
 * PR_SET_THP_DISABLE acts before any allocation, which matters for the 4k
 * scheme: malloc writes each chunk's header while allocating, so its heap
 * pages are faulted in before any madvise() could reach them.
 */
static void thp_prepare(enum thp_choice thp)
{
	if (thp == THP_NEVER && prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0))
		fprintf(stderr, "memalloc: PR_SET_THP_DISABLE: %s\n", strerror(errno));
}

/* madvise() each merged, page-aligned extent of @set; returns failures. */
static unsigned int thp_apply(const struct page_set *set, enum thp_choice thp)
{
	int advice = thp == THP_NEVER ? MADV_NOHUGEPAGE : MADV_HUGEPAGE;
	unsigned int failures = 0;
	size_t i;

	if (thp == THP_DEFAULT)
		return 0;
	for (i = 0; i < set->n; i++) {
		void *p = (void *)(uintptr_t)(set->spans[i].first << PAGE_SHIFT);
		size_t len = (set->spans[i].end - set->spans[i].first) << PAGE_SHIFT;

		if (madvise(p, len, advice)) {
			fprintf(stderr, "memalloc: madvise(%p, %zu, %s): %s\n", p, len,
				thp_names[thp], strerror(errno));
			failures++;
		}
	}
	return failures;
}

/* The bracketed choice in /sys/kernel/mm/transparent_hugepage/enabled. */
static void thp_sys(char *buf, size_t len)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128], *l, *r;

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		l = strchr(line, '[');
		r = l ? strchr(l, ']') : NULL;
		if (r) {
			*r = '\0';
			snprintf(buf, len, "%s", l + 1);
		}
	}
	fclose(f);
}

/* AnonHugePages of this process in KiB, from smaps_rollup; -1 if unknown. */
static long anon_huge_kb(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * Write one byte in every page overlapping [p, p + len). calloc() of fresh
 * mmap memory does not write it, and a first read would map the shared zero
 * page (one frame for every VA): each page needs its own frame before it is
 * translated. The store is volatile and of zero, so the buffer stays zeroed
 * and the compiler cannot drop the store as redundant on calloc'd memory.
 */
static void touch_pages(char *p, size_t len)
{
	uintptr_t a = (uintptr_t)p, end = a + len;
	uintptr_t pg = (a & ~(uintptr_t)(PAGE_SIZE - 1)) + PAGE_SIZE;

	*(volatile char *)p = 0;
	for (; pg < end; pg += PAGE_SIZE)
		*(volatile char *)pg = 0;
}

/* Read one word of every page p + k * 4 KiB inside [p, p + len). */
static void read_pages(const char *p, size_t len)
{
	uint64_t sum = 0;
	size_t off;

	for (off = 0; off < len; off += PAGE_SIZE)
		sum += *(const volatile uint64_t *)(p + off);
	read_sink = sum;
}

static FILE *open_out(const struct opts *o)
{
	FILE *f;

	if (!o->out_path)
		return stdout;
	f = fopen(o->out_path, "w");
	if (!f)
		fprintf(stderr, "memalloc: %s: %s\n", o->out_path, strerror(errno));
	return f;
}

/* Everything is in @out; with --out a file the "ready" line also goes to stdout. */
static int finish_out(FILE *out, bool ready)
{
	int ret = 0;

	if (ready)
		fprintf(out, "ready\n");
	if (out != stdout) {
		if (fclose(out)) {
			perror("memalloc: close output");
			ret = -1;
		}
		if (ready)
			printf("ready\n");
	}
	fflush(stdout);
	return ret;
}

static void wait_for_exit(void)
{
	char line[128];

	while (!stop_requested) {
		if (!fgets(line, sizeof(line), stdin)) {
			if (ferror(stdin) && errno == EINTR) {
				clearerr(stdin);
				continue;
			}
			return;		/* EOF */
		}
		if (!strcmp(line, "exit\n") || !strcmp(line, "exit"))
			return;
	}
}

/* ---- part 1 ------------------------------------------------------------- */

static int run_scheme(const struct opts *o)
{
	size_t chunk = !strcmp(o->scheme, "4k") ? PAGE_SIZE :
		       !strcmp(o->scheme, "2m") ? 2 * MIB : o->size;
	struct page_set extents = { 0 };
	uint64_t t0, alloc_ns, touch_ns;
	unsigned int madvise_failures;
	size_t n, i;
	char sys[32];
	void **chunks;
	FILE *out;

	if (o->size % chunk) {
		fprintf(stderr, "memalloc: --size must be a multiple of %zu\n", chunk);
		return 2;
	}
	n = o->size / chunk;
	thp_prepare(o->thp);
	chunks = malloc(n * sizeof(*chunks));
	if (!chunks) {
		perror("memalloc: chunk table");
		return 1;
	}

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		chunks[i] = calloc(1, chunk);
		if (!chunks[i]) {
			fprintf(stderr, "memalloc: calloc #%zu of %zu bytes failed\n", i, chunk);
			return 1;
		}
	}
	alloc_ns = now_ns() - t0;

	for (i = 0; i < n; i++)
		if (page_set_add(&extents, (uintptr_t)chunks[i], chunk)) {
			perror("memalloc: extents");
			return 1;
		}
	page_set_normalize(&extents);
	madvise_failures = thp_apply(&extents, o->thp);

	t0 = now_ns();
	for (i = 0; i < n; i++)
		touch_pages(chunks[i], chunk);
	touch_ns = now_ns() - t0;

	out = open_out(o);
	if (!out)
		return 1;
	thp_sys(sys, sizeof(sys));
	fprintf(out, "memalloc pid=%d scheme=%s size=%" PRIu64 " thp=%s chunks=%zu alloc_ns=%" PRIu64
		" touch_ns=%" PRIu64 " thp_sys=%s anon_huge_kb=%ld madvise_failures=%u\n",
		(int)getpid(), o->scheme, o->size, thp_names[o->thp], n, alloc_ns,
		touch_ns, sys, anon_huge_kb(), madvise_failures);
	for (i = 0; i < n; i++)
		fprintf(out, "chunk 0x%" PRIxPTR " %zu\n", (uintptr_t)chunks[i], chunk);
	if (finish_out(out, true))
		return 1;

	wait_for_exit();
	for (i = 0; i < n; i++)
		free(chunks[i]);
	free(chunks);
	page_set_free(&extents);
	return 0;
}

/* ---- part 2 ------------------------------------------------------------- */

/* One buffer, THP choice applied before the first write, every page written. */
static char *part2_buffer(const struct opts *o)
{
	struct page_set ext = { 0 };
	char *buf;

	thp_prepare(o->thp);
	buf = malloc(o->size);
	if (!buf) {
		fprintf(stderr, "memalloc: malloc(%" PRIu64 ") failed\n", o->size);
		return NULL;
	}
	if (!page_set_add(&ext, (uintptr_t)buf, o->size))
		thp_apply(&ext, o->thp);
	page_set_free(&ext);
	touch_pages(buf, o->size);
	return buf;
}

static int write_proc(int fd, const char *s, size_t len)
{
	ssize_t w = write(fd, s, len);

	if (w < 0)
		return -errno;
	return (size_t)w == len ? 0 : -EIO;
}

static int write_vas(int fd, const uint64_t *vas, size_t n)
{
	char buf[MAX_BATCH * 20 + 2];
	size_t len = 0, i;

	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s0x%" PRIx64,
					i ? " " : "", vas[i]);
	buf[len++] = '\n';
	return write_proc(fd, buf, len);
}

/*
 * A write runs in the writer's mm, so the module translates our own pages.
 * With --write-lat every write() is timed exactly as pagemap times its
 * pread(): now_ns() (CLOCK_MONOTONIC) right before and after the call, so
 * with --batch 1 the two tools' syscalls compare one VA against one entry.
 */
static int run_xlate(const struct opts *o)
{
	uint64_t first, total, n, done = 0, written = 0, errors = 0, vas[MAX_BATCH];
	uint64_t t0, t1;
	char *buf = part2_buffer(o);
	FILE *out, *wlat = NULL;
	size_t k, i;
	int fd, err;

	if (!buf)
		return 1;
	first = (uintptr_t)buf >> PAGE_SHIFT;
	total = (((uintptr_t)buf + o->size - 1) >> PAGE_SHIFT) - first + 1;
	n = o->pages && o->pages < total ? o->pages : total;
	fd = open(o->proc_path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "memalloc: %s: %s\n", o->proc_path, strerror(errno));
		return 1;
	}
	if (o->write_lat_path) {
		wlat = fopen(o->write_lat_path, "w");
		if (!wlat) {
			fprintf(stderr, "memalloc: %s: %s\n", o->write_lat_path, strerror(errno));
			close(fd);
			return 1;
		}
		setvbuf(wlat, NULL, _IOFBF, 1 << 20);
		fprintf(wlat, "va,vas,lat_ns\n");
	}

	while (done < n && !stop_requested) {
		k = n - done < o->batch ? n - done : o->batch;
		for (i = 0; i < k; i++)
			vas[i] = (first + done + i) << PAGE_SHIFT;
		t0 = now_ns();
		err = write_vas(fd, vas, k);
		t1 = now_ns();
		if (!err) {
			written += k;
			if (wlat)
				fprintf(wlat, "0x%" PRIx64 ",%zu,%" PRIu64 "\n", vas[0], k, t1 - t0);
		} else {
			/* Find out which VAs the module refuses, one by one. */
			for (i = 0; i < k; i++) {
				err = write_vas(fd, &vas[i], 1);
				if (!err) {
					written++;
					continue;
				}
				errors++;
				fprintf(stderr, "memalloc: xlate error errno=%d (%s) va=0x%" PRIx64 "\n",
					-err, strerror(-err), vas[i]);
			}
		}
		done += k;
	}
	close(fd);
	if (wlat && fclose(wlat)) {
		fprintf(stderr, "memalloc: %s: %s\n", o->write_lat_path, strerror(errno));
		return 1;
	}

	out = open_out(o);
	if (!out)
		return 1;
	fprintf(out, "chunk 0x%" PRIxPTR " %" PRIu64 "\n", (uintptr_t)buf, o->size);
	fprintf(out, "xlate pid=%d base=0x%" PRIxPTR " pages=%" PRIu64 " written=%" PRIu64 " errors=%" PRIu64
		" thp=%s anon_huge_kb=%ld\n", (int)getpid(), (uintptr_t)buf, n, written, errors,
		thp_names[o->thp], anon_huge_kb());
	if (finish_out(out, o->hold))
		return 1;
	if (o->hold)
		wait_for_exit();
	free(buf);
	return errors ? 1 : 0;
}

struct access_ctx {
	const char *buf;
	const struct opts *o;
	atomic_bool stop;
	atomic_uint_fast64_t hot_passes, warm_passes, warm_late;
	char *scratch;			/* --flush-ms: FLUSH_SCRATCH bytes, populated */
	atomic_uint_fast64_t flushes, flush_errors;
	atomic_int flush_errno;
};

/*
 * 256 pages: more than x86's tlb_single_page_flush_ceiling (33), so each mprotect() of it flushes
 * the whole TLB of the process on every CPU that runs it, not page by page.
 */
#define FLUSH_SCRATCH (256 * PAGE_SIZE)

static void *hot_reader(void *arg)
{
	struct access_ctx *c = arg;

	while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) {
		read_pages(c->buf, c->o->hot);
		atomic_fetch_add_explicit(&c->hot_passes, 1, memory_order_relaxed);
	}
	return NULL;
}

static void ts_add_ns(struct timespec *ts, uint64_t ns)
{
	ns += (uint64_t)ts->tv_nsec;
	ts->tv_sec += (time_t)(ns / 1000000000ULL);
	ts->tv_nsec = (long)(ns % 1000000000ULL);
}

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ULL + (uint64_t)ts->tv_nsec;
}

/* Sleeps to the absolute deadline t; a signal ends the sleep early only once the run is stopping. */
static void sleep_until(struct access_ctx *c, const struct timespec *t)
{
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, t, NULL) == EINTR &&
	       !atomic_load_explicit(&c->stop, memory_order_relaxed))
		;
}

/*
 * --flush-ms: every period, write-protect a populated scratch mapping and make it writable again.
 * The first mprotect() changes 256 present PTEs, so the kernel flushes the process's TLB on every CPU
 * that runs it, as a hardware TLB far smaller than the buffer evicts its entries. Used only in the
 * DAMON phase: DAMON clears accessed bits without a flush, and under TCG QEMU's software TLB would keep
 * the readers' translations, so that their later reads set no accessed bit at all.
 */
static void *tlb_flusher(void *arg)
{
	struct access_ctx *c = arg;
	uint64_t period = (uint64_t)c->o->flush_ms * 1000000ULL;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) {
		if (mprotect(c->scratch, FLUSH_SCRATCH, PROT_READ) ||
		    mprotect(c->scratch, FLUSH_SCRATCH, PROT_READ | PROT_WRITE)) {
			atomic_store(&c->flush_errno, errno);
			atomic_fetch_add_explicit(&c->flush_errors, 1, memory_order_relaxed);
		} else {
			atomic_fetch_add_explicit(&c->flushes, 1, memory_order_relaxed);
		}
		ts_add_ns(&next, period);
		sleep_until(c, &next);
	}
	return NULL;
}

/* One pass over the warm range per period, on absolute deadlines. */
static void *warm_reader(void *arg)
{
	struct access_ctx *c = arg;
	uint64_t period = (uint64_t)c->o->warm_period_us * 1000ULL, now;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) {
		read_pages(c->buf + c->o->warm_start, c->o->warm_end - c->o->warm_start);
		atomic_fetch_add_explicit(&c->warm_passes, 1, memory_order_relaxed);
		ts_add_ns(&next, period);
		now = now_ns();
		if (now >= ts_ns(&next)) {
			/* The pass overran: skip the missed deadlines, do not burst. */
			atomic_fetch_add_explicit(&c->warm_late, 1, memory_order_relaxed);
			ts_add_ns(&next, ((now - ts_ns(&next)) / period + 1) * period);
		}
		sleep_until(c, &next);
	}
	return NULL;
}

static int run_access(const struct opts *o)
{
	struct access_ctx c = { .o = o };
	pthread_t hot, warm, flusher;
	struct timespec deadline;
	uint64_t start, elapsed;
	unsigned int t = 0;
	char cmd[256];
	int fd, err, stop_err;
	FILE *out;
	char *buf;

	if (o->hot > o->size || o->warm_start >= o->warm_end || o->warm_end > o->size ||
	    !o->scan_period_ms || o->report_ms < o->scan_period_ms) {
		fprintf(stderr, "memalloc: need hot <= size, warm-start < warm-end <= size, "
			"0 < scan-period-ms <= report-ms\n");
		return 2;
	}
	buf = part2_buffer(o);
	if (!buf)
		return 1;
	c.buf = buf;
	if (o->flush_ms) {
		c.scratch = mmap(NULL, FLUSH_SCRATCH, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (c.scratch == MAP_FAILED) {
			fprintf(stderr, "memalloc: mmap of the flush scratch: %s\n", strerror(errno));
			return 1;
		}
		touch_pages(c.scratch, FLUSH_SCRATCH);
	}
	out = open_out(o);
	if (!out)
		return 1;
	fd = open(o->proc_path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "memalloc: %s: %s\n", o->proc_path, strerror(errno));
		return 1;
	}
	snprintf(cmd, sizeof(cmd), "scan start pid=%d addr=0x%" PRIxPTR " len=%" PRIu64
		 " period_ms=%u report_ms=%u\n", (int)getpid(), (uintptr_t)buf, o->size,
		 o->scan_period_ms, o->report_ms);
	err = write_proc(fd, cmd, strlen(cmd));
	if (err) {
		fprintf(stderr, "memalloc: scan start: errno=%d (%s)\n", -err, strerror(-err));
		return 1;
	}

	fprintf(out, "chunk 0x%" PRIxPTR " %" PRIu64 "\n", (uintptr_t)buf, o->size);
	fprintf(out, "access pid=%d base=0x%" PRIxPTR " size=%" PRIu64 " hot=%" PRIu64 " warm_start=%" PRIu64
		" warm_end=%" PRIu64 " warm_period_us=%u duration_s=%u scan_period_ms=%u"
		" report_ms=%u thp=%s anon_huge_kb=%ld\n", (int)getpid(), (uintptr_t)buf, o->size,
		o->hot, o->warm_start, o->warm_end, o->warm_period_us, o->duration_s,
		o->scan_period_ms, o->report_ms, thp_names[o->thp], anon_huge_kb());
	fflush(out);

	start = now_ns();
	if (pthread_create(&hot, NULL, hot_reader, &c) ||
	    pthread_create(&warm, NULL, warm_reader, &c) ||
	    (o->flush_ms && pthread_create(&flusher, NULL, tlb_flusher, &c))) {
		fprintf(stderr, "memalloc: pthread_create failed\n");
		atomic_store(&c.stop, true);
		write_proc(fd, "scan stop\n", 10);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	while (t < o->duration_s && !stop_requested) {
		ts_add_ns(&deadline, 1000000000ULL);
		if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL))
			continue;	/* EINTR: recheck stop_requested, same deadline */
		t++;
		fprintf(out, "access t=%u hot_passes=%" PRIuFAST64 " warm_passes=%" PRIuFAST64 "\n",
			t, atomic_load(&c.hot_passes), atomic_load(&c.warm_passes));
		fflush(out);
	}
	atomic_store(&c.stop, true);
	pthread_join(hot, NULL);
	pthread_join(warm, NULL);
	if (o->flush_ms)
		pthread_join(flusher, NULL);
	elapsed = now_ns() - start;
	stop_err = write_proc(fd, "scan stop\n", 10);
	close(fd);

	fprintf(out, "access_done pid=%d completed=%d scan_stop_errno=%d elapsed_ms=%" PRIu64 " hot_passes=%" PRIuFAST64
		" warm_passes=%" PRIuFAST64 " warm_late=%" PRIuFAST64 " hot_pages=%" PRIu64
		" warm_pages=%" PRIu64 "\n", (int)getpid(), t == o->duration_s, -stop_err,
		elapsed / 1000000, atomic_load(&c.hot_passes), atomic_load(&c.warm_passes),
		atomic_load(&c.warm_late), (o->hot + PAGE_SIZE - 1) >> PAGE_SHIFT,
		(o->warm_end - o->warm_start + PAGE_SIZE - 1) >> PAGE_SHIFT);
	if (o->flush_ms)
		fprintf(out, "access_flush flush_ms=%u flushes=%" PRIuFAST64 " errors=%" PRIuFAST64 " errno=%d\n",
			o->flush_ms, atomic_load(&c.flushes), atomic_load(&c.flush_errors),
			atomic_load(&c.flush_errno));
	if (finish_out(out, false))
		return 1;
	free(buf);
	return stop_err ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct opts o;

	if (parse_opts(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	install_signals();
	if (o.scheme)
		return run_scheme(&o);
	if (!strcmp(o.part2, "xlate"))
		return run_xlate(&o);
	return run_access(&o);
}
