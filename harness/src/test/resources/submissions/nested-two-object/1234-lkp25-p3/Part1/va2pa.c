#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/time.h>

/* Reads the pagemap of another process and writes "VA,PA,latency_us" lines. */
int main(int argc, char **argv)
{
	char path[256];
	uint64_t e;
	unsigned long va;
	struct timeval a, b;
	int fd;

	sprintf(path, "/proc/%d/pagemap", atoi(argv[1]));
	fd = open(path, O_RDONLY);
	printf("VA,PA,latency_us\n");
	for (va = strtoul(argv[2], 0, 0); va < strtoul(argv[3], 0, 0); va += 4096) {
		gettimeofday(&a, NULL);
		pread(fd, &e, 8, (va >> 12) << 3);
		gettimeofday(&b, NULL);
		printf("0x%lx,0x%lx,%ld\n", va, (unsigned long)(e & ((1UL << 55) - 1)) << 12,
		       (b.tv_sec - a.tv_sec) * 1000000 + b.tv_usec - a.tv_usec);
	}
	return 0;
}
