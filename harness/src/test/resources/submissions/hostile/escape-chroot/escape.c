/*
 * Tries the ways out of a chroot and up to root that a build must not have, one line each:
 * "escape-chroot: <what>: denied (<errno>)" or "escape-chroot: <what>: ESCAPED". Exits 1 if any
 * attempt succeeded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int escaped;

static void report(const char *what, int ok)
{
	if (ok) {
		escaped = 1;
		printf("escape-chroot: %s: ESCAPED\n", what);
	} else {
		printf("escape-chroot: %s: denied (%s)\n", what, strerror(errno));
	}
	fflush(stdout);
}

/* chroot into a subfolder while keeping the cwd outside it, climb, chroot to the top. */
static int classic_chroot_escape(void)
{
	int i;

	mkdir("jail", 0755);
	if (chroot("jail") != 0)
		return 0;
	for (i = 0; i < 256; i++)
		if (chdir("..") != 0)
			break;
	return chroot(".") == 0;
}

int main(void)
{
	int fd;

	report("chroot escape", classic_chroot_escape());
	report("mknod /dev/mem", mknod("mem", S_IFCHR | 0666, makedev(1, 1)) == 0);
	report("mknod a disk", mknod("disk", S_IFBLK | 0666, makedev(8, 0)) == 0);
	report("mount tmpfs", mount("none", "/tmp", "tmpfs", 0, NULL) == 0);
	report("remount / rw", mount(NULL, "/", NULL, MS_REMOUNT, NULL) == 0);
	report("ptrace PID 1", ptrace(PTRACE_ATTACH, 1, NULL, NULL) == 0);
	report("user namespace", unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0);
	report("setuid 0", setuid(0) == 0);
	fd = open("/proc/1/root/etc/shadow", O_RDONLY);
	report("open /proc/1/root", fd >= 0);
	fd = open("/proc/sysrq-trigger", O_WRONLY);
	report("open /proc/sysrq-trigger", fd >= 0);
	return escaped;
}
