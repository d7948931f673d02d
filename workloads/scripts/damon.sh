#!/bin/sh
# Part 2.4, second witness: DAMON watches the access workload's process (operations vaddr, one
# kdamond, one context, sample 5 ms, aggregation 100 ms) while memalloc reads the same hot and warm
# pattern; every aggregation's regions come from the damon:damon_aggregated tracepoint. A separate
# phase: the lkp25p3 scanner must not run (both clear accessed bits), and DAMON_STAT is switched off
# for the phase (it runs its own kdamond on 7.2) and back on after. On a kernel without DAMON's sysfs
# interface (5.10, 6.1) status.txt says so and the step succeeds.
# The workload flushes its own TLB every FLUSH_MS (default 2; 0: never): DAMON clears accessed bits
# without a flush, and under TCG QEMU's software TLB (up to 2^22 entries) keeps the readers'
# translations, so their reads would set no accessed bit again; a hardware TLB (about 2 Ki entries)
# evicts them within microseconds. Measured on trixie, TCG: see kmod/KERNEL-NOTES.md.
# usage: damon.sh SIZE DURATION_S HOT WARM_START WARM_END WARM_PERIOD_US THP [FLUSH_MS]
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/damon
admin=/sys/kernel/mm/damon/admin
tr=/sys/kernel/tracing
stat=/sys/module/damon_stat/parameters/enabled
flush_ms=${8:-2}
mkdir -p "$out"
rm -f "$out"/*
cat >"$out/params.txt" <<PARAMS
size=$1
duration_s=$2
hot_end=$3
warm_start=$4
warm_end=$5
warm_period_us=$6
thp=$7
flush_ms=$flush_ms
sample_us=5000
aggr_us=100000
update_us=1000000
PARAMS
if [ ! -d "$admin/kdamonds" ]; then
	printf 'available=0\nreason=no /sys/kernel/mm/damon/admin (DAMON_SYSFS not built)\nkernel=%s\n' "$(uname -r)" >"$out/status.txt"
	exit 0
fi
if [ -r /proc/lkp25p3 ] && grep -qx running=1 /proc/lkp25p3; then
	echo "damon.sh: the lkp25p3 scanner is running; DAMON and the scanner must not clear A bits together" >&2
	exit 1
fi
[ -d "$tr/events" ] || mount -t tracefs nodev "$tr"
if [ ! -d "$tr/events/damon/damon_aggregated" ]; then
	printf 'available=0\nreason=no damon:damon_aggregated tracepoint\nkernel=%s\n' "$(uname -r)" >"$out/status.txt"
	exit 0
fi
stat_before=absent
if [ -e "$stat" ]; then
	stat_before=$(cat "$stat")
	echo N >"$stat"
fi
kd=$admin/kdamonds
if [ "$(cat "$kd/nr_kdamonds")" != 0 ]; then
	echo "damon.sh: $kd/nr_kdamonds is $(cat "$kd/nr_kdamonds"), expected 0 (another DAMON user?)" >&2
	exit 1
fi

# runs on every exit; each line may fail (a kdamond whose target exited is off already)
restore() {
	if [ -e "$kd/0/state" ]; then echo off >"$kd/0/state" 2>/dev/null || true; fi
	echo 0 >"$kd/nr_kdamonds" 2>/dev/null || true
	echo 0 >"$tr/events/damon/damon_aggregated/enable" 2>/dev/null || true
	echo 0 >"$tr/tracing_on" 2>/dev/null || true
	if [ "$stat_before" != absent ]; then echo "$stat_before" >"$stat" 2>/dev/null || true; fi
}
trap restore EXIT

echo 0 >"$tr/tracing_on"
echo 16384 >"$tr/buffer_size_kb"
: >"$tr/trace"
echo 1 >"$tr/events/damon/damon_aggregated/enable"

# memalloc's "scan start/stop" go to a plain file: the module's scanner stays off
: >"$out/proc-sink.txt"
"$BIN/memalloc" --part2 access --size "$1" --duration "$2" --hot "$3" --warm-start "$4" --warm-end "$5" \
	--warm-period-us "$6" --scan-period-ms 100 --report-ms 1000 --thp "$7" --proc "$out/proc-sink.txt" \
	--flush-ms "$flush_ms" --out "$out/memalloc.out" 2>"$out/memalloc.err" &
pid=$!
# the buffer is touched before the header line: DAMON starts on the pattern, not on the first faults
while ! grep -q '^access pid=' "$out/memalloc.out" 2>/dev/null; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "damon.sh: memalloc exited before it started reading:" >&2
		cat "$out/memalloc.err" >&2
		exit 1
	fi
	sleep 0.2
done

echo 1 >"$kd/nr_kdamonds"
c=$kd/0/contexts
echo 1 >"$c/nr_contexts"
echo vaddr >"$c/0/operations"
echo 5000 >"$c/0/monitoring_attrs/intervals/sample_us"
echo 100000 >"$c/0/monitoring_attrs/intervals/aggr_us"
echo 1000000 >"$c/0/monitoring_attrs/intervals/update_us"
echo 1 >"$c/0/targets/nr_targets"
echo "$pid" >"$c/0/targets/0/pid_target"
echo 1 >"$tr/tracing_on"
echo on >"$kd/0/state"
printf 'available=1\nkernel=%s\npid=%s\ndamon_stat_before=%s\n' "$(uname -r)" "$pid" "$stat_before" >"$out/status.txt"

status=0
wait "$pid" || status=$?
# kdamond stops by itself once its target has exited
echo 0 >"$tr/tracing_on"
cat "$tr/trace" >"$out/damon_aggregated.txt"
grep -h . "$tr/per_cpu"/cpu*/stats 2>/dev/null | grep -i overrun >"$out/trace_overruns.txt" || true
if [ "$status" -ne 0 ]; then
	echo "memalloc --part2 access (DAMON phase) exited with status $status:" >&2
	cat "$out/memalloc.err" >&2
	exit "$status"
fi
