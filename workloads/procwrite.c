// SPDX-License-Identifier: GPL-2.0
/*
 * procwrite - one open() and at most one write() or read(), with the outcome
 * printed as a single word: "ok" or the errno's symbolic name (EINVAL, ...).
 * The shell cannot report the errno of a failed write reliably (dash prints a
 * strerror text, and not for every builtin), so the hostile-input tests
 * (scripts/hostile.sh) use this to check each rejected write's errno.
 *
 *   procwrite FILE DATA          write DATA (may be empty) in one write(2)
 *   procwrite -n N FILE DATA     write DATA repeated N times in one write(2)
 *   procwrite -r FILE            open read-only and read(2) up to 4 KiB once
 *   procwrite -o FILE            open read-only, nothing else
 *
 * DATA is written byte for byte (no newline added); "\n" in DATA stays two
 * characters, so pass real newlines with $(printf ...) or a quoted string.
 * Exit status 0 when the outcome is "ok", 1 when an errno is printed, 2 on
 * usage errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* strerrorname_np() needs glibc 2.32; bullseye has 2.31. */
static const char *errno_name(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case ENOTTY: return "ENOTTY";
	case ENOSYS: return "ENOSYS";
	case EOVERFLOW: return "EOVERFLOW";
	default:
		snprintf(buf, sizeof(buf), "E%d", e);
		return buf;
	}
}

static int outcome(int err)
{
	puts(err ? errno_name(err) : "ok");
	return err ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: procwrite [-n N] FILE DATA | procwrite -r FILE | procwrite -o FILE\n");
}

int main(int argc, char **argv)
{
	uint64_t repeat = 1;
	size_t dlen, len, i;
	char mode = 'w', *buf;
	ssize_t r;
	int opt, fd;

	while ((opt = getopt(argc, argv, "+n:ro")) != -1) {
		switch (opt) {
		case 'n':
			if (parse_u64(optarg, &repeat) || !repeat || repeat > (1 << 20)) {
				usage();
				return 2;
			}
			break;
		case 'r':
		case 'o':
			mode = (char)opt;
			break;
		default:
			usage();
			return 2;
		}
	}
	if (argc - optind != (mode == 'w' ? 2 : 1)) {
		usage();
		return 2;
	}

	fd = open(argv[optind], mode == 'w' ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return outcome(errno);
	if (mode == 'o') {
		close(fd);
		return outcome(0);
	}
	if (mode == 'r') {
		char rbuf[4096];

		r = read(fd, rbuf, sizeof(rbuf));
		close(fd);
		return outcome(r < 0 ? errno : 0);
	}

	dlen = strlen(argv[optind + 1]);
	len = dlen * repeat;
	buf = malloc(len ? len : 1);
	if (!buf) {
		perror("procwrite: malloc");
		return 2;
	}
	for (i = 0; i < repeat; i++)
		memcpy(buf + i * dlen, argv[optind + 1], dlen);
	r = write(fd, buf, len);
	free(buf);
	close(fd);
	if (r < 0)
		return outcome(errno);
	if ((size_t)r != len) {
		printf("short:%zd/%zu\n", r, len);
		return 1;
	}
	return outcome(0);
}
