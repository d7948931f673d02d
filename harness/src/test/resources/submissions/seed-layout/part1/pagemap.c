// based on LeapIO Runtime/pagemap.c
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>

#define PAGE_SIZE 4096
#define PFN_MASK ((1ULL << 55) - 1)

int main(int argc, char **argv)
{
	char path[64];
	unsigned long start, end, va;
	uint64_t entry;
	struct timespec t0, t1;
	FILE *log = fopen("va2pa.log", "w");
	int fd;

	if (argc < 4) {
		fprintf(stderr, "usage: %s PID START END\n", argv[0]);
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	start = strtoul(argv[2], NULL, 16);
	end = strtoul(argv[3], NULL, 16);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (va = start; va < end; va += PAGE_SIZE) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pread(fd, &entry, sizeof(entry), va / PAGE_SIZE * 8);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(log, "0x%lx 0x%llx %ld\n", va,
			(unsigned long long)((entry & PFN_MASK) * PAGE_SIZE),
			(t1.tv_nsec - t0.tv_nsec) / 1000);
	}
	fclose(log);
	return 0;
}
