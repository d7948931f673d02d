#!/bin/sh
# Part 2.2: memalloc writes its own page VAs to /proc/lkp25p3 (a write runs in the writer's mm),
# then stays alive while pagemap translates the same pages, so both methods see one mapping.
# write-lat.csv times every write() the way pagemap times its pread() (the syscall comparison).
# usage: xlate.sh SIZE PAGES BATCH THP
. "$(dirname "$0")/lib.sh"
size=$1 pages=$2 batch=$3 thp=$4
out=$PTLAB/out/xlate
set -- --part2 xlate --size "$size" --batch "$batch" --thp "$thp" --hold --write-lat "$out/write-lat.csv"
[ "$pages" -gt 0 ] && set -- "$@" --pages "$pages"
start_held "$out" "$@"
for mode in per-page batched; do
	"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode "$mode" \
		--out "$out/pagemap-$mode.csv" 2>"$out/pagemap-$mode.err"
done
stop_held
