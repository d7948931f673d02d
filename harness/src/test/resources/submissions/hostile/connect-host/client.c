/* Connects to 127.0.0.1:47613 and [::1]:47613 and says what happened. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PORT 47613

static int try_connect(int family, const char *addr)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len;
	int fd, ok;

	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(PORT);
		inet_pton(AF_INET, addr, &a->sin_addr);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(PORT);
		inet_pton(AF_INET6, addr, &a->sin6_addr);
		len = sizeof(*a);
	}
	fd = socket(family, SOCK_STREAM, 0);
	if (fd < 0) {
		printf("connect-host: %s: socket: %s\n", addr, strerror(errno));
		return 0;
	}
	ok = connect(fd, (struct sockaddr *)&ss, len) == 0;
	if (ok)
		printf("connect-host: %s: CONNECTED\n", addr);
	else
		printf("connect-host: %s: denied (%s)\n", addr, strerror(errno));
	close(fd);
	return ok;
}

int main(void)
{
	int connected = try_connect(AF_INET, "127.0.0.1");

	connected |= try_connect(AF_INET6, "::1");
	return connected;
}
