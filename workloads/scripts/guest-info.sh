#!/bin/sh
# What the guest is: kernel, command line, THP policy, memory.
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/guest
mkdir -p "$out"
uname -r >"$out/uname.txt"
cat /proc/cmdline >"$out/cmdline.txt"
cat /sys/kernel/mm/transparent_hugepage/enabled >"$out/thp_enabled.txt"
cat /sys/kernel/mm/transparent_hugepage/defrag >"$out/thp_defrag.txt"
cat /proc/meminfo >"$out/meminfo.txt"
gcc --version | head -n 1 >"$out/gcc.txt"
