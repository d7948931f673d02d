#!/bin/sh
# PTE tables that become THPs under the pagetable dump: runs thpflip for SECONDS on a SIZE shmem
# file and meanwhile loads pagetable.ko with pid= (a dump of thpflip) and unloads it in a loop.
# DELAY_US, when given, is the module's race_delay_us (the dump sleeps between its read of a PMD
# and its locked read of the table, so the collapse lands in between).
# Outputs in $PTLAB/out/thpflip; stdout: thpflip's line, then
#   thpflip_dumps dumps=<insmods that dumped> insmod_errors=<n>
# usage: thpflip.sh SECONDS [SIZE [DELAY_US]]
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/thpflip
rm -rf "$out"
mkdir -p "$out"
rmmod pagetable 2>/dev/null || true
"$BIN/thpflip" --seconds "$1" --size "${2:-8M}" --out "$out/thpflip.start" \
	>"$out/thpflip.out" 2>"$out/thpflip.err" &
pid=$!
wait_ready "$out/thpflip.start" "$pid"
if [ -n "${3:-}" ]; then
	dump_while_alive "$pid" "$out" race_delay_us="$3"
else
	dump_while_alive "$pid" "$out"
fi
status=0
wait "$pid" || status=$?
cat "$out/thpflip.out" "$out/thpflip.err"
echo "thpflip_dumps dumps=$DUMPS insmod_errors=$DUMP_ERRORS"
exit "$status"
