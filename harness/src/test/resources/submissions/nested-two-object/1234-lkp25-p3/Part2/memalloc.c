#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BUF_SIZE (1UL << 30)
static char *buffer;

static void *hot(void *arg)
{
	for (;;)
		for (unsigned long i = 0; i < (256UL << 20); i += 4096)
			(void)*(volatile char *)(buffer + i);
	return arg;
}

int main(void)
{
	pthread_t t;

	buffer = malloc(BUF_SIZE);
	printf("Buffer: %p, press ENTER when the module is loaded\n", buffer);
	getchar();
	pthread_create(&t, NULL, hot, NULL);
	for (int s = 0; s < 120 * 1000; s++) {
		for (unsigned long i = 256UL << 20; i < (512UL << 20); i += 4096)
			(void)*(volatile char *)(buffer + i);
		usleep(1000);
	}
	return 0;
}
