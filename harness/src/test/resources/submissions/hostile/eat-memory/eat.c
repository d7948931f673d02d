/* Asks for 8 GiB and touches every page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t size = (size_t)8 << 30;
	char *p = malloc(size);

	if (!p) {
		perror("eat-memory: malloc of 8 GiB");
		return 1;
	}
	memset(p, 1, size);
	printf("eat-memory: got 8 GiB\n");
	return 0;
}
