#!/bin/sh
# Shared hugetlb PMD tables unshared under the modules' walks: reserves huge pages, loads lkp25p3,
# runs hugeshare for SECONDS on SIZE bytes of a shared hugetlbfs file (its scanner, xlate writes and
# ioctls), and meanwhile loads pagetable.ko with pid= (a dump of hugeshare) and unloads it in a loop.
# Outputs in $PTLAB/out/hugeshare; stdout: hugeshare's line, then
#   hugeshare_dumps dumps=<insmods that dumped> insmod_errors=<n>
# usage: hugeshare.sh SECONDS [SIZE]
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/hugeshare
rm -rf "$out"
mkdir -p "$out"
rmmod lkp25p3 2>/dev/null || true
rmmod pagetable 2>/dev/null || true
hp=$(cat /proc/sys/vm/nr_hugepages)
echo 16 >/proc/sys/vm/nr_hugepages
insmod "$KMOD/lkp25p3/lkp25p3.ko"
"$BIN/hugeshare" --seconds "$1" --size "${2:-8M}" --out "$out/hugeshare.start" \
	>"$out/hugeshare.out" 2>"$out/hugeshare.err" &
pid=$!
wait_ready "$out/hugeshare.start" "$pid"
dump_while_alive "$pid" "$out"
status=0
wait "$pid" || status=$?
rmmod lkp25p3
echo "$hp" >/proc/sys/vm/nr_hugepages
cat "$out/hugeshare.out" "$out/hugeshare.err"
echo "hugeshare_dumps dumps=$DUMPS insmod_errors=$DUMP_ERRORS"
exit "$status"
