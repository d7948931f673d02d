#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	char *p = malloc(512UL << 20);

	for (unsigned long i = 0; i < (512UL << 20); i += 4096)
		p[i] = 1;
	printf("pid %d\n", getpid());
	sleep(600);
	return 0;
}
