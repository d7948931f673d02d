#!/bin/sh
# Part 2.4: the A-bit scanner watches a 1 GiB buffer while memalloc reads [0,hot) flat out and
# [warm_start,warm_end) once per warm period; progress lines go to stdout as they happen.
# usage: access.sh SIZE DURATION_S HOT WARM_START WARM_END WARM_PERIOD_US SCAN_MS REPORT_MS THP
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/access
mkdir -p "$out"
cat >"$out/params.txt" <<PARAMS
size=$1
duration_s=$2
hot_end=$3
warm_start=$4
warm_end=$5
warm_period_us=$6
scan_period_ms=$7
report_ms=$8
thp=$9
PARAMS
# sh has no pipefail: memalloc's status travels through a file
{
	"$BIN/memalloc" --part2 access --size "$1" --duration "$2" --hot "$3" --warm-start "$4" --warm-end "$5" \
		--warm-period-us "$6" --scan-period-ms "$7" --report-ms "$8" --thp "$9" 2>"$out/memalloc.err"
	echo $? >"$out/memalloc.status"
} | tee "$out/memalloc.out"
status=$(cat "$out/memalloc.status")
if [ "$status" -ne 0 ]; then
	echo "memalloc --part2 access exited with status $status:" >&2
	cat "$out/memalloc.err" >&2
	exit "$status"
fi
cat /proc/lkp25p3 >"$out/lkp25p3-state.txt"
