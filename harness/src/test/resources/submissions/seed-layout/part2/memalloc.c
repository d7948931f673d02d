#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define GB (1UL << 30)
#define MB (1UL << 20)

int main(void)
{
	volatile char *buf = malloc(GB);
	time_t end = time(NULL) + 120;
	unsigned long i;

	printf("buffer at %p\n", (void *)buf);
	while (time(NULL) < end) {
		for (i = 0; i < 256 * MB; i += 4096)
			(void)buf[i];
		for (i = 256 * MB; i < 512 * MB; i += 4096)
			(void)buf[i];
		usleep(1000);
	}
	return 0;
}
