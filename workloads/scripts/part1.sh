#!/bin/sh
# Part 1 for one scheme: memalloc holds 2 GiB (or --size) allocated that way; pagemap translates
# every page of it, once with one pread per page and once batched.
# usage: part1.sh SCHEME SIZE THP "MODES"
. "$(dirname "$0")/lib.sh"
scheme=$1 size=$2 thp=$3 modes=$4
out=$PTLAB/out/part1/$scheme
start_held "$out" --scheme "$scheme" --size "$size" --thp "$thp"
for mode in $modes; do
	"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode "$mode" \
		--out "$out/pagemap-$mode.csv" 2>"$out/pagemap-$mode.err"
done
cat "/proc/$HELD_PID/smaps" >"$out/smaps.txt"
stop_held
