// SPDX-License-Identifier: GPL-2.0
/*
 * kmsgcat: copies /dev/kmsg records to stdout, one per line, from the oldest record the kernel
 * still holds, and keeps following. Unlike cat, it survives EPIPE (records overwritten before
 * they were read): the next read continues at the oldest record left, and the gap in sequence
 * numbers tells the harness how many were lost. Stops on SIGTERM or when stdout closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	/* one record is at most ~8 KiB (LOG_LINE_MAX plus dictionary) */
	static char buf[16384];
	int fd = open("/dev/kmsg", O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "kmsgcat: open /dev/kmsg: %s\n", strerror(errno));
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		if (n < 0) {
			if (errno == EPIPE) {
				fprintf(stderr, "kmsgcat: records were overwritten before they were read\n");
				continue;
			}
			if (errno == EINTR)
				continue;
			fprintf(stderr, "kmsgcat: read /dev/kmsg: %s\n", strerror(errno));
			return 2;
		}
		if (n == 0)
			continue;
		/* each read returns exactly one record ending in '\n' */
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			return 0;
	}
}
