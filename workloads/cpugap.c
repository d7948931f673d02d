// SPDX-License-Identifier: GPL-2.0
/*
 * cpugap - how long the CPU was taken away from a runnable task. It spins on
 * CLOCK_MONOTONIC until SIGTERM or SIGINT and reports the longest gap between
 * two consecutive readings. Pinned to the CPU where a kernel walk runs (taskset),
 * that gap is how long the walk went without rescheduling. Output: README.md.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "common.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	uint64_t t0, prev, now, gap, max_gap = 0, samples = 0;

	if (argc > 1) {
		fprintf(stderr, "usage: %s   (until SIGTERM or SIGINT; pin it with taskset)\n", argv[0]);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	t0 = prev = now_ns();
	while (!stop) {
		now = now_ns();
		gap = now - prev;
		if (gap > max_gap)
			max_gap = gap;
		prev = now;
		samples++;
	}
	printf("cpugap max_gap_us=%" PRIu64 " samples=%" PRIu64 " elapsed_ms=%" PRIu64 "\n",
	       max_gap / 1000, samples, (now_ns() - t0) / 1000000);
	return fflush(stdout) ? 1 : 0;
}
