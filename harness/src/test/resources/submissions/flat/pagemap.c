#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* usage: sudo ./pagemap <pid> <start-va> <npages> > out.csv */
static long long ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	char file[64];
	int pid, fd;
	unsigned long va, n, i;
	uint64_t pme;
	long long t;

	if (argc != 4) {
		fprintf(stderr, "usage: %s pid start npages\n", argv[0]);
		return 2;
	}
	pid = atoi(argv[1]);
	va = strtoul(argv[2], NULL, 0);
	n = strtoul(argv[3], NULL, 0);
	snprintf(file, sizeof(file), "/proc/%d/pagemap", pid);
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
		return 1;
	}
	printf("va,pa,ns\n");
	for (i = 0; i < n; i++, va += 4096) {
		t = ns();
		if (pread(fd, &pme, sizeof(pme), (va >> 12) * sizeof(pme)) != sizeof(pme))
			break;
		t = ns() - t;
		if (pme >> 63)
			printf("0x%lx,0x%llx,%lld\n", va, (unsigned long long)(pme & 0x7fffffffffffffULL) << 12, t);
		else
			printf("0x%lx,,%lld\n", va, t);
	}
	close(fd);
	return 0;
}
