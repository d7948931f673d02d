#include <stdlib.h>
#include "alloc_util.h"

void **alloc_chunks(size_t total, size_t chunk, size_t *count)
{
	size_t n = total / chunk, i;
	void **v = calloc(n, sizeof(void *));

	for (i = 0; v && i < n; i++)
		v[i] = calloc(1, chunk);
	*count = n;
	return v;
}
