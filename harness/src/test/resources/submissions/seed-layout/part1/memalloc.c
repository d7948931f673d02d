#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SZ_4K (4UL * 1024)
#define SZ_2M (2UL * 1024 * 1024)
#define SZ_2G (2UL * 1024 * 1024 * 1024)

int main(int argc, char *argv[])
{
	int mode = argc > 1 ? atoi(argv[1]) : 0;
	unsigned long chunk = mode == 0 ? SZ_4K : mode == 1 ? SZ_2M : SZ_2G;
	unsigned long n = SZ_2G / chunk, i;
	char **bufs = malloc(n * sizeof(char *));

	for (i = 0; i < n; i++) {
		bufs[i] = calloc(1, chunk);
		if (!bufs[i]) {
			perror("calloc");
			return 1;
		}
	}
	printf("pid %d allocated %lu chunks of %lu bytes, first at %p\n", getpid(), n, chunk, bufs[0]);
	printf("press ENTER to exit\n");
	getchar();
	return 0;
}
