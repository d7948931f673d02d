#!/bin/sh
# Part 2.3: the module prints every VMA of PID 1; /proc/1/maps and smaps are the reference.
# usage: vma_dump.sh
. "$(dirname "$0")/lib.sh"
out=$PTLAB/out/vma
mkdir -p "$out"
cat /proc/1/maps >"$out/maps.txt"
cat /proc/1/smaps >"$out/smaps.txt"
echo 0 >/proc/lkp25p3
# PID 1 may map or unmap between the two reads: take the reference again to bracket the dump
cat /proc/1/maps >"$out/maps-after.txt"
