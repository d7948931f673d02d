#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "ptwalk.h"

int main(int argc, char **argv)
{
	unsigned long vpn;
	int fd = open(DEVICE_PATH, O_RDWR);

	if (fd < 0) {
		perror("open " DEVICE_PATH);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		vpn = strtoul(argv[i], NULL, 0);
		long pfn = ioctl(fd, IOCTL_GET_PFN, &vpn);
		printf("VPN 0x%lx -> PFN 0x%lx\n", vpn, pfn);
	}
	close(fd);
	return 0;
}
