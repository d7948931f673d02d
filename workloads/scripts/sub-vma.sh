#!/bin/sh
# A submission's 2.3: "echo 0 > /proc/lkp25p3" between kernel-log markers, /proc/1/maps just before and after.
# usage: sub-vma.sh LIMIT_S
. "$(dirname "$0")/lib.sh"
sub_start vma proc
cat /proc/1/maps >"$out/maps-before.txt"
echo "ptlab: vma begin" >/dev/kmsg
st=0
# what echo writes ("0" and a newline), in one write(2): a shell's echo would retry for ever on a write
# handler that returns 0, a common slip, and the part would end at its limit instead of being judged
nl='
'
timeout -s KILL "$1" "$BIN/procwrite" /proc/lkp25p3 "0$nl" >"$out/echo.out" 2>&1 || st=$?
echo "ptlab: vma end" >/dev/kmsg
cat /proc/1/maps >"$out/maps-after.txt"
sub_status "$st" "$1"
