#!/bin/sh
# A submission's 2.2: xlatedrive writes VAs of its own buffer to the student's /proc/lkp25p3 one by one
# (as echo does) between kernel-log markers and takes the truth from its own pagemap.
# usage: sub-translate.sh SIZE COUNT LIMIT_S
. "$(dirname "$0")/lib.sh"
sub_start translate proc
st=0
timeout -s KILL "$3" "$BIN/xlatedrive" /proc/lkp25p3 "$1" "$2" "$out/truth.csv" >"$out/driver.out" 2>&1 || st=$?
sub_status "$st" "$3"
