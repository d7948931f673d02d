#!/bin/sh
# What the guest is: kernel, command line, THP policy, MGLRU state, clocksource, memory. lru_gen.txt holds
# /sys/kernel/mm/lru_gen/enabled (a hex mask; 0x0000 = MGLRU off, bit 0x0001 = on), or "absent"
# on a kernel built without MGLRU (5.10): its aging clears accessed bits (kmod/lkp25p3/README.md).
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/guest
mkdir -p "$out"
uname -r >"$out/uname.txt"
cat /proc/cmdline >"$out/cmdline.txt"
cat /sys/kernel/mm/transparent_hugepage/enabled >"$out/thp_enabled.txt"
cat /sys/kernel/mm/transparent_hugepage/defrag >"$out/thp_defrag.txt"
if [ -e /sys/kernel/mm/lru_gen/enabled ]; then
	cat /sys/kernel/mm/lru_gen/enabled >"$out/lru_gen.txt"
else
	echo absent >"$out/lru_gen.txt"
fi
# the clock behind ktime_get_ns() and CLOCK_MONOTONIC: what one timed walk or syscall pays to read it
cat /sys/devices/system/clocksource/clocksource0/current_clocksource >"$out/clocksource.txt"
cat /sys/devices/system/clocksource/clocksource0/available_clocksource >"$out/clocksource_available.txt"
cat /proc/meminfo >"$out/meminfo.txt"
gcc --version | head -n 1 >"$out/gcc.txt"
