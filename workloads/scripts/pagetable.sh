#!/bin/sh
# The pagetable module: load it with pid= of a process holding a buffer (the load dumps every
# VA->PA run of that process), then ask the ioctl for every page and compare with pagemap.
# usage: pagetable.sh SIZE
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/pagetable
start_held "$out" --scheme whole --size "$1" --thp default
rmmod pagetable 2>/dev/null || true
insmod "$KMOD/pagetable/pagetable.ko" pid="$HELD_PID"
"$BIN/getpfn" --chunks "$out/memalloc.out" >"$out/getpfn.csv" 2>"$out/getpfn.err"
"$BIN/getpfn" --chunks "$out/memalloc.out" --ex >"$out/getpfn-ex.csv" 2>>"$out/getpfn.err"
"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode batched --out "$out/pagemap.csv" \
	2>"$out/pagemap.err"
rmmod pagetable
stop_held
