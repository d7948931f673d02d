#!/bin/sh
# A submission's pagetable assignment. Part A: the student's module loaded with PARAM=<pid> of a process the
# harness holds (a SIZE buffer, every page written), between kernel-log markers. Part B, with the module
# still loaded: the harness's prober, compiled against the student's own source (USER_SRC, so their header
# gives CMD's number), asks the ioctl for the buffer's pages as their program calls it (CONVENTION: value or
# pointer) on the first of DEVICES that exists (a node is made with mknod for the module's new major when
# none does); then the student's user program runs a few ways (a VPN argument, the pid and a VPN, no
# arguments with VPNs on stdin, a decimal VPN) until one prints the VPN it was given. The truth is the
# harness's own pagemap of the buffer, read before and after. Each step may take LIMIT_S seconds; each run
# of the student's program 10 s.
# usage: sub-pagetable.sh MODULE.ko PARAM SIZE LIMIT_S [USER_PROG USER_SRC CMD CONVENTION DEVICES]
. "$(dirname "$0")/lib.sh"
sub_start pagetable
limit=$4
prog=${5:-}
src=${6:-}
cmd=${7:-}
conv=${8:-value}
devices=${9:-}

char_majors() {
	awk '/^Character devices:/ { c = 1; next } /^$/ { c = 0 } c { print $1 }' /proc/devices | sort
}

start_held "$out" --scheme whole --size "$3" --thp default
"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode batched --out "$out/truth-before.csv" \
	2>"$out/pagemap.err"
char_majors >"$out/majors-before.txt"
ls /dev >"$out/dev-before.txt"
echo "ptlab: pagetable begin pid=$HELD_PID" >/dev/kmsg
st=0
timeout -s KILL "$limit" insmod "$1" "$2=$HELD_PID" >"$out/insmod.out" 2>&1 || st=$?
echo "ptlab: pagetable end" >/dev/kmsg

# Part B: find or make the device node
if [ "$st" -eq 0 ] && [ -n "$prog$src" ]; then
	udir=$(dirname "${prog:-$src}")
	major=$(char_majors | comm -13 "$out/majors-before.txt" - | head -n 1)
	dev=
	for d in $devices; do
		case $d in /*) p=$d ;; *) p=$udir/$d ;; esac
		if [ -c "$p" ]; then
			echo "device=$p exists" >>"$out/device.txt"
		elif [ -n "$major" ] && [ ! -e "$p" ] && mkdir -p "$(dirname "$p")" && mknod "$p" c "$major" 0; then
			echo "device=$p created with mknod c $major 0 (the module's new major)" >>"$out/device.txt"
		else
			echo "device=$p absent" >>"$out/device.txt"
			continue
		fi
		[ -n "$dev" ] || dev=$p
	done
	if [ -z "$dev" ]; then
		new=$(ls /dev | comm -13 "$out/dev-before.txt" - | head -n 1)
		if [ -n "$new" ] && [ -c "/dev/$new" ]; then
			dev=/dev/$new
			echo "device=$dev appeared with the module (the sources name none that exists)" >>"$out/device.txt"
		fi
	fi
	printf 'command=%s\nconvention=%s\n' "$cmd" "$conv" >>"$out/device.txt"
	echo "new_major=${major:-none}" >>"$out/device.txt"
	echo "chosen=${dev:-none}" >>"$out/device.txt"
	first=$(awk '/^chunk / { print $2; exit }' "$out/memalloc.out")
	len=$(awk '/^chunk / { print $3; exit }' "$out/memalloc.out")
	vpn=$((first >> 12))
	pages=$((len >> 12))
	stride=$(((pages + 4095) / 4096))
	echo "ptlab: ioctl begin" >/dev/kmsg
	if [ -n "$dev" ] && [ -n "$src" ] && [ -n "$cmd" ]; then
		ptr=0
		[ "$conv" = pointer ] && ptr=1
		cat >"$out/probe.c" <<PROBE
#include "$src"
#undef main
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
/* usage: probe DEV POINTER FIRST_VPN COUNT STRIDE; CSV: vpn,ret,errno,out0,out1 */
int main(int ptlab_argc, char **ptlab_argv)
{
	unsigned long ptlab_first, ptlab_n, ptlab_stride, ptlab_i;
	int ptlab_fd, ptlab_ptr;

	if (ptlab_argc != 6)
		return 2;
	ptlab_fd = open(ptlab_argv[1], O_RDWR);
	if (ptlab_fd < 0)
		ptlab_fd = open(ptlab_argv[1], O_RDONLY);
	if (ptlab_fd < 0) {
		perror(ptlab_argv[1]);
		return 3;
	}
	ptlab_ptr = atoi(ptlab_argv[2]);
	ptlab_first = strtoul(ptlab_argv[3], 0, 0);
	ptlab_n = strtoul(ptlab_argv[4], 0, 0);
	ptlab_stride = strtoul(ptlab_argv[5], 0, 0);
	setvbuf(stdout, 0, _IOLBF, 0);
	printf("vpn,ret,errno,out0,out1\n");
	for (ptlab_i = 0; ptlab_i < ptlab_n; ptlab_i++) {
		unsigned long ptlab_vpn = ptlab_first + ptlab_i * ptlab_stride;
		unsigned long ptlab_buf[8] = { ptlab_vpn };
		long ptlab_r;

		errno = 0;
		if (ptlab_ptr)
			ptlab_r = ioctl(ptlab_fd, (unsigned long)($cmd), ptlab_buf);
		else
			ptlab_r = ioctl(ptlab_fd, (unsigned long)($cmd), ptlab_vpn);
		printf("0x%lx,%ld,%d,0x%lx,0x%lx\n", ptlab_vpn, ptlab_r, ptlab_r < 0 ? errno : 0, ptlab_buf[0], ptlab_buf[1]);
	}
	return 0;
}
PROBE
		# the student's main and what only it calls are dropped at link time (--gc-sections), so the prober
		# needs none of their other files
		if gcc -w -O0 -Dmain=ptlab_student_main -I "$(dirname "$src")" -ffunction-sections -fdata-sections \
			-Wl,--gc-sections -o "$out/probe" "$out/probe.c" -lm -pthread >"$out/probe-build.txt" 2>&1; then
			pst=0
			timeout -s KILL "$limit" "$out/probe" "$dev" "$ptr" "$vpn" $(((pages + stride - 1) / stride)) "$stride" \
				>"$out/ioctl.csv" 2>"$out/probe.err" || pst=$?
			echo "probe_exit=$pst" >>"$out/device.txt"
		else
			echo "probe=not built" >>"$out/device.txt"
		fi
	fi
	# the student's own program, a few ways, until one prints the VPN it was given
	if [ -n "$prog" ] && [ -x "$prog" ]; then
		hex=$(printf '%x' "$vpn")
		va=$(printf '%x' "$first")
		printf '0x%x\n0x%x\n0x%x\n' "$vpn" $((vpn + pages / 2)) $((vpn + pages - 1)) >"$out/user.stdin"
		n=0
		for args in "0x$hex" "$HELD_PID 0x$hex" "" "$vpn"; do
			n=$((n + 1))
			echo "$args" >"$out/user-$n.args"
			ust=0
			# shellcheck disable=SC2086 # the attempt's words
			(
				cd "$udir"
				ulimit -f 2048
				exec timeout -s KILL 10 "$prog" $args
			) <"$out/user.stdin" >"$out/user-$n.out" 2>&1 || ust=$?
			echo "exit=$ust" >"$out/user-$n.status"
			if [ "$ust" -eq 0 ] && grep -qi -e "$hex" -e "$va" -e "$vpn" "$out/user-$n.out"; then
				break
			fi
		done
		echo "attempts=$n" >>"$out/device.txt"
	else
		echo "user_program=absent" >>"$out/device.txt"
	fi
	echo "ptlab: ioctl end" >/dev/kmsg
fi
"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode batched --out "$out/truth.csv" \
	2>>"$out/pagemap.err"
rmmod "$(basename "$1" .ko)" >>"$out/insmod.out" 2>&1 || echo "rmmod failed" >>"$out/insmod.out"
stop_held
sub_status "$st" "$limit"
echo "insmod_exit=$st" >>"$out/driver.status"
