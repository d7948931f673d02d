#!/bin/sh
# A submission's pagetable Part A: the student's module loaded with PARAM=<pid> of a process the harness
# holds (a SIZE buffer, every page written), between kernel-log markers; the truth is the harness's own
# pagemap of that buffer, read before and after the load. The load may take LIMIT_S seconds.
# usage: sub-pagetable.sh MODULE.ko PARAM SIZE LIMIT_S
. "$(dirname "$0")/lib.sh"
sub_start pagetable
start_held "$out" --scheme whole --size "$3" --thp default
"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode batched --out "$out/truth-before.csv" \
	2>"$out/pagemap.err"
echo "ptlab: pagetable begin pid=$HELD_PID" >/dev/kmsg
st=0
timeout -s KILL "$4" insmod "$1" "$2=$HELD_PID" >"$out/insmod.out" 2>&1 || st=$?
echo "ptlab: pagetable end" >/dev/kmsg
"$BIN/pagemap" --pid "$HELD_PID" --chunks "$out/memalloc.out" --mode batched --out "$out/truth.csv" \
	2>>"$out/pagemap.err"
rmmod "$(basename "$1" .ko)" >>"$out/insmod.out" 2>&1 || echo "rmmod failed" >>"$out/insmod.out"
stop_held
sub_status "$st" "$4"
echo "insmod_exit=$st" >>"$out/driver.status"
