#!/bin/sh
# A huge PROT_NONE reservation (reserve) dumped by the pagetable module: insmod pid= is timed, and
# the touched pages are translated by the ioctl and by pagemap for comparison; the process's maps
# are kept in maps.txt. insmod runs on CPU 0 beside cpugap, which measures the longest time the
# dump kept it from running. Outputs in $PTLAB/out/reserve; stdout:
#   reserve_dump insmod_ms=<ms the insmod with its dump took> status=<insmod exit status> max_gap_us=<cpugap's>
# usage: reserve.sh SIZE [TOUCH]
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/reserve
rmmod pagetable 2>/dev/null || true
start_held_prog reserve "$out" --size "$1" --touch "${2:-3}"
cat "/proc/$HELD_PID/maps" >"$out/maps.txt"
taskset -c 0 "$BIN/cpugap" >"$out/cpugap.txt" &
gap_pid=$!
sleep 0.5
t0=$(date +%s%N)
status=0
taskset -c 0 insmod "$KMOD/pagetable/pagetable.ko" pid="$HELD_PID" 2>"$out/insmod.err" || status=$?
t1=$(date +%s%N)
kill -TERM "$gap_pid"
wait "$gap_pid"
gap=$(sed -n 's/.*max_gap_us=\([0-9]*\).*/\1/p' "$out/cpugap.txt")
echo "reserve_dump insmod_ms=$(((t1 - t0) / 1000000)) status=$status max_gap_us=$gap"
if [ "$status" -eq 0 ]; then
	"$BIN/getpfn" --chunks "$out/reserve.out" --ex >"$out/getpfn-ex.csv" 2>"$out/getpfn.err"
	"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/reserve.out" --mode batched \
		--out "$out/pagemap.csv" 2>"$out/pagemap.err"
	rmmod pagetable
fi
stop_held
exit "$status"
