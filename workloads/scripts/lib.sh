# Shared by the guest-side step scripts (sourced). The harness runs them over SSH as root with
# the sources in $PTLAB/src and results under $PTLAB/out; every script exits non-zero on failure.
set -eu
PTLAB=${PTLAB:-/root/ptlab}
BIN=$PTLAB/src/workloads
KMOD=$PTLAB/src/kmod

# start_held OUTDIR ARGS...: starts memalloc ARGS with a FIFO as stdin, waits for its "ready"
# line, and leaves its pid in $HELD_PID and the FIFO's write end open on fd 7.
start_held() {
	start_held_prog memalloc "$@"
}

# start_held_prog PROG OUTDIR ARGS...: the same for another program of $BIN that takes --out FILE,
# writes "ready" as its last line there and waits like memalloc (reserve); output in OUTDIR/PROG.out.
start_held_prog() {
	held_prog=$1 held_dir=$2
	shift 2
	mkdir -p "$held_dir"
	# a "ready" left by an earlier run in the same guest must not count for this one
	rm -f "$held_dir/ctl" "$held_dir/$held_prog.out"
	mkfifo "$held_dir/ctl"
	"$BIN/$held_prog" "$@" --out "$held_dir/$held_prog.out" <"$held_dir/ctl" 2>"$held_dir/$held_prog.err" &
	HELD_PID=$!
	exec 7>"$held_dir/ctl"
	while ! grep -qx ready "$held_dir/$held_prog.out" 2>/dev/null; do
		if ! kill -0 "$HELD_PID" 2>/dev/null; then
			echo "$held_prog $* exited before it was ready:" >&2
			cat "$held_dir/$held_prog.err" >&2
			exit 1
		fi
		sleep 0.2
	done
}

# stop_held: tells the held memalloc to exit and waits for it (its exit status is ours).
stop_held() {
	echo exit >&7
	exec 7>&-
	wait "$HELD_PID"
	rm -f "$held_dir/ctl"
}

# dump_while_alive PID OUTDIR [PARAM...]: loads pagetable.ko with pid=PID and the PARAMs (a dump at
# load) and unloads it, over and over until PID exits; leaves the number of dumps in $DUMPS and of
# failed loads in $DUMP_ERRORS.
dump_while_alive() {
	dump_pid=$1 dump_out=$2
	shift 2
	DUMPS=0 DUMP_ERRORS=0
	while kill -0 "$dump_pid" 2>/dev/null; do
		if insmod "$KMOD/pagetable/pagetable.ko" pid="$dump_pid" "$@" 2>>"$dump_out/insmod.err"; then
			DUMPS=$((DUMPS + 1))
			sleep 0.2
			# the target may hold /dev/pagetable open for a moment
			while ! rmmod pagetable 2>/dev/null; do
				sleep 0.05
			done
		elif kill -0 "$dump_pid" 2>/dev/null; then
			DUMP_ERRORS=$((DUMP_ERRORS + 1))
		fi
	done
}

# wait_ready FILE PID: waits until FILE holds a line "ready" or PID has exited.
wait_ready() {
	while ! grep -qx ready "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do
		sleep 0.1
	done
}

# sub_start PART [proc]: $out, the output folder of a submission's part, with userspace records into
# /dev/kmsg unthrottled (the markers must all arrive); with "proc", exits 0 with proc=absent in
# driver.status when the student's module made no /proc/lkp25p3.
sub_start() {
	out=$PTLAB/out/submission/$1
	mkdir -p "$out"
	sysctl -qw kernel.printk_devkmsg=on
	if [ "${2:-}" = proc ] && [ ! -e /proc/lkp25p3 ]; then
		echo "proc=absent" >"$out/driver.status"
		exit 0
	fi
}

# sub_status STATUS LIMIT_S: driver.status of a driver that ended with STATUS under timeout -s KILL LIMIT_S.
sub_status() {
	timed_out=0
	if [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; then
		timed_out=1
	fi
	printf 'proc=present\nexit=%s\ntimed_out=%s\nlimit_s=%s\n' "$1" "$timed_out" "$2" >"$out/driver.status"
}
