#ifndef ALLOC_UTIL_H
#define ALLOC_UTIL_H
#include <stddef.h>

void **alloc_chunks(size_t total, size_t chunk, size_t *count);
#endif
