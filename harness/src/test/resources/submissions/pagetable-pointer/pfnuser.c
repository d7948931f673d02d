#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "pfn_ioctl.h"

static void query(int fd, unsigned long vpn)
{
	unsigned long x = vpn;

	if (ioctl(fd, PFN_IOC_GET, &x) < 0) {
		perror("ioctl");
		return;
	}
	printf("vpn=0x%lx pfn=0x%lx\n", vpn, x);
}

int main(int argc, char **argv)
{
	char line[64];
	int fd = open(PFN_DEVICE_FILE, O_RDWR);

	if (fd < 0) {
		perror(PFN_DEVICE_FILE);
		return 1;
	}
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			query(fd, strtoul(argv[i], NULL, 0));
	} else {
		while (fgets(line, sizeof(line), stdin))
			query(fd, strtoul(line, NULL, 0));
	}
	close(fd);
	return 0;
}
