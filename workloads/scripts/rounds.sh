#!/bin/sh
# N rounds of: insmod lkp25p3, a short scan of a held 16 MiB buffer, rmmod. Odd rounds stop the
# scan first, even rounds unload while it runs; every 10th round also loads pagetable.ko on the held
# process (a dump) and unloads it. After each rmmod neither module may be listed in /proc/modules
# and no lkp25p3_scan thread may exist. One line per round, then a summary:
#   round <i> ok scans=<scans of that round> | round <i> FAIL <why>
#   rounds n=<N> ok=<rounds ok> threads_left=<n> dmesg_bad=<Oops/BUG/WARNING/GPF lines>
# Exit status 1 when a round failed.
# usage: rounds.sh [N]
. "$(dirname "$0")/lib.sh"
n=${1:-50}
out=$PTLAB/out/rounds
LKP=$KMOD/lkp25p3/lkp25p3.ko
PT=$KMOD/pagetable/pagetable.ko
rmmod lkp25p3 2>/dev/null || true
rmmod pagetable 2>/dev/null || true
start_held "$out" --scheme whole --size 16M --thp never
addr=$(sed -n 's/^chunk \(0x[0-9a-f]*\) .*/\1/p' "$out/memalloc.out")

threads() { ps -e -o comm= | grep -c '^lkp25p3_scan$' || true; }
loaded() { grep -cE '^(lkp25p3|pagetable) ' /proc/modules || true; }

ok=0
i=1
while [ "$i" -le "$n" ]; do
	why=
	scans=-
	if ! insmod "$LKP" 2>"$out/insmod.err"; then
		why="insmod: $(cat "$out/insmod.err")"
	elif ! echo "scan start pid=$HELD_PID addr=$addr len=16777216 period_ms=10 report_ms=100" >/proc/lkp25p3; then
		why="scan start refused"
	else
		sleep 0.2
		scans=$(sed -n 's/^scans=//p' /proc/lkp25p3)
		if [ $((i % 2)) -eq 1 ] && ! echo "scan stop" >/proc/lkp25p3; then
			why="scan stop refused"
		fi
		if [ $((i % 10)) -eq 0 ]; then
			insmod "$PT" pid="$HELD_PID" max_runs=10 2>"$out/insmod.err" || why="insmod pagetable: $(cat "$out/insmod.err")"
			rmmod pagetable 2>"$out/rmmod.err" || why="rmmod pagetable: $(cat "$out/rmmod.err")"
		fi
		if ! rmmod lkp25p3 2>"$out/rmmod.err"; then
			why="${why:+$why; }rmmod: $(cat "$out/rmmod.err")"
		fi
	fi
	t=$(threads)
	m=$(loaded)
	[ "$t" -eq 0 ] || why="${why:+$why; }$t lkp25p3_scan threads left"
	[ "$m" -eq 0 ] || why="${why:+$why; }$m modules still loaded"
	if [ -z "$why" ]; then
		ok=$((ok + 1))
		echo "round $i ok scans=$scans"
	else
		echo "round $i FAIL $why"
		rmmod lkp25p3 2>/dev/null || true
		rmmod pagetable 2>/dev/null || true
	fi
	i=$((i + 1))
done
stop_held
bad=$(dmesg | grep -cE 'Oops|BUG:|WARNING:|general protection fault' || true)
echo "rounds n=$n ok=$ok threads_left=$(threads) dmesg_bad=$bad"
[ "$ok" -eq "$n" ]
