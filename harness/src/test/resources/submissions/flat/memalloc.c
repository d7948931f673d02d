#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#define ONE_GB (1024UL * 1024 * 1024)
#define HOT (256UL * 1024 * 1024)

static double now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return tv.tv_sec + tv.tv_usec / 1e6;
}

int main(void)
{
	char *buf = mmap(NULL, ONE_GB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double start, last_warm = 0;
	unsigned long off;
	volatile char sink;

	if (buf == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	memset(buf, 1, ONE_GB);
	printf("buf=%p pid=%d\n", buf, getpid());
	fflush(stdout);
	start = now();
	while (now() - start < 120) {
		for (off = 0; off < HOT; off += 4096)
			sink = buf[off];
		if (now() - last_warm >= 0.001) {
			for (off = HOT; off < 2 * HOT; off += 4096)
				sink = buf[off];
			last_warm = now();
		}
	}
	(void)sink;
	return 0;
}
