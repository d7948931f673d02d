#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alloc_util.h"

int main(int argc, char **argv)
{
	size_t chunk = 4096, n;
	void **v;

	if (argc > 1 && !strcmp(argv[1], "2m"))
		chunk = 2 << 20;
	else if (argc > 1 && !strcmp(argv[1], "2g"))
		chunk = 2UL << 30;
	v = alloc_chunks(2UL << 30, chunk, &n);
	if (!v)
		return 1;
	void *one = calloc(1, 16);
	printf("%zu chunks, first %p (%p)\n", n, v[0], one);
	return 0;
}
