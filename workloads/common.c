// SPDX-License-Identifier: GPL-2.0
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	default:
		return -1;
	}
	if (shift) {
		end++;
		/* Accept "M", "MB" and "MiB". */
		if (*end == 'i')
			end++;
		if (*end == 'B' || *end == 'b')
			end++;
		if (*end)
			return -1;
		if (v > (UINT64_MAX >> shift))
			return -1;
	}
	*out = (uint64_t)v << shift;
	return 0;
}

int page_set_add(struct page_set *set, uint64_t va, uint64_t len)
{
	struct page_span *spans;

	if (!len || va + len < va)
		return -1;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		spans = realloc(set->spans, set->cap * sizeof(*spans));
		if (!spans)
			return -1;
		set->spans = spans;
	}
	set->spans[set->n].first = va >> PAGE_SHIFT;
	set->spans[set->n].end = ((va + len - 1) >> PAGE_SHIFT) + 1;
	set->n++;
	return 0;
}

long page_set_add_chunks(struct page_set *set, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	long chunks = 0;
	uint64_t va, len;
	char vbuf[64], lbuf[64];

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "chunk ", 6))
			continue;
		if (sscanf(line + 6, "%63s %63s", vbuf, lbuf) != 2 ||
		    parse_u64(vbuf, &va) || parse_u64(lbuf, &len) ||
		    page_set_add(set, va, len)) {
			fprintf(stderr, "%s: bad chunk line: %s", path, line);
			fclose(f);
			return -1;
		}
		chunks++;
	}
	fclose(f);
	return chunks;
}

static int span_cmp(const void *a, const void *b)
{
	const struct page_span *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

void page_set_normalize(struct page_set *set)
{
	size_t i, out = 0;

	if (!set->n)
		return;
	qsort(set->spans, set->n, sizeof(*set->spans), span_cmp);
	for (i = 1; i < set->n; i++) {
		struct page_span *cur = &set->spans[out];

		if (set->spans[i].first <= cur->end) {
			if (set->spans[i].end > cur->end)
				cur->end = set->spans[i].end;
		} else {
			set->spans[++out] = set->spans[i];
		}
	}
	set->n = out + 1;
}

uint64_t page_set_pages(const struct page_set *set)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < set->n; i++)
		n += set->spans[i].end - set->spans[i].first;
	return n;
}

void page_set_free(struct page_set *set)
{
	free(set->spans);
	set->spans = NULL;
	set->n = set->cap = 0;
}

int proc_command(const char *proc, const char *cmd)
{
	int fd = open(proc, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, cmd, strlen(cmd)) < 0)
		err = errno;
	close(fd);
	return err;
}
